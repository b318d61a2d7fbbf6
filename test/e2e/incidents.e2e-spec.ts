import { IncidentEntity } from '../../src/modules/incidents/incident.entity.js';
import { TimelineEntryEntity } from '../../src/modules/incidents/timeline-entry.entity.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp, TEST_ADMIN_EMAIL } from '../setup/test-app.js';

describe('incidents API', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const counts = async () => ({
    incidents: await t.db.manager.count(IncidentEntity),
    timeline: await t.db.manager.count(TimelineEntryEntity),
  });

  it('creates an incident with a BR-YYYY-NNNN reference and a first timeline entry', async () => {
    const res = await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201);
    expect(res.body).toMatchObject({
      organisationId: orgId,
      reference: 'BR-2026-0001',
      role: 'controller',
      status: 'investigating',
      allowedTransitions: ['confirmed', 'not_a_breach'],
      occurredAt: '2026-11-20T08:00:00.000Z',
      detectedAt: '2026-11-20T09:30:00.000Z',
      awareAt: '2026-11-20T10:00:00.000Z',
      affectedCountries: ['FI'],
      createdBy: TEST_ADMIN_EMAIL,
      version: 1,
    });
    expect(res.headers['x-request-id']).toBeDefined();

    const read = await t.http.get(`/api/incidents/${res.body.id}`).expect(200);
    expect(read.body).toEqual(res.body);

    const timeline = await t.http.get(`/api/incidents/${res.body.id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual(['created', 'obligations_updated']);
    expect(timeline.body.items[0]).toMatchObject({ actor: TEST_ADMIN_EMAIL, action: 'created', requestId: res.headers['x-request-id'] });
  });

  it('numbers references per organisation and per year in its time zone', async () => {
    const other = (await t.http.post('/api/organisations').send(organisationBody({ timeZone: 'Pacific/Kiritimati' })).expect(201)).body.id;
    t.clock.set('2026-12-31T11:00:00Z'); // already 1 January 2027 at UTC+14
    try {
      const res = await t.http.post('/api/incidents').send(incidentBody(other)).expect(201);
      expect(res.body.reference).toBe('BR-2027-0001');
      const second = await t.http.post('/api/incidents').send(incidentBody(other)).expect(201);
      expect(second.body.reference).toBe('BR-2027-0002');
    } finally {
      t.clock.set('2026-11-23T12:00:00Z');
    }
  });

  it('defaults the role to processor for a processor-only organisation, and refuses a role it does not hold', async () => {
    const processor = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['processor'] })).expect(201)).body.id;
    const created = await t.http.post('/api/incidents').send(incidentBody(processor)).expect(201);
    expect(created.body.role).toBe('processor');
    const refused = await t.http.post('/api/incidents').send(incidentBody(processor, { role: 'controller' })).expect(422);
    expect(refused.body).toMatchObject({ code: 'INCIDENT.ROLE_NOT_HELD', details: { field: 'role' } });
  });

  it('updates fields and records what changed, by whom', async () => {
    const id = (await t.http.post('/api/incidents').send(incidentBody(orgId, { awareAt: null })).expect(201)).body.id;
    const res = await t.http
      .patch(`/api/incidents/${id}`)
      .send({ title: 'Customer export sent to former supplier', awareAt: '2026-11-21T07:00:00Z', affectedCountries: ['FI', 'SE'] })
      .expect(200);
    expect(res.body).toMatchObject({ title: 'Customer export sent to former supplier', awareAt: '2026-11-21T07:00:00.000Z', version: 2 });

    const timeline = await t.http.get(`/api/incidents/${id}/timeline`).expect(200);
    expect(timeline.body.items.map((e: { action: string }) => e.action)).toEqual(['created', 'updated', 'obligations_updated']);
    expect(timeline.body.items[1]).toMatchObject({
      actor: TEST_ADMIN_EMAIL,
      action: 'updated',
      changes: {
        title: { from: 'Customer list e-mailed to the wrong recipient', to: 'Customer export sent to former supplier' },
        awareAt: { from: null, to: '2026-11-21T07:00:00.000Z' },
        affectedCountries: { from: ['FI'], to: ['FI', 'SE'] },
      },
    });

    // A PATCH that changes nothing adds no entry.
    await t.http.patch(`/api/incidents/${id}`).send({ title: 'Customer export sent to former supplier' }).expect(200);
    expect((await t.http.get(`/api/incidents/${id}/timeline`).expect(200)).body.total).toBe(3);
  });

  it('walks the status machine and refuses invalid transitions with 422 and a stable code', async () => {
    const id = (await t.http.post('/api/incidents').send(incidentBody(orgId, { awareAt: null })).expect(201)).body.id;

    const early = await t.http.post(`/api/incidents/${id}/status`).send({ status: 'confirmed' }).expect(422);
    expect(early.body.code).toBe('INCIDENT.AWARE_AT_REQUIRED');

    const skip = await t.http.post(`/api/incidents/${id}/status`).send({ status: 'closed' }).expect(422);
    expect(skip.body).toMatchObject({ code: 'INCIDENT.INVALID_TRANSITION', details: { from: 'investigating', to: 'closed' } });

    await t.http.patch(`/api/incidents/${id}`).send({ awareAt: '2026-11-21T07:00:00Z' }).expect(200);
    await t.http.post(`/api/incidents/${id}/status`).send({ status: 'confirmed' }).expect(200);

    const unset = await t.http.patch(`/api/incidents/${id}`).send({ awareAt: null }).expect(422);
    expect(unset.body.code).toBe('INCIDENT.AWARE_AT_REQUIRED');

    await t.http.post(`/api/incidents/${id}/status`).send({ status: 'notified' }).expect(200);
    const closed = await t.http.post(`/api/incidents/${id}/status`).send({ status: 'closed' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', allowedTransitions: [] });

    const final = await t.http.post(`/api/incidents/${id}/status`).send({ status: 'investigating' }).expect(422);
    expect(final.body.code).toBe('INCIDENT.INVALID_TRANSITION');

    const timeline = (await t.http.get(`/api/incidents/${id}/timeline`).expect(200)).body.items;
    expect(timeline.filter((e: { action: string }) => e.action === 'status_changed').map((e: { changes: { status: { to: string } } }) => e.changes.status.to)).toEqual([
      'confirmed',
      'notified',
      'closed',
    ]);
  });

  it('requires reasoning to conclude "not a breach"', async () => {
    const id = (await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201)).body.id;
    const refused = await t.http.post(`/api/incidents/${id}/status`).send({ status: 'not_a_breach' }).expect(422);
    expect(refused.body.code).toBe('INCIDENT.REASON_REQUIRED');
    const ok = await t.http
      .post(`/api/incidents/${id}/status`)
      .send({ status: 'not_a_breach', reason: 'The file held only synthetic test data, no personal data.' })
      .expect(200);
    expect(ok.body.status).toBe('not_a_breach');
    const entries = (await t.http.get(`/api/incidents/${id}/timeline`).expect(200)).body.items;
    expect(entries.find((e: { action: string }) => e.action === 'status_changed').summary).toContain('synthetic test data');
  });

  describe('listing', () => {
    let listOrg: string;
    beforeAll(async () => {
      listOrg = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body.id;
      const titles = ['Lost laptop in Tampere', 'Ransomware on file server', 'Misdirected payslips', 'Lost USB stick', 'Phishing of HR mailbox'];
      for (const title of titles) await t.http.post('/api/incidents').send(incidentBody(listOrg, { title })).expect(201);
      const all = (await t.http.get('/api/incidents').query({ organisationId: listOrg }).expect(200)).body.items;
      const ransomware = all.find((i: { title: string }) => i.title.startsWith('Ransomware')).id;
      await t.http.post(`/api/incidents/${ransomware}/status`).send({ status: 'confirmed' }).expect(200);
    });

    it('filters by organisation with a total, newest first', async () => {
      const res = await t.http.get('/api/incidents').query({ organisationId: listOrg }).expect(200);
      expect(res.body.total).toBe(5);
      expect(res.body.items[0].title).toBe('Phishing of HR mailbox');
    });

    it('paginates', async () => {
      const res = await t.http.get('/api/incidents').query({ organisationId: listOrg, limit: 2, offset: 4 }).expect(200);
      expect(res.body).toMatchObject({ total: 5, limit: 2, offset: 4 });
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].title).toBe('Lost laptop in Tampere');
    });

    it.each([
      [{ status: 'confirmed' }, ['Ransomware on file server']],
      [{ status: 'investigating,confirmed' }, ['Phishing of HR mailbox', 'Lost USB stick', 'Misdirected payslips', 'Ransomware on file server', 'Lost laptop in Tampere']],
      [{ q: 'lost' }, ['Lost USB stick', 'Lost laptop in Tampere']],
      [{ q: 'PAYSLIP' }, ['Misdirected payslips']],
      [{ q: '100%' }, []],
      [{ q: 'BR-2026-' }, ['Phishing of HR mailbox', 'Lost USB stick', 'Misdirected payslips', 'Ransomware on file server', 'Lost laptop in Tampere']],
    ])('filters %j', async (filter, titles) => {
      const res = await t.http.get('/api/incidents').query({ organisationId: listOrg, ...filter }).expect(200);
      expect(res.body.items.map((i: { title: string }) => i.title)).toEqual(titles);
      expect(res.body.total).toBe(titles.length);
    });

    it.each([
      [{ status: 'resolved' }, 'status'],
      [{ organisationId: 'acme' }, 'organisationId'],
      [{ limit: 0 }, 'limit'],
      [{ limit: 1000 }, 'limit'],
      [{ offset: -1 }, 'offset'],
      [{ sort: 'title' }, 'sort'],
    ])('refuses the query %j naming the parameter', async (query, field) => {
      const res = await t.http.get('/api/incidents').query(query).expect(400);
      expect(res.body.details.fields).toContain(field);
    });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const cases: Array<[string, (org: string) => unknown, number, string, string | undefined]> = [
      ['a timestamp without an offset', (o) => incidentBody(o, { detectedAt: '2026-11-20T09:30:00' }), 400, 'REQUEST.VALIDATION_FAILED', 'detectedAt'],
      ['an impossible date', (o) => incidentBody(o, { awareAt: '2026-02-30T10:00:00Z' }), 400, 'REQUEST.VALIDATION_FAILED', 'awareAt'],
      ['a number for a timestamp', (o) => ({ ...incidentBody(o), detectedAt: 1763600000 }), 400, 'REQUEST.VALIDATION_FAILED', 'detectedAt'],
      ['a number for the title', (o) => ({ ...incidentBody(o), title: 42 }), 400, 'REQUEST.VALIDATION_FAILED', 'title'],
      ['an unknown field', (o) => ({ ...incidentBody(o), severity: 'high' }), 400, 'REQUEST.VALIDATION_FAILED', 'severity'],
      ['a status set at creation', (o) => ({ ...incidentBody(o), status: 'confirmed' }), 400, 'REQUEST.VALIDATION_FAILED', 'status'],
      ['a bad country', (o) => incidentBody(o, { affectedCountries: ['UK'] }), 400, 'REQUEST.VALIDATION_FAILED', 'affectedCountries'],
      ['a missing detectedAt', (o) => ({ ...incidentBody(o), detectedAt: undefined }), 400, 'REQUEST.VALIDATION_FAILED', 'detectedAt'],
      ['awareAt before detectedAt', (o) => incidentBody(o, { awareAt: '2026-11-20T09:00:00Z' }), 422, 'INCIDENT.INVALID_TIMESTAMPS', undefined],
      ['detectedAt before occurredAt', (o) => incidentBody(o, { occurredAt: '2026-11-20T10:00:00Z' }), 422, 'INCIDENT.INVALID_TIMESTAMPS', undefined],
      ['a timestamp in the future', (o) => incidentBody(o, { awareAt: '2026-11-23T13:00:00Z' }), 422, 'INCIDENT.INVALID_TIMESTAMPS', undefined],
      ['an unknown organisation', () => incidentBody('00000000-0000-4000-8000-000000000000'), 422, 'INCIDENT.UNKNOWN_ORGANISATION', undefined],
    ];

    it.each(cases)('%s', async (_label, body, status, code, field) => {
      const before = await counts();
      const res = await t.http.post('/api/incidents').send(body(orgId) as object).expect(status);
      expect(res.body).toMatchObject({ statusCode: status, code });
      if (field) expect(res.body.details.fields).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('malformed JSON', async () => {
      const before = await counts();
      const res = await t.http.post('/api/incidents').set('Content-Type', 'application/json').send('{"title": "x",').expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.MALFORMED_JSON' });
      expect(await counts()).toEqual(before);
    });

    it('a body over 1 MB', async () => {
      const before = await counts();
      const res = await t.http.post('/api/incidents').send(incidentBody(orgId, { description: 'x'.repeat(1_100_000) })).expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'REQUEST.TOO_LARGE' });
      expect(await counts()).toEqual(before);
    });

    it('an update that breaks the timestamp order leaves the incident as it was', async () => {
      const created = (await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201)).body;
      const before = await counts();
      const res = await t.http.patch(`/api/incidents/${created.id}`).send({ title: 'changed', detectedAt: '2026-11-22T00:00:00Z' }).expect(422);
      expect(res.body.details.violations).toContainEqual(expect.objectContaining({ field: 'awareAt', code: 'BEFORE_DETECTED' }));
      expect((await t.http.get(`/api/incidents/${created.id}`).expect(200)).body).toEqual(created);
      expect(await counts()).toEqual(before);
    });

    it.each([
      [{ detectedAt: null }, 'detectedAt'],
      [{ reference: 'BR-2026-9999' }, 'reference'],
      [{ organisationId: '00000000-0000-4000-8000-000000000000' }, 'organisationId'],
      [{ status: 'closed' }, 'status'],
    ])('refuses the update %j', async (patch, field) => {
      const created = (await t.http.post('/api/incidents').send(incidentBody(orgId)).expect(201)).body;
      const res = await t.http.patch(`/api/incidents/${created.id}`).send(patch).expect(400);
      expect(res.body.details.fields).toContain(field);
    });

    it('an unknown incident is 404 on every route', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await t.http.get(`/api/incidents/${missing}`).expect(404)).body.code).toBe('INCIDENT.NOT_FOUND');
      await t.http.patch(`/api/incidents/${missing}`).send({ title: 'x' }).expect(404);
      await t.http.post(`/api/incidents/${missing}/status`).send({ status: 'confirmed' }).expect(404);
      await t.http.get(`/api/incidents/${missing}/timeline`).expect(404);
    });
  });
});
