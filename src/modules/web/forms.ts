import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../../shared/domain/domain-error.js';
import { flatten } from '../../shared/http/validation.js';

/** A page form's fields as posted (application/x-www-form-urlencoded: strings and string arrays). */
export type FormBody = Record<string, string | string[] | undefined>;

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Checks a page form with the API's own DTO (the same rules as the JSON API), after `shape`
 * has turned the strings into the DTO's types. Errors come back per field, to show beside it;
 * the form's `_csrf` field is the guard's business and is never part of the value.
 */
export async function validateForm<T extends object>(dto: new () => T, shaped: Record<string, unknown>): Promise<FormResult<T>> {
  const instance = plainToInstance(dto, shaped, { enableImplicitConversion: false });
  const problems = flatten(await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } }));
  if (problems.length === 0) return { ok: true, value: instance };
  const errors: FieldErrors = {};
  for (const p of problems) errors[p.field.split('.')[0] as string] ??= sentence(p.problems[0] ?? 'is not valid');
  return { ok: false, errors };
}

/** A domain refusal (422 and friends) shown on the form: on its field when it names one. */
export function domainErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof DomainError) || error.kind === 'unavailable') return null;
  const field = typeof error.details?.field === 'string' ? error.details.field : 'form';
  return { [field]: error.message };
}

/** Form helpers: an empty field is "not given"; a list field may come as one string or several. */
export const formText = (value: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};
export const formList = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []).map((v) => v.trim()).filter(Boolean);
export const formNumber = (value: string | string[] | undefined): number | string | undefined => {
  const v = formText(value);
  return v === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
};
export const formBoolean = (value: string | string[] | undefined): boolean => formText(value) === 'true' || formText(value) === 'on';

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}
