import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { highRiskFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { binaryBody } from '../setup/binary-body.js';
import { pdfText } from '../setup/pdf-text.js';
import { signInThroughForm } from '../setup/login-form.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The facts issue 5 added to the notices, end to end: the organisation's registration number
 * and postal address, the controllers of a processor incident, containment, the Art. 34(3)
 * exemption, the processor's window, the authorities' native names and the inline preview.
 */
describe('notice facts: identity, controllers, containment, exemptions', () => {
  let t: TestApp;
  let orgId: string;
  const CONTROLLERS = [
    { name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' },
    { name: 'Koulu ry', contactEmail: null, reference: null },
  ];
  const FACTS = {
    recordsApprox: 3600,
    subjectCategories: ['customers'],
    likelyConsequences: 'Targeted phishing against the customers whose contact details were copied.',
    measuresTaken: 'Session closed, credentials rotated, logs preserved.',
    measuresProposed: 'Enforce session time-outs on remote-support tools.',
  };

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (
      await t.http
        .post('/api/organisations')
        .send(
          organisationBody({
            legalName: 'Netox Oy',
            registrationNumber: '  1234567-8 ',
            postalAddress: 'Saaristonkatu 22\r\n90100 Oulu\r\nFinland',
            controllerNoticeWindowHours: 36,
            contact: { kind: 'contact_point', name: null, email: 'tietosuoja@netox.fi', phone: null, address: 'PL 100, 90101 Oulu' },
          }),
        )
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  const pdfOf = (documentId: string, query = '') =>
    t.http
      .get(`/api/documents/${documentId}/pdf${query}`)
      .buffer(true)
      .parse(binaryBody);
  const textOf = async (documentId: string) => (await pdfText((await pdfOf(documentId).expect(200)).body as Buffer)).text;
  /** Each expected part, reported by name when missing. */
  const expectParts = (text: string, parts: readonly string[]) => {
    for (const expected of parts) expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
  };
  const processorIncident = async (overrides: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/api/incidents')
        .send(incidentBody(orgId, { role: 'processor', occurredAt: null, detectedAt: '2026-11-22T09:00:00Z', awareAt: '2026-11-22T10:00:00Z', ...FACTS, ...overrides }))
        .expect(201)
    ).body;
  const generate = (incidentId: string, body: Record<string, unknown>) => t.http.post(`/api/incidents/${incidentId}/documents`).send(body);

  it('documents the new fields and the inline parameter in OpenAPI', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.CreateOrganisationDto.properties)).toEqual(expect.arrayContaining(['registrationNumber', 'postalAddress']));
    expect(Object.keys(schemas.OrganisationView.properties)).toEqual(expect.arrayContaining(['registrationNumber', 'postalAddress']));
    for (const dto of ['CreateIncidentDto', 'UpdateIncidentDto', 'IncidentView']) {
      expect(Object.keys(schemas[dto].properties)).toEqual(expect.arrayContaining(['containedAt', 'controllers']));
    }
    expect(schemas.CreateIncidentDto.properties.controllers).toMatchObject({ type: 'array', maxItems: 50 });
    expect(schemas.ControllerDto.required).toEqual(['name']);
    const pdf = doc.paths['/api/documents/{id}/pdf'].get;
    expect(pdf.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'inline', in: 'query', required: false })]));
  });

  describe('organisations', () => {
    it('stores the registration number trimmed and the postal address with uniform line breaks', async () => {
      const org = (await t.http.get(`/api/organisations/${orgId}`).expect(200)).body;
      expect(org).toMatchObject({ registrationNumber: '1234567-8', postalAddress: 'Saaristonkatu 22\n90100 Oulu\nFinland', contact: { address: 'PL 100, 90101 Oulu' } });
    });

    it('updates and clears them with PATCH (blank or null: none), and the audit sees the change', async () => {
      const other = (await t.http.post('/api/organisations').send(organisationBody()).expect(201)).body;
      expect(other).toMatchObject({ registrationNumber: null, postalAddress: null });
      const set = await t.http.patch(`/api/organisations/${other.id}`).send({ registrationNumber: 'BE 0123.456.789', postalAddress: 'Rue de la Loi 1\n1000 Bruxelles' }).expect(200);
      expect(set.body).toMatchObject({ registrationNumber: 'BE 0123.456.789', postalAddress: 'Rue de la Loi 1\n1000 Bruxelles' });
      const cleared = await t.http.patch(`/api/organisations/${other.id}`).send({ registrationNumber: '   ', postalAddress: null }).expect(200);
      expect(cleared.body).toMatchObject({ registrationNumber: null, postalAddress: null });
      const audit = await t.db.query(`SELECT changes FROM audit_entries WHERE entity_id = $1 AND action = 'organisation.updated' ORDER BY id`, [other.id]);
      expect(Object.keys(audit[0].changes)).toEqual(expect.arrayContaining(['registrationNumber', 'postalAddress']));
    });

    it.each([
      ['a registration number over 100 characters', { registrationNumber: 'x'.repeat(101) }, 'registrationNumber'],
      ['a registration number on two lines', { registrationNumber: '123\n456' }, 'registrationNumber'],
      ['a registration number that is not text', { registrationNumber: 1234567 }, 'registrationNumber'],
      ['a postal address over 500 characters', { postalAddress: 'x'.repeat(501) }, 'postalAddress'],
      ['a registration number padded with variation selectors (the database counts them)', { registrationNumber: `${'x'.repeat(100)}${'\uFE0F'.repeat(10)}` }, 'registrationNumber'],
      ['a postal address that is not text', { postalAddress: ['Saaristonkatu 22'] }, 'postalAddress'],
    ])('refuses %s with 400 naming the field', async (_label, body, field) => {
      const created = await t.http.post('/api/organisations').send({ ...organisationBody(), ...body }).expect(400);
      expect(created.body.details.fields).toEqual([field]);
      const patched = await t.http.patch(`/api/organisations/${orgId}`).send(body).expect(400);
      expect(patched.body.details.fields).toEqual([field]);
    });
  });

  describe('incidents', () => {
    it('records the controllers and containment of a processor incident, and changes go on the timeline', async () => {
      const incident = await processorIncident({ controllers: [{ ...CONTROLLERS[0], name: '  Kauppa Oy ' }, { name: 'Koulu ry' }], containedAt: '2026-11-22T11:40:00+02:00' });
      expect(incident).toMatchObject({ controllers: CONTROLLERS, containedAt: '2026-11-22T09:40:00.000Z' });
      expect((await t.http.get(`/api/incidents/${incident.id}`).expect(200)).body).toMatchObject({ controllers: CONTROLLERS, containedAt: '2026-11-22T09:40:00.000Z' });

      const patched = await t.http.patch(`/api/incidents/${incident.id}`).send({ containedAt: null, controllers: [CONTROLLERS[0]] }).expect(200);
      expect(patched.body).toMatchObject({ containedAt: null, controllers: [CONTROLLERS[0]] });
      const timeline = (await t.http.get(`/api/incidents/${incident.id}/timeline`).expect(200)).body.items;
      const updated = timeline.find((e: { action: string }) => e.action === 'updated');
      expect(updated.summary).toBe('Changed containedAt, controllers');
      expect(updated.changes).toEqual({ containedAt: { from: '2026-11-22T09:40:00.000Z', to: null }, controllers: { from: CONTROLLERS, to: [CONTROLLERS[0]] } });
    });

    it.each([
      ['controllers that are not a list', { controllers: { name: 'Kauppa Oy' } }, 'controllers'],
      ['more than 50 controllers', { controllers: Array.from({ length: 51 }, (_, i) => ({ name: `Controller ${i}` })) }, 'controllers'],
      ['a controller that is not an object', { controllers: ['Kauppa Oy'] }, 'controllers'],
      ['a controller that is null', { controllers: [null] }, 'controllers'],
      ['a controller that is a list', { controllers: [[{ name: 'Kauppa Oy' }]] }, 'controllers'],
      ['a controller without a name', { controllers: [{ contactEmail: 'dpo@kauppa.example' }] }, 'controllers.0.name'],
      ['a controller with a blank name', { controllers: [{ name: '   ' }] }, 'controllers.0.name'],
      ['a controller with a bad e-mail', { controllers: [{ name: 'Kauppa Oy', contactEmail: 'not-an-address' }] }, 'controllers.0.contactEmail'],
      ['a controller with an unknown field', { controllers: [{ name: 'Kauppa Oy', vatId: 'FI123' }] }, 'controllers.0.vatId'],
      ['containedAt without an offset', { containedAt: '2026-11-22T09:40:00' }, 'containedAt'],
    ])('refuses %s with 400 naming the field', async (_label, body, field) => {
      const created = await t.http.post('/api/incidents').send({ ...incidentBody(orgId, { role: 'processor' }), ...body }).expect(400);
      expect(created.body.details.fields).toContain(field);
    });

    it.each([
      ['before detectedAt', '2026-11-22T08:59:00Z', 'BEFORE_DETECTED'],
      ['in the future', '2026-11-23T13:00:00Z', 'IN_FUTURE'],
    ])('refuses containedAt %s with 422 INCIDENT.INVALID_TIMESTAMPS, on create and on PATCH', async (_label, containedAt, code) => {
      const before = (await t.http.get('/api/incidents').query({ organisationId: orgId, limit: 1 }).expect(200)).body.total;
      const refused = await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'processor', detectedAt: '2026-11-22T09:00:00Z', awareAt: null, containedAt })).expect(422);
      expect(refused.body).toMatchObject({ code: 'INCIDENT.INVALID_TIMESTAMPS', details: { violations: [{ field: 'containedAt', code }] } });
      expect((await t.http.get('/api/incidents').query({ organisationId: orgId, limit: 1 }).expect(200)).body.total).toBe(before);

      const incident = await processorIncident();
      const patched = await t.http.patch(`/api/incidents/${incident.id}`).send({ containedAt }).expect(422);
      expect(patched.body).toMatchObject({ code: 'INCIDENT.INVALID_TIMESTAMPS', details: { violations: [{ field: 'containedAt', code }] } });
      // Moving detectedAt after the containment is refused just the same.
      await t.http.patch(`/api/incidents/${incident.id}`).send({ containedAt: '2026-11-22T09:30:00Z' }).expect(200);
      const moved = await t.http.patch(`/api/incidents/${incident.id}`).send({ detectedAt: '2026-11-22T09:45:00Z' }).expect(422);
      expect(moved.body.details.violations).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'containedAt', code: 'BEFORE_DETECTED' })]));
    });

    it('refuses controllers on a controller incident with 422 INCIDENT.CONTROLLERS_NOT_APPLICABLE; a role change must clear them', async () => {
      const refused = await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'controller', controllers: [CONTROLLERS[0]] })).expect(422);
      expect(refused.body).toMatchObject({ code: 'INCIDENT.CONTROLLERS_NOT_APPLICABLE', details: { field: 'controllers' } });
      const own = (await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'controller', controllers: [] })).expect(201)).body;
      expect((await t.http.patch(`/api/incidents/${own.id}`).send({ controllers: [CONTROLLERS[0]] }).expect(422)).body.code).toBe('INCIDENT.CONTROLLERS_NOT_APPLICABLE');

      const processor = await processorIncident({ controllers: [CONTROLLERS[0]] });
      expect((await t.http.patch(`/api/incidents/${processor.id}`).send({ role: 'controller' }).expect(422)).body.code).toBe('INCIDENT.CONTROLLERS_NOT_APPLICABLE');
      const switched = await t.http.patch(`/api/incidents/${processor.id}`).send({ role: 'controller', controllers: [] }).expect(200);
      expect(switched.body).toMatchObject({ role: 'controller', controllers: [] });
    });
  });

  describe('documents', () => {
    it('the controller notice names its controllers, identifies the processor, gives its window and says whether the breach is contained', async () => {
      const incident = await processorIncident({ controllers: CONTROLLERS, containedAt: '2026-11-22T09:40:00Z' });
      const created = await generate(incident.id, { kind: 'controller_notice', language: 'en', phase: 'initial' }).expect(201);
      const payload = created.body.payload;
      expect(payload.controllers).toEqual(CONTROLLERS);
      expect(payload.organisation).toMatchObject({ registrationNumber: '1234567-8', postalAddress: 'Saaristonkatu 22\n90100 Oulu\nFinland' });
      expect(payload.incident.containedAt).toMatchObject({ iso: '2026-11-22T09:40:00.000Z' });
      expect(payload.controllerClock).toMatchObject({ processorWindowHours: 36 });
      // The processor's window runs from its awareness: 10:00 UTC + 36 h.
      expect(payload.deadline.dueAt).toMatchObject({ iso: '2026-11-23T22:00:00.000Z' });

      const text = await textOf(created.body.id);
      expectParts(text, [
        'To: the controller',
        'Kauppa Oy',
        'tietosuoja@kauppa.example',
        'DPA-2024-117',
        'Koulu ry',
        'From: the processor',
        'Registration number 1234567-8',
        'Saaristonkatu 22',
        '90100 Oulu',
        'Our contractual window for notifying you 36 hours from when we became aware of the breach',
        'Notification to your supervisory authority due by',
        'The breach was contained',
        payload.incident.containedAt.utc,
      ]);
      expect(text).not.toContain('[Controller not named]');
    });

    it('a processor incident without controllers still renders, with a placeholder and "ongoing"; a final one is refused naming the controllers', async () => {
      const incident = await processorIncident();
      await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts()).expect(201);
      const initial = await generate(incident.id, { kind: 'controller_notice', language: 'en', phase: 'initial' }).expect(201);
      expect(initial.body.payload.controllers).toEqual([]);
      expect(initial.body.payload.incident.containedAt).toBeNull();
      expectParts(await textOf(initial.body.id), ['[Controller not named]', 'Ongoing: not contained yet']);

      const final = await generate(incident.id, { kind: 'controller_notice', language: 'en', phase: 'final' }).expect(422);
      expect(final.body.code).toBe('DOCUMENT.INCOMPLETE_FINAL');
      expect(final.body.details.missing).toEqual([expect.stringMatching(/^controllers \(.*Art\. 33\(2\)/)]);

      await t.http.patch(`/api/incidents/${incident.id}`).send({ controllers: [CONTROLLERS[0]] }).expect(200);
      const done = await generate(incident.id, { kind: 'controller_notice', language: 'en', phase: 'final' }).expect(201);
      expect(done.body.payload.controllers).toEqual([CONTROLLERS[0]]);
    });

    it('the authority notification identifies the controller, gives containment, the Art. 34(3) exemption and native authority names', async () => {
      const incident = (
        await t.http
          .post('/api/incidents')
          .send(incidentBody(orgId, { role: 'controller', affectedCountries: ['FI', 'SE', 'MT'], detectedAt: '2026-11-22T09:00:00Z', awareAt: '2026-11-22T10:00:00Z', containedAt: '2026-11-22T11:15:00Z', ...FACTS }))
          .expect(201)
      ).body;
      // High risk, but measures since make it unlikely to materialise: Art. 34(3)(b).
      await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts({ highRiskMitigated: true })).expect(201);
      const created = await generate(incident.id, { kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201);
      const payload = created.body.payload;
      expect(payload.subjectCommunication).toMatchObject({ status: 'not_required', exemptions: [{ code: 'art34_3_b', article: 'GDPR Art. 34(3)(b)' }] });
      expect(payload.authorities.lead).toMatchObject({ country: 'FI', nameNative: 'Tietosuojavaltuutetun toimisto / Dataombudsmannens byrå', nameUnverified: false });
      expect(payload.authorities.concerned).toEqual(expect.arrayContaining([expect.objectContaining({ country: 'MT', nameVerification: 'ANALYST_KNOWLEDGE_UNVERIFIED', nameUnverified: true })]));
      expect(payload.controllers).toEqual([]);

      const text = await textOf(created.body.id);
      expectParts(text, [
        'Registration number 1234567-8',
        'Saaristonkatu 22',
        'PL 100, 90101 Oulu',
        'The breach was contained',
        payload.incident.containedAt.utc,
        'Exemption relied on (GDPR Art. 34(3))',
        'GDPR Art. 34(3)(b) (art34_3_b)',
        'no longer likely to materialise',
        'Native name: Tietosuojavaltuutetun toimisto',
        'Native name: Integritetsskyddsmyndigheten',
        'Name not verified',
      ]);
    });

    it.each([
      ['en', 'The incident was contained on', 'The incident is still ongoing'],
      ['fi', 'Loukkaus saatiin pysäytettyä', 'Loukkaus on yhä käynnissä'],
      ['lt', 'Incidentą suvaldėme', 'Incidentas vis dar tęsiasi'],
    ])('the data-subject notice in %s says whether the breach is contained', async (language, contained, ongoing) => {
      const body = (containedAt: string | null) =>
        incidentBody(orgId, { role: 'controller', affectedCountries: ['FI'], detectedAt: '2026-11-22T09:00:00Z', awareAt: '2026-11-22T10:00:00Z', containedAt, ...FACTS });
      for (const [containedAt, expected, absent] of [['2026-11-22T11:15:00Z', contained, ongoing], [null, ongoing, contained]] as const) {
        const incident = (await t.http.post('/api/incidents').send(body(containedAt)).expect(201)).body;
        await t.http.post(`/api/incidents/${incident.id}/assessments`).send(highRiskFacts()).expect(201);
        const created = await generate(incident.id, { kind: 'data_subject_notice', language, phase: 'initial' }).expect(201);
        const text = await textOf(created.body.id);
        expect(text).toContain(expected);
        expect(text).not.toContain(absent);
        if (containedAt) expect(text).toContain(created.body.payload.incident.containedAt.local.split(' (')[0].split(' klo ')[0]);
      }
    });
  });

  describe('PDF preview', () => {
    let documentId: string;
    let fileName: string;
    beforeAll(async () => {
      const incident = await processorIncident({ controllers: [CONTROLLERS[0]] });
      const created = await generate(incident.id, { kind: 'controller_notice', language: 'en', phase: 'initial' }).expect(201);
      documentId = created.body.id;
      fileName = created.body.fileName;
    });

    it.each([
      ['', 'attachment'],
      ['?inline=0', 'attachment'],
      ['?inline=false', 'attachment'],
      ['?inline=1', 'inline'],
      ['?inline=true', 'inline'],
    ])('GET .../pdf%s answers Content-Disposition %s', async (query, disposition) => {
      const res = await pdfOf(documentId, query).expect(200).expect('Content-Type', 'application/pdf');
      expect(res.headers['content-disposition']).toBe(`${disposition}; filename="${fileName}"`);
    });

    it.each([['?inline=yes', 'inline'], ['?inline=', 'inline'], ['?inline=1&inline=1', 'inline'], ['?download=1', 'download']])('refuses %s with 400 naming %s', async (query, field) => {
      const res = await t.http.get(`/api/documents/${documentId}/pdf${query}`).expect(400);
      expect(res.body.details.fields).toEqual([field]);
    });

    it("the incident page's preview link asks for the inline PDF", async () => {
      const email = 'dpo@notice-facts.test';
      const password = 'notice facts passphrase';
      await t.http.post('/api/users').send({ email, displayName: 'Notice DPO', role: 'dpo', organisationIds: [orgId], password }).expect(201);
      const cookie = await signInThroughForm(t.anon, email, password);
      const incidentId = (await t.http.get(`/api/documents/${documentId}`).expect(200)).body.incidentId;
      const page = await t.anon.get(`/incidents/${incidentId}`).set('Cookie', cookie).expect(200);
      // Handlebars escapes "=" in attribute values; the browser reads it back.
      const href = /<a href="([^"]+)" target="_blank" rel="noopener">Preview/.exec(page.text)?.[1]?.replace(/&#x3D;/g, '=');
      expect(href).toBe(`/api/documents/${documentId}/pdf?inline=1`);
      const preview = await t.anon.get(href!).set('Cookie', cookie).expect(200);
      expect(preview.headers['content-disposition']).toBe(`inline; filename="${fileName}"`);
    });
  });
});
