import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { cacheValidationMetadata } from './validation-metadata-cache.js';
import { SLOW_PATH, ValidationFastPath } from './validation-fast-path.js';

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
 * only where a DTO says so, and the 400 names every offending field. Input that passes is
 * turned into its DTO by the fast path (validation-fast-path.ts) when it can vouch for the
 * result; `fastPath: null` runs the full pipe always (the reference its tests compare with).
 */
export function createValidationPipe(options: { fastPath?: ValidationFastPath | null } = {}): ValidationPipe {
  cacheValidationMetadata();
  return new SafeInputValidationPipe(options.fastPath === undefined ? new ValidationFastPath() : options.fastPath, {
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

/** Deeper than any request body the API defines (the deepest is 3). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses, before anything else looks at it, input no field of ours can hold: nesting deep
 * enough to exhaust the validators' stack, text with NUL (PostgreSQL cannot store it) or
 * with a lone UTF-16 surrogate (not Unicode; JSON columns and validators choke on it).
 * Walked without recursion. Applies to bodies, queries and path parameters, pages included.
 */
export function findUnsafeInput(value: unknown): { field: string; problem: string } | null {
  // The path is spelled out only for the offending value: most input is fine.
  const stack: Visit[] = [{ value, key: '', parent: null, depth: 0 }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const current = visit.value;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return { field: pathOf(visit), problem: 'must not contain the NUL character' };
      if (!isWellFormed(current)) return { field: pathOf(visit), problem: 'must be valid Unicode text (a lone surrogate was found)' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (visit.depth >= MAX_INPUT_DEPTH) return { field: pathOf(visit), problem: `is nested more than ${MAX_INPUT_DEPTH} levels deep` };
    for (const key of Object.keys(current)) {
      if (!isWellFormed(key) || key.includes('\u0000')) return { field: pathOf(visit), problem: 'has a field name that is not valid Unicode text' };
      stack.push({ value: (current as Record<string, unknown>)[key], key, parent: visit, depth: visit.depth + 1 });
    }
  }
  return null;
}

interface Visit {
  readonly value: unknown;
  readonly key: string;
  readonly parent: Visit | null;
  readonly depth: number;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.') || 'body';
}

/** String.prototype.isWellFormed: ES2024, in every Node this project runs on (>= 20.19), not yet in its ES2023 lib. */
const isWellFormed = (text: string): boolean => (text as string & { isWellFormed(): boolean }).isWellFormed();

class SafeInputValidationPipe extends ValidationPipe {
  constructor(
    private readonly fastPath: ValidationFastPath | null,
    options: ValidationPipeOptions,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unsafe = findUnsafeInput(value);
      if (unsafe) {
        const field = metadata.type === 'param' && metadata.data ? metadata.data : unsafe.field;
        throw new BadRequestException({
          message: `Invalid request: ${field} ${unsafe.problem}`,
          code: 'REQUEST.VALIDATION_FAILED',
          details: { fields: [field], problems: [{ field, problems: [`${field} ${unsafe.problem}`] }] },
        });
      }
      // Only what Nest's pipe would validate: a class, not String, Number, Date and the like.
      if (this.fastPath && this.toValidate(metadata) && typeof metadata.metatype === 'function') {
        const instance = this.fastPath.run(value, metadata.metatype as new () => object);
        if (instance !== SLOW_PATH) return instance;
      }
    }
    return super.transform(value, metadata);
  }
}
