import type Handlebars from 'handlebars';

/**
 * The few helpers the notice templates use. Every helper returns plain strings (never a
 * SafeString), so Handlebars escapes what they produce like any other value.
 */
type HelperOptions = Handlebars.HelperOptions;

/**
 * `{{#fact consequences}}{{this}}{{else}}to be provided later{{/fact}}`: renders the block with
 * the fact's value as context (and as a block parameter: `{{#fact x as |v|}}`) when the fact
 * is provided, else the inverse with the current context.
 */
function fact(this: unknown, subject: unknown, options: HelperOptions): string {
  if (typeof options?.fn !== 'function') throw new Error('fact: use it as a block helper ({{#fact x}}...{{else}}...{{/fact}})');
  if (typeof subject !== 'object' || subject === null || Array.isArray(subject)) throw new Error(`fact: expected a Fact { value, provided }, got ${describe(subject)}`);
  // Read, not probed with `in`: the guarded view model names a missing field.
  const { provided, value } = subject as { provided?: unknown; value?: unknown };
  if (typeof provided !== 'boolean' || value === undefined) throw new Error('fact: expected a Fact { value, provided }, got an object without them');
  if (provided && value !== null) return options.fn(value, { data: options.data, blockParams: [value] });
  return options.inverse(this);
}

/** `{{join list ", "}}`, or `{{join list ", " "label"}}` to join one property of each item. */
function join(list: unknown, separator: unknown, ...rest: unknown[]): string {
  if (!Array.isArray(list)) throw new Error(`join: expected a list, got ${describe(list)}`);
  if (typeof separator !== 'string') throw new Error('join: the separator must be a string');
  const property = rest.length > 1 ? rest[0] : undefined;
  if (property !== undefined && typeof property !== 'string') throw new Error('join: the property name must be a string');
  return list
    .map((item: unknown) => {
      if (property === undefined) return String(item);
      const value = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[property] : undefined;
      if (value === undefined) throw new Error(`join: "${property}" not defined in a list item`);
      return String(value);
    })
    .join(separator);
}

/** `{{#if (eq status "done")}}`. */
function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** `{{#if (or contact.email contact.phone)}}`: true when any argument is truthy. */
function or(...args: unknown[]): boolean {
  return args.slice(0, -1).some(Boolean);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value;
}

export const TEMPLATE_HELPERS: Readonly<Record<string, Handlebars.HelperDelegate>> = { fact, join, eq, or };

export function registerHelpers(hb: typeof Handlebars): void {
  for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) hb.registerHelper(name, helper);
}
