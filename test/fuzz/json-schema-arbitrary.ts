import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema object the request bodies of this API use. */
export interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: readonly unknown[];
  properties?: Record<string, SchemaObject>;
  required?: readonly string[];
  items?: SchemaObject;
  nullable?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  default?: unknown;
  allOf?: readonly SchemaObject[];
  oneOf?: readonly SchemaObject[];
  anyOf?: readonly SchemaObject[];
}

/**
 * Values worth trying for a property, by its name (real ids, country codes, time zones...):
 * purely random strings never get past the validators, so the deeper code would go untested.
 */
export type Hints = (property: string) => fc.Arbitrary<unknown> | undefined;

export interface SchemaContext {
  readonly components: Record<string, SchemaObject>;
  readonly hints: Hints;
}

/** The fixed clock during the fuzz run (after the worlds' first escalations fired). */
export const FUZZ_NOW = '2026-11-24T12:00:00Z';
/** Instants are generated up to a day after it: a few land in the future. */
const NOW_MS = Date.parse(FUZZ_NOW);
const OFFSETS = ['Z', '+00:00', '+01:00', '+02:00', '-05:00', '+05:45', '+14:00', '-12:00'];

function withOffset(ms: number, offset: string): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString();
  return `${local.slice(0, -1)}${offset}`;
}

export const INVALID_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-11-23T12:00:00', // no offset
  '2026-11-23',
  '2026-11-23T25:61:00Z',
  'not a date',
  '',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1970-01-01T00:00:00Z',
  '2026-11-23T12:00:00+24:00',
  '2026-11-23T12:00:00.123456789Z',
  '2026-W48-1T12:00:00Z',
  '1764000000000',
];

/** Instants around the fixed clock, with and without offsets, plus a few that are not dates. */
export const dateTime = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.integer({ min: NOW_MS - 60 * 86_400_000, max: NOW_MS + 86_400_000 }), fc.constantFrom(...OFFSETS)).map(([ms, o]) => withOffset(ms, o)) },
    { weight: 2, arbitrary: fc.constantFrom(...INVALID_DATES) },
    { weight: 1, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }) },
  );

const text = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.string({ minLength, maxLength }) },
    // Any code point: lone surrogates, U+0000 (which PostgreSQL text refuses), RTL marks...
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.constantFrom("'; DROP TABLE incidents; --", '{{title}}', '<script>alert(1)</script>', '=HYPERLINK("x")', '\u0000', '%00', '../../etc/passwd', '\ud800', 'ß'.repeat(50)) },
  );

function stringArbitrary(schema: SchemaObject): fc.Arbitrary<unknown> {
  if (schema.format === 'date-time') return dateTime();
  if (schema.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF') });
  if (schema.format === 'email') return fc.oneof(fc.emailAddress(), text(0, 30));
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 60;
  const boundaries = [min, max, Math.max(0, min - 1), max + 1].map((n) => 'x'.repeat(n));
  return fc.oneof(
    { weight: 5, arbitrary: text(min, Math.min(max, min + 60)) },
    { weight: 1, arbitrary: fc.constantFrom(...boundaries) },
  );
}

function numberArbitrary(schema: SchemaObject, integer: boolean): fc.Arbitrary<unknown> {
  const min = schema.minimum ?? -1e6;
  const max = schema.maximum ?? 1e6;
  const inRange = integer || Number.isInteger(min) ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  return fc.oneof(
    { weight: 5, arbitrary: inRange },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, min + 0.5, -1, 0, 2 ** 53 + 2) },
  );
}

/** A value meant to satisfy `schema` (edges included: bounds, boundary lengths, optional keys left out). */
export function arbitraryFor(schema: SchemaObject, ctx: SchemaContext, property?: string): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, ctx);
  const hint = property !== undefined ? ctx.hints(property) : undefined;
  const own = hint ? fc.oneof({ weight: 4, arbitrary: hint }, { weight: 1, arbitrary: plain(resolved, ctx) }) : plain(resolved, ctx);
  return resolved.nullable ? fc.option(own, { nil: null, freq: 8 }) : own;
}

function plain(schema: SchemaObject, ctx: SchemaContext): fc.Arbitrary<unknown> {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, ctx)));
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  switch (effectiveType(schema) ?? 'any') {
    case 'string':
      return stringArbitrary(schema);
    case 'number':
      return numberArbitrary(schema, false);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = resolve(schema.items ?? {}, ctx);
      // A set of enum values ("breachTypes"), sometimes empty, sometimes with a repeat.
      if (items.enum && items.enum.length > 0) {
        const set = fc.uniqueArray(fc.constantFrom(...items.enum), { minLength: 1, maxLength: items.enum.length });
        return fc.oneof({ weight: 5, arbitrary: set }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...items.enum), { maxLength: 4 }) });
      }
      return fc.array(arbitraryFor(items, ctx), { maxLength: 5 });
    }
    case 'object': {
      if (!schema.properties) return fc.object({ maxDepth: 2 });
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(schema.properties)) model[name] = arbitraryFor(property, ctx, name);
      return fc.record(model, { requiredKeys: [...(schema.required ?? [])] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * @nestjs/swagger documents a `string | null` property without an explicit type as
 * `type: object` (reflected metadata is Object); its string keywords give it away.
 */
export function effectiveType(schema: SchemaObject): string | undefined {
  const stringish = schema.format !== undefined || schema.maxLength !== undefined || schema.minLength !== undefined || typeof schema.example === 'string';
  if (schema.type === 'object' && !schema.properties && stringish) return 'string';
  return schema.type ?? (schema.properties ? 'object' : undefined);
}

/** `$ref` into `components.schemas`, and `allOf` merged into one schema. */
export function resolve(schema: SchemaObject, ctx: SchemaContext): SchemaObject {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = ctx.components[name];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return resolve(target, ctx);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(s, ctx));
    return parts.reduce<SchemaObject>(
      (acc, p) => ({ ...acc, ...p, properties: { ...acc.properties, ...p.properties }, required: [...(acc.required ?? []), ...(p.required ?? [])] }),
      { ...schema, allOf: undefined },
    );
  }
  return schema;
}
