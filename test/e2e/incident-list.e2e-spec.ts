import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The list is written by PostgreSQL as JSON (incident-page.query.ts) and one incident by
 * toIncidentView in Node: both must say exactly the same thing about every incident.
 */
describe('incidents list', () => {
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body.id;
    otherOrgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Other Oy' })).expect(201)).body.id;
    const bodies = [
      incidentBody(orgId, { title: 'Plain, no awareness yet', awareAt: undefined, occurredAt: undefined }),
      incidentBody(orgId, { title: 'Processor with figures "quoted" and ünïcödé', role: 'processor', controllers: [{ name: 'Asiakas Oy', contactEmail: 'dpo@asiakas.test', reference: 'C-42' }, { name: 'Kund AB' }], containedAt: '2026-11-21T07:15:00.5Z', recordsApprox: 1_000_000_000_000, subjectCategories: ['customers', 'employees', 'pupils "under 13", {guardians}', 'tab\there', 'back\\slash, \u0001 control', 'ünï \u2028 line'], likelyConsequences: 'Phishing\nand fraud', measuresTaken: 'Reset', measuresProposed: 'MFA' }),
      incidentBody(orgId, { title: 'Several countries', affectedCountries: ['FI', 'SE', 'LT'], classifiedAt: '2026-11-20T12:00:00.123Z' }),
      // Text that looks like the fields the list finishes in Node must come back as it was.
      incidentBody(orgId, { title: '"createdAt" : 1700000000000', description: 'x", "status" : "closed", "awareAt":0 \\"awareAt" : 5', occurredAt: '1999-12-31T23:59:59.999Z', detectedAt: '2026-11-20T09:30:00.001Z' }),
      incidentBody(otherOrgId, { title: 'In the other organisation' }),
    ];
    for (const body of bodies) ids.push((await t.http.post('/api/incidents').send(body).expect(201)).body.id);
    await t.http.post(`/api/incidents/${ids[2]}/status`).send({ status: 'confirmed' }).expect(200);
    await t.http.patch(`/api/incidents/${ids[1]}`).send({ title: 'Processor, renamed' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every incident exactly as GET /api/incidents/:id shows it, newest first', async () => {
    // Other suites share the database: each organisation's incidents are ours alone.
    const page = await t.http.get('/api/incidents').query({ organisationId: orgId, limit: 50 }).expect(200);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(page.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(page.body.items.map((i: { id: string }) => i.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(page.body.items[0]).toMatchObject({ title: '"createdAt" : 1700000000000', occurredAt: '1999-12-31T23:59:59.999Z', detectedAt: '2026-11-20T09:30:00.001Z', allowedTransitions: ['confirmed', 'not_a_breach'] });
    const other = await t.http.get('/api/incidents').query({ organisationId: otherOrgId }).expect(200);
    expect(other.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4]]);
    const all = await t.http.get('/api/incidents').query({ limit: 200 }).expect(200);
    const listed = new Set(all.body.items.map((i: { id: string }) => i.id));
    expect(ids.every((id) => listed.has(id))).toBe(true);
    for (const item of [...page.body.items, ...other.body.items]) {
      const one = await t.http.get(`/api/incidents/${item.id}`).expect(200);
      expect(item).toStrictEqual(one.body);
    }
  });

  it('writes instants outside years 1-9999 and at their edges as toISOString does', async () => {
    const edgeOrgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Edges Oy' })).expect(201)).body.id;
    const occurred = ['0000-06-01T00:00:00.250Z', '0000-01-01T00:30:00+01:00', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59.999Z', '2025-11-20T09:30:00.123999Z'];
    for (const occurredAt of occurred) await t.http.post('/api/incidents').send(incidentBody(edgeOrgId, { title: `Occurred ${occurredAt}`, occurredAt })).expect(201);
    const page = await t.http.get('/api/incidents').query({ organisationId: edgeOrgId }).expect(200);
    expect(page.body.items.map((i: { occurredAt: string }) => i.occurredAt).sort()).toEqual(occurred.map((o) => new Date(o).toISOString()).sort());
    expect(page.body.items.map((i: { occurredAt: string }) => i.occurredAt)).toContain('-000001-12-31T23:30:00.000Z');
    for (const item of page.body.items) expect(item).toStrictEqual((await t.http.get(`/api/incidents/${item.id}`).expect(200)).body);
  });

  it('filters by organisation, status and text, and pages with the total of the filter', async () => {
    const byOrg = await t.http.get('/api/incidents').query({ organisationId: orgId }).expect(200);
    expect(byOrg.body.total).toBe(4);
    const confirmed = await t.http.get('/api/incidents').query({ organisationId: orgId, status: 'confirmed' }).expect(200);
    expect(confirmed.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2]]);
    const several = await t.http.get('/api/incidents').query({ organisationId: orgId, status: 'investigating,confirmed', q: 'COUNTRIES' }).expect(200);
    expect(several.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2]]);
    const literal = await t.http.get('/api/incidents').query({ organisationId: orgId, q: '100%_' }).expect(200);
    expect(literal.body).toEqual({ items: [], total: 0, limit: 50, offset: 0 });
    const second = await t.http.get('/api/incidents').query({ organisationId: orgId, limit: 1, offset: 1 }).expect(200);
    expect(second.body).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2]]);
    const beyond = await t.http.get('/api/incidents').query({ organisationId: orgId, offset: 10 }).expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 4 });
  });

  it("keeps one plan per connection for the list's prepared statement", async () => {
    // Planned afresh on every call, the list cost PostgreSQL more to plan than to run.
    const [{ plan_cache_mode: mode }] = await t.db.query('SHOW plan_cache_mode');
    expect(mode).toBe('force_generic_plan');
  });

  it('refuses a malformed filter with 400 naming the field', async () => {
    const res = await t.http.get('/api/incidents').query({ status: 'lost' }).expect(400);
    expect(res.body.details.fields).toContain('status');
  });
});
