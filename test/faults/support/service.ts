import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EmbeddedDatabase, findFreePort, startEmbeddedPostgres } from '../../../src/database/embedded-postgres.js';

/**
 * The built service (dist/src/main.js) in a child process, for tests that kill things.
 * Unlike test/setup/service-process.ts it never leaves a child behind: a start-up that fails
 * or times out kills the child, and stop() escalates to SIGKILL when SIGTERM is not enough.
 */
export interface FaultService {
  readonly base: string;
  readonly token: string;
  readonly child: ChildProcess;
  readonly pid: number;
  output(): string;
  alive(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** An API token for the bootstrap admin: created on the first start on an empty database. */
export const newAdminToken = () => `bct_fault-${randomBytes(24).toString('hex')}`;

export async function launchService(databaseUrl: string, token: string, env: Record<string, string> = {}): Promise<FaultService> {
  const port = await findFreePort();
  let output = '';
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'log',
      NO_COLOR: '1',
      BOOTSTRAP_ADMIN_TOKEN: token,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = async () => {
    if (alive()) child.kill('SIGKILL');
    await exited;
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* not up yet */
    }
    if (!alive()) throw new Error(`service exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`service did not start in 45 s:\n${output}`);
    }
    await sleep(200);
  }
  return {
    base,
    token,
    child,
    pid: child.pid as number,
    output: () => output,
    alive,
    kill,
    async stop(graceMs = 25_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * An embedded PostgreSQL of the test's own, in a temporary directory, that the test can stop
 * and start again on the same data directory and port while a service keeps its URL.
 */
export interface OwnDatabase {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server if running and removes the directory. */
  destroy(): Promise<void>;
}

export async function startOwnDatabase(prefix: string): Promise<OwnDatabase> {
  // The name must contain "test" (STYLE.md: tests never touch another database).
  const database = 'breach_clock_fault_test';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `breach-clock-${prefix}-test-`));
  fs.chmodSync(dataDir, 0o755); // the server runs as the postgres user when we are root
  let server: EmbeddedDatabase | undefined;
  try {
    server = await startEmbeddedPostgres({ dataDir, database });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { url, port } = server;
  return {
    url,
    port,
    dataDir,
    async stop() {
      const running = server;
      server = undefined;
      await running?.stop();
    },
    async restart() {
      if (server) throw new Error('the database is already running');
      server = await startEmbeddedPostgres({ dataDir, database, port });
    },
    async destroy() {
      const running = server;
      server = undefined;
      await running?.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly cmdline: string;
}

/** Every process on the machine, from /proc (Linux). */
export function listProcesses(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) follows the command name in parentheses, which may itself hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      /* it exited meanwhile */
    }
  }
  return found;
}

/** The descendants of `pid` whose command line matches `pattern`. */
export function descendants(pid: number, pattern: RegExp): ProcessInfo[] {
  const all = listProcesses();
  const tree = new Set([pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => p.pid !== pid && tree.has(p.pid) && pattern.test(p.cmdline));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead for our purposes: it holds no resources but its table entry.
    return !/^\d+ \(.*\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The service's log entries about one request (the line naming it and the stack under it), to show with a failure. */
export function logOf(output: string, requestId: string): string[] {
  const found: string[] = [];
  for (let at = output.indexOf(requestId); at !== -1 && found.length < 40; at = output.indexOf(requestId, at + 1)) {
    const start = output.lastIndexOf('\n', at) + 1;
    const lines = output.slice(start, start + 4000).split('\n');
    found.push(lines[0] as string, ...lines.slice(1).filter((line, i, all) => all.slice(0, i + 1).every((l) => /^\s+at /.test(l))).slice(0, 12));
  }
  return found;
}

/** An instant `hours` before now, as ISO text. */
export const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
