import fs from 'node:fs';
import { availableParallelism } from 'node:os';
import { CONFIG_KEYS, ConfigError, DEFAULT_DATABASE_POOL_SIZE, defaultDatabasePoolSize, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '/srv/app/.data',
      chromiumPath: undefined,
      schedulerEnabled: true,
      schedulerTickMs: 1000,
      smtpUrl: undefined,
      bootstrapAdminToken: undefined,
      bootstrapAdminEmail: undefined,
      bootstrapAdminPassword: undefined,
      trustProxy: false,
      authCacheMs: 5000,
      appRole: 'all',
      logLevel: 'log',
      seedDemo: true,
      httpWorkers: 1,
      databasePoolSize: DEFAULT_DATABASE_POOL_SIZE,
      pdfPages: 2,
      pdfRenderTimeoutMs: 30_000,
    });
  });

  it('parses valid values', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db:5432/breach',
        DATA_DIR: '/var/lib/breach-clock',
        SCHEDULER_ENABLED: 'false',
        SCHEDULER_TICK_MS: '250',
        APP_ROLE: 'worker',
        SEED_DEMO: 'no',
        HTTP_WORKERS: '2',
        DATABASE_POOL_SIZE: '4',
        PDF_PAGES: '4',
        PDF_RENDER_TIMEOUT_MS: '5000',
      },
      '/srv/app',
    );
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/breach');
    expect(config.dataDir).toBe('/var/lib/breach-clock');
    expect(config.schedulerEnabled).toBe(false);
    expect(config.schedulerTickMs).toBe(250);
    expect(config.appRole).toBe('worker');
    expect(config.seedDemo).toBe(false);
    expect(config.httpWorkers).toBe(2);
    expect(config.databasePoolSize).toBe(4);
    expect(config.pdfPages).toBe(4);
    expect(config.pdfRenderTimeoutMs).toBe(5000);
  });

  it('lists every bad key at once, without echoing secrets', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://root:hunter2@db/x',
        SCHEDULER_ENABLED: 'maybe',
        SCHEDULER_TICK_MS: '5',
        APP_ROLE: 'everything',
        LOG_LEVEL: 'loud',
        BOOTSTRAP_ADMIN_TOKEN: 'short',
        SMTP_URL: 'not a url',
        BOOTSTRAP_ADMIN_EMAIL: 'root@example.test',
        BOOTSTRAP_ADMIN_PASSWORD: 'hunter3',
        TRUST_PROXY: 'perhaps',
        DATABASE_POOL_SIZE: '0',
        PDF_PAGES: '17',
        PDF_RENDER_TIMEOUT_MS: '999',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(
      [
        'APP_ROLE',
        'BOOTSTRAP_ADMIN_PASSWORD',
        'BOOTSTRAP_ADMIN_TOKEN',
        'DATABASE_POOL_SIZE',
        'DATABASE_URL',
        'LOG_LEVEL',
        'PDF_PAGES',
        'PDF_RENDER_TIMEOUT_MS',
        'PORT',
        'SCHEDULER_ENABLED',
        'SCHEDULER_TICK_MS',
        'SMTP_URL',
        'TRUST_PROXY',
      ].sort(),
    );
    expect((caught as Error).message).not.toContain('hunter2');
    expect((caught as Error).message).not.toContain('hunter3');
    expect((caught as Error).message).not.toContain('short');
  });
});

describe('defaultDatabasePoolSize', () => {
  it.each([
    [1, 3],
    [2, 5],
    [3, 7],
    [4, 9],
    [8, 10],
    [64, 10],
    [0, 3], // a count of 0 (never reported by Node) is taken as one core
  ])('%i cores: %i connections', (cores, expected) => {
    expect(defaultDatabasePoolSize(cores)).toBe(expected);
  });

  it("is this machine's default", () => {
    expect(DEFAULT_DATABASE_POOL_SIZE).toBe(defaultDatabasePoolSize(availableParallelism()));
  });
});

describe("README's configuration table", () => {
  it('documents every variable the service reads, and no other', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n### ', readme.indexOf('## Configuration')));
    const documented = [...section.matchAll(/^\| ((?:`[A-Z_]+`(?:, )?)+) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((k) => k[1]));
    expect([...documented].sort()).toEqual([...CONFIG_KEYS].sort());
  });
});
