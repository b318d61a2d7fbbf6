// Starts the built service (dist/) in a child process on an embedded PostgreSQL in a
// temporary DATA_DIR, on a free loopback port, and stops it afterwards.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** The built service on its own embedded PostgreSQL in a temporary DATA_DIR. */
export async function startService(env = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-'));
  fs.chmodSync(dataDir, 0o755);
  const service = await spawnService({ DATA_DIR: dataDir, ...env });
  return {
    ...service,
    async stop() {
      await service.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first admin's API token in every benchmark service (BOOTSTRAP_ADMIN_TOKEN). */
export const BENCH_TOKEN = 'bench-admin-token-0123456789abcdef0123456789';
export const BENCH_AUTH = { authorization: `Bearer ${BENCH_TOKEN}` };

/** The built service (dist/src/main.js) in a child process, on a free loopback port, once /api/health answers. */
export async function spawnService(env = {}) {
  const port = await freePort();
  // BENCH_SERVICE_NODE_ARGS: Node options for the service only, e.g. "--cpu-prof --cpu-prof-dir=prof"
  // (Node refuses --cpu-prof in NODE_OPTIONS); the profile is written when the service stops.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false', BOOTSTRAP_ADMIN_TOKEN: BENCH_TOKEN, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const stop = async () => {
    if (exited()) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await gone;
  };
  let up = false;
  for (let i = 0; i < 120 && !up && !exited(); i += 1) {
    try {
      up = (await fetch(`${base}/api/health`)).ok;
    } catch {
      /* not up yet */
    }
    if (!up) await new Promise((r) => setTimeout(r, 250));
  }
  if (!up) {
    await stop();
    throw new Error(`the service did not answer /api/health within 30 s (exit ${child.exitCode ?? child.signalCode ?? 'none'})`);
  }
  return { base, pid: child.pid, stop };
}

/** The reference for HTTP figures: a bare Node server answering a small JSON body. */
export async function startBareServer() {
  const port = await freePort();
  const code = `require('http').createServer((q,s)=>{let b='';q.on('data',d=>b+=d).on('end',()=>{s.setHeader('content-type','application/json');s.end('{"ok":true}')})}).listen(${port},'127.0.0.1')`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'inherit' });
  await new Promise((r) => setTimeout(r, 300));
  return { base: `http://127.0.0.1:${port}`, stop: async () => { child.kill(); await new Promise((r) => child.once('exit', r)); } };
}

/**
 * Signs in through the sign-in page as a browser does: the page's token cookie and the form's
 * hidden `_csrf` go back with the password. The session cookie ("name=value").
 */
export async function signInThroughForm(base, email, password) {
  const page = await fetch(`${base}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const token = page.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('breach_clock_login='));
  if (!csrf || !token) throw new Error('sign-in: the page gave no form token');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: token },
    body: new URLSearchParams({ email, password, _csrf: csrf }),
  });
  if (res.status !== 303) throw new Error(`sign-in: ${res.status}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('breach_clock_session=') && !c.endsWith('='));
  if (!session) throw new Error('sign-in: no session cookie');
  return session;
}
