import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp, loggerLevels } from './app.factory.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres.js';
import { seedDemoIfEmpty } from './database/seed-demo.js';

const logger = new Logger('breach-clock');

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  Logger.overrideLogger(loggerLevels(config.logLevel));

  // embedded-postgres registers its own signal handlers that stop the database at once;
  // ours close the HTTP server and the pool first, then stop the database.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');

  let embedded: EmbeddedDatabase | undefined;
  let closeApp: (() => Promise<void>) | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await closeApp?.();
      await embedded?.stop();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${String(error)}`);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${config.dataDir}`);
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (message) => logger.verbose(message) });
      databaseUrl = embedded.url;
      logger.log(`embedded PostgreSQL ready on 127.0.0.1:${embedded.port}`);
    }
    const app = await createApp({ config, databaseUrl });
    closeApp = () => app.close();
    if (config.seedDemo) {
      const seeded = await seedDemoIfEmpty(app);
      if (seeded > 0) logger.log(`empty database: created ${seeded} demo organisations (SEED_DEMO=false turns this off)`);
    }
    await app.listen(config.port, config.host);
    logger.log(`breach-clock listening on http://${config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port} (API docs at /api/docs)`);
  } catch (error) {
    logger.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await closeApp?.().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
