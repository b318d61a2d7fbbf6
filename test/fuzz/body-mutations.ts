import fc from 'fast-check';
import { INVALID_DATES } from './json-schema-arbitrary.js';

/** JSON text written as is: numbers JSON.stringify cannot write (-0, 1e999), deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
  toString(): string {
    return `RawJson(${this.text.length > 60 ? `${this.text.slice(0, 60)}… (${this.text.length} chars)` : this.text})`;
  }
  /** fast-check prints counterexamples with this: a 1 MB string stays one line. */
  [fc.toStringMethod](): string {
    return this.toString();
  }
}

/** What goes over the wire: a JSON value, or raw text with its content type. */
export type FuzzBody = { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'raw'; readonly contentType: string | null; readonly text: string };

export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    // Object.keys includes an own `__proto__` key (set with defineProperty below).
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function describeBody(body: FuzzBody): string {
  const text = body.kind === 'json' ? toJsonText(body.value) : body.text;
  const shown = text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;
  return body.kind === 'json' ? `json ${shown}` : `raw (${body.contentType ?? 'no content type'}) ${shown}`;
}

/** Sets own enumerable keys, `__proto__` included, without touching any prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const SPECIAL_NUMBERS = ['1e308', '-1e308', '-0', '1e999', '-1e999', '5e-324', '1e-400', '9007199254740993', '0.1e1', '123456789012345678901234567890'];
const SPECIAL_STRINGS = ['NaN', 'Infinity', '-Infinity', '1e308', '-0', 'true', 'null', 'undefined', '0x10', ' 12 ', ''];
const UNKNOWN_KEYS = ['id', 'createdAt', 'updatedAt', 'version', 'reference', 'status', 'passwordHash', 'isAdmin', 'organisation', 'constructor', 'prototype', 'toString', 'hasOwnProperty', ''];
const HUGE_SIZES = [10_000, 100_000, 700_000, 1_100_000]; // the last one is over the 1 MB limit: 413

/** Anything of any type: the wrong type for most fields. */
const junk = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    fc.constantFrom(...SPECIAL_NUMBERS).map((n) => new RawJson(n)),
    fc.constantFrom(...SPECIAL_STRINGS, ...INVALID_DATES),
  );

const deepJunk = fc.tuple(fc.constantFrom(10, 100, 1_000, 10_000), fc.constantFrom('array', 'object')).map(([depth, shape]) =>
  shape === 'array' ? new RawJson(`${'['.repeat(depth)}1${']'.repeat(depth)}`) : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);

const pollution = fc.constantFrom<[string, unknown]>(
  ['__proto__', { polluted: 'yes', isAdmin: true, role: 'admin' }],
  ['constructor', { prototype: { polluted: 'yes' } }],
  ['__proto__', null],
  ['prototype', { polluted: 'yes' }],
);

type Mutation =
  | { op: 'wrongType' | 'set'; key: string; value: unknown }
  | { op: 'drop'; key: string }
  | { op: 'extra'; key: string; value: unknown }
  | { op: 'pollute'; key: string; nested: boolean; pair: [string, unknown] }
  | { op: 'huge'; key: string; size: number }
  | { op: 'wrap' | 'stringify'; key: string };

function mutation(keys: readonly string[]): fc.Arbitrary<Mutation> {
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('wrongType' as const), key, value: junk() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('drop' as const), key }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('extra' as const), key: fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ maxLength: 10 })), value: fc.jsonValue({ maxDepth: 2 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: fc.oneof(fc.constant(null), deepJunk, fc.constantFrom(...SPECIAL_NUMBERS).map((n) => new RawJson(n)), fc.constantFrom(...INVALID_DATES)) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('pollute' as const), key, nested: fc.boolean(), pair: pollution }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('huge' as const), key, size: fc.constantFrom(...HUGE_SIZES) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('wrap' as const, 'stringify' as const), key }) },
  );
}

function apply(body: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  const next: Record<string, unknown> = {};
  for (const k of Object.keys(body)) put(next, k, body[k]);
  switch (m.op) {
    case 'wrongType':
    case 'set':
    case 'extra':
      put(next, m.key, m.value);
      break;
    case 'drop':
      delete next[m.key];
      break;
    case 'huge':
      put(next, m.key, new RawJson(JSON.stringify('x'.repeat(m.size))));
      break;
    case 'wrap':
      put(next, m.key, [next[m.key] ?? null]);
      break;
    case 'stringify':
      put(next, m.key, toJsonText(next[m.key] ?? null));
      break;
    case 'pollute': {
      const inner = next[m.key];
      if (m.nested && inner !== null && typeof inner === 'object' && !Array.isArray(inner) && !(inner instanceof RawJson)) {
        const copy: Record<string, unknown> = {};
        for (const k of Object.keys(inner)) put(copy, k, (inner as Record<string, unknown>)[k]);
        put(copy, m.pair[0], m.pair[1]);
        put(next, m.key, copy);
      } else {
        put(next, m.pair[0], m.pair[1]);
      }
      break;
    }
  }
  return next;
}

/** One to three mutations of a valid body: wrong types, missing or unknown fields, junk. */
export function mutated(valid: fc.Arbitrary<unknown>, keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.array(mutation(keys), { minLength: 1, maxLength: 3 })).map(([body, mutations]) => {
    const start = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return mutations.reduce(apply, start);
  });
}

const MALFORMED_JSON = ['{', '{"a":', "{'a':1}", '{"a":1,}', '{"a":1}garbage', 'undefined', 'NaN', '[1,2', '"unterminated', '{"a":"\\x41"}', '{"a":01}', '\u0000', '{"__proto__":{"polluted":"yes"}', ' ', '\ufeff{}'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/vnd.api+json', 'application/octet-stream', 'application/json; charset=latin1', 'application/json;;', 'json', '*/*'];

/** Bodies that are not JSON, or JSON under the wrong content type. */
export function nonJson(valid: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    fc.constantFrom(...MALFORMED_JSON).map((text): FuzzBody => ({ kind: 'raw', contentType: 'application/json', text })),
    fc.string({ maxLength: 40 }).map((text): FuzzBody => ({ kind: 'raw', contentType: 'application/json', text })),
    fc.tuple(fc.constantFrom(...CONTENT_TYPES), valid).map(([contentType, v]): FuzzBody => ({ kind: 'raw', contentType, text: toJsonText(v) })),
    fc.constantFrom('a=1&b=2', 'email=x%40y.z&password[]=1', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n').map((text): FuzzBody => ({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', text })),
  );
}

/** The mix sent to one route: valid (by the schema), mutated, arbitrary JSON, and not JSON at all. */
export function bodies(valid: fc.Arbitrary<unknown>, keys: readonly string[]): fc.Arbitrary<FuzzBody> {
  const json = (v: fc.Arbitrary<unknown>) => v.map((value): FuzzBody => ({ kind: 'json', value }));
  return fc.oneof(
    { weight: 3, arbitrary: json(valid) },
    { weight: 5, arbitrary: json(mutated(valid, keys)) },
    { weight: 1, arbitrary: json(fc.json({ maxDepth: 3 }).map((text) => new RawJson(text))) },
    { weight: 1, arbitrary: nonJson(valid) },
  );
}
