import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { highRiskFacts, unlikelyFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { binaryBody } from '../setup/binary-body.js';
import { pdfText } from '../setup/pdf-text.js';
import { createTestApp, type TestApp, TEST_ADMIN_EMAIL } from '../setup/test-app.js';

const LANGUAGES = ['en', 'fi', 'sv', 'fr', 'nl', 'de', 'lt'] as const;
const dictionary = (lang: string) => JSON.parse(fs.readFileSync(new URL(`../../templates/documents/i18n/${lang}.json`, import.meta.url), 'utf8'));

describe('documents', () => {
  let t: TestApp;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp();
    // Netox (a seed organisation): controller and processor, a contact point by e-mail.
    orgId = (
      await t.http
        .post('/api/organisations')
        .send(
          organisationBody({
            legalName: 'Netox Oy',
            roles: ['controller', 'processor'],
            contact: { kind: 'contact_point', name: null, email: 'tietosuoja@netox.fi', phone: null, address: 'Saaristonkatu 22, 90100 Oulu' },
          }),
        )
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  const FACTS = {
    recordsApprox: 3600,
    subjectCategories: ['customers', 'customer employees'],
    likelyConsequences: 'Targeted phishing against the employees whose contact details were copied.',
    measuresTaken: 'Session closed, credentials rotated, logs preserved.',
    measuresProposed: 'Enforce session time-outs on remote-support tools.',
  };

  async function assessedIncident(overrides: Record<string, unknown> = {}, facts = highRiskFacts({ subjectsCount: 1200 })) {
    const incident = (
      await t.http
        .post('/api/incidents')
        .send(incidentBody(orgId, { role: 'controller', affectedCountries: ['FI', 'SE'], awareAt: '2026-11-22T10:00:00Z', detectedAt: '2026-11-22T09:00:00Z', occurredAt: '2026-11-22T08:00:00Z', ...FACTS, ...overrides }))
        .expect(201)
    ).body;
    await t.http.post(`/api/incidents/${incident.id}/assessments`).send(facts).expect(201);
    return incident;
  }

  it('generates the authority notification with every Art. 33(3) fact, stores it immutably and serves PDF and JSON', async () => {
    const incident = await assessedIncident();
    const created = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201);
    expect(created.body).toMatchObject({ kind: 'authority_notification', language: 'en', phase: 'initial', version: 1, fileName: `${incident.reference}-authority_notification-en-v1.pdf`, createdBy: TEST_ADMIN_EMAIL });
    expect(created.body.payload).toMatchObject({ incident: { reference: incident.reference }, nature: { recordsApprox: { provided: true } }, authorities: { lead: { country: 'FI' }, crossBorder: true } });

    const pdf = await t.http.get(`/api/documents/${created.body.id}/pdf`).buffer(true).parse(binaryBody).expect(200).expect('Content-Type', 'application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${incident.reference}-authority_notification-en-v1.pdf"`);
    const bytes = pdf.body as Buffer;
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(created.body.sha256);

    const { text, info } = await pdfText(bytes);
    for (const expected of [incident.reference, 'Netox Oy', 'tietosuoja@netox.fi', '1,200', '3,600', FACTS.likelyConsequences, FACTS.measuresTaken, FACTS.measuresProposed, 'Confidential', 'Page 1 of']) {
      expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
    }
    expect(info.Title).toContain(incident.reference);

    const json = await t.http.get(`/api/documents/${created.body.id}`).expect(200);
    expect(json.body.payload).toEqual(created.body.payload);
    const timeline = (await t.http.get(`/api/incidents/${incident.id}/timeline`).expect(200)).body.items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['document_generated', 'document_downloaded']));

    const again = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'supplementary' }).expect(201);
    expect(again.body.version).toBe(2);
    expect(again.body.payload.phase.earlier).toEqual([expect.objectContaining({ version: 1, sha256: created.body.sha256 })]);
    await expect(t.db.query(`UPDATE documents SET phase = 'final' WHERE id = $1`, [created.body.id])).rejects.toThrow(/immutable/);
  });

  it.each(LANGUAGES)('writes the data-subject notice in %s', async (language) => {
    const incident = await assessedIncident();
    const created = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'data_subject_notice', language, phase: 'initial' }).expect(201);
    const pdf = await t.http.get(`/api/documents/${created.body.id}/pdf`).buffer(true).parse(binaryBody).expect(200);
    const { text } = await pdfText(pdf.body as Buffer);
    const words = dictionary(language);
    expect(text).toContain(incident.reference);
    expect(text).toContain('tietosuoja@netox.fi');
    expect(text).toContain(words.common.confidential);
    expect(text).toContain(words.advice.general.slice(0, 20));
  });

  it('stores the PDF without pglz: lz4 where the server has it, else uncompressed, and serves it byte for byte', async () => {
    const incident = await assessedIncident();
    const created = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201);
    const [lz4] = await t.db.query(`SELECT 'lz4' = ANY (enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`);
    const [stored] = await t.db.query(`SELECT pg_column_compression(pdf) AS compression, octet_length(pdf) AS size FROM documents WHERE id = $1`, [created.body.id]);
    expect(stored).toEqual({ compression: lz4.available ? 'lz4' : null, size: created.body.sizeBytes });
    const pdf = await t.http.get(`/api/documents/${created.body.id}/pdf`).buffer(true).parse(binaryBody).expect(200);
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(created.body.sha256);
  });

  it('writes the controller notice for a processor incident, with the controller’s own clock', async () => {
    const incident = (await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'processor', occurredAt: null, detectedAt: '2026-11-23T09:00:00Z', awareAt: '2026-11-23T10:00:00Z', ...FACTS })).expect(201)).body;
    const created = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'controller_notice', language: 'en', phase: 'initial' }).expect(201);
    expect(created.body.payload.controllerClock).toMatchObject({ dueAt: { iso: '2026-11-26T12:00:00.000Z' } });
    const refused = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(422);
    expect(refused.body.code).toBe('DOCUMENT.WRONG_ROLE');
  });

  it.each([
    ['an unknown kind', { kind: 'press_release', language: 'en', phase: 'initial' }, 'kind'],
    ['an unknown language', { kind: 'data_subject_notice', language: 'es', phase: 'initial' }, 'language'],
    ['a language the kind is not written in', { kind: 'authority_notification', language: 'fi', phase: 'initial' }, 'language'],
    ['an unknown phase', { kind: 'authority_notification', language: 'en', phase: 'draft' }, 'phase'],
  ])('refuses %s with 400, storing nothing', async (_label, body, field) => {
    const incident = await assessedIncident();
    const res = await t.http.post(`/api/incidents/${incident.id}/documents`).send(body).expect(400);
    expect(res.body.details.fields).toContain(field);
    expect((await t.http.get(`/api/incidents/${incident.id}/documents`).expect(200)).body.items).toEqual([]);
  });

  it('refuses a notice the assessment says is not required, unless forced with a reason', async () => {
    const incident = await assessedIncident({}, unlikelyFacts());
    const refused = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(422);
    expect(refused.body.code).toBe('DOCUMENT.NOT_REQUIRED');
    const forced = await t.http
      .post(`/api/incidents/${incident.id}/documents`)
      .send({ kind: 'authority_notification', language: 'en', phase: 'initial', force: true, reason: 'Our policy: notify the authority whenever in doubt.' })
      .expect(201);
    expect(forced.body.forcedReason).toBe('Our policy: notify the authority whenever in doubt.');
  });

  it('lets an initial notice leave facts for later but refuses a final one that misses an Art. 33(3) element', async () => {
    const incident = await assessedIncident({ recordsApprox: null, measuresTaken: null });
    const initial = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201);
    expect(initial.body.payload.phase.toFollow.length).toBeGreaterThanOrEqual(2);
    const final = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'final' }).expect(422);
    expect(final.body.code).toBe('DOCUMENT.INCOMPLETE_FINAL');
    expect(final.body.details.missing.join(' ')).toMatch(/recordsApprox.*measuresTaken/);
  });

  it('requires reasons for the delay in a late notification', async () => {
    const incident = await assessedIncident({ awareAt: '2026-11-19T10:00:00Z', detectedAt: '2026-11-19T09:00:00Z', occurredAt: null });
    const refused = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(422);
    expect(refused.body.code).toBe('DOCUMENT.DELAY_REASONS_REQUIRED');
    const late = await t.http
      .post(`/api/incidents/${incident.id}/documents`)
      .send({ kind: 'authority_notification', language: 'en', phase: 'initial', delayReasons: 'The supplier confirmed the scope only on Monday.' })
      .expect(201);
    expect(late.body.payload.deadline).toMatchObject({ late: true, delayReasons: 'The supplier confirmed the scope only on Monday.' });
  });

  it('renders hostile incident text inert: no request reaches a live local server', async () => {
    const hits: string[] = [];
    const server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const hostile = `<img src="http://127.0.0.1:${port}/img"><link rel="stylesheet" href="http://127.0.0.1:${port}/css"><script src="http://127.0.0.1:${port}/js"></script><script>fetch('http://127.0.0.1:${port}/fetch')</script>`;
      const incident = await assessedIncident({ description: hostile, title: `<iframe src="http://127.0.0.1:${port}/frame"></iframe>` });
      const created = await t.http.post(`/api/incidents/${incident.id}/documents`).send({ kind: 'authority_notification', language: 'en', phase: 'initial' }).expect(201);
      const pdf = await t.http.get(`/api/documents/${created.body.id}/pdf`).buffer(true).parse(binaryBody).expect(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
      expect((await pdfText(pdf.body as Buffer)).text).toContain(`<img src="http://127.0.0.1:${port}/img">`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
