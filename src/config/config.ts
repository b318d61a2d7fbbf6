import { availableParallelism } from 'node:os';
import path from 'node:path';

/**
 * PostgreSQL connections a process keeps by default (DATABASE_POOL_SIZE): twice the cores
 * plus one, at most 10. More statements at once than there are cores to run them only queue
 * inside PostgreSQL, and on a small machine that shares its cores with the database they cost
 * CPU as well: on 2 cores, 5 connections against 10 took PostgreSQL 15% less CPU per request
 * and gave a higher throughput in five alternated runs of each (docs/performance.md).
 */
export function defaultDatabasePoolSize(cores: number): number {
  return Math.min(10, 2 * Math.max(1, cores) + 1);
}

export const DEFAULT_DATABASE_POOL_SIZE = defaultDatabasePoolSize(availableParallelism());

/**
 * The one typed configuration object, parsed once from the environment.
 * A bad value stops start-up with a list of every bad key (see ConfigError).
 */
export type AppRole = 'all' | 'api' | 'worker';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly chromiumPath: string | undefined;
  readonly schedulerEnabled: boolean;
  readonly schedulerTickMs: number;
  readonly smtpUrl: string | undefined;
  readonly bootstrapAdminToken: string | undefined;
  readonly bootstrapAdminEmail: string | undefined;
  readonly bootstrapAdminPassword: string | undefined;
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* (secure cookies, client address). */
  readonly trustProxy: boolean;
  /** How long an API token's principal may be reused without asking the database (0 = never). */
  readonly authCacheMs: number;
  readonly appRole: AppRole;
  readonly logLevel: LogLevel;
  readonly seedDemo: boolean;
  /** HTTP worker processes (Node cluster); 1 = a single process. */
  readonly httpWorkers: number;
  /** PostgreSQL connections per process (each HTTP worker has its own pool). */
  readonly databasePoolSize: number;
  /** Chromium pages that print at once, per process (more wait in a queue of 100). */
  readonly pdfPages: number;
  /** How long one print may take before it fails with 503 and its page is thrown away. */
  readonly pdfRenderTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Every variable the service reads, with its meaning; README's table mirrors it. */
export const CONFIG_KEYS = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATA_DIR',
  'CHROMIUM_PATH',
  'SCHEDULER_ENABLED',
  'SCHEDULER_TICK_MS',
  'SMTP_URL',
  'BOOTSTRAP_ADMIN_TOKEN',
  'BOOTSTRAP_ADMIN_EMAIL',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'TRUST_PROXY',
  'AUTH_CACHE_MS',
  'APP_ROLE',
  'LOG_LEVEL',
  'SEED_DEMO',
  'HTTP_WORKERS',
  'DATABASE_POOL_SIZE',
  'PDF_PAGES',
  'PDF_RENDER_TIMEOUT_MS',
] as const;

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const problems: string[] = [];
  const read = (key: (typeof CONFIG_KEYS)[number]): string | undefined => {
    const value = env[key];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  const integer = (key: (typeof CONFIG_KEYS)[number], fallback: number, min: number, max: number): number => {
    const raw = read(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${key} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const boolean = (key: (typeof CONFIG_KEYS)[number], fallback: boolean): boolean => {
    const raw = read(key);
    if (raw === undefined) return fallback;
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    problems.push(`${key} must be true or false (got "${raw}")`);
    return fallback;
  };

  const oneOf = <T extends string>(key: (typeof CONFIG_KEYS)[number], allowed: readonly T[], fallback: T): T => {
    const raw = read(key);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${key} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const url = (key: (typeof CONFIG_KEYS)[number], protocols: readonly string[]): string | undefined => {
    const raw = read(key);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${key} must use ${protocols.join(' or ')} (got "${parsed.protocol}")`);
      }
    } catch {
      // Never echo the value: a connection URL may carry a password.
      problems.push(`${key} is not a valid URL`);
    }
    return raw;
  };

  const bootstrapAdminToken = read('BOOTSTRAP_ADMIN_TOKEN');
  // Never echo these values: they are credentials.
  if (bootstrapAdminToken !== undefined && !/^[\x21-\x7e]{32,256}$/.test(bootstrapAdminToken)) {
    problems.push('BOOTSTRAP_ADMIN_TOKEN must be 32 to 256 printable ASCII characters without spaces');
  }
  const bootstrapAdminEmail = read('BOOTSTRAP_ADMIN_EMAIL');
  const bootstrapAdminPassword = env.BOOTSTRAP_ADMIN_PASSWORD === '' ? undefined : env.BOOTSTRAP_ADMIN_PASSWORD;
  if (bootstrapAdminEmail !== undefined && !/^[^\s@]+@[^\s@]+$/.test(bootstrapAdminEmail)) problems.push('BOOTSTRAP_ADMIN_EMAIL must be an e-mail address');
  if ((bootstrapAdminEmail === undefined) !== (bootstrapAdminPassword === undefined)) {
    problems.push('BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD go together: set both or neither');
  }
  if (bootstrapAdminPassword !== undefined && (bootstrapAdminPassword.length < 12 || bootstrapAdminPassword.length > 256)) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be 12 to 256 characters long');
  }

  const host = read('HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`HOST must be a host name or an IP address (got "${host}")`);

  const config: AppConfig = {
    port: integer('PORT', 3000, 0, 65535),
    host,
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(cwd, read('DATA_DIR') ?? '.data'),
    chromiumPath: read('CHROMIUM_PATH'),
    schedulerEnabled: boolean('SCHEDULER_ENABLED', true),
    schedulerTickMs: integer('SCHEDULER_TICK_MS', 1000, 50, 3_600_000),
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    bootstrapAdminToken,
    bootstrapAdminEmail,
    bootstrapAdminPassword,
    trustProxy: boolean('TRUST_PROXY', false),
    authCacheMs: integer('AUTH_CACHE_MS', 5000, 0, 60_000),
    appRole: oneOf('APP_ROLE', ['all', 'api', 'worker'] as const, 'all'),
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const, 'log'),
    seedDemo: boolean('SEED_DEMO', true),
    httpWorkers: integer('HTTP_WORKERS', 1, 1, 64),
    databasePoolSize: integer('DATABASE_POOL_SIZE', DEFAULT_DATABASE_POOL_SIZE, 1, 200),
    pdfPages: integer('PDF_PAGES', 2, 1, 16),
    pdfRenderTimeoutMs: integer('PDF_RENDER_TIMEOUT_MS', 30_000, 1000, 300_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
