import type { Driver, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

interface InsertPlan {
  readonly table: string;
  /** Written columns, in statement order. */
  readonly columns: readonly ColumnMetadata[];
  /** What the database fills in (creation dates, identities) and is given back to the entities. */
  readonly returning: readonly ColumnMetadata[];
}

const plans = new WeakMap<EntityMetadata, InsertPlan>();

function planOf(metadata: EntityMetadata): InsertPlan {
  let plan = plans.get(metadata);
  if (!plan) {
    const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
    plan = {
      table: metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName),
      columns: metadata.columns.filter((column) => column.isInsert && !column.isVirtual),
      returning: metadata.getInsertionReturningColumns(),
    };
    plans.set(metadata, plan);
  }
  return plan;
}

/**
 * Inserts entities in one statement, and gives each what the database filled in for it
 * (creation dates, identities, defaults of unset columns) from the rows that come back, in
 * the order of the entities.
 *
 * The statement is written from TypeORM's own metadata and values are prepared by its driver,
 * exactly as `manager.insert` would, without its query builder, whose cost grows with the
 * square of the number of parameters (a parameter name is looked up among all those before
 * it): for 64 incidents it took longer than PostgreSQL took to insert them.
 */
export async function insertEntities<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: ReadonlyArray<Partial<T>>): Promise<void> {
  if (entities.length === 0) return;
  const plan = planOf(manager.connection.getMetadata(target));
  // PostgreSQL takes at most 65,535 parameters a statement: more rows go in further statements.
  const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / plan.columns.length));
  for (let start = 0; start < entities.length; start += rowsPerStatement) {
    await insertRows(manager, plan, entities.slice(start, start + rowsPerStatement));
  }
}

/** Parameters in one statement, well below PostgreSQL's limit of 65,535. */
export const MAX_PARAMETERS = 30_000;

async function insertRows(manager: EntityManager, plan: InsertPlan, entities: readonly ObjectLiteral[]): Promise<void> {
  const part = buildInsert(manager, plan, entities, 1);
  part.fill(await manager.query(part.text, part.parameters));
}

/** An INSERT for a statement of the caller's, and how to give its entities what comes back. */
export interface InsertPart {
  /** `INSERT INTO ... VALUES ...[ RETURNING ...]`, its parameters numbered from the first given. */
  readonly text: string;
  readonly parameters: unknown[];
  /** Whether the INSERT returns rows (some row left a column to its default). */
  readonly returns: boolean;
  /** Gives each entity what the database filled in, from the rows the INSERT returned. */
  fill(returned: ReadonlyArray<Record<string, unknown>>): void;
}

/**
 * The INSERT of `entities` as a part of a larger statement (a data-modifying `WITH` item),
 * with its parameters numbered from `firstParameter`. The caller keeps under PostgreSQL's
 * 65,535 parameters (`MAX_PARAMETERS` for one part) or uses insertEntities, which splits.
 */
export function insertPart<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: ReadonlyArray<Partial<T>>, firstParameter: number): InsertPart {
  return buildInsert(manager, planOf(manager.connection.getMetadata(target)), entities, firstParameter);
}

/**
 * As insertPart, with each column's values as one array (`INSERT ... SELECT FROM unnest(...)`):
 * the statement's text is the same whatever the number of rows, so that, prepared under a
 * name, PostgreSQL parses and plans it once per connection instead of on every call (a fifth of
 * its CPU in a creation), and it carries one parameter a column instead of one a value.
 *
 * A column left unset in every row takes its default, as in insertPart. Null where a column
 * with a database default is set in some rows and left to it in others, which one text cannot
 * say: insertPart writes those.
 */
export function unnestPart<T extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<T>, entities: ReadonlyArray<Partial<T>>, firstParameter: number): InsertPart | null {
  const { driver } = manager.connection;
  const plan = planOf(manager.connection.getMetadata(target));
  const rows = entities as unknown as readonly ObjectLiteral[];
  const written: Array<{ column: ColumnMetadata; type: string; values: unknown[] }> = [];
  const defaulted = new Set<ColumnMetadata>();
  for (const column of plan.columns) {
    const values: unknown[] = [];
    let set = 0;
    for (const entity of rows) {
      const value = insertedValue(column, entity);
      if (value === undefined) {
        values.push(null);
        continue;
      }
      set += 1;
      const prepared = driver.preparePersistentValue(value, column);
      values.push(column.isArray ? arrayLiteral(prepared) : prepared);
    }
    const hasDefault = column.default !== undefined || column.isGenerated || column.isCreateDate || column.isUpdateDate;
    if (set === 0 && hasDefault) {
      defaulted.add(column);
      continue;
    }
    if (set < entities.length && hasDefault) return null;
    written.push({ column, type: driver.normalizeType(column), values });
  }
  const filled = plan.returning.filter((column) => defaulted.has(column));
  // Array columns travel as their literals (unnest would flatten an array of arrays).
  const select = written.map(({ column, type }, k) => (column.isArray ? `v${k}::${type}[]` : `v${k}`)).join(', ');
  const arrays = written.map(({ column, type }, k) => `$${firstParameter + k}::${column.isArray ? 'text' : type}[]`).join(', ');
  const returning = filled.length > 0 ? ` RETURNING ${filled.map((column) => `"${column.databaseName}"`).join(', ')}` : '';
  return {
    text:
      `INSERT INTO ${plan.table} (${written.map(({ column }) => `"${column.databaseName}"`).join(', ')}) ` +
      `SELECT ${select} FROM unnest(${arrays}) AS u(${written.map((_, k) => `v${k}`).join(', ')})${returning}`,
    parameters: written.map(({ values }) => values),
    returns: filled.length > 0,
    fill: fillFrom(driver, filled, rows, plan.table),
  };
}

/** A PostgreSQL array literal of a one-dimensional array of text-like values; null stays null. */
function arrayLiteral(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw new Error(`insert: an array column was given ${typeof value}`);
  return `{${value.map((element) => (element === null || element === undefined ? 'NULL' : `"${String(element).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

function buildInsert(manager: EntityManager, plan: InsertPlan, entities: readonly ObjectLiteral[], firstParameter: number): InsertPart {
  const { driver } = manager.connection;
  const parameters: unknown[] = [];
  // Only what the database filled in comes back: the columns some row left to their default.
  const defaulted = new Set<ColumnMetadata>();
  const rows = entities.map((entity) => {
    const values = plan.columns.map((column) => {
      const value = insertedValue(column, entity);
      // Unset columns take their default.
      if (value === undefined) {
        defaulted.add(column);
        return 'DEFAULT';
      }
      parameters.push(driver.preparePersistentValue(value, column));
      return `$${firstParameter + parameters.length - 1}`;
    });
    return `(${values.join(', ')})`;
  });
  const filled = plan.returning.filter((column) => defaulted.has(column));
  const columns = plan.columns.map((column) => `"${column.databaseName}"`).join(', ');
  const returning = filled.length > 0 ? ` RETURNING ${filled.map((column) => `"${column.databaseName}"`).join(', ')}` : '';
  return {
    text: `INSERT INTO ${plan.table} (${columns}) VALUES ${rows.join(', ')}${returning}`,
    parameters,
    returns: filled.length > 0,
    fill: fillFrom(driver, filled, entities, plan.table),
  };
}

/** The value a new row gets for a column: the entity's, or 1 for an unset version (as TypeORM's own insert writes it, and given back to the entity). */
function insertedValue(column: ColumnMetadata, entity: ObjectLiteral): unknown {
  const value: unknown = column.getEntityValue(entity);
  if (value !== undefined || !column.isVersion) return value;
  column.setEntityValue(entity, 1);
  return 1;
}

/** Gives each entity, in order, the filled-in columns of the row that came back for it. */
function fillFrom(driver: Driver, filled: readonly ColumnMetadata[], entities: readonly ObjectLiteral[], table: string): InsertPart['fill'] {
  return (returned) => {
    if (filled.length === 0) return;
    if (returned.length !== entities.length) throw new Error(`insert: ${returned.length} rows came back for ${entities.length} inserted into ${table}`);
    returned.forEach((row, k) => {
      for (const column of filled) column.setEntityValue(entities[k] as ObjectLiteral, driver.prepareHydratedValue(row[column.databaseName], column));
    });
  };
}
