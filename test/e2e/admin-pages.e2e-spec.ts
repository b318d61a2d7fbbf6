import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { signInThroughForm } from '../setup/login-form.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PASSWORD = 'admin pages passphrase';

/** Handlebars escapes `=` (and `&`) in attribute values; a browser reads them back like this. */
const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;

/** The register page and the organisation settings pages, over HTTP with a session cookie. */
describe('register and organisation pages', () => {
  let t: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let admin: { cookie: string; csrf: string };
  const refs: Record<'recent' | 'overdue', string> = { recent: '', overdue: '' };

  async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
    const cookie = await signInThroughForm(t.anon, email, PASSWORD);
    return { cookie, csrf: csrfOf((await t.anon.get('/organisations').set('Cookie', cookie).expect(200)).text) };
  }
  const page = (path: string, who = admin) => t.anon.get(path).set('Cookie', who.cookie);
  const post = (path: string, form: Record<string, string>, who = admin) => t.anon.post(path).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf, ...form });

  beforeAll(async () => {
    t = await createTestApp();
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Admin Pages Oy', roles: ['controller', 'processor'] })).expect(201)).body.id;
    otherOrgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Elsewhere Oy' })).expect(201)).body.id;
    for (const [email, role] of [['admin@admin-pages.test', 'admin'], ['viewer@admin-pages.test', 'viewer']]) {
      await t.http.post('/api/users').send({ email, displayName: role, role, organisationIds: [orgId], password: PASSWORD }).expect(201);
    }
    const times = (day: number) => ({ occurredAt: `2026-11-${day}T08:00:00Z`, detectedAt: `2026-11-${day}T09:00:00Z`, awareAt: `2026-11-${day}T10:00:00Z` });
    refs.overdue = (await t.http.post('/api/incidents').send(incidentBody(orgId, { title: 'Overdue <i>laptop</i>', ...times(19) })).expect(201)).body.reference;
    refs.recent = (await t.http.post('/api/incidents').send(incidentBody(orgId, { title: 'Recent mail-out', ...times(22) })).expect(201)).body.reference;
    await t.http.post('/api/incidents').send(incidentBody(otherOrgId, { title: 'Elsewhere breach', ...times(22) })).expect(201);
    admin = await signIn('admin@admin-pages.test');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the register', () => {
    it('lists every incident of the user\'s organisations with its decision, notifications and lateness, and links the exports', async () => {
      const res = await page('/register').expect(200).expect('content-type', /text\/html/);
      expect(res.text).toContain(`>${refs.overdue}</a> Overdue &lt;i&gt;laptop&lt;/i&gt;`);
      expect(res.text).toContain(`>${refs.recent}</a> Recent mail-out`);
      expect(res.text).not.toContain('Elsewhere breach');
      expect(res.text).toContain('Not assessed yet');
      expect(res.text).toMatch(/GDPR Art\. 33\(1\)[^<]*<\/th><td>Open<\/td><td>2026-11-22 10:00 UTC<\/td>/);
      expect(res.text).toContain('Overdue by 26 h');
      expect(res.text).toContain('Not due yet');
      const html = decode(res.text);
      expect(html).toContain('href="/api/register?format=csv"');
      expect(html).toContain('href="/api/register?format=pdf"');
    });

    it('filters by day of detection and organisation, and the exports carry the same filter', async () => {
      const res = await page(`/register?from=2026-11-22&to=2026-11-22&organisationId=${orgId}`).expect(200);
      expect(res.text).toContain(refs.recent);
      expect(res.text).not.toContain(refs.overdue);
      expect(res.text).toContain('value="2026-11-22"');
      const html = decode(res.text);
      const csvUrl = /href="(\/api\/register\?format=csv[^"]*)"/.exec(html)?.[1] as string;
      expect(csvUrl).toBe(`/api/register?format=csv&from=2026-11-22T00%3A00%3A00Z&to=2026-11-23T00%3A00%3A00Z&organisationId=${orgId}`);
      const csv = await page(csvUrl).expect(200).expect('content-type', /text\/csv/);
      expect(csv.text).toContain(refs.recent);
      expect(csv.text).not.toContain(refs.overdue);
    });

    it.each([
      ['a date that is not one', 'from=2026-13-45', 'from', 'Enter a date as YYYY-MM-DD.'],
      ['a last day before the first', 'from=2026-11-22&to=2026-11-20', 'to', 'The last day is before the first day.'],
      ['another organisation', 'organisationId=OTHER', 'organisationId', 'Choose one of your organisations.'],
    ])('says what is wrong beside the field for %s, values kept', async (_case, query, field, message) => {
      const res = await page(`/register?${query.replace('OTHER', otherOrgId)}`).expect(400);
      expect(res.text).toContain(`id="register-${field === 'organisationId' ? 'organisation' : field}-error" class="field-error">${message}`);
      if (field !== 'organisationId') expect(res.text).toContain(`value="${/from=([^&]+)/.exec(query)?.[1]}"`);
      expect(res.text).not.toContain('Download CSV');
    });
  });

  describe('organisation settings', () => {
    it('lists the user\'s organisations only', async () => {
      const res = await page('/organisations').expect(200);
      expect(res.text).toContain(`<a href="/organisations/${orgId}">Admin Pages Oy</a>`);
      expect(res.text).not.toContain('Elsewhere Oy');
    });

    it('changes the notification windows, then redirects with a flash', async () => {
      const res = await post(`/organisations/${orgId}/window`, { controllerNoticeWindowHours: '36', subjectNoticeHours: '48', notifyWhenInDoubt: 'true' }).expect(303);
      expect(res.headers.location).toBe(`/organisations/${orgId}?done=window#window`);
      expect((await t.http.get(`/api/organisations/${orgId}`).expect(200)).body).toMatchObject({ controllerNoticeWindowHours: 36, subjectNoticeHours: 48, notifyWhenInDoubt: true });
      const after = await page(res.headers.location).expect(200);
      expect(after.text).toContain('role="status" class="flash">Notification windows saved.');
      expect(after.text).toContain('within 36 h of awareness');
      expect(after.text).toContain('name="controllerNoticeWindowHours" type="number"');
      expect(after.text).toMatch(/id="controllerNoticeWindowHours"[^>]*value="36"/);
    });

    it('refuses a window out of range beside its field, keeping what was typed', async () => {
      const res = await post(`/organisations/${orgId}/window`, { controllerNoticeWindowHours: '0', subjectNoticeHours: '' }).expect(400);
      expect(res.text).toMatch(/id="controllerNoticeWindowHours"[^>]*value="0"[^>]*aria-invalid="true"/);
      expect(res.text).toMatch(/id="controllerNoticeWindowHours-error" class="field-error">[^<]*must not be less than 1/);
      expect(res.text).toContain('id="subjectNoticeHours-error" class="field-error">Enter a number of hours.');
      expect(res.text).toContain('<details open>');
      expect((await t.http.get(`/api/organisations/${orgId}`).expect(200)).body.controllerNoticeWindowHours).toBe(36);
    });

    it('replaces the escalation ladder', async () => {
      const res = await post(`/organisations/${orgId}/ladder`, { rungsBeforeHours: '36, 12 2', overdueEveryHours: '6' }).expect(303);
      expect(res.headers.location).toBe(`/organisations/${orgId}?done=ladder#ladder`);
      expect((await t.http.get(`/api/organisations/${orgId}/escalation-ladder`).expect(200)).body).toEqual({ rungsBeforeHours: [36, 12, 2], atDeadline: false, overdueEveryHours: 6, isDefault: false });
      const after = await page(res.headers.location).expect(200);
      expect(after.text).toContain('<li>36 h before</li><li>12 h before</li><li>2 h before</li><li>then every 6 h while overdue</li>');
      expect(after.text).toContain('value="36, 12, 2"');
    });

    it('shows a bad ladder\'s errors beside its fields with the values kept, and changes nothing', async () => {
      const res = await post(`/organisations/${orgId}/ladder`, { rungsBeforeHours: '24, 0, 24', atDeadline: 'true', overdueEveryHours: '6' }).expect(400);
      expect(res.text).toContain('value="24, 0, 24"');
      expect(res.text).toMatch(/id="atDeadline"[^>]*checked/);
      expect(res.text).toMatch(/id="rungsBeforeHours-error" class="field-error">Rung 2: 0 h is the deadline itself: use atDeadline\. Rung 3: 24 h appears more than once\./);
      const typo = await post(`/organisations/${orgId}/ladder`, { rungsBeforeHours: '48', overdueEveryHours: 'twelve' }).expect(400);
      expect(typo.text).toMatch(/id="overdueEveryHours-error" class="field-error">[^<]+/);
      expect(typo.text).toContain('value="twelve"');
      expect((await t.http.get(`/api/organisations/${orgId}/escalation-ladder`).expect(200)).body.rungsBeforeHours).toEqual([36, 12, 2]);
    });

    it('adds and removes alert channels, never showing a secret', async () => {
      const secret = 'page-signing-secret-0123456789';
      await post(`/organisations/${orgId}/channels`, { type: 'webhook', name: 'SOC hook', url: 'https://soc.example.test/hook', secret }).expect(303);
      await post(`/organisations/${orgId}/channels`, { type: 'email', name: 'DPO mail', to: 'dpo@example.test, sec@example.test', url: 'https://ignored.example.test' }).expect(303);
      const listed = await page(`/organisations/${orgId}?done=channel-added`).expect(200);
      expect(listed.text).toContain('Alert channel added.');
      expect(listed.text).toContain('<th scope="row">SOC hook</th><td>Webhook <small>(signed)</small></td><td class="target">https://soc.example.test/hook</td>');
      expect(listed.text).toContain('<td class="target">dpo@example.test, sec@example.test</td>');
      expect(listed.text).not.toContain(secret);

      const bad = await post(`/organisations/${orgId}/channels`, { type: 'webhook', name: 'Broken', url: 'ftp://files.example.test/hook', secret: 'short' }).expect(400);
      expect(bad.text).toMatch(/id="channel-url-error" class="field-error">Url must be an http\(s\) URL\./);
      expect(bad.text).toMatch(/id="channel-secret-error" class="field-error">[^<]*16/);
      expect(bad.text).toMatch(/id="channel-name"[^>]*value="Broken"/);
      expect(bad.text).toMatch(/id="channel-type-webhook"[^>]*checked/);
      expect(bad.text).not.toContain('value="short"');

      const channels = (await t.http.get(`/api/organisations/${orgId}/channels`).expect(200)).body.items as Array<{ id: string; name: string }>;
      expect(channels.map((c) => c.name)).toEqual(['SOC hook', 'DPO mail']);
      const removed = await post(`/organisations/${orgId}/channels/${channels[0].id}/delete`, {}).expect(303);
      expect(removed.headers.location).toBe(`/organisations/${orgId}?done=channel-deleted#channels`);
      expect(((await t.http.get(`/api/organisations/${orgId}/channels`).expect(200)).body.items as Array<{ name: string }>).map((c) => c.name)).toEqual(['DPO mail']);
    });

    it('refuses a form without the CSRF token', async () => {
      await t.anon.post(`/organisations/${orgId}/window`).set('Cookie', admin.cookie).type('form').send({ controllerNoticeWindowHours: '12', subjectNoticeHours: '12' }).expect(403);
      expect((await t.http.get(`/api/organisations/${orgId}`).expect(200)).body.controllerNoticeWindowHours).toBe(36);
    });

    it('shows a viewer the settings read-only and refuses their posts', async () => {
      const viewer = await signIn('viewer@admin-pages.test');
      const res = await page(`/organisations/${orgId}`, viewer).expect(200);
      expect(res.text).toContain('within 36 h of awareness');
      expect(res.text).toContain('<li>36 h before</li>');
      expect(res.text).toContain('DPO mail');
      expect(res.text).not.toMatch(/<form method="post" action="\/organisations\//);
      expect(res.text).not.toContain('Remove');
      await post(`/organisations/${orgId}/window`, { controllerNoticeWindowHours: '12', subjectNoticeHours: '12' }, viewer).expect(403);
      await post(`/organisations/${orgId}/ladder`, { rungsBeforeHours: '1', overdueEveryHours: '1' }, viewer).expect(403);
      await post(`/organisations/${orgId}/channels`, { type: 'email', name: 'Mine', to: 'me@example.test' }, viewer).expect(403);
      expect((await t.http.get(`/api/organisations/${orgId}`).expect(200)).body.controllerNoticeWindowHours).toBe(36);
    });

    it('answers another organisation\'s settings as a missing one', async () => {
      const other = await page(`/organisations/${otherOrgId}`).expect(404).expect('content-type', /text\/html/);
      expect(other.text).not.toContain('Elsewhere Oy');
      const missing = await page('/organisations/00000000-0000-4000-8000-000000000000').expect(404);
      expect(other.text.replace(otherOrgId, 'ID').replace(/Request [^<]+/, '')).toBe(missing.text.replace('00000000-0000-4000-8000-000000000000', 'ID').replace(/Request [^<]+/, ''));
      await post(`/organisations/${otherOrgId}/window`, { controllerNoticeWindowHours: '12', subjectNoticeHours: '12' }).expect(404);
      await post(`/organisations/${otherOrgId}/channels`, { type: 'email', name: 'Spy', to: 'spy@example.test' }).expect(404);
      await page('/organisations/not-a-uuid').expect(400);
    });
  });
});
