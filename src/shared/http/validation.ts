import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  readonly field: string;
  readonly problems: readonly string[];
}

export function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own: FieldProblem[] = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The global pipe: unknown fields are refused (not silently dropped), types are converted
 * only where a DTO says so, and the 400 names every offending field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = details.map((d) => d.field);
      return new BadRequestException({
        message: `Invalid request: ${details.map((d) => d.problems.join(', ')).join('; ')}`,
        code: 'REQUEST.VALIDATION_FAILED',
        details: { fields, problems: details },
      });
    },
  });
}
