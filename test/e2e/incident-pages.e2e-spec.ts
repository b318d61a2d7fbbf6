import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { ClockService } from '../../src/modules/obligations/clock.service.js';
import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { signInThroughForm } from '../setup/login-form.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PASSWORD = 'incident pages passphrase';
const EMAIL = 'dpo@incident-pages.test';

/** Handlebars' escaping, to find a stored text in a page. */
const esc = (s: string) => s.replace(/[&<>"'`=]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' })[c] as string);

/** A high-risk breach as the wizard posts it: card data of 50,000 shoppers published by an attacker. */
const HIGH_RISK_FORM = {
  breachTypes: 'confidentiality',
  dataCategories: ['basic', 'financial'],
  dpcScore: '',
  dpcReason: '',
  subjectsCount: '50000',
  identifiability: 'maximum',
  exposure: 'public',
  integrityLoss: 'none',
  availabilityLoss: 'none',
  unavailableHours: '',
  exfiltration: 'confirmed',
  protection: 'none',
  malicious: 'true',
  backupAvailable: 'true',
};

/** The incident pages over HTTP with a signed-in DPO: forms post like a browser without JavaScript. */
describe('incident pages', () => {
  let t: TestApp;
  let orgId: string;
  let otherIncidentId: string;
  let cookie: string;
  let csrf: string;

  const get = (path: string) => t.anon.get(path).set('Cookie', cookie);
  const post = (path: string, form: Record<string, string | string[]>) => t.anon.post(path).set('Cookie', cookie).type('form').send({ _csrf: csrf, ...form });
  const api = (path: string) => t.http.get(path).expect(200).then((r) => r.body);
  const created = (location: string) => /^\/incidents\/([0-9a-f-]{36})\?done=created$/.exec(location)?.[1] as string;

  async function incidentVia(overrides: Record<string, unknown> = {}): Promise<string> {
    return (await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'controller', ...overrides })).expect(201)).body.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Sivut Oy', timeZone: 'Europe/Helsinki' })).expect(201)).body.id;
    const otherOrg = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Other Tenant AB', country: 'SE', timeZone: 'Europe/Stockholm' })).expect(201)).body.id;
    otherIncidentId = (await t.http.post('/api/incidents').send(incidentBody(otherOrg, { title: 'Not yours to see' })).expect(201)).body.id;
    await t.http.post('/api/users').send({ email: EMAIL, displayName: 'Pages DPO', role: 'dpo', organisationIds: [orgId], password: PASSWORD }).expect(201);
    cookie = await signInThroughForm(t.anon, EMAIL, PASSWORD);
    csrf = /name="_csrf" value="([^"]+)"/.exec((await get('/incidents/new').expect(200)).text)?.[1] as string;
  });
  afterAll(async () => {
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  it('shows the intake form with the user’s organisations only and the law beside the fields', async () => {
    const page = await get('/incidents/new').expect(200);
    expect(page.text).toContain('Sivut Oy (Europe/Helsinki; controller, processor)');
    expect(page.text).not.toContain('Other Tenant AB');
    expect(page.text).toContain('reasonable degree of certainty that a security incident has occurred');
    expect(page.text).toContain('GDPR Art. 4(12)');
    expect(page.text).toContain('GDPR Art. 33(3)');
    expect(page.text).toMatch(/<label for="awareAt">/);
  });

  it('keeps what was typed and puts each error beside its field', async () => {
    const empty = await post('/incidents', { organisationId: orgId, title: '', description: 'Kept <b>text</b>', detectedAt: '', awareAt: '' }).expect(400);
    expect(empty.text).toContain('Kept &lt;b&gt;text&lt;/b&gt;');
    expect(empty.text).toMatch(/id="title"[^>]*aria-invalid="true" aria-describedby="title-error"/);
    expect(empty.text).toMatch(/<small id="title-error" class="field-error">Title should not be empty\.<\/small>/);
    expect(empty.text).toMatch(/<small id="detectedAt-error" class="field-error">Enter a date and a time/);
    expect(empty.text).toMatch(new RegExp(`<option value="${orgId}" selected>`));

    const noOrg = await post('/incidents', { organisationId: '', title: 'A title', detectedAt: '2026-11-22T10:00' }).expect(400);
    expect(noOrg.text).toContain('id="organisationId-error" class="field-error">Choose the organisation');
    expect(noOrg.text).toContain('value="A title"');

    // The rules (awareness before detection) answer 422 on the field they name.
    const order = await post('/incidents', { organisationId: orgId, title: 'Backwards', detectedAt: '2026-11-22T10:00', awareAt: '2026-11-22T09:00' }).expect(422);
    expect(order.text).toMatch(/id="awareAt-error" class="field-error">[^<]*before detectedAt/);
    expect(order.text).toContain('value="2026-11-22T09:00"');
  });

  it('records an incident, reading the times in the organisation’s zone, and escapes hostile text', async () => {
    const res = await post('/incidents', {
      organisationId: orgId,
      title: '<script>alert("title")</script>',
      description: 'Line one\r\n<script>alert(1)</script>',
      role: 'controller',
      occurredAt: '2026-11-22T11:00',
      detectedAt: '2026-11-22T11:30',
      awareAt: '2026-11-22T12:00',
      classifiedAt: '',
      affectedCountries: 'fi, se',
      recordsApprox: '1200',
      subjectCategories: 'customers, customer employees',
      likelyConsequences: 'Phishing',
      measuresTaken: 'Access revoked',
      measuresProposed: '',
    }).expect(303);
    const id = created(res.headers.location as string);
    expect(id).toBeDefined();
    const stored = await api(`/api/incidents/${id}`);
    expect(stored).toMatchObject({ awareAt: '2026-11-22T10:00:00.000Z', detectedAt: '2026-11-22T09:30:00.000Z', affectedCountries: ['FI', 'SE'], recordsApprox: 1200, subjectCategories: ['customers', 'customer employees'], measuresProposed: null });
    expect(stored.description).toBe('Line one\n<script>alert(1)</script>');

    const page = await get(res.headers.location as string).expect(200);
    expect(page.text).toContain('Incident recorded.');
    expect(page.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text.match(/<script/g)).toHaveLength(1); // the layout's own /assets/app.js
    expect(page.text).toContain('Sun 22 Nov 2026 12:00 (UTC+02:00)');
    expect(page.text).toContain('Sun 22 Nov 2026 10:00 UTC');
    // The Art. 33(1) duty runs from awareness: 72 hours, shown in both zones with a live countdown.
    expect(page.text).toContain('Wed 25 Nov 2026 12:00 (UTC+02:00)');
    expect(page.text).toContain('data-due="2026-11-25T10:00:00.000Z"');

    const list = await get('/incidents?q=alert').expect(200);
    expect(list.text).toContain(`href="/incidents/${id}"`);
    expect(list.text).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
    expect(list.text.match(/<script/g)).toHaveLength(1);
  });

  describe('containment and the controllers of a processor incident', () => {
    const KAUPPA = { name: 'Kauppa Oy', contactEmail: 'tietosuoja@kauppa.example', reference: 'DPA-2024-117' };
    const KOULU = { name: 'Koulu ry', contactEmail: null, reference: null };
    const INTAKE = { title: 'Remote-support session left open', role: 'processor', detectedAt: '2026-11-22T11:00', awareAt: '2026-11-22T12:00', containedAt: '2026-11-22T11:40' };
    const intake = (form: Record<string, string>) => post('/incidents', { organisationId: orgId, ...INTAKE, ...form });
    /** The facts form of an incident made by incidentVia, as the page shows it (Helsinki time). */
    const FACTS_OF_BODY = { title: 'Customer list e-mailed to the wrong recipient', description: 'An export of 240 customer records was sent to a former supplier.', occurredAt: '2026-11-20T10:00', detectedAt: '2026-11-20T11:30', awareAt: '2026-11-20T12:00', affectedCountries: 'FI' };
    const total = async () => (await t.http.get('/api/incidents').query({ organisationId: orgId, limit: 1 }).expect(200)).body.total as number;

    it('records them through the intake form, shows them on the page and edits them with the facts', async () => {
      const intakePage = (await get('/incidents/new').expect(200)).text;
      expect(intakePage).toMatch(/<label for="containedAt">/);
      expect(intakePage).toMatch(/<textarea id="controllers" name="controllers"[^>]*aria-describedby="controllers-help"/);
      expect(intakePage).toContain('<code>Name; e-mail; reference</code>');

      const res = await intake({ controllers: 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117\r\n\r\nKoulu ry\r\n' }).expect(303);
      const id = created(res.headers.location as string);
      expect(await api(`/api/incidents/${id}`)).toMatchObject({ role: 'processor', containedAt: '2026-11-22T09:40:00.000Z', controllers: [KAUPPA, KOULU] });

      const page = (await get(`/incidents/${id}`).expect(200)).text;
      expect(page).toContain('<dt>Contained</dt><dd>Sun 22 Nov 2026 11:40 (UTC+02:00) <small>Sun 22 Nov 2026 09:40 UTC</small></dd>');
      expect(page).toContain('<li>Kauppa Oy <small>tietosuoja@kauppa.example</small> <small>ref. DPA-2024-117</small></li><li>Koulu ry</li>');
      expect(page).toContain('id="e-containedAt" name="containedAt" type="datetime-local" value="2026-11-22T11:40"');
      expect(page).toMatch(/id="e-controllers" name="controllers"[^>]*>Kauppa Oy; tietosuoja@kauppa\.example; DPA-2024-117\nKoulu ry<\/textarea>/);

      // Saved unchanged: nothing moves, nothing goes on the timeline.
      const facts = { title: INTAKE.title, description: '', role: 'processor', occurredAt: '', detectedAt: '2026-11-22T11:00', awareAt: '2026-11-22T12:00', containedAt: '2026-11-22T11:40', classifiedAt: '', affectedCountries: '', recordsApprox: '', subjectCategories: '', likelyConsequences: '', measuresTaken: '', measuresProposed: '', awareAtChangeReason: '' };
      await post(`/incidents/${id}`, { ...facts, controllers: 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117\r\nKoulu ry' }).expect(303);
      expect((await api(`/api/incidents/${id}/timeline`)).items.filter((e: { action: string }) => e.action === 'updated')).toHaveLength(0);

      // Ongoing again, and a changed list.
      await post(`/incidents/${id}`, { ...facts, containedAt: '', controllers: 'Koulu ry; dpo@koulu.example' }).expect(303);
      expect(await api(`/api/incidents/${id}`)).toMatchObject({ containedAt: null, controllers: [{ ...KOULU, contactEmail: 'dpo@koulu.example' }] });
      const after = (await get(`/incidents/${id}`).expect(200)).text;
      expect(after).toContain('<dt>Contained</dt><dd>not yet: the breach is ongoing</dd>');
      expect(after).toContain('<li>Koulu ry <small>dpo@koulu.example</small></li>');
      // The timeline says who the controllers were and are, not "[object Object]".
      expect(after).toContain('<code>controllers</code>: Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117 | Koulu ry → Koulu ry; dpo@koulu.example</li>');
      expect(after).not.toContain('[object Object]');
    });

    it('the register page says when each breach was contained, or that it is ongoing, and names a processor’s controllers', async () => {
      const processor = (await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'processor', title: 'Register processor', containedAt: '2026-11-20T11:15:00Z', controllers: [KAUPPA, KOULU] })).expect(201)).body;
      const controller = (await t.http.post('/api/incidents').send(incidentBody(orgId, { role: 'controller', title: 'Register controller' })).expect(201)).body;
      const html = (await get(`/register?organisationId=${orgId}`).expect(200)).text;
      const section = (id: string) => html.slice(html.indexOf(`<a href="/incidents/${id}">`), html.indexOf('</section>', html.indexOf(`<a href="/incidents/${id}">`)));
      expect(section(processor.id)).toContain('<div><dt>Controllers</dt><dd>Kauppa Oy; Koulu ry</dd></div>');
      expect(section(processor.id)).toContain('<div><dt>Contained</dt><dd>2026-11-20 11:15 UTC</dd></div>');
      expect(section(controller.id)).toContain('<div><dt>Contained</dt><dd>ongoing</dd></div>');
      expect(section(controller.id)).not.toContain('<dt>Controllers</dt>');
    });

    it.each([
      ['a line of four parts', 'Kauppa Oy\r\nKoulu ry; dpo@koulu.example; R-1; extra', 'Line 2 (“Koulu ry; dpo@koulu.example; R-1; extra”) has 4 parts separated by “;”'],
      ['a line without a name', 'Kauppa Oy\r\n; dpo@koulu.example', 'Line 2 (“; dpo@koulu.example”) has no name'],
      ['an e-mail that is not one', 'Kauppa Oy; not-an-address', 'Line 1 (“Kauppa Oy; not-an-address”): the e-mail (second part) must be an e-mail address.'],
    ])('answers %s with the error beside the field, the input kept, and nothing stored', async (_label, controllers, message) => {
      const before = await total();
      const res = await intake({ controllers, title: 'Kept <title>' }).expect(400);
      expect(res.text).toMatch(/<textarea id="controllers" name="controllers"[^>]*aria-describedby="controllers-help controllers-error" aria-invalid="true">/);
      expect(res.text).toContain(`<small id="controllers-error" class="field-error">${esc(message)}`);
      expect(res.text).toContain(`>${esc(controllers.replace(/\r\n/g, '\n'))}</textarea>`);
      expect(res.text).toContain('value="Kept &lt;title&gt;"');
      expect(res.text).toContain('value="2026-11-22T11:40"');
      expect(await total()).toBe(before);
    });

    it('refuses a malformed line on the facts form beside the field, leaving the stored list as it was', async () => {
      const id = await incidentVia({ role: 'processor', controllers: [KAUPPA] });
      const res = await post(`/incidents/${id}`, { ...FACTS_OF_BODY, role: 'processor', controllers: 'Kauppa Oy\r\nKoulu ry; a; b; c' }).expect(400);
      expect(res.text).toContain('<small id="e-controllers-error" class="field-error">Line 2 (“Koulu ry; a; b; c”) has 4 parts');
      expect(res.text).toContain('>Kauppa Oy\nKoulu ry; a; b; c</textarea>');
      expect((await api(`/api/incidents/${id}`)).controllers).toEqual([KAUPPA]);
    });

    it('puts the API’s refusals of containment and controllers beside those fields', async () => {
      const early = await intake({ containedAt: '2026-11-22T10:30', controllers: '' }).expect(422);
      expect(early.text).toMatch(/<small id="containedAt-error" class="field-error">[^<]*before detectedAt/);
      expect(early.text).toContain('id="containedAt" name="containedAt" type="datetime-local" value="2026-11-22T10:30"');

      const ownData = await intake({ role: 'controller', controllers: 'Kauppa Oy' }).expect(422);
      expect(ownData.text).toMatch(/<small id="controllers-error" class="field-error">Controllers are the addressees of the controller notice/);

      // A processor incident recorded as controller: the list must be emptied in the same save.
      const id = await incidentVia({ role: 'processor', controllers: [KAUPPA] });
      const facts = { ...FACTS_OF_BODY, role: 'controller' };
      const kept = await post(`/incidents/${id}`, { ...facts, controllers: 'Kauppa Oy; tietosuoja@kauppa.example; DPA-2024-117' }).expect(422);
      expect(kept.text).toMatch(/<small id="e-controllers-error" class="field-error">Controllers are the addressees/);
      await post(`/incidents/${id}`, { ...facts, controllers: '' }).expect(303);
      expect(await api(`/api/incidents/${id}`)).toMatchObject({ role: 'controller', controllers: [] });
    });
  });

  it('lists only the user’s incidents, filtered', async () => {
    const mine = await incidentVia({ title: 'Listed printer leak' });
    const list = await get('/incidents').expect(200);
    expect(list.text).toContain(`href="/incidents/${mine}"`);
    expect(list.text).not.toContain(otherIncidentId);
    expect((await get('/incidents?status=closed').expect(200)).text).not.toContain(`href="/incidents/${mine}"`);
    expect((await get(`/incidents?organisationId=${orgId}&q=printer`).expect(200)).text).toContain(`href="/incidents/${mine}"`);
  });

  it('answers another organisation’s incident as a missing one, for pages and forms', async () => {
    const page = await get(`/incidents/${otherIncidentId}`).expect(404);
    expect(page.text).toContain(`Incident ${otherIncidentId} does not exist`);
    expect((await get('/incidents/00000000-0000-4000-8000-000000000000').expect(404)).text).toContain('does not exist');
    await post(`/incidents/${otherIncidentId}/assessments`, HIGH_RISK_FORM).expect(404);
    await post(`/incidents/${otherIncidentId}`, { title: 'Mine now' }).expect(404);
    await get('/incidents/not-a-uuid').expect(400);
  });

  it('saves the facts without moving the clock anchor, and refuses a status change without its reason', async () => {
    const id = await incidentVia({ awareAt: '2026-11-22T10:00:30Z' });
    const page = (await get(`/incidents/${id}`).expect(200)).text;
    expect(page).toContain('id="e-awareAt" name="awareAt" type="datetime-local" value="2026-11-22T12:00"');
    await post(`/incidents/${id}`, { title: 'Renamed', description: 'x', role: 'controller', occurredAt: '2026-11-20T10:00', detectedAt: '2026-11-20T11:30', awareAt: '2026-11-22T12:00', classifiedAt: '', affectedCountries: 'FI', recordsApprox: '', subjectCategories: '', likelyConsequences: '', measuresTaken: '', measuresProposed: '', awareAtChangeReason: '' }).expect(303);
    const stored = await api(`/api/incidents/${id}`);
    expect(stored).toMatchObject({ title: 'Renamed', awareAt: '2026-11-22T10:00:30.000Z' });

    const refused = await post(`/incidents/${id}/status`, { status: 'not_a_breach', reason: '' }).expect(422);
    expect(refused.text).toMatch(/id="s-reason-error" class="field-error">/);
  });

  it('assesses through the wizard and shows the decision with every reason and its source', async () => {
    const id = await incidentVia({ awareAt: '2026-11-22T10:00:00Z', detectedAt: '2026-11-22T09:00:00Z', occurredAt: '2026-11-22T08:00:00Z' });
    const res = await post(`/incidents/${id}/assessments`, HIGH_RISK_FORM).expect(303);
    expect(res.headers.location).toBe(`/incidents/${id}?done=assessed#decision`);
    const [stored] = (await api(`/api/incidents/${id}/assessments`)).items;
    expect(stored).toMatchObject({ riskLevel: 'high', notifyAuthority: true, communicateSubjects: 'required', facts: { dataCategories: ['basic', 'financial'], malicious: true, vulnerableSubjects: false } });

    const page = (await get(res.headers.location as string).expect(200)).text;
    expect(page).toContain('Assessment recorded.');
    expect(page).toContain('<strong>High risk</strong>');
    expect(page).toContain(`<strong>${stored.enisa.score} (`);
    for (const reason of stored.reasons) {
      expect(page).toContain(esc(reason.text));
      expect(page).toContain(`<cite>${esc(reason.source)}</cite>`);
    }
    // The wizard shows the stored facts again.
    expect(page).toMatch(/name="dataCategories" value="financial" checked/);

    // Contradictory facts: an exposure without the confidentiality type, said beside the exposure.
    const contradictory = await post(`/incidents/${id}/assessments`, { ...HIGH_RISK_FORM, breachTypes: 'integrity', integrityLoss: 'recoverable' }).expect(422);
    expect(contradictory.text).toMatch(/id="a-exposure-error" class="field-error">/);
    expect(contradictory.text).toMatch(/name="breachTypes" value="integrity" checked/);
    expect(contradictory.text).not.toMatch(/name="breachTypes" value="confidentiality" checked/);
  });

  it('refuses an override justified in under 20 characters, keeping what was typed', async () => {
    const id = await incidentVia({ awareAt: '2026-11-22T10:00:00Z', detectedAt: '2026-11-22T09:00:00Z', occurredAt: '2026-11-22T08:00:00Z' });
    await post(`/incidents/${id}/assessments`, HIGH_RISK_FORM).expect(303);
    const [assessment] = (await api(`/api/incidents/${id}/assessments`)).items;
    const form = { riskLevel: 'risk', notifyAuthority: 'true', communicateSubjects: 'not_required', notifyController: 'false', exemption: '' };
    const short = await post(`/incidents/${id}/assessments/${assessment.id}/override`, { ...form, justification: 'Too short.' }).expect(400);
    expect(short.text).toMatch(/id="o-justification-error" class="field-error">Justification must be longer than or equal to 20 characters\./);
    expect(short.text).toContain('>Too short.</textarea>');
    expect((await api(`/api/incidents/${id}/assessments`)).items[0].override).toBeNull();

    const unlawful = await post(`/incidents/${id}/assessments/${assessment.id}/override`, { ...form, notifyAuthority: 'false', justification: 'The data was never read by anyone.' }).expect(422);
    expect(unlawful.text).toMatch(/id="o-notifyAuthority-error" class="field-error">A breach assessed as/);

    await post(`/incidents/${id}/assessments/${assessment.id}/override`, { ...form, justification: 'Cards were cancelled before any use.' }).expect(303);
    const page = (await get(`/incidents/${id}`).expect(200)).text;
    expect(page).toContain('<strong>Overridden</strong>');
    expect(page).toContain('Cards were cancelled before any use.');
  });

  it('refuses a late filing without reasons for the delay, then records it with them', async () => {
    // Aware on 18 November: the Art. 33(1) deadline passed on the 21st (now is the 23rd).
    const id = await incidentVia({ occurredAt: '2026-11-18T08:00:00Z', detectedAt: '2026-11-18T09:00:00Z', awareAt: '2026-11-18T10:00:00Z' });
    const authority = (await api(`/api/incidents/${id}/obligations`)).items.find((o: { kind: string }) => o.kind === 'gdpr_art33_1');
    const late = await post(`/incidents/${id}/obligations/${authority.id}/fulfil`, { submittedAt: '2026-11-23T13:30', reference: 'TSV-123', delayReasons: '' }).expect(422);
    expect(late.text).toMatch(new RegExp(`id="ob-${authority.id}-delayReasons-error" class="field-error">`));
    expect(late.text).toContain('value="TSV-123"');

    const filed = await post(`/incidents/${id}/obligations/${authority.id}/fulfil`, { submittedAt: '2026-11-23T13:30', reference: 'TSV-123', delayReasons: 'The forensic report arrived on the 22nd.' }).expect(303);
    expect(filed.headers.location).toBe(`/incidents/${id}?done=filed#obligations`);
    const after = (await api(`/api/incidents/${id}/obligations`)).items.find((o: { kind: string }) => o.kind === 'gdpr_art33_1');
    expect(after).toMatchObject({ status: 'fulfilled', submittedAt: '2026-11-23T11:30:00.000Z', onTime: false, reference: 'TSV-123' });
    expect((await get(`/incidents/${id}`).expect(200)).text).toContain('Filed</strong>, late');
  });

  it('acknowledges a fired alert once', async () => {
    const id = await incidentVia({ occurredAt: '2026-11-18T08:00:00Z', detectedAt: '2026-11-18T09:00:00Z', awareAt: '2026-11-18T10:00:00Z' });
    await t.app.get(ClockService).runDue(t.clock.now());
    const fired = (await api(`/api/incidents/${id}/escalations`)).items.find((e: { state: string }) => e.state === 'fired');
    expect(fired).toBeDefined();
    const page = (await get(`/incidents/${id}`).expect(200)).text;
    expect(page).toContain(`action="/incidents/${id}/escalations/${fired.id}/ack"`);

    await post(`/incidents/${id}/escalations/${fired.id}/ack`, {}).expect(303);
    const acknowledged = (await api(`/api/incidents/${id}/escalations`)).items.find((e: { id: string }) => e.id === fired.id);
    expect(acknowledged.acknowledgedBy).toBe(EMAIL);
    const again = await post(`/incidents/${id}/escalations/${fired.id}/ack`, {}).expect(409);
    expect(again.text).toContain(`Acknowledged by ${esc(EMAIL)}`);
  });

  it('generates a notice and links its PDF for preview and download', async () => {
    const id = await incidentVia({ awareAt: '2026-11-22T10:00:00Z', detectedAt: '2026-11-22T09:00:00Z', occurredAt: '2026-11-22T08:00:00Z' });
    await post(`/incidents/${id}/assessments`, HIGH_RISK_FORM).expect(303);
    // A processor's notice on a controller's incident: refused above the form.
    const wrong = await post(`/incidents/${id}/documents`, { kind: 'controller_notice', language: 'en', phase: 'initial', delayReasons: '', reason: '' }).expect(422);
    expect(wrong.text).toContain('The notice was not generated. A controller notice is sent by a processor');

    const res = await post(`/incidents/${id}/documents`, { kind: 'authority_notification', language: 'en', phase: 'initial', delayReasons: '', reason: '' }).expect(303);
    expect(res.headers.location).toBe(`/incidents/${id}?done=generated#documents`);
    const [document] = (await api(`/api/incidents/${id}/documents`)).items;
    const page = (await get(res.headers.location as string).expect(200)).text;
    // Preview opens the PDF inline (Handlebars escapes "="); Download keeps the attachment.
    expect(page).toContain(`href="/api/documents/${document.id}/pdf?inline&#x3D;1" target="_blank"`);
    expect(page).toContain(`href="/api/documents/${document.id}/pdf" download="${document.fileName}"`);
    expect(page).toContain(document.sha256.slice(0, 12));
    const pdf = await get(`/api/documents/${document.id}/pdf`).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('refuses a form post without the CSRF token', async () => {
    const id = await incidentVia();
    await t.anon.post(`/incidents/${id}/status`).set('Cookie', cookie).type('form').send({ status: 'confirmed' }).expect(403);
  });
});
