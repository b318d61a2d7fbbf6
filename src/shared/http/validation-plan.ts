import { TransformationType } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

// What the validation fast path (validation-fast-path.ts) knows of a DTO class: its rules, read
// once from class-validator's and class-transformer's storages, in the order they apply.

export type Constructor = new () => object;
export type Condition = (object: object, value: unknown) => boolean;

export interface Constraint {
  readonly validate: (value: unknown, args: ValidationArgumentsLike) => unknown;
}

export interface ValidationArgumentsLike {
  readonly targetName: string | undefined;
  readonly property: string;
  readonly object: object;
  readonly value: unknown;
  readonly constraints: unknown[];
}

export interface CustomCheck {
  readonly property: string;
  readonly constraints: unknown[];
  readonly each: boolean;
  readonly validateIf: Condition | undefined;
  readonly validators: readonly Constraint[];
}

export interface PropertyRules {
  readonly name: string;
  readonly conditions: readonly Condition[];
  /** IS_DEFINED checks first, then the others, as class-validator runs them. */
  readonly checks: readonly CustomCheck[];
  /** Schema names of its @ValidateNested rules (class-validator validates a nested value once per rule). */
  readonly nested: readonly string[];
}

export interface TypeRule {
  readonly typeFunction: ((options: { newObject: unknown; object: unknown; property: string }) => unknown) | undefined;
  readonly reflectedType: unknown;
}

export interface KeyRules {
  readonly type: TypeRule | undefined;
  readonly transforms: ReadonlyArray<(params: TransformParams) => unknown>;
}

export interface TransformParams {
  value: unknown;
  key: string;
  obj: unknown;
  type: TransformationType;
  options: unknown;
}

export interface ClassPlan {
  /** null: the class uses something the fast path does not reproduce; always the full pipe. */
  readonly properties: readonly PropertyRules[] | null;
  /** Every property with a rule of any kind: the whitelist. */
  readonly allowed: ReadonlySet<string>;
  readonly keys: ReadonlyMap<string, KeyRules>;
  readonly targetName: string;
}

/** class-transformer's PLAIN_TO_CLASS and the options the pipe gives it (its defaults and enableImplicitConversion: false). */
export const PLAIN_TO_CLASS = TransformationType.PLAIN_TO_CLASS;
export const TRANSFORM_OPTIONS = Object.freeze({
  enableCircularCheck: false,
  enableImplicitConversion: false,
  excludeExtraneousValues: false,
  excludePrefixes: undefined,
  exposeDefaultValues: false,
  exposeUnsetFields: true,
  groups: undefined,
  ignoreDecorators: false,
  strategy: undefined,
  targetMaps: undefined,
  version: undefined,
});

/** The rules of `type` as class-validator reads them for `targetSchema` (the parent's name for a nested object). */
export function compilePlan(type: Constructor, targetSchema: string | undefined): ClassPlan {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type, targetSchema as string, false, false, undefined as unknown as string[]);
  const grouped = storage.groupByPropertyName(metadatas);
  const targetName = type.name;
  const unsupported: ClassPlan = { properties: null, allowed: new Set(), keys: new Map(), targetName };

  if (defaultMetadataStorage.getStrategy(type) !== 'none') return unsupported;
  if (defaultMetadataStorage.getExposedMetadatas(type).length > 0 || defaultMetadataStorage.getExcludedMetadatas(type).length > 0) return unsupported;

  const properties: PropertyRules[] = [];
  const keys = new Map<string, KeyRules>();
  for (const name of Object.keys(grouped)) {
    const all = grouped[name] ?? [];
    const conditions: Condition[] = [];
    const defined: CustomCheck[] = [];
    const custom: CustomCheck[] = [];
    const nested: string[] = [];
    for (const metadata of all) {
      switch (metadata.type) {
        case ValidationTypes.WHITELIST:
          break;
        case ValidationTypes.CONDITIONAL_VALIDATION:
          conditions.push(metadata.constraints[0] as Condition);
          break;
        case ValidationTypes.NESTED_VALIDATION:
          nested.push(typeof metadata.target === 'string' ? metadata.target : metadata.target.name);
          break;
        case ValidationTypes.IS_DEFINED:
        case ValidationTypes.CUSTOM_VALIDATION: {
          const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((constraint) => constraint.async)) return unsupported;
          const validators = constraints.map((constraint) => {
            const instance = constraint.instance as Constraint;
            return { validate: instance.validate.bind(instance) };
          });
          const check: CustomCheck = {
            property: metadata.propertyName,
            constraints: metadata.constraints,
            each: Boolean(metadata.each),
            validateIf: (metadata as { validateIf?: Condition }).validateIf,
            validators,
          };
          (metadata.type === ValidationTypes.IS_DEFINED ? defined : custom).push(check);
          break;
        }
        default:
          // PROMISE_VALIDATION and anything newer: the full pipe.
          return unsupported;
      }
    }
    properties.push({ name, conditions, checks: [...defined, ...custom], nested });

    const typeMetadata = defaultMetadataStorage.findTypeMetadata(type, name);
    if (typeMetadata?.options?.discriminator) return unsupported;
    const transforms = defaultMetadataStorage
      .findTransformMetadatas(type, name, PLAIN_TO_CLASS)
      .filter((metadata) => !metadata.options || !metadata.options.groups || !metadata.options.groups.length)
      .map((metadata) => metadata.transformFn as (params: TransformParams) => unknown);
    keys.set(name, {
      type: typeMetadata ? { typeFunction: typeMetadata.typeFunction as TypeRule['typeFunction'], reflectedType: typeMetadata.reflectedType } : undefined,
      transforms,
    });
  }
  return { properties, allowed: new Set(Object.keys(grouped)), keys, targetName };
}
