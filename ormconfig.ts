import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DEFAULT_DATABASE_POOL_SIZE } from './src/config/config.js';
import { ENTITIES } from './src/database/entities.js';
import { MIGRATIONS } from './src/database/migrations/index.js';
import { SnakeNamingStrategy } from './src/database/naming-strategy.js';
import { QueryLogger } from './src/database/query-logger.js';

/**
 * The one TypeORM DataSource definition, used by the application (src/app.module.ts), by
 * `npm run migration:generate|run|revert` (src/database/migration.cli.ts) and by the TypeORM
 * CLI (`typeorm -d dist/ormconfig.js ...` with DATABASE_URL set).
 *
 * Migrations only: synchronize is never on.
 */
export function dataSourceOptions(url: string, poolSize = DEFAULT_DATABASE_POOL_SIZE): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error', 'migration', 'warn'],
    logger: new QueryLogger(),
    extra: {
      // Per process. More connections than the machine has cores to run them only queue inside
      // PostgreSQL: on 2 cores, 8 instead of 20 cut the list's p95 from 46 to 38 ms at the same
      // throughput (docs/performance.md).
      max: poolSize,
      // Fail fast rather than hang when the database is unreachable.
      connectionTimeoutMillis: 5000,
      // Named prepared statements (the incident list, creation's, the credential lookups) keep one plan
      // per connection instead of being planned again on every call: PostgreSQL's plan cache
      // kept choosing a fresh custom plan for the list, whose planning cost more than running
      // it (CPU per list in PostgreSQL 0.74 -> 0.44 ms, lists 975 -> 1,309/s in the same
      // session). TypeORM's own statements are unnamed, planned once each, and unaffected.
      options: '-c plan_cache_mode=force_generic_plan',
      application_name: 'breach-clock',
    },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

export default createDataSource(process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/breach_clock');
