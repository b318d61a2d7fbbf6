import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { DocumentRenderer } from '../../src/modules/documents/document-renderer.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { launchBrowser, screenshot, watchForProblems } from '../setup/browser.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EMAIL = 'dpo@journey.test';
const PASSWORD = 'journey test passphrase';

/**
 * A DPO's night, in a real headless Chromium against the real service on loopback: sign in,
 * see the deadlines count down, at 1280 and 390 px wide. Fails on any console error, failed
 * request or error answer the pages meet.
 */
describe('browser journey', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    orgId = (await t.http.post('/api/organisations').send(organisationBody({ legalName: 'Journey Oy', timeZone: 'Europe/Helsinki', roles: ['controller', 'processor'] })).expect(201)).body.id;
    await t.http.post('/api/users').send({ email: EMAIL, displayName: 'Journey DPO', role: 'dpo', organisationIds: [orgId], password: PASSWORD }).expect(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t.app.get(DocumentRenderer).onApplicationShutdown();
    await t.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.type('#email', EMAIL);
    await page.type('#password', PASSWORD);
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), page.click('button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/');
  }

  const timeLeft = (page: Page, reference: string) =>
    page.$$eval('tr[data-due]', (rows, ref) => rows.find((r) => r.textContent?.includes(ref as string))?.querySelector('.left')?.textContent ?? null, reference);
  const seconds = (text: string) => {
    const m = /(?:(\d+)d )?(\d\d):(\d\d):(\d\d)/.exec(text) as RegExpExecArray;
    return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
  };

  it.each([
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ])('signs in and watches a deadline count down (%s, %i px)', async (name, width, height) => {
    const incident = (await t.http.post('/api/incidents').send({ organisationId: orgId, title: `Laptop lost (${name})`, detectedAt: '2026-11-23T08:00:00Z', awareAt: '2026-11-23T09:00:00Z', affectedCountries: ['FI'] }).expect(201)).body;
    const context = await browser.createBrowserContext(); // its own cookies
    const page = await context.newPage();
    await page.setViewport({ width, height });
    const problems = watchForProblems(page);
    try {
      await signIn(page);
      const first = await timeLeft(page, incident.reference);
      expect(first).toMatch(/^2d (21:00:00|20:5\d:\d\d)$/); // due 2026-11-26 09:00 UTC; the server's time is 2026-11-23 12:00
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const later = await timeLeft(page, incident.reference);
      expect(seconds(first as string) - seconds(later as string)).toBeGreaterThanOrEqual(1);
      const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(scrollWidth).toBeLessThanOrEqual(width); // no sideways scrolling
      await screenshot(page, `board-${width}`);
      // Keyboard: the first Tab reaches the skip link, visibly.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('skip-link');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  /** Sets a form control's value as a person would leave it (datetime-local, selects, numbers). */
  const setValue = (page: Page, selector: string, value: string) =>
    page.$eval(selector, (el, v) => {
      const control = el as unknown as { value: string; dispatchEvent(e: unknown): void };
      control.value = v as string;
    }, value);
  const submit = async (page: Page, buttonText: string) => {
    const [button] = await page.$$(`xpath/.//button[normalize-space(text())="${buttonText}"]`);
    if (!button) throw new Error(`no button "${buttonText}"`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'networkidle0' }), button.click()]);
  };
  const text = (page: Page) => page.$eval('main', (el) => (el as unknown as { innerText: string }).innerText);

  it('records, assesses, notifies and files a breach through the pages', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-downloads-'));
    const problems = watchForProblems(page);
    try {
      await signIn(page);

      // Intake: every time read in the organisation's zone (Helsinki, UTC+2 in November).
      await page.goto(`${base}/incidents/new`, { waitUntil: 'networkidle0' });
      await page.select('#organisationId', orgId);
      await page.type('#title', 'Payroll export sent to the wrong customer');
      await page.type('#description', 'A payroll file with bank account numbers was e-mailed to another customer.');
      await setValue(page, '#detectedAt', '2026-11-23T09:30');
      await setValue(page, '#awareAt', '2026-11-23T10:00');
      await setValue(page, '#affectedCountries', 'FI');
      await screenshot(page, 'intake-1280');
      await submit(page, 'Record the incident');
      const incidentPath = new URL(page.url()).pathname;
      expect(incidentPath).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
      const reference = /BR-2026-\d{4}/.exec(await text(page))?.[0] as string;
      expect(reference).toBeDefined();

      // The board: there, counting down from 08:00 UTC + 72 h.
      await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
      const first = await timeLeft(page, reference);
      expect(first).toMatch(/^2d (20:00:00|19:5\d:\d\d)$/); // aware 10:00 Helsinki = 08:00 UTC; due 26 Nov 08:00 UTC
      // It ticks: polled rather than read once after a fixed wait, which a loaded machine can outlast.
      let later = first;
      for (let tries = 0; tries < 50 && later === first; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        later = await timeLeft(page, reference);
      }
      expect(seconds(first as string) - seconds(later as string)).toBeGreaterThanOrEqual(1);

      // The assessment wizard: bank data of 1,200 people sent to one known recipient.
      await page.goto(`${base}${incidentPath}`, { waitUntil: 'networkidle0' });
      await page.$eval('#assess', (el) => ((el as unknown as { open: boolean }).open = true));
      await page.click('input[name=breachTypes][value=confidentiality]');
      await page.click('input[name=dataCategories][value=financial]');
      await setValue(page, '#a-subjectsCount', '1200');
      await page.select('#a-identifiability', 'maximum');
      await page.select('#a-exposure', 'known_recipients');
      await page.select('#a-exfiltration', 'confirmed');
      await page.select('#a-protection', 'none');
      await submit(page, 'Record the assessment');
      const decided = await text(page);
      expect(decided).toContain('Current decision');
      expect(decided).toMatch(/GDPR Art\. 33/);

      // The authority notification: generated, then downloaded as a PDF.
      await page.select('#d-kind', 'authority_notification');
      await page.select('#d-language', 'en');
      await page.select('#d-phase', 'initial');
      await submit(page, 'Generate');
      const cdp = await browser.target().createCDPSession();
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, browserContextId: context.id });
      const fileName = `${reference}-authority_notification-en-v1.pdf`;
      await page.click(`a[download="${fileName}"]`);
      const file = path.join(downloads, fileName);
      for (let i = 0; i < 100 && !fs.existsSync(file); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

      // File the Art. 33(1) notification, on time.
      const form = await page.$('form[action$="/fulfil"]');
      const id = (await form?.evaluate((el) => (el as unknown as { getAttribute(n: string): string }).getAttribute('action')))?.split('/').at(-2) as string;
      await page.click(`#ob-${id}-heading ~ details summary, article[aria-labelledby="ob-${id}-heading"] details summary`);
      await setValue(page, `#ob-${id}-submittedAt`, '2026-11-23T13:30');
      await page.type(`#ob-${id}-reference`, 'TSV-2026-118');
      await submit(page, 'Record the filing');
      expect(await text(page)).toContain('TSV-2026-118');
      await screenshot(page, 'incident-1280');
      await page.setViewport({ width: 390, height: 844 });
      expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(390);
      await screenshot(page, 'incident-390');

      // Filed: gone from the board.
      await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
      expect(await timeLeft(page, reference)).toBeNull();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(downloads, { recursive: true, force: true });
    }
  });
});
