import 'reflect-metadata';
import { type ArgumentMetadata, HttpException, type PipeTransform } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import fc from 'fast-check';
import * as alerts from '../../modules/alerts/dto/channel.dto.js';
import * as deliveries from '../../modules/alerts/deliveries.controller.js';
import * as assessment from '../../modules/assessment/dto/breach-facts.dto.js';
import * as audit from '../../modules/audit/audit.controller.js';
import * as users from '../../modules/auth/dto/user.dto.js';
import * as documents from '../../modules/documents/dto/document.dto.js';
import * as incidents from '../../modules/incidents/dto/incident.dto.js';
import * as obligations from '../../modules/obligations/dto/obligation.dto.js';
import * as organisations from '../../modules/organisations/dto/organisation.dto.js';
import * as register from '../../modules/register/dto/register.dto.js';
import * as pagination from './pagination.js';
import { createValidationPipe } from './validation.js';
import { SLOW_PATH, ValidationFastPath } from './validation-fast-path.js';

type Constructor = new () => object;
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** Every class of the API's modules with validation rules: the request bodies and queries. */
const DTOS: Constructor[] = [alerts, deliveries, assessment, audit, users, documents, incidents, obligations, organisations, register, pagination]
  .flatMap((module) => Object.values(module as Record<string, unknown>))
  // Views (answers) are left out: a view of a DTO inherits its rules but is never a request.
  .filter((value): value is Constructor => typeof value === 'function' && !value.name.endsWith('View') && rulesOf(value as Constructor).length > 0);

function rulesOf(type: Constructor): ValidationMetadata[] {
  return getMetadataStorage().getTargetValidationMetadatas(type, undefined as unknown as string, false, false, undefined as unknown as string[]);
}

/** The pipe with the fast path, counting its answers, and the pipe without it: the reference. */
function pipes(): { fast: PipeTransform; slow: PipeTransform; answered: () => number } {
  const fastPath = new ValidationFastPath();
  let answered = 0;
  const run = fastPath.run.bind(fastPath);
  fastPath.run = (value, metatype) => {
    const result = run(value, metatype);
    if (result !== SLOW_PATH) answered += 1;
    return result;
  };
  return { fast: createValidationPipe({ fastPath }), slow: createValidationPipe({ fastPath: null }), answered: () => answered };
}

type Outcome = { ok: true; value: unknown } | { ok: false; status: number; body: unknown } | { ok: false; thrown: string };

async function outcome(pipe: PipeTransform, value: unknown, metadata: ArgumentMetadata): Promise<Outcome> {
  try {
    return { ok: true, value: await pipe.transform(value, metadata) };
  } catch (error) {
    if (error instanceof HttpException) return { ok: false, status: error.getStatus(), body: error.getResponse() };
    return { ok: false, thrown: String(error) };
  }
}

/** Deep equality that also compares prototypes, key order and own keys holding undefined. */
function same(a: unknown, b: unknown, path = '$'): string | null {
  if (typeof a !== typeof b) return `${path}: ${typeof a} vs ${typeof b}`;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? null : `${path}: ${String(a)} vs ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime()) ? null : `${path}: dates differ`;
  const keysA = Reflect.ownKeys(a);
  const keysB = Reflect.ownKeys(b);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return `${path}: keys [${keysA.map(String).join(',')}] vs [${keysB.map(String).join(',')}]`;
  for (const key of keysA) {
    const found = same((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    if (found) return found;
  }
  return null;
}

/** A copy with the same own keys (`__proto__` included) and prototypes of plain objects and arrays. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) Object.defineProperty(out, key, { value: copy((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Keys the fast path leaves to the full pipe by design: class-transformer strips or drops them. */
function hasDeclinedKey(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasDeclinedKey);
  return Object.keys(value).some(
    (key) => ['__proto__', 'constructor', 'prototype'].includes(key) || key in Object.prototype || hasDeclinedKey((value as Record<string, unknown>)[key]),
  );
}

const SET_OF_KEYS = ['id', 'createdAt', 'version', 'status', '', 'toString', 'hasOwnProperty', 'constructor', 'prototype', '__proto__'];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('10', '-1', '1e3', ' 12 ', 'true', ''),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

/** Values for one property, mostly ones its rules allow (read from the rules themselves), some junk. */
function propertyValue(type: Constructor, property: string, rules: ValidationMetadata[], depth: number): fc.Arbitrary<unknown> {
  const storage = getMetadataStorage();
  const named = new Map<string, ValidationMetadata>();
  for (const rule of rules) {
    if (rule.type === 'customValidation') for (const c of storage.getTargetValidatorConstraints(rule.constraintCls)) named.set(c.name ?? '', rule);
    else named.set(rule.type, rule);
  }
  const number = (name: string, fallback: number): number => (named.get(name)?.constraints[0] as number | undefined) ?? fallback;
  const typeFunction = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction;
  const nestedType = named.has('nestedValidation') && typeFunction ? (typeFunction() as Constructor) : undefined;

  // Mostly values the property's rules allow, now and then a near miss.
  const mostly = (valid: fc.Arbitrary<unknown>, ...misses: unknown[]): fc.Arbitrary<unknown> =>
    fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...misses) });
  let item: fc.Arbitrary<unknown>;
  if (nestedType) item = depth < 3 ? objectOf(nestedType, depth + 1) : fc.constant({});
  else if (named.has('isIn')) item = mostly(fc.constantFrom(...(named.get('isIn')!.constraints[0] as unknown[])), 'other');
  else if (named.has('isUuid')) item = mostly(fc.uuid(), 'not-a-uuid');
  else if (named.has('isInstant')) item = mostly(fc.constantFrom('2026-11-20T08:30:00Z', '2026-11-20T10:30:00+02:00', '2026-11-20T08:30:00.123456Z'), '2026-02-30T10:00:00Z', '2026-11-20');
  else if (named.has('isEmail')) item = mostly(fc.emailAddress(), 'no-at-sign');
  else if (named.has('isISO31661Alpha2')) item = mostly(fc.constantFrom('FI', 'SE', 'DE', 'GB'), 'XX', 'fi');
  else if (named.has('isIanaTimeZone')) item = mostly(fc.constantFrom('Europe/Helsinki', 'UTC', 'America/New_York'), 'Mars/Base');
  else if (named.has('isUrl')) item = mostly(fc.webUrl(), 'not a url');
  else if (named.has('matches')) item = mostly(fc.stringMatching(named.get('matches')!.constraints[0] as RegExp, { size: 'small' }), '', '!');
  else if (named.has('isInt') || named.has('isNumber')) {
    const min = number('min', -1000);
    const max = number('max', 1000);
    const inRange = fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
    item = mostly(named.has('isInt') ? inRange : fc.oneof(inRange, fc.double({ min, max, noNaN: true })), min - 1, max + 1, 0.5, String(min));
  } else if (named.has('isBoolean')) item = mostly(fc.boolean(), 'true', 1);
  else if (named.has('isObject')) item = mostly(fc.dictionary(fc.constantFrom('a', 'b', 'toString', 'nested'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), [], 'x');
  else {
    const max = number('maxLength', 40);
    const min = Math.max(number('minLength', 0), named.has('isNotEmpty') ? 1 : 0);
    item = mostly(fc.oneof(fc.string({ minLength: min, maxLength: Math.min(max, min + 30) }), fc.constant('  padded  '.slice(0, max))), '', ' ', 'x'.repeat(max + 1));
  }
  const each = rules.some((rule) => rule.each) || (nestedType !== undefined && named.has('isArray'));
  const length = { minLength: number('arrayMinSize', 0), maxLength: Math.min(number('arrayMaxSize', 6), 6) };
  const list = named.has('arrayUnique') ? fc.uniqueArray(item, { ...length, selector: (v) => JSON.stringify(v) }) : fc.array(item, length);
  const plausible = named.has('isArray') || each ? list : item;
  return fc.oneof({ weight: 40, arbitrary: plausible }, { weight: 1, arbitrary: junk });
}

const ABSENT = Symbol('absent');

/**
 * Bodies for a class: a property with no condition on it (@IsOptional, @ValidateIf) is there
 * but for one body in ten, an optional one in half; now and then an unknown key besides.
 */
function objectOf(type: Constructor, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const grouped = getMetadataStorage().groupByPropertyName(rulesOf(type));
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [property, rules] of Object.entries(grouped)) {
    const conditional = rules.some((rule) => rule.type === 'conditionalValidation');
    shape[property] = fc.option(propertyValue(type, property, rules, depth), { nil: ABSENT, freq: conditional ? 2 : 10 });
  }
  const extra = fc.option(fc.tuple(fc.constantFrom(...SET_OF_KEYS), junk), { freq: 10 });
  return fc.tuple(fc.record(shape), extra).map(([drawn, added]) => {
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(drawn)) if (value !== ABSENT) body[key] = value;
    if (added) Object.defineProperty(body, added[0], { value: added[1], enumerable: true, writable: true, configurable: true });
    return body;
  });
}

describe('ValidationFastPath against the full ValidationPipe', () => {
  it('covers the API: every module with DTOs contributes classes', () => {
    expect(DTOS.length).toBeGreaterThanOrEqual(27);
    expect(DTOS).toEqual(expect.arrayContaining([incidents.CreateIncidentDto, assessment.EvaluateAssessmentDto, pagination.PageQuery]));
  });

  it.each(DTOS.map((type) => [type.name, type] as const))('%s: same answer, same object or same 400, and the fast path answers every accepted body', async (_name, type) => {
    const { fast, slow, answered } = pipes();
    const metadata: ArgumentMetadata = { type: 'body', metatype: type, data: undefined };
    let accepted = 0;
    let expectedAnswers = 0;
    await fc.assert(
      fc.asyncProperty(objectOf(type), async (body) => {
        const before = answered();
        const [a, b] = [await outcome(fast, copy(body), metadata), await outcome(slow, copy(body), metadata)];
        if (a.ok && b.ok) {
          expect(same(a.value, b.value)).toBeNull();
          accepted += 1;
          if (!hasDeclinedKey(body)) {
            expectedAnswers += 1;
            expect(answered()).toBe(before + 1);
          }
        } else {
          expect(a).toEqual(b);
          expect(answered()).toBe(before); // never vouches for a body the full pipe refuses
        }
      }),
      { numRuns: 600, seed: 20261124 },
    );
    // Not a test of a generator that never gets past the validators: some bodies pass.
    expect(accepted).toBeGreaterThan(0);
    expect(expectedAnswers).toBeGreaterThan(0);
  });
});

// ---- the rules the fast path must hand over, on classes of its own ----

class Inner {
  @IsString() name!: string;
}

class Shapes {
  @IsOptional() @IsInt() count?: number;
  @IsOptional() @ValidateIf((o: Shapes) => o.count !== 0) @IsString() label?: string;
  @IsOptional() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)) @IsString() @MaxLength(5) trimmed?: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Inner) inner?: Inner[];
  @IsOptional() @IsIn(['a', 'b'], { each: true }) letters?: string[];
}

function IsSlowlyValid(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({ name: 'isSlowlyValid', target: target.constructor, propertyName: propertyName as string, async: true, validator: { validate: async (value: unknown) => value === 'ok' } });
}

class WithAsyncRule {
  @IsSlowlyValid() word!: string;
}

class WithThrowingTransform {
  @Transform(() => {
    throw new Error('transform failed');
  })
  @IsString()
  word!: string;
}

describe('ValidationFastPath on rules of its own', () => {
  const fastPath = new ValidationFastPath();

  it.each([
    ['all absent', {}, {}],
    ['a condition that skips the rules of its property', { count: 0, label: 7 }, { count: 0, label: 7 }],
    ['a transform before the rules', { trimmed: '  abc  ' }, { trimmed: 'abc' }],
    ['nested classes in a list', { inner: [{ name: 'x' }, { name: 'y' }] }, { inner: [{ name: 'x' }, { name: 'y' }] }],
    ['rules for each item', { letters: ['a', 'b', 'a'] }, { letters: ['a', 'b', 'a'] }],
  ])('answers for %s', (_label, body, expected) => {
    const result = fastPath.run(body, Shapes);
    expect(result).toBeInstanceOf(Shapes);
    expect({ ...(result as object) }).toEqual(expect.objectContaining(expected));
    if ('inner' in expected) for (const item of (result as Shapes).inner ?? []) expect(item).toBeInstanceOf(Inner);
  });

  it.each([
    ['a failing rule', Shapes, { count: 'many' }],
    ['a failing rule after a transform', Shapes, { trimmed: '  too long  ' }],
    ['a failing rule in a nested item', Shapes, { inner: [{ name: 'x' }, { name: 3 }] }],
    ['a nested item that is not an object', Shapes, { inner: ['x'] }],
    ['a failing item of a list', Shapes, { letters: ['a', 'c'] }],
    ['an unknown field', Shapes, { other: 1 }],
    ['an unknown field in a nested item', Shapes, { inner: [{ name: 'x', other: 1 }] }],
    ['a method name as a field (class-transformer drops it)', Shapes, { toString: 'x' }],
    ['a prototype key', Shapes, JSON.parse('{"__proto__": {"count": 1}}') as object],
    ['a sparse list', Shapes, { letters: ['a', , 'b'] }], // eslint-disable-line no-sparse-arrays
    ['an async rule', WithAsyncRule, { word: 'ok' }],
    ['a transform that throws', WithThrowingTransform, { word: 'x' }],
    ['a list as the body', Shapes, []],
    ['no body', Shapes, undefined],
  ])('leaves %s to the full pipe', (_label, type, body) => {
    expect(fastPath.run(body, type as Constructor)).toBe(SLOW_PATH);
  });

  it('reads the rules again when a rule is added to a class it has seen', () => {
    class Later {
      @IsString() word!: string;
    }
    expect(fastPath.run({ word: 'abcdef' }, Later)).toBeInstanceOf(Later);
    MaxLength(3)(Later.prototype, 'word');
    expect(fastPath.run({ word: 'abcdef' }, Later)).toBe(SLOW_PATH);
    expect(fastPath.run({ word: 'abc' }, Later)).toBeInstanceOf(Later);
  });

  it('reads the transforms again when one is added to a class it has seen', () => {
    class Shouting {
      @IsString() word!: string;
    }
    expect(fastPath.run({ word: 'abc' }, Shouting)).toEqual(expect.objectContaining({ word: 'abc' }));
    Transform(({ value }: { value: unknown }) => String(value).toUpperCase())(Shouting.prototype, 'word');
    expect(fastPath.run({ word: 'abc' }, Shouting)).toEqual(expect.objectContaining({ word: 'ABC' }));
  });
});
