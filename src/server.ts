import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createDataSource } from '../ormconfig.js';
import { createApp, loggerLevels } from './app.factory.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { seedDemoIfEmpty } from './database/seed-demo.js';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { bootstrapAdmin } from './modules/auth/bootstrap-admin.js';
import { UsersService } from './modules/auth/users.service.js';

const logger = new Logger('breach-clock');

export interface Database {
  readonly url: string;
  readonly embedded: EmbeddedDatabase | undefined;
}

/** DATABASE_URL, or the embedded server in DATA_DIR; migrations applied once, here. */
export async function prepareDatabase(config: AppConfig): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (url === undefined) {
    logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${config.dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (message) => logger.verbose(message) });
    url = embedded.url;
    logger.log(`embedded PostgreSQL ready on 127.0.0.1:${embedded.port}`);
  }
  const dataSource = createDataSource(url);
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log(`migrations applied: ${applied.map((m) => m.name).join(', ')}`);
    return { url, embedded };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/**
 * Before serving: the demo organisations into an empty database (unless SEED_DEMO=false),
 * then the first admin when no user exists (BOOTSTRAP_ADMIN_* or a one-time password file).
 */
export async function prepareData(config: AppConfig, url: string): Promise<void> {
  const context = await NestFactory.createApplicationContext(AppModule.forRoot({ config: { ...config, schedulerEnabled: false }, databaseUrl: url, runMigrations: false }), {
    logger: ['error', 'warn'],
  });
  try {
    if (config.seedDemo) {
      const seeded = await seedDemoIfEmpty(context);
      if (seeded > 0) logger.log(`empty database: created ${seeded} demo organisations (SEED_DEMO=false turns this off)`);
    }
    const admin = await bootstrapAdmin(context.get<DataSource>(getDataSourceToken()), context.get(UsersService), config);
    if (admin.kind === 'created') {
      const how = admin.passwordFile
        ? `its one-time password is in ${admin.passwordFile} (readable by this user only; change it at first sign-in)`
        : 'with the credentials from BOOTSTRAP_ADMIN_*';
      logger.log(`no user existed: created the admin ${admin.email}, ${how}`);
    }
  } finally {
    await context.close();
    // Creating a Nest context resets the global log levels to the ones it was given.
    Logger.overrideLogger(loggerLevels(config.logLevel));
  }
}

/**
 * One process: the API, the pages and (unless switched off) the clock. APP_ROLE=worker runs
 * the clock alone, without an HTTP server; APP_ROLE=api serves without the clock.
 */
export async function serveHttp(config: AppConfig, url: string): Promise<() => Promise<void>> {
  if (config.appRole === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: url, runMigrations: false }), {
      logger: loggerLevels(config.logLevel),
    });
    await context.init();
    if (cluster.isPrimary) logger.log('breach-clock worker running the clock (APP_ROLE=worker: no HTTP server)');
    return () => context.close();
  }
  const app = await createApp({ config, databaseUrl: url, runMigrations: false });
  await app.listen(config.port, config.host);
  const where = `http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  if (cluster.isPrimary) logger.log(`breach-clock listening on ${where} (API docs at /api/docs)`);
  return () => app.close();
}

/**
 * HTTP_WORKERS > 1: this process supervises; workers serve on the shared port (Node cluster)
 * and connect to the database this process prepared. A worker that dies is replaced.
 */
export function superviseWorkers(config: AppConfig, url: string): () => Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  const fork = () => cluster.fork({ DATABASE_URL: url, BREACH_CLOCK_WORKER: '1' });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting a replacement`);
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && (restarts[0] as number) < now - 60_000) restarts.shift();
    if (restarts.length > 5) {
      logger.error('workers keep dying (more than 5 in a minute): giving up');
      process.kill(process.pid, 'SIGTERM');
      return;
    }
    fork();
  });
  for (let i = 0; i < config.httpWorkers; i += 1) fork();
  logger.log(`breach-clock listening on http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port} with ${config.httpWorkers} workers (API docs at /api/docs)`);

  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), 15_000);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
}
