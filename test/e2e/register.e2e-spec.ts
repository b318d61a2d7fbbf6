import { randomUUID } from 'node:crypto';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { parseCsv, parseCsvObjects } from '../../src/modules/register/domain/csv-parse.spec-helper.js';
import { breachFacts, unlikelyFacts } from '../factories/breach-facts.factory.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { binaryBody } from '../setup/binary-body.js';
import { pdfText } from '../setup/pdf-text.js';
import { createTestApp, TEST_ADMIN_EMAIL, type TestApp } from '../setup/test-app.js';

/** The GDPR Art. 33(5) register: every incident, notified or not, with its facts, decisions and filings. */

interface Row {
  reference: string;
  organisation: { id: string; legalName: string };
  status: string;
  [key: string]: unknown;
}

const HOSTILE = '=HYPERLINK("http://evil","x")';
const MESSY = 'Sessions closed, "all" tokens revoked,\nlogs kept\r\nfor 90 days; backups checked';


describe('register (GDPR Art. 33(5))', () => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  const ref: Record<'notified' | 'notNotified' | 'notABreach' | 'late' | 'overridden' | 'orgB', string> = {} as never;
  const OVERRIDE = 'The recipient is our auditor under NDA and confirmed deletion in writing.';

  const createIncident = async (org: string, overrides: Record<string, unknown>) => (await t.http.post('/api/incidents').send(incidentBody(org, overrides)).expect(201)).body as { id: string; reference: string };
  const obligation = async (incidentId: string, kind: string) =>
    ((await t.http.get(`/api/incidents/${incidentId}/obligations`).expect(200)).body.items as Array<{ id: string; kind: string }>).find((o) => o.kind === kind)!;
  const status = (id: string, to: string, reason?: string) => t.http.post(`/api/incidents/${id}/status`).send({ status: to, ...(reason ? { reason } : {}) }).expect(200);
  const registerOf = async (query: Record<string, string>) => (await t.http.get('/api/register').query(query).expect(200)).body as { items: Row[]; total: number; [k: string]: unknown };
  const byRef = (items: Row[]) => Object.fromEntries(items.map((r) => [r.reference, r]));

  beforeAll(async () => {
    t = await createTestApp();
    orgA = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Netox Oy', roles: ['controller'] })).expect(201)).body.id;
    orgB = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Cloudnovi', country: 'BE', timeZone: 'Europe/Brussels', roles: ['controller'], establishment: { mainEstablishmentCountry: 'BE' } })).expect(201)).body.id;

    // Notified on time (awareness 2026-11-20 10:00Z, due 2026-11-23 10:00Z), with hostile and messy text.
    const notified = await createIncident(orgA, {
      description: HOSTILE,
      recordsApprox: 3600,
      subjectCategories: ['customers', 'customer employees'],
      likelyConsequences: 'Targeted phishing against the people whose contact details were copied.',
      measuresTaken: MESSY,
      measuresProposed: 'Enforce session time-outs on remote-support tools.',
    });
    await t.http.post(`/api/incidents/${notified.id}/assessments`).send(breachFacts()).expect(201);
    const art33 = await obligation(notified.id, 'gdpr_art33_1');
    await t.http.post(`/api/incidents/${notified.id}/obligations/${art33.id}/fulfil`).send({ submittedAt: '2026-11-21T10:00:00Z', reference: 'DPA-ON-TIME-1' }).expect(200);
    await status(notified.id, 'confirmed');
    await status(notified.id, 'notified');
    ref.notified = notified.reference;

    // Not notified: the assessment finds a risk unlikely (encrypted laptop); closed.
    const notNotified = await createIncident(orgA, { title: 'Encrypted laptop lost on a train', occurredAt: '2026-11-10T06:00:00Z', detectedAt: '2026-11-10T07:00:00Z', awareAt: '2026-11-10T08:00:00Z' });
    await t.http.post(`/api/incidents/${notNotified.id}/assessments`).send(unlikelyFacts()).expect(201);
    await status(notNotified.id, 'confirmed');
    await status(notNotified.id, 'closed');
    ref.notNotified = notNotified.reference;

    // Not a breach, closed with written reasoning before awareness.
    const notABreach = await createIncident(orgA, { title: 'Share thought to be public', occurredAt: '2026-10-15T06:00:00Z', detectedAt: '2026-10-15T07:00:00Z', awareAt: null });
    await status(notABreach.id, 'not_a_breach', 'The exposed share held only synthetic test data.');
    ref.notABreach = notABreach.reference;

    // Filed 26.5 h late (due 2026-11-22 08:00Z, filed 2026-11-23 10:30Z) with reasons.
    const late = await createIncident(orgA, { title: 'Ransomware on the file server', occurredAt: '2026-11-19T06:00:00Z', detectedAt: '2026-11-19T07:00:00Z', awareAt: '2026-11-19T08:00:00Z' });
    await t.http.post(`/api/incidents/${late.id}/assessments`).send(breachFacts()).expect(201);
    const lateArt33 = await obligation(late.id, 'gdpr_art33_1');
    await t.http
      .post(`/api/incidents/${late.id}/obligations/${lateArt33.id}/fulfil`)
      .send({ submittedAt: '2026-11-23T10:30:00Z', reference: 'DPA-LATE-7', delayReasons: 'Forensics confirmed the scope only on Monday.' })
      .expect(200);
    ref.late = late.reference;

    // The engine says notify; a DPO overrides with a justification.
    const overridden = await createIncident(orgA, { title: 'Export sent to our auditor', occurredAt: '2026-11-21T06:00:00Z', detectedAt: '2026-11-21T07:00:00Z', awareAt: '2026-11-21T08:00:00Z' });
    const assessed = (await t.http.post(`/api/incidents/${overridden.id}/assessments`).send(breachFacts()).expect(201)).body;
    await t.http.post(`/api/incidents/${overridden.id}/assessments/${assessed.id}/override`).send({ riskLevel: 'unlikely', notifyAuthority: false, communicateSubjects: 'not_required', justification: OVERRIDE }).expect(201);
    ref.overridden = overridden.reference;

    const other = await createIncident(orgB, { title: 'Cloudnovi backup exposed', occurredAt: '2026-11-18T06:00:00Z', detectedAt: '2026-11-18T07:00:00Z', awareAt: '2026-11-18T08:00:00Z', affectedCountries: ['BE'] });
    ref.orgB = other.reference;
  });

  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  describe('JSON', () => {
    it('lists every incident of the organisation, notified or not, with facts, effects, remedial action, decisions and filings', async () => {
      const body = await registerOf({ organisationId: orgA });
      expect(body).toMatchObject({ generatedAt: '2026-11-23T12:00:00.000Z', period: { from: null, to: null }, organisationIds: [orgA], total: 5 });
      // In the order of detection.
      expect(body.items.map((r) => r.reference)).toEqual([ref.notABreach, ref.notNotified, ref.late, ref.notified, ref.overridden]);
      const rows = byRef(body.items);

      expect(rows[ref.notified]).toMatchObject({
        organisation: { id: orgA, legalName: 'Netox Oy' },
        title: 'Customer list e-mailed to the wrong recipient',
        description: HOSTILE,
        role: 'controller',
        status: 'notified',
        occurredAt: '2026-11-20T08:00:00.000Z',
        detectedAt: '2026-11-20T09:30:00.000Z',
        awareAt: '2026-11-20T10:00:00.000Z',
        affectedCountries: ['FI'],
        facts: { breachTypes: ['confidentiality'], dataCategories: ['basic'], subjectCategories: ['customers', 'customer employees'], subjectsApprox: 240, recordsApprox: 3600 },
        effects: { likelyConsequences: 'Targeted phishing against the people whose contact details were copied.' },
        remedialAction: { measuresTaken: MESSY, measuresProposed: 'Enforce session time-outs on remote-support tools.' },
        decision: { sequence: 1, assessedBy: TEST_ADMIN_EMAIL, outcome: { notifyAuthority: true }, override: null },
        lateness: { status: 'on_time', hoursLate: null, lateCount: 0, overdueCount: 0 },
      });
      const decision = rows[ref.notified].decision as { reasons: Array<{ code: string; text: string; source: string }> };
      expect(decision.reasons.length).toBeGreaterThan(0);
      for (const reason of decision.reasons) expect(reason).toEqual({ code: expect.any(String), text: expect.any(String), source: expect.any(String) });
      expect(rows[ref.notified].notifications).toContainEqual(
        expect.objectContaining({ kind: 'gdpr_art33_1', status: 'fulfilled', dueAt: '2026-11-23T10:00:00.000Z', submittedAt: '2026-11-21T10:00:00.000Z', reference: 'DPA-ON-TIME-1', onTime: true, lateness: { status: 'on_time', hoursLate: null } }),
      );

      expect(rows[ref.notNotified]).toMatchObject({
        status: 'closed',
        decision: { outcome: { riskLevel: 'unlikely', notifyAuthority: false } },
        lateness: { status: 'none' },
      });
      expect(rows[ref.notNotified].notifications).toContainEqual(expect.objectContaining({ kind: 'gdpr_art33_1', status: 'not_required', submittedAt: null, lateness: { status: 'not_required', hoursLate: null } }));

      expect(rows[ref.notABreach]).toMatchObject({
        status: 'not_a_breach',
        awareAt: null,
        decision: null,
        statusChange: { status: 'not_a_breach', by: TEST_ADMIN_EMAIL, reason: 'The exposed share held only synthetic test data.' },
        facts: { dataCategories: null, subjectsApprox: null, recordsApprox: null },
      });

      expect(rows[ref.late]).toMatchObject({ lateness: { status: 'late', hoursLate: 26.5, lateCount: 1 } });
      expect(rows[ref.late].notifications).toContainEqual(
        expect.objectContaining({
          kind: 'gdpr_art33_1',
          dueAt: '2026-11-22T08:00:00.000Z',
          submittedAt: '2026-11-23T10:30:00.000Z',
          reference: 'DPA-LATE-7',
          onTime: false,
          delayReasons: 'Forensics confirmed the scope only on Monday.',
          lateness: { status: 'late', hoursLate: 26.5 },
        }),
      );

      expect(rows[ref.overridden]).toMatchObject({
        decision: {
          outcome: { riskLevel: 'unlikely', notifyAuthority: false },
          engineOutcome: { notifyAuthority: true },
          override: { justification: OVERRIDE, by: TEST_ADMIN_EMAIL },
        },
      });
    });

    it('shows an open duty past its due time as overdue', async () => {
      const orgC = (await t.http.post('/api/organisations').send(organisationBody({ roles: ['controller'] })).expect(201)).body.id as string;
      const open = await createIncident(orgC, { title: 'Unfiled', occurredAt: '2026-11-19T09:00:00Z', detectedAt: '2026-11-19T10:00:00Z', awareAt: '2026-11-19T11:00:00Z' });
      const row = (await registerOf({ organisationId: orgC })).items;
      expect(row).toHaveLength(1);
      // Due 2026-11-22 11:00Z; now is 2026-11-23 12:00Z.
      expect(row[0]).toMatchObject({ reference: open.reference, lateness: { status: 'overdue', hoursLate: 25, overdueCount: 1 } });
    });

    it.each([
      ['from (inclusive)', { from: '2026-11-20T09:30:00Z' }, ['notified', 'overridden']],
      ['to (exclusive)', { to: '2026-11-20T09:30:00Z' }, ['notABreach', 'notNotified', 'late']],
      ['a period', { from: '2026-11-01T00:00:00+02:00', to: '2026-11-20T00:00:00Z' }, ['notNotified', 'late']],
      ['an empty period', { from: '2026-11-20T09:30:00Z', to: '2026-11-20T09:30:00Z' }, []],
    ] as const)('filters on detectedAt: %s', async (_label, period, expected) => {
      const body = await registerOf({ organisationId: orgA, ...period });
      expect(body.items.map((r) => r.reference)).toEqual(expected.map((k) => ref[k]));
      expect(body.period).toEqual({ from: 'from' in period ? new Date(period.from).toISOString() : null, to: 'to' in period ? new Date(period.to).toISOString() : null });
    });

    it('covers all the caller’s organisations without a filter, and one with it', async () => {
      const all = await registerOf({});
      expect(all.organisationIds).toEqual(expect.arrayContaining([orgA, orgB]));
      const refs = all.items.map((r) => `${r.organisation.id}/${r.reference}`);
      expect(refs).toEqual(expect.arrayContaining([`${orgA}/${ref.notified}`, `${orgB}/${ref.orgB}`]));
      const onlyB = await registerOf({ organisationId: orgB });
      expect(onlyB).toMatchObject({ organisationIds: [orgB], total: 1, items: [{ reference: ref.orgB, organisation: { legalName: 'Cloudnovi' } }] });
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body;
    const names = doc.paths['/api/register'].get.parameters.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['format', 'from', 'to', 'organisationId']));
  });

  describe('CSV', () => {
    it('is RFC 4180 with one record per incident, hostile cells neutralised, quotes, commas and newlines intact', async () => {
      const res = await t.http.get('/api/register').query({ format: 'csv', organisationId: orgA, to: '2026-11-22T00:00:00Z' }).buffer(true).parse(binaryBody).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="breach-register-2026-11-23.csv"');
      const text = (res.body as Buffer).toString('utf8');
      expect(parseCsv(text).bom).toBe(true);
      // Every line ending is CRLF: any LF is either inside a quoted cell or follows a CR.
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);

      const rows = Object.fromEntries(parseCsvObjects(text).map((r) => [r.reference, r]));
      expect(Object.keys(rows)).toEqual([ref.notABreach, ref.notNotified, ref.late, ref.notified, ref.overridden]);
      expect(rows[ref.notified]).toMatchObject({
        organisation: 'Netox Oy',
        organisation_id: orgA,
        description: `'${HOSTILE}`,
        measures_taken: MESSY,
        subject_categories: 'customers; customer employees',
        records_approx: '3600',
        status: 'notified',
        authority_due_at: '2026-11-23T10:00:00.000Z',
        authority_submitted_at: '2026-11-21T10:00:00.000Z',
        authority_reference: 'DPA-ON-TIME-1',
        lateness: 'on_time',
      });
      expect(rows[ref.late]).toMatchObject({ authority_reference: 'DPA-LATE-7', authority_delay_reasons: 'Forensics confirmed the scope only on Monday.', lateness: 'late', hours_late: '26.5' });
      expect(rows[ref.notNotified]).toMatchObject({ status: 'closed', risk_level: 'unlikely', notify_authority: 'false', lateness: 'none' });
      expect(rows[ref.notABreach]).toMatchObject({ status: 'not_a_breach', status_reason: 'The exposed share held only synthetic test data.', risk_level: '' });
      expect(rows[ref.overridden]).toMatchObject({ overridden: 'true', override_justification: OVERRIDE, override_by: TEST_ADMIN_EMAIL });
      expect(rows[ref.notified].decision_reasons.split('\n').length).toBeGreaterThan(0);
    });
  });

  describe('containment and controllers', () => {
    let orgP: string;
    let processorRef: string;
    let controllerRef: string;
    // A name a spreadsheet would run as a formula, first in its cell (a cell is read from its start).
    const CONTROLLERS = [
      { name: '=HYPERLINK("http://evil","Koulu ry")', contactEmail: null, reference: null },
      { name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' },
    ];
    beforeAll(async () => {
      orgP = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Prosessori Oy', roles: ['controller', 'processor'] })).expect(201)).body.id;
      processorRef = (await createIncident(orgP, { role: 'processor', title: 'Remote-support session left open', containedAt: '2026-11-20T11:15:00Z', controllers: CONTROLLERS })).reference;
      controllerRef = (await createIncident(orgP, { role: 'controller', title: 'Own payroll file exposed', detectedAt: '2026-11-21T09:30:00Z', awareAt: null })).reference;
    });

    it('JSON: when each breach was contained or that it is ongoing, and a processor incident’s controllers by name', async () => {
      const rows = byRef((await registerOf({ organisationId: orgP })).items);
      expect(rows[processorRef]).toMatchObject({ role: 'processor', containment: 'contained', containedAt: '2026-11-20T11:15:00.000Z', controllers: [CONTROLLERS[0]!.name, 'Kauppa Oy'] });
      expect(rows[controllerRef]).toMatchObject({ role: 'controller', containment: 'ongoing', containedAt: null, controllers: [] });
      // The register names the controllers; their contacts stay on the incident.
      expect(JSON.stringify(rows[processorRef])).not.toContain('tietosuoja@kauppa.example');
    });

    it('CSV: three columns at the end, the earlier ones where they were, hostile names neutralised', async () => {
      const res = await t.http.get('/api/register').query({ format: 'csv', organisationId: orgP }).buffer(true).parse(binaryBody).expect(200);
      const text = (res.body as Buffer).toString('utf8');
      const header = parseCsv(text).records[0]!;
      expect(header.slice(0, 3)).toEqual(['reference', 'organisation_id', 'organisation']);
      expect(header.slice(-5)).toEqual(['lateness', 'hours_late', 'containment', 'contained_at', 'controllers']);
      const rows = Object.fromEntries(parseCsvObjects(text).map((r) => [r.reference, r]));
      expect(rows[processorRef]).toMatchObject({ role: 'processor', containment: 'contained', contained_at: '2026-11-20T11:15:00.000Z', controllers: `'=HYPERLINK("http://evil","Koulu ry")\nKauppa Oy` });
      expect(rows[controllerRef]).toMatchObject({ role: 'controller', containment: 'ongoing', contained_at: '', controllers: '' });
    });

    it('PDF: contained or ongoing, and the controllers of the processor incident', async () => {
      const res = await t.http.get('/api/register').query({ format: 'pdf', organisationId: orgP }).buffer(true).parse(binaryBody).expect(200);
      const { text } = await pdfText(res.body as Buffer);
      for (const expected of ['Contained', '2026-11-20 11:15 UTC', 'Ongoing: no containment recorded', 'Kauppa Oy', 'Koulu ry', 'GDPR Art. 33(2)']) {
        expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
      }
    });
  });

  describe('PDF', () => {
    it('renders the register with references, key facts, decisions and lateness', async () => {
      const res = await t.http.get('/api/register').query({ format: 'pdf', organisationId: orgA, to: '2026-11-22T00:00:00Z' }).buffer(true).parse(binaryBody).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe('attachment; filename="breach-register-2026-11-23.pdf"');
      const { text, info } = await pdfText(res.body as Buffer);
      for (const expected of [
        ref.notified,
        ref.notNotified,
        ref.notABreach,
        ref.late,
        ref.overridden,
        'Netox Oy',
        'GDPR Art. 33(5)',
        '3,600',
        'DPA-ON-TIME-1',
        'DPA-LATE-7',
        'Filed 26.5 h late',
        'Forensics confirmed the scope only on Monday.',
        'The exposed share held only synthetic test data.',
        'Not a personal data breach',
        OVERRIDE,
        'Confidential',
        'Page 1 of',
      ]) {
        expect({ expected, found: text.includes(expected) }).toEqual({ expected, found: true });
      }
      // References are per organisation: Cloudnovi's own BR-2026-0001 is told apart by its title.
      expect(text).not.toContain('Cloudnovi backup exposed');
      expect(info.Title).toContain('Register of personal data breaches');
    });
  });

  describe('scale', () => {
    it('answers for thousands of incidents in a few queries (no query per incident)', async () => {
      const N = 3000;
      const bulk = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Bulk Oy', roles: ['controller'] })).expect(201)).body.id as string;
      const [sample] = await t.db.query(`SELECT facts, result FROM assessments ORDER BY created_at LIMIT 1`);
      await t.db.transaction(async (m) => {
        await m.query(
          `INSERT INTO incidents (organisation_id, reference, title, role, detected_at, aware_at, status, created_by, version)
           SELECT $1, 'BR-2025-' || lpad(n::text, 4, '0'), 'Bulk incident ' || n, 'controller',
                  timestamptz '2025-01-01T00:00:00Z' + n * interval '1 hour', timestamptz '2025-01-01T01:00:00Z' + n * interval '1 hour', 'confirmed', 'bulk', 1
             FROM generate_series(1, $2::int) AS n`,
          [bulk, N],
        );
        // Two assessments each: the register must pick the latest.
        await m.query(
          `INSERT INTO assessments (incident_id, organisation_id, sequence, role, facts, notify_when_in_doubt, result, rules_version, risk_level, notify_authority, communicate_subjects, notify_controller, created_by)
           SELECT i.id, i.organisation_id, s, 'controller', $2::jsonb, false, $3::jsonb, 'bulk', CASE s WHEN 1 THEN 'unlikely' ELSE 'risk' END, s = 2, 'not_required', false, 'bulk'
             FROM incidents i CROSS JOIN generate_series(1, 2) AS s WHERE i.organisation_id = $1`,
          [bulk, JSON.stringify(sample.facts), JSON.stringify(sample.result)],
        );
        await m.query(
          `INSERT INTO obligations (incident_id, organisation_id, kind, regime, recipient, label, anchor, anchor_at, due_at, status, required, reasons, rule_id, rules_version, submitted_at, reference, on_time, delay_reasons, version)
           SELECT i.id, i.organisation_id, 'gdpr_art33_1', 'gdpr', 'supervisory_authority', 'GDPR Art. 33(1): notify the supervisory authority', '{"type":"aware_at"}', i.aware_at,
                  i.aware_at + interval '72 hours', 'fulfilled', true, '[]', 'bulk', 'bulk', i.aware_at + interval '74 hours', 'DPA-' || i.reference, false, 'bulk filing', 1
             FROM incidents i WHERE i.organisation_id = $1`,
          [bulk],
        );
      });

      const started = Date.now();
      const body = await registerOf({ organisationId: bulk });
      const jsonMs = Date.now() - started;
      expect(body.total).toBe(N);
      expect(body.items[0]).toMatchObject({ reference: 'BR-2025-0001', decision: { sequence: 2, outcome: { riskLevel: 'risk' } }, lateness: { status: 'late', hoursLate: 2 } });
      const csvStarted = Date.now();
      const csv = await t.http.get('/api/register').query({ format: 'csv', organisationId: bulk }).buffer(true).parse(binaryBody).expect(200);
      const csvMs = Date.now() - csvStarted;
      expect(parseCsvObjects((csv.body as Buffer).toString('utf8'))).toHaveLength(N);
      // A query per incident would take tens of seconds here; the batched load takes well under one.
      expect({ jsonMs, csvMs, fast: jsonMs < 5000 && csvMs < 5000 }).toMatchObject({ fast: true });

      // Too many for one PDF: refused at once, naming the way out, instead of a long render.
      const pdf = await t.http.get('/api/register').query({ format: 'pdf', organisationId: bulk }).expect(422);
      expect(pdf.body).toMatchObject({ code: 'REGISTER.TOO_LARGE_FOR_PDF', details: { total: N, limit: 500 } });
    });
  });

  describe('refusals', () => {
    it.each([
      ['an unknown format', { format: 'xml' }, ['format']],
      ['two formats', 'format=csv&format=pdf', ['format']],
      ['a date that is not an instant', { from: 'yesterday' }, ['from']],
      ['an instant without an offset', { to: '2026-11-01T00:00:00' }, ['to']],
      ['an impossible date', { from: '2026-02-30T00:00:00Z' }, ['from']],
      ['an organisation id that is not a UUID', { organisationId: 'netox' }, ['organisationId']],
      ['an unknown query field', { limit: '10' }, ['limit']],
    ])('400 for %s', async (_label, query, fields) => {
      const res = await t.http.get('/api/register').query(query).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.VALIDATION_FAILED' });
      expect(res.body.details.fields).toEqual(fields);
    });

    it('400 REGISTER.INVALID_PERIOD when from is after to, naming both', async () => {
      const res = await t.http.get('/api/register').query({ from: '2026-11-20T00:00:00Z', to: '2026-11-19T00:00:00Z' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'REGISTER.INVALID_PERIOD', details: { fields: ['from', 'to'] } });
    });

    it('404 for an organisation that does not exist', async () => {
      const unknown = randomUUID();
      const res = await t.http.get('/api/register').query({ organisationId: unknown }).expect(404);
      expect(res.body).toMatchObject({ code: 'ORGANISATION.NOT_FOUND', message: `Organisation ${unknown} does not exist` });
    });

    it('401 without credentials', async () => {
      await t.anon.get('/api/register').expect(401);
    });
  });

  describe('tenancy', () => {
    let viewerToken: string;
    beforeAll(async () => {
      const user = (
        await t.http
          .post('/api/users')
          .send({ email: `register-viewer-${randomUUID().slice(0, 8)}@example.test`, displayName: 'Cloudnovi viewer', role: 'viewer', organisationIds: [orgB] })
          .expect(201)
      ).body;
      viewerToken = (await t.http.post(`/api/users/${user.id}/tokens`).send({ name: 'register' }).expect(201)).body.token;
    });
    const asViewer = (query: Record<string, string>) => t.anon.get('/api/register').query(query).set('Authorization', `Bearer ${viewerToken}`);

    it('answers 404 for another organisation exactly as for an unknown one', async () => {
      const other = await asViewer({ organisationId: orgA }).expect(404);
      const unknown = await asViewer({ organisationId: randomUUID() }).expect(404);
      const shape = (body: Record<string, unknown>) => ({ ...body, message: String(body.message).replace(/[0-9a-f-]{36}/, '<id>'), requestId: '<id>' });
      expect(shape(other.body)).toEqual(shape(unknown.body));
      expect(other.body).toMatchObject({ code: 'ORGANISATION.NOT_FOUND', message: `Organisation ${orgA} does not exist` });
      for (const format of ['csv', 'pdf']) await asViewer({ organisationId: orgA, format }).expect(404);
    });

    it('never shows another organisation’s incidents, in any format', async () => {
      const json = (await asViewer({}).expect(200)).body;
      expect(json.organisationIds).toEqual([orgB]);
      expect(json.items.map((r: Row) => r.reference)).toEqual([ref.orgB]);
      expect(json.items.every((r: Row) => r.organisation.id === orgB)).toBe(true);

      const csv = await asViewer({ format: 'csv' }).buffer(true).parse(binaryBody).expect(200);
      const records = parseCsvObjects((csv.body as Buffer).toString('utf8'));
      expect(records.map((r) => [r.organisation_id, r.reference])).toEqual([[orgB, ref.orgB]]);
      expect((csv.body as Buffer).toString('utf8')).not.toContain('Netox Oy');

      const pdf = await asViewer({ format: 'pdf' }).buffer(true).parse(binaryBody).expect(200);
      const { text } = await pdfText(pdf.body as Buffer);
      expect(text).toContain(ref.orgB);
      expect(text).toContain('Cloudnovi backup exposed');
      expect(text).not.toContain('Netox Oy');
    });
  });
});
