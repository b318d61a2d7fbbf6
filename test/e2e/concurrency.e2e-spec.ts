import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('incident references under concurrent creation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives 50 concurrent creates 50 distinct, gap-free references', async () => {
    const orgId = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body.id;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => t.http.post('/api/incidents').send(incidentBody(orgId, { title: `Concurrent ${i}` }))),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const references = responses.map((r) => r.body.reference as string).sort();
    const expected = Array.from({ length: 50 }, (_, i) => `BR-2026-${String(i + 1).padStart(4, '0')}`);
    expect(references).toEqual(expected);

    const stored = await t.db.query('SELECT reference FROM incidents WHERE organisation_id = $1 ORDER BY reference', [orgId]);
    expect(stored.map((r: { reference: string }) => r.reference)).toEqual(expected);
  });

  it('does not let refused creations burn numbers', async () => {
    const orgId = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id;
    const mixed = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.http.post('/api/incidents').send(incidentBody(orgId, i % 2 === 0 ? { title: `ok ${i}` } : { role: 'processor' })),
      ),
    );
    expect(mixed.filter((r) => r.status === 201)).toHaveLength(10);
    expect(mixed.filter((r) => r.status === 422)).toHaveLength(10);
    const next = await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201);
    expect(next.body.reference).toBe('BR-2026-0011');
  });

  it('keeps separate sequences per organisation', async () => {
    const [a, b] = await Promise.all([
      t.http.post('/api/organisations').send(organisationBody()),
      t.http.post('/api/organisations').send(organisationBody()),
    ]);
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.http.post('/api/incidents').send(incidentBody(i % 2 ? a.body.id : b.body.id))),
    );
    const refsFor = (org: string) => created.filter((r) => r.body.organisationId === org).map((r) => r.body.reference).sort();
    const five = ['BR-2026-0001', 'BR-2026-0002', 'BR-2026-0003', 'BR-2026-0004', 'BR-2026-0005'];
    expect(refsFor(a.body.id)).toEqual(five);
    expect(refsFor(b.body.id)).toEqual(five);
  });
});
