import { incidentBody } from '../factories/incident.factory.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { cookieNamed, loginPage, submitLoginForm } from '../setup/login-form.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PASSWORD = 'pages test passphrase';

/** The server-rendered pages over HTTP (the browser-driven journey is in test/browser). */
describe('web pages', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    const orgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Pages Oy', timeZone: 'Europe/Helsinki' })).expect(201)).body.id;
    await t.http.post('/api/users').send({ email: 'pages@pages.test', displayName: 'Pages', role: 'dpo', organisationIds: [orgId], password: PASSWORD }).expect(201);
    await t.http.post('/api/incidents').send(incidentBody(orgId, { title: 'Board <b>row</b>', awareAt: '2026-11-22T10:00:00Z', detectedAt: '2026-11-22T09:00:00Z', occurredAt: '2026-11-22T08:00:00Z' })).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a visitor without a session to sign in, then back where they were', async () => {
    const res = await t.anon.get('/?organisationId=x').expect(303);
    expect(res.headers.location).toBe('/login?next=%2F%3ForganisationId%3Dx');
    const page = await t.anon.get(res.headers.location).expect(200).expect('content-type', /text\/html/);
    expect(page.text).toContain('name="next" value="/?organisationId&#x3D;x"'); // Handlebars escapes =
    const login = await submitLoginForm(t.anon, { email: 'pages@pages.test', password: PASSWORD, next: '/?organisationId=x' }, 303);
    expect(login.headers.location).toBe('/?organisationId=x');
    cookie = cookieNamed(login, 'breach_clock_session') as string;
  });

  it('keeps the e-mail and says what is wrong beside the fields', async () => {
    const empty = await submitLoginForm(t.anon, { email: 'pages@pages.test', password: '' }, 400);
    expect(empty.text).toContain('value="pages@pages.test"');
    expect(empty.text).toMatch(/id="password-error"[^>]*>Enter your password\./);
    const wrong = await submitLoginForm(t.anon, { email: 'pages@pages.test', password: 'wrong one here' }, 401);
    expect(wrong.text).toContain('The e-mail address or the password is wrong');
    expect((await submitLoginForm(t.anon, { email: 'a@b.c', password: 'x', next: '//evil.example/' }, 401)).text).toContain('name="next" value="/"');
  });

  it('refuses a sign-in form that did not come from its own page (login CSRF), before looking at the password', async () => {
    const page = await t.anon.get('/login').expect(200);
    const set = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('breach_clock_login='));
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\/login/i);
    const failuresBefore = Number((await t.db.query(`SELECT count(*) FROM login_failures`))[0].count);
    const forged = await t.anon.post('/login').type('form').send({ email: 'pages@pages.test', password: PASSWORD }).expect(403);
    expect(forged.text).toContain('This sign-in form has expired or did not come from this site');
    expect(cookieNamed(forged, 'breach_clock_session')).toBeUndefined();
    const { cookie: tokenCookie, csrf } = await loginPage(t.anon);
    const other = await loginPage(t.anon);
    await t.anon.post('/login').set('Cookie', tokenCookie).type('form').send({ email: 'pages@pages.test', password: PASSWORD, _csrf: other.csrf }).expect(403);
    await t.anon.post('/login').set('Cookie', tokenCookie).type('form').send({ email: 'pages@pages.test', password: PASSWORD }).expect(403);
    expect(Number((await t.db.query(`SELECT count(*) FROM login_failures`))[0].count)).toBe(failuresBefore);
    // The page it answers with carries a working form.
    const again = /name="_csrf" value="([^"]+)"/.exec(forged.text)?.[1];
    expect(again).toBeDefined();
    const ok = await t.anon.post('/login').set('Cookie', tokenCookie).type('form').send({ email: 'pages@pages.test', password: PASSWORD, _csrf: csrf }).expect(303);
    expect(cookieNamed(ok, 'breach_clock_session')).toBeDefined();
    expect((ok.headers['set-cookie'] as unknown as string[]).some((c) => /^breach_clock_login=;/.test(c))).toBe(true);
  });

  it('shows the board with escaped text, both time zones and a countdown', async () => {
    const board = await t.anon.get('/').set('Cookie', cookie).expect(200);
    expect(board.text).toContain('Board &lt;b&gt;row&lt;/b&gt;');
    expect(board.text).not.toContain('<b>row</b>');
    expect(board.text).toMatch(/data-due="2026-11-25T10:00:00Z"/);
    expect(board.text).toContain('Wed 25 Nov 12:00 UTC+02:00<small>Wed 25 Nov 10:00 UTC</small>');
    expect(board.text).toContain('Wed 25 Nov 10:00 UTC');
    expect(board.text).toContain('data-now="2026-11-23T12:00:00.000Z"');
    expect(board.text).toContain('<span class="left">1d 22:00:00</span>');
    expect(board.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the stylesheet and the script, and nothing else from the package', async () => {
    await t.anon.get('/assets/pico.min.css').expect(200).expect('content-type', /css/);
    await t.anon.get('/assets/app.css').expect(200);
    await t.anon.get('/assets/app.js').expect(200).expect('content-type', /javascript/);
    await t.anon.get('/assets/pico.css').expect(404);
  });

  it('signs out with the CSRF token only', async () => {
    const board = await t.anon.get('/').set('Cookie', cookie).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(board.text)?.[1] as string;
    await t.anon.post('/logout').set('Cookie', cookie).type('form').send({ _csrf: 'nope' }).expect(403);
    await t.anon.post('/logout').set('Cookie', cookie).type('form').send({ _csrf: csrf }).expect(303);
    await t.anon.get('/').set('Cookie', cookie).expect(303);
  });
});
