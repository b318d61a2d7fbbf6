import { organisationBody } from '../factories/organisation.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { unlikelyFacts } from '../factories/breach-facts.factory.js';
import { waitFor } from '../setup/service-process.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PASSWORD = 'correct horse battery staple';

/** Accounts, roles, tokens and sessions, through the real HTTP edge. */
describe('accounts and credentials', () => {
  let t: TestApp;
  let orgId: string;
  let counter = 0;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A user of `orgId` with `role`, and a fresh token of theirs. */
  async function userWithToken(role: string, extra: Record<string, unknown> = {}): Promise<{ id: string; email: string; token: string; tokenId: string }> {
    counter += 1;
    const email = `${role}-${counter}@auth.test`;
    const user = await t.http.post('/api/users').send({ email, displayName: `${role} ${counter}`, role, organisationIds: [orgId], ...extra }).expect(201);
    const token = await t.http.post(`/api/users/${user.body.id}/tokens`).send({ name: 'tests' }).expect(201);
    return { id: user.body.id, email, token: token.body.token, tokenId: token.body.id };
  }

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Auth Test Oy' })).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses every route in the OpenAPI document without credentials, except health and login', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const open: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await t.anon[method as 'get'](url).send({});
        if (res.status !== 401) open.push(`${method.toUpperCase()} ${path} -> ${res.status}`);
        else expect(res.body).toMatchObject({ statusCode: 401, code: 'AUTH.UNAUTHENTICATED' });
      }
    }
    expect(open.sort()).toEqual(['GET /api/health -> 200', 'POST /api/auth/login -> 400']);
    await t.anon.get('/api/docs-json').expect(401);
    await t.anon.get('/api/docs').expect(401);
  });

  it('answers 401 alike for a malformed, unknown, revoked or expired token and for a disabled user', async () => {
    const viewer = await userWithToken('viewer');
    await t.anon.get('/api/incidents').set(bearer(viewer.token)).expect(200);
    for (const header of ['Bearer', 'Bearer short', `Basic ${viewer.token}`, `Bearer ${viewer.token}x`]) {
      const res = await t.anon.get('/api/incidents').set('Authorization', header).expect(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    await t.anon.delete(`/api/tokens/${viewer.tokenId}`).set(bearer(viewer.token)).expect(204);
    const revoked = await t.anon.get('/api/incidents').set(bearer(viewer.token)).expect(401);
    expect(revoked.body.code).toBe('AUTH.INVALID_TOKEN');

    const expiring = await t.http.post(`/api/users/${viewer.id}/tokens`).send({ name: 'short-lived', expiresAt: '2026-11-23T13:00:00Z' }).expect(201);
    await t.anon.get('/api/incidents').set(bearer(expiring.body.token)).expect(200);
    t.clock.set(new Date('2026-11-23T13:00:01Z'));
    try {
      await t.anon.get('/api/incidents').set(bearer(expiring.body.token)).expect(401);
    } finally {
      t.clock.set(new Date('2026-11-23T12:00:00Z'));
    }
    await t.http.post(`/api/users/${viewer.id}/tokens`).send({ name: 'past', expiresAt: '2026-11-01T00:00:00Z' }).expect(422);

    const other = await userWithToken('responder');
    await t.http.patch(`/api/users/${other.id}`).send({ disabled: true }).expect(200);
    await t.anon.get('/api/incidents').set(bearer(other.token)).expect(401);
  });

  it('stores tokens hashed, shows them once and records their last use', async () => {
    const viewer = await userWithToken('viewer');
    const rows: Array<{ token_hash: string; prefix: string }> = await t.db.query(`SELECT token_hash, prefix FROM api_tokens WHERE id = $1`, [viewer.tokenId]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].token_hash).not.toContain(viewer.token);
    expect(viewer.token.startsWith(rows[0].prefix)).toBe(true);
    await t.anon.get('/api/users/me').set(bearer(viewer.token)).expect(200);
    const listed = await t.http.get(`/api/users/${viewer.id}/tokens`).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ id: viewer.tokenId, lastUsedAt: '2026-11-23T12:00:00.000Z', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(viewer.token);
  });

  it.each([
    ['viewer', 'post', '/api/incidents', 'incidents:write'],
    ['responder', 'post', '/api/incidents/{incident}/assessments', 'assessments:write'],
    ['responder', 'post', '/api/incidents/{incident}/documents', 'documents:generate'],
    ['dpo', 'post', '/api/organisations', 'organisations:manage'],
    ['dpo', 'post', '/api/users', 'users:manage'],
    ['dpo', 'get', '/api/users', 'users:manage'],
    ['responder', 'get', '/api/audit/verify', 'audit:verify'],
    ['dpo', 'post', '/api/organisations/{org}/channels', 'channels:manage'],
  ])('a %s gets 403 naming the permission for %s %s', async (role, method, path, permission) => {
    const incident = (await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201)).body.id as string;
    const user = await userWithToken(role);
    const url = path.replace('{incident}', incident).replace('{org}', orgId);
    const res = await t.anon[method as 'post'](url).set(bearer(user.token)).send({}).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'AUTH.FORBIDDEN', details: { permission } });
    expect(res.body.message).toContain(permission);
  });

  it('lets each role do its own work', async () => {
    const responder = await userWithToken('responder');
    const dpo = await userWithToken('dpo');
    const viewer = await userWithToken('viewer');
    const created = await t.anon.post('/api/incidents').set(bearer(responder.token)).send(incidentBody(orgId)).expect(201);
    expect((await t.http.get(`/api/incidents/${created.body.id}/timeline`).expect(200)).body.items[0].actor).toBe(responder.email);
    await t.anon.post(`/api/incidents/${created.body.id}/assessments`).set(bearer(dpo.token)).send(unlikelyFacts()).expect(201);
    await t.anon.get(`/api/incidents/${created.body.id}/assessments`).set(bearer(viewer.token)).expect(200);
    await t.anon.post('/api/assessments/evaluate').set(bearer(viewer.token)).send(unlikelyFacts()).expect(200);
  });

  it('lets an admin grant only their own organisations, and not lock themself out', async () => {
    // An organisation the admin does not belong to (membership removed behind its back).
    const foreign = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Foreign Oy' })).expect(201)).body.id as string;
    await t.db.query(`DELETE FROM user_organisations WHERE organisation_id = $1`, [foreign]);
    // Changed behind the service's back: the database's NOTIFY drops the cached principal.
    await waitFor(async () => !(await t.http.get('/api/users/me')).body.organisationIds.includes(foreign), 2000, 'the membership change to reach the auth cache');
    const res = await t.http.post('/api/users').send({ email: 'x@auth.test', displayName: 'X', role: 'viewer', organisationIds: [foreign] }).expect(404);
    expect(res.body.code).toBe('ORGANISATION.NOT_FOUND');
    await t.http.post('/api/users').send({ email: 'bad', displayName: 'X', role: 'root', organisationIds: ['nope'], extra: 1 }).expect(400);
    const dup = await userWithToken('viewer');
    const again = await t.http.post('/api/users').send({ email: dup.email.toUpperCase(), displayName: 'Dup', role: 'viewer', organisationIds: [orgId] }).expect(409);
    expect(again.body.code).toBe('USER.EMAIL_TAKEN');
    const me = (await t.http.get('/api/users/me').expect(200)).body;
    const self = await t.http.patch(`/api/users/${me.id}`).send({ role: 'viewer' }).expect(422);
    expect(self.body.code).toBe('USER.SELF_LOCKOUT');
  });

  describe('sessions', () => {
    let email: string;
    beforeAll(async () => {
      counter += 1;
      email = `session-${counter}@auth.test`;
      await t.http.post('/api/users').send({ email, displayName: 'Session user', role: 'responder', organisationIds: [orgId], password: PASSWORD }).expect(201);
    });

    it('signs in with a secure cookie and needs the CSRF token for changes', async () => {
      const login = await t.anon.post('/api/auth/login').send({ email: email.toUpperCase(), password: PASSWORD }).expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0];
      expect(cookie).toMatch(/^breach_clock_session=bcs_/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/); // plain http here; behind TLS with TRUST_PROXY it is Secure
      const csrf = login.body.csrfToken as string;
      expect(login.body.user).toMatchObject({ email, role: 'responder' });
      const session = cookie.split(';')[0];

      await t.anon.get('/api/incidents').set('Cookie', session).expect(200);
      const refused = await t.anon.post('/api/incidents').set('Cookie', session).send(incidentBody(orgId)).expect(403);
      expect(refused.body.code).toBe('AUTH.CSRF_TOKEN_INVALID');
      await t.anon.post('/api/incidents').set('Cookie', session).set('X-CSRF-Token', 'wrong').send(incidentBody(orgId)).expect(403);
      await t.anon.post('/api/incidents').set('Cookie', session).set('X-CSRF-Token', csrf).send(incidentBody(orgId)).expect(201);

      await t.anon.post('/api/auth/logout').set('Cookie', session).set('X-CSRF-Token', csrf).expect(204);
      const after = await t.anon.get('/api/incidents').set('Cookie', session).expect(401);
      expect(after.body.code).toBe('AUTH.SESSION_EXPIRED');
    });

    it('ends a session after two idle hours', async () => {
      const login = await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
      const session = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      t.clock.set(new Date('2026-11-23T14:00:01Z'));
      try {
        await t.anon.get('/api/incidents').set('Cookie', session).expect(401);
      } finally {
        t.clock.set(new Date('2026-11-23T12:00:00Z'));
      }
    });

    it('answers an unknown user and a wrong password with the same 401, then throttles the account', async () => {
      const unknown = await t.anon.post('/api/auth/login').send({ email: 'nobody@auth.test', password: PASSWORD }).expect(401);
      const wrong = await t.anon.post('/api/auth/login').send({ email, password: 'not the password' }).expect(401);
      expect(wrong.body.message).toBe(unknown.body.message);
      expect(wrong.body.code).toBe(unknown.body.code);
      for (let i = 0; i < 4; i += 1) await t.anon.post('/api/auth/login').send({ email, password: `wrong ${i}` }).expect(401);
      const locked = await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(429);
      expect(locked.body.code).toBe('AUTH.TOO_MANY_ATTEMPTS');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      const audit: Array<{ action: string }> = await t.db.query(`SELECT action FROM audit_entries WHERE action = 'auth.locked_out' AND entity_id = $1`, [email]);
      expect(audit.length).toBeGreaterThan(0);
      // The window passes: the right password works again.
      t.clock.set(new Date('2026-11-23T12:16:00Z'));
      try {
        await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
      } finally {
        t.clock.set(new Date('2026-11-23T12:00:00Z'));
      }
    });
  });

  it('makes a one-time password be changed before anything else, then signs out the other sessions', async () => {
    counter += 1;
    const email = `onetime-${counter}@auth.test`;
    const user = await t.http.post('/api/users').send({ email, displayName: 'One time', role: 'viewer', organisationIds: [orgId], password: PASSWORD }).expect(201);
    await t.db.query(`UPDATE users SET password_change_required = true WHERE id = $1`, [user.body.id]);
    const first = await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    const second = await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
    const cookie = (res: { headers: Record<string, unknown> }) => (res.headers['set-cookie'] as string[])[0].split(';')[0];
    const blocked = await t.anon.get('/api/incidents').set('Cookie', cookie(first)).expect(403);
    expect(blocked.body.code).toBe('AUTH.PASSWORD_CHANGE_REQUIRED');
    await t.anon.put('/api/users/me/password').set('Cookie', cookie(first)).set('X-CSRF-Token', first.body.csrfToken).send({ currentPassword: 'wrong password!', newPassword: 'a brand new passphrase' }).expect(422);
    await t.anon.put('/api/users/me/password').set('Cookie', cookie(first)).set('X-CSRF-Token', first.body.csrfToken).send({ currentPassword: PASSWORD, newPassword: 'short' }).expect(400);
    await t.anon.put('/api/users/me/password').set('Cookie', cookie(first)).set('X-CSRF-Token', first.body.csrfToken).send({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase' }).expect(204);
    await t.anon.get('/api/incidents').set('Cookie', cookie(first)).expect(200);
    await t.anon.get('/api/incidents').set('Cookie', cookie(second)).expect(401);
    await t.anon.post('/api/auth/login').send({ email, password: 'a brand new passphrase' }).expect(200);
  });

  it('refuses a form post to the JSON API (a foreign page could make one): no sign-in, no change', async () => {
    const { email } = await userWithToken('viewer', { password: PASSWORD });
    await t.anon.post('/api/auth/login').send({ email, password: PASSWORD }).expect(200); // the same, as JSON
    const login = await t.anon.post('/api/auth/login').type('form').send({ email, password: PASSWORD }).expect(415);
    expect(login.body).toMatchObject({ statusCode: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    expect(login.headers['set-cookie']).toBeUndefined();
    const before = await t.db.query(`SELECT count(*)::int AS n FROM organisations`);
    await t.http.post('/api/organisations').type('form').send({ legalName: 'Form Oy', country: 'FI' }).expect(415);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM organisations`)).toEqual(before);
    // Bodiless posts as before.
    await t.http.post('/api/auth/logout').expect((res) => expect(res.status).not.toBe(415));
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  describe('the token cache of several service processes', () => {
    let other: TestApp;
    beforeAll(async () => {
      other = await createTestApp(); // a second process on the same database
    });
    afterAll(async () => {
      await other.close();
    });

    it('forgets a revoked token or a disabled user in every process, not only the one that changed it', async () => {
      const viewer = await userWithToken('viewer');
      await other.anon.get('/api/incidents').set(bearer(viewer.token)).expect(200); // now cached there
      await t.anon.delete(`/api/tokens/${viewer.tokenId}`).set(bearer(viewer.token)).expect(204);
      await t.anon.get('/api/incidents').set(bearer(viewer.token)).expect(401); // this process: at once
      await waitFor(async () => (await other.anon.get('/api/incidents').set(bearer(viewer.token))).status === 401, 2000, 'the revocation to reach the other process');

      const responder = await userWithToken('responder');
      await other.anon.get('/api/incidents').set(bearer(responder.token)).expect(200);
      await t.db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [responder.id]); // behind the service's back
      await waitFor(async () => (await other.anon.get('/api/incidents').set(bearer(responder.token))).status === 401, 2000, 'the disabled user to reach the other process');
    });

    it('sees a role change at once in the process that made it', async () => {
      const user = await userWithToken('viewer');
      await t.anon.post('/api/incidents').set(bearer(user.token)).send(incidentBody(orgId)).expect(403);
      await t.http.patch(`/api/users/${user.id}`).send({ role: 'responder' }).expect(200);
      await t.anon.post('/api/incidents').set(bearer(user.token)).send(incidentBody(orgId)).expect(201);
    });
  });
});
