import pg from 'pg';
import { unlikelyFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, TEST_ADMIN_EMAIL, testDatabaseUrl, type TestApp } from '../setup/test-app.js';

interface Entry {
  id: string;
  seq: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: Record<string, { from: unknown; to: unknown }>;
  requestId: string | null;
}

interface ChainReport {
  organisationId: string | null;
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  problem: string | null;
}

/** As a database superuser, bypassing the append-only trigger: what an attacker with the keys could do. */
async function asSuperuser(sql: string, params: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query(sql, params);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

describe('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const newOrganisation = async (name: string) => (await t.http.post('/api/organisations').send(organisationBody({ legalName: name })).expect(201)).body.id as string;
  const entries = async (organisationId: string): Promise<Entry[]> =>
    (await t.http.get('/api/audit').query({ organisationId, limit: 100 }).expect(200)).body.items.reverse();
  const chainOf = async (organisationId: string): Promise<ChainReport> => {
    const report = (await t.http.get('/api/audit/verify').expect(200)).body as { chains: ChainReport[] };
    return report.chains.find((c) => c.organisationId === organisationId) as ChainReport;
  };

  it('records who changed what, before and after, with the request id, in a chain that verifies', async () => {
    const orgId = await newOrganisation('Audited Oy');
    const created = await t.http.post('/api/incidents').set('X-Request-Id', 'req-audit-create').send(incidentBody(orgId)).expect(201);
    await t.http.patch(`/api/incidents/${created.body.id}`).set('X-Request-Id', 'req-audit-update').send({ title: 'Customer list sent to a supplier' }).expect(200);
    await t.http.post(`/api/incidents/${created.body.id}/assessments`).send(unlikelyFacts()).expect(201);
    await t.http.patch(`/api/organisations/${orgId}`).send({ notifyWhenInDoubt: true }).expect(200);

    const trail = await entries(orgId);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => String(i + 1)));
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['organisation.created', 'incident.created', 'incident.updated', 'incident.assessed', 'organisation.updated']),
    );
    const update = trail.find((e) => e.action === 'incident.updated') as Entry;
    expect(update).toMatchObject({
      actor: TEST_ADMIN_EMAIL,
      entityType: 'incident',
      entityId: created.body.id,
      requestId: 'req-audit-update',
      changes: { title: { from: 'Customer list e-mailed to the wrong recipient', to: 'Customer list sent to a supplier' } },
    });
    expect((trail.find((e) => e.action === 'organisation.updated') as Entry).changes).toEqual({ notifyWhenInDoubt: { from: false, to: true }, version: { from: 1, to: 2 } });

    const chain = await chainOf(orgId);
    expect(chain).toMatchObject({ ok: true, checked: trail.length, firstBrokenId: null });
  });

  it('keeps one unbroken chain under concurrent writes to one organisation', async () => {
    const orgId = await newOrganisation('Busy Oy');
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.http.post('/api/incidents').send(incidentBody(orgId, { title: `Parallel ${i}` }))));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const chain = await chainOf(orgId);
    expect(chain.ok).toBe(true);
    expect(chain.checked).toBeGreaterThanOrEqual(41); // organisation + 20 x (created + obligations)
  });

  it('cannot be changed or deleted by the service, even in bulk', async () => {
    const orgId = await newOrganisation('Immutable Oy');
    const [first] = await entries(orgId);
    await expect(t.db.query(`UPDATE audit_entries SET summary = 'rewritten' WHERE id = $1`, [first.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM audit_entries WHERE id = $1`, [first.id])).rejects.toThrow(/immutable/);
    await expect(t.db.query(`TRUNCATE audit_entries`)).rejects.toThrow(/immutable/);
    expect((await chainOf(orgId)).ok).toBe(true);
  });

  it('finds a row altered behind its back through SQL, at that row', async () => {
    const orgId = await newOrganisation('Tampered Oy');
    const incident = await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201);
    await t.http.patch(`/api/incidents/${incident.body.id}`).send({ title: 'Honest title' }).expect(200);
    const target = (await entries(orgId)).find((e) => e.action === 'incident.updated') as Entry;

    await asSuperuser(`UPDATE audit_entries SET changes = $2 WHERE id = $1`, [target.id, JSON.stringify({ title: { from: 'x', to: 'A convenient title' } })]);
    const chain = await chainOf(orgId);
    expect(chain).toMatchObject({ ok: false, firstBrokenId: target.id, problem: 'hash_mismatch' });
    const report = (await t.http.get('/api/audit/verify').expect(200)).body;
    expect(report.ok).toBe(false);
    expect(report.firstBrokenId).toBe(target.id);
  });

  it('finds a deleted row (a gap) and a cut-off tail', async () => {
    const orgId = await newOrganisation('Gap Oy');
    const incident = await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201);
    await t.http.patch(`/api/incidents/${incident.body.id}`).send({ title: 'One' }).expect(200);
    await t.http.patch(`/api/incidents/${incident.body.id}`).send({ title: 'Two' }).expect(200);
    const trail = await entries(orgId);
    const [, second, third] = trail;
    await asSuperuser(`DELETE FROM audit_entries WHERE id = $1`, [second.id]);
    expect(await chainOf(orgId)).toMatchObject({ ok: false, firstBrokenId: third.id, problem: 'sequence_gap' });

    const tailOrg = await newOrganisation('Tail Oy');
    await t.http.post('/api/incidents').send(incidentBody(tailOrg)).expect(201);
    const last = (await entries(tailOrg)).at(-1) as Entry;
    await asSuperuser(`DELETE FROM audit_entries WHERE id = $1`, [last.id]);
    expect(await chainOf(tailOrg)).toMatchObject({ ok: false, problem: 'head_mismatch' });
  });
});
