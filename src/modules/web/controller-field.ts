import { ControllerDto } from '../incidents/dto/incident.dto.js';
import { controllerLineProblem, parseControllerLines } from './domain/controller-lines.js';
import { type FieldErrors, validateForm } from './forms.js';

/**
 * The controllers textarea refused by the API's DTO, worded by line: the line that does not
 * read (parseControllerLines), else the first line whose parts ControllerDto refuses (the
 * same rules as the JSON API). The DTO alone would say "controllers.2.contactEmail", which
 * names neither the line nor the part. Other fields' errors are kept as they are.
 */
export async function controllerLineErrors(errors: FieldErrors, posted: string | string[] | undefined): Promise<FieldErrors> {
  if (!errors.controllers || posted === undefined) return errors;
  const parsed = parseControllerLines(Array.isArray(posted) ? (posted[0] ?? '') : posted);
  if (!parsed.ok) return { ...errors, controllers: parsed.error };
  for (const controller of parsed.controllers) {
    const checked = await validateForm(ControllerDto, { name: controller.name, contactEmail: controller.contactEmail, reference: controller.reference });
    const [field, message] = checked.ok ? [] : (Object.entries(checked.errors)[0] ?? []);
    if (field !== undefined && message !== undefined) return { ...errors, controllers: controllerLineProblem(controller, field, message) };
  }
  return errors;
}
