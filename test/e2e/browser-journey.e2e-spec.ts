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
});
