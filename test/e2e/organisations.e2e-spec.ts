import { OrganisationEntity } from '../../src/modules/organisations/organisation.entity.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('organisations API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates, reads, lists and updates an organisation', async () => {
    const body = organisationBody({ legalName: 'Kuusi Analytics Oy', nis2Entity: true, trustServiceProvider: true, controllerNoticeWindowHours: 12 });
    const created = await t.http.post('/api/organisations').send(body).expect(201);
    expect(created.body).toMatchObject({
      legalName: 'Kuusi Analytics Oy',
      country: 'FI',
      timeZone: 'Europe/Helsinki',
      roles: ['controller', 'processor'],
      contact: body.contact,
      establishment: { mainEstablishmentCountry: 'FI', otherEstablishmentCountries: [], representativeCountry: null, establishedInEea: true },
      nis2Entity: true,
      trustServiceProvider: true,
      doraFinancialEntity: false,
      controllerNoticeWindowHours: 12,
      notifyWhenInDoubt: false,
      version: 1,
    });
    const id = created.body.id as string;

    const read = await t.http.get(`/api/organisations/${id}`).expect(200);
    expect(read.body).toEqual(created.body);

    const list = await t.http.get('/api/organisations').query({ q: 'kuusi analytics' }).expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(id);

    const updated = await t.http
      .patch(`/api/organisations/${id}`)
      .send({ notifyWhenInDoubt: true, timeZone: 'Europe/Stockholm', contact: { kind: 'contact_point', email: 'privacy@kuusi.example' } })
      .expect(200);
    expect(updated.body).toMatchObject({
      notifyWhenInDoubt: true,
      timeZone: 'Europe/Stockholm',
      contact: { kind: 'contact_point', name: null, email: 'privacy@kuusi.example', phone: null, address: null },
      legalName: 'Kuusi Analytics Oy',
      version: 2,
    });
  });

  it('paginates with a total', async () => {
    const prefix = `Paged ${Date.now()}`;
    for (let i = 0; i < 5; i += 1) {
      await t.http.post('/api/organisations').send(organisationBody({ legalName: `${prefix} ${i}` })).expect(201);
    }
    const page = await t.http.get('/api/organisations').query({ q: prefix, limit: 2, offset: 2 }).expect(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 2 });
    expect(page.body.items.map((o: { legalName: string }) => o.legalName)).toEqual([`${prefix} 2`, `${prefix} 3`]);
  });

  it.each([
    ['an invalid country', { country: 'XX' }, 'country'],
    ['a lower-case country', { country: 'fi' }, 'country'],
    ['an invalid time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['no roles', { roles: [] }, 'roles'],
    ['an unknown role', { roles: ['owner'] }, 'roles'],
    ['an unknown field', { founded: 1999 }, 'founded'],
    ['a bad DPO e-mail', { contact: { kind: 'dpo', email: 'not-an-email' } }, 'contact.email'],
    ['a notice window over 30 days', { controllerNoticeWindowHours: 721 }, 'controllerNoticeWindowHours'],
    ['a string flag', { nis2Entity: 'yes' }, 'nis2Entity'],
    ['an unknown nested field', { contact: { kind: 'dpo', fax: '123' } }, 'contact.fax'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, patch, field) => {
    const before = await t.db.manager.count(OrganisationEntity);
    const res = await t.http.post('/api/organisations').send({ ...organisationBody(), ...patch }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.VALIDATION_FAILED' });
    expect(res.body.details.fields).toContain(field);
    expect(await t.db.manager.count(OrganisationEntity)).toBe(before);
  });

  it('refuses cross-field violations with 422 ORGANISATION.INVALID', async () => {
    const res = await t.http
      .post('/api/organisations')
      .send(organisationBody({ trustServiceProvider: true, nis2Entity: false, establishment: { mainEstablishmentCountry: 'US' } }))
      .expect(422);
    expect(res.body.code).toBe('ORGANISATION.INVALID');
    expect(res.body.details.violations.map((v: { code: string }) => v.code).sort()).toEqual(['NOT_EEA', 'TSP_REQUIRES_NIS2']);
  });

  it('refuses to drop a role that incidents are recorded in', async () => {
    const org = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body;
    await t.http
      .post('/api/incidents')
      .send({ organisationId: org.id, title: 'Processor incident', role: 'processor', detectedAt: '2026-11-22T10:00:00Z' })
      .expect(201);
    const res = await t.http.patch(`/api/organisations/${org.id}`).send({ roles: ['controller'] }).expect(422);
    expect(res.body.code).toBe('ORGANISATION.ROLE_IN_USE');
    expect((await t.http.get(`/api/organisations/${org.id}`).expect(200)).body.roles).toEqual(['controller', 'processor']);
  });

  it('answers 404 for an unknown organisation and 400 for a malformed id', async () => {
    const missing = await t.http.get('/api/organisations/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.code).toBe('ORGANISATION.NOT_FOUND');
    await t.http.patch('/api/organisations/00000000-0000-4000-8000-000000000000').send({ notifyWhenInDoubt: true }).expect(404);
    const malformed = await t.http.get('/api/organisations/not-a-uuid').expect(400);
    expect(malformed.body.code).toBe('REQUEST.INVALID_ID');
  });
});
