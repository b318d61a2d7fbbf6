import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { bootstrapAdmin, INITIAL_PASSWORD_FILE } from '../../src/modules/auth/bootstrap-admin.js';
import { UsersService } from '../../src/modules/auth/users.service.js';
import { OrganisationsService } from '../../src/modules/organisations/organisations.service.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { withScratchDatabase } from '../setup/scratch-database.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Everything written to stdout and stderr while `fn` runs (Nest's logger writes there). */
async function capturingOutput<T>(fn: () => Promise<T>): Promise<{ result: T; output: string }> {
  let output = '';
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    }) as typeof stream.write;
  }
  try {
    return { result: await fn(), output };
  } finally {
    streams.forEach((stream, i) => (stream.write = originals[i] as typeof stream.write));
  }
}

describe('secrets stay secret', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(undefined, { LOG_LEVEL: 'verbose' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('never shows a password, token, session or channel secret in an answer or a log line', async () => {
    const password = 'Pa55word-that-must-not-leak';
    const wrongPassword = 'Wr0ng-password-must-not-leak';
    const channelSecret = 'channel-secret-must-not-leak-1234';
    const bodies: string[] = [];
    const keep = (res: request.Response) => {
      bodies.push(res.text ?? '', JSON.stringify(res.headers));
      return res;
    };
    const { result, output } = await capturingOutput(async () => {
      const orgId = keep(await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Secretive Oy' })).expect(201)).body.id;
      const user = keep(await t.http.post('/api/users').send({ email: 'secretive@secrets.test', displayName: 'S', role: 'admin', organisationIds: [orgId], password }).expect(201)).body;
      const issued = await t.http.post(`/api/users/${user.id}/tokens`).send({ name: 'leak check' }).expect(201);
      const token = issued.body.token as string;
      keep(await t.http.get(`/api/users/${user.id}/tokens`).expect(200));
      keep(await t.http.get(`/api/users/${user.id}`).expect(200));
      keep(await t.anon.get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(200));
      keep(await t.http.post(`/api/organisations/${orgId}/channels`).send({ type: 'webhook', name: 'Hook', url: 'http://127.0.0.1:9/x', secret: channelSecret }).expect(201));
      keep(await t.http.get(`/api/organisations/${orgId}/channels`).expect(200));
      keep(await t.anon.post('/api/auth/login').send({ email: 'secretive@secrets.test', password: wrongPassword }).expect(401));
      const login = await t.anon.post('/api/auth/login').send({ email: 'secretive@secrets.test', password }).expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0];
      const session = cookie.split(';')[0].split('=')[1];
      keep(await t.anon.get('/api/auth/session').set('Cookie', `breach_clock_session=${session}`).expect(200));
      // Failures that log: a database error (duplicate e-mail), a refused token, a throttled login.
      keep(await t.http.post('/api/users').send({ email: 'secretive@secrets.test', displayName: 'Dup', role: 'viewer', organisationIds: [orgId], password }).expect(409));
      keep(await t.anon.get('/api/incidents').set('Authorization', `Bearer ${token}-revoked`).expect(401));
      for (let i = 0; i < 6; i += 1) keep(await t.anon.post('/api/auth/login').send({ email: 'secretive@secrets.test', password: wrongPassword }));
      keep(await t.http.get('/api/audit').query({ organisationId: orgId }).expect(200));
      return { token, session };
    });
    expect(output).toContain('Login locked'); // the capture did see the service's log lines
    for (const secret of [password, wrongPassword, channelSecret, result.token, result.session]) {
      expect({ secret, inLogs: output.includes(secret) }).toEqual({ secret, inLogs: false });
      expect({ secret, inAnswers: bodies.some((b) => b.includes(secret)) }).toEqual({ secret, inAnswers: false });
    }
    const stored: Array<{ changes: unknown; summary: string }> = await t.db.query(`SELECT changes, summary FROM audit_entries`);
    for (const secret of [password, channelSecret, result.token]) expect(JSON.stringify(stored)).not.toContain(secret);
  });
});

describe('first admin', () => {
  it('writes a one-time password only its owner can read, once, when no user exists', async () => {
    await withScratchDatabase('bootstrap', async (url) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bootstrap-'));
      const config = loadConfig({ LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false', DATA_DIR: dataDir });
      const app = await createApp({ config, databaseUrl: url });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      try {
        const db = app.get<DataSource>(getDataSourceToken());
        const outcome = await bootstrapAdmin(db, app.get(UsersService), config);
        expect(outcome).toEqual({ kind: 'created', email: 'admin@breach-clock.local', passwordFile: path.join(dataDir, INITIAL_PASSWORD_FILE) });
        const file = path.join(dataDir, INITIAL_PASSWORD_FILE);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const password = /password: (\S+)/.exec(fs.readFileSync(file, 'utf8'))?.[1] as string;
        expect(password.length).toBeGreaterThanOrEqual(20);
        expect(await bootstrapAdmin(db, app.get(UsersService), config)).toEqual({ kind: 'existing' });

        const http = request(app.getHttpServer());
        const login = await http.post('/api/auth/login').send({ email: 'admin@breach-clock.local', password }).expect(200);
        expect(login.body.user).toMatchObject({ role: 'admin', passwordChangeRequired: true });
      } finally {
        await app.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });

  it('takes BOOTSTRAP_ADMIN_TOKEN as the first admin\'s API token, joining every organisation', async () => {
    await withScratchDatabase('bootstrap_token', async (url) => {
      const token = 'a-bootstrap-token-that-is-long-enough-0123456789';
      const config = loadConfig({ LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false', SEED_DEMO: 'false', BOOTSTRAP_ADMIN_TOKEN: token, DATA_DIR: os.tmpdir() });
      const app = await createApp({ config, databaseUrl: url });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      try {
        const db = app.get<DataSource>(getDataSourceToken());
        // Organisations that exist before the first user (the demo seed): the admin joins them.
        for (const legalName of ['Existing Oy', 'Also Existing Oy']) {
          await app.get(OrganisationsService).create(organisationBody({ legalName }), null, { actor: 'system:test', requestId: null });
        }
        const outcome = await bootstrapAdmin(db, app.get(UsersService), config);
        expect(outcome).toEqual({ kind: 'created', email: 'admin@breach-clock.local' });
        const http = request(app.getHttpServer());
        const me = await http.get('/api/users/me').set('Authorization', `Bearer ${token}`).expect(200);
        const organisations: Array<{ id: string }> = await db.query(`SELECT id FROM organisations`);
        expect(organisations).toHaveLength(2);
        expect(me.body.organisationIds.sort()).toEqual(organisations.map((o) => o.id).sort());
        expect(fs.existsSync(path.join(os.tmpdir(), INITIAL_PASSWORD_FILE))).toBe(false);
      } finally {
        await app.close();
      }
    });
  });
});
