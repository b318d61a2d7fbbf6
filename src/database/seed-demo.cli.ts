import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { seedDemo, seedDemoIfEmpty } from './seed-demo.js';

/** `npm run seed:demo [-- --force]`: the five demo organisations; --force adds them even to a non-empty database. */
const config = loadConfig();
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir });
try {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config: { ...config, schedulerEnabled: false }, databaseUrl: config.databaseUrl ?? embedded!.url }), {
    logger: ['error', 'warn'],
  });
  const created = process.argv.includes('--force') ? await seedDemo(app) : await seedDemoIfEmpty(app);
  console.log(created > 0 ? `created ${created} demo organisations, one incident each` : 'the database already has organisations: nothing seeded (use -- --force to add the demo set anyway)');
  await app.close();
} finally {
  await embedded?.stop();
}
