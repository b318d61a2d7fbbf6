import { type IncidentController, MAX_CONTROLLERS } from '../../incidents/domain/incident-controllers.js';

/**
 * The controllers of a processor incident (GDPR Art. 33(2)) as the pages take them: a
 * textarea, one controller a line, "Name; e-mail; reference", the e-mail and the reference
 * optional ("Kauppa Oy", "Koulu ry; ; DPA-2024-117"). It works without JavaScript and for up
 * to 50 controllers, where repeated fieldsets would not. A part cannot hold ";".
 */

export interface ControllerLine {
  /** The line of the textarea it was typed on, counting blank lines (what the user sees). */
  readonly line: number;
  readonly name: string;
  readonly contactEmail: string | null;
  readonly reference: string | null;
}

export type ControllerLines = { readonly ok: true; readonly controllers: readonly ControllerLine[] } | { readonly ok: false; readonly error: string };

/** What each part is called in an error, by the API's field name. */
const PARTS: Readonly<Record<string, string>> = {
  name: 'the name (first part)',
  contactEmail: 'the e-mail (second part)',
  reference: 'the reference (third part)',
};

/**
 * Reads the textarea strictly: blank lines are skipped, any other line needs a name and at
 * most three parts, and there are at most MAX_CONTROLLERS of them. The parts themselves (an
 * e-mail that is not one, a name too long) are the API's DTO's to check, worded by
 * `controllerLineProblem`.
 */
export function parseControllerLines(text: string): ControllerLines {
  const controllers: ControllerLine[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const line = index + 1;
    const parts = raw.split(';').map((p) => p.trim());
    if (parts.length > 3) {
      return { ok: false, error: `${lineLabel(line, raw)} has ${parts.length} parts separated by “;”; a line holds at most three: Name; e-mail; reference.` };
    }
    const [name = '', contactEmail = '', reference = ''] = parts;
    if (name === '') return { ok: false, error: `${lineLabel(line, raw)} has no name: a line starts with the controller’s name.` };
    controllers.push({ line, name, contactEmail: contactEmail || null, reference: reference || null });
  }
  if (controllers.length > MAX_CONTROLLERS) {
    return { ok: false, error: `${controllers.length} controllers: one incident names at most ${MAX_CONTROLLERS}. Record one incident per group of controllers.` };
  }
  return { ok: true, controllers };
}

/** A part the API's DTO refused, as said beside the field: "Line 2 (“Kauppa Oy; x”): the e-mail (second part) must be an e-mail address." */
export function controllerLineProblem(controller: ControllerLine, field: string, message: string): string {
  const raw = [controller.name, controller.contactEmail ?? '', controller.reference ?? ''].join('; ').replace(/(; )+$/, '');
  // The DTO's message starts with its field's name ("ContactEmail must be ..."): the part's name replaces it.
  const rule = message.replace(/^\S+\s+/, '');
  return `${lineLabel(controller.line, raw)}: ${PARTS[field] ?? field} ${rule}`;
}

/** The stored list as the textarea shows it, one controller a line, empty parts at the end left out. */
export function controllerLinesText(controllers: readonly IncidentController[]): string {
  return controllers.map((c) => [c.name, c.contactEmail ?? '', c.reference ?? ''].join('; ').replace(/(; )+$/, '')).join('\n');
}

/** "Line 3 (“Kauppa Oy; x@y; a; b”)": the number, and the text to find it by (shortened). */
function lineLabel(line: number, raw: string): string {
  const shown = raw.trim();
  return `Line ${line} (“${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}”)`;
}
