import { applyDecorators } from '@nestjs/common';
import { IsISO31661Alpha2, Matches, registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { isIanaTimeZone, parseInstant } from '../domain/time.js';

/** ISO 3166-1 alpha-2, upper case ("FI", "GB"). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    Matches(/^[A-Z]{2}$/, { ...options, message: '$property must be an upper-case ISO 3166-1 alpha-2 code such as FI' }),
    IsISO31661Alpha2({ ...options, message: '$property must be an ISO 3166-1 alpha-2 country code' }),
  );
}

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Europe/Helsinki', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIanaTimeZone(value) },
    });
}

/** An RFC 3339 instant with an explicit offset ("2026-11-20T08:30:00Z", "...+02:00"). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: '$property must be an ISO 8601 timestamp with an offset, such as 2026-11-20T08:30:00Z or 2026-11-20T10:30:00+02:00',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== undefined },
    });
}

/** Parses a value already checked by IsInstant; null stays null, undefined stays undefined. */
export function toInstant(value: string): Date;
export function toInstant(value: string | null): Date | null;
export function toInstant(value: string | null | undefined): Date | null | undefined;
export function toInstant(value: string | null | undefined): Date | null | undefined {
  if (value === null || value === undefined) return value;
  const parsed = parseInstant(value);
  if (!parsed) throw new TypeError(`not an instant: ${value}`);
  return parsed;
}

/**
 * May be left out, but when given must be valid: unlike @IsOptional, null is not "absent"
 * (for fields the database cannot hold as null, a PATCH with null must be a 400, not a 500).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
