import { type Browser, type Page, TimeoutError } from 'puppeteer-core';
import { neutraliseHttpEquiv } from './meta-refresh.js';
import { PdfRenderError } from './pdf-errors.js';

/** What page.pdf() needs from a render's options. */
export interface PrintOptions {
  headerTemplate: string;
  footerTemplate: string;
}

/** A pooled page: its browser and what it has been through. */
export interface RenderPage {
  browser: Browser;
  page: Page;
  /** Main-frame navigations since the page was opened; setContent itself makes none. */
  navigations: number;
  /** The renderer process crashed (puppeteer's 'error' event): never reuse. */
  crashed: boolean;
  /** Documents printed on this page. */
  renders: number;
}

// Nothing may load, so "load" comes as soon as the (aborted) subresources settle; if it has
// not come by then the DOM is complete anyway and is printed as it is.
const LOAD_WAIT_MS = 2000;
const BLANK = '<html><head></head><body></body></html>';
// Room for the 8 pt header and footer; the same as templates/documents/style.css's @page margins.
const MARGIN = { top: '24mm', right: '18mm', bottom: '22mm', left: '18mm' };

function noop(): void {}

/**
 * Documents a page prints before it is closed and a fresh one opened. Chromium's memory grows
 * with every document a page prints, and is given back only when the page goes: measured over
 * 3,000 notices on two pages, about 170 KB a document (832 -> 1,341 MiB); with pages retired
 * every 100 documents it stayed between 700 and 900 MiB. Opening a page costs a few tens of milliseconds once per this many documents.
 */
export const RENDERS_PER_PAGE = 100;

export function isUsable(slot: RenderPage): boolean {
  return slot.browser.connected && !slot.page.isClosed() && !slot.crashed && slot.renders < RENDERS_PER_PAGE;
}

/**
 * A new page locked down for untrusted HTML: no JavaScript, no network, every request except
 * data: aborted (and reported to onBlockedRequest).
 */
export async function openRenderPage(browser: Browser, onBlockedRequest?: (url: string) => void): Promise<RenderPage> {
  const page = await browser.newPage();
  try {
    const slot: RenderPage = { browser, page, navigations: 0, crashed: false, renders: 0 };
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) slot.navigations += 1;
    });
    page.on('error', () => {
      slot.crashed = true;
    });
    // Templates need no script; a hostile one can then neither run nor fetch.
    await page.setJavaScriptEnabled(false);
    // "Offline" also stops what interception never sees (<link rel=prefetch>, preconnect).
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:')) {
        request.continue().catch(noop);
        return;
      }
      try {
        onBlockedRequest?.(url);
      } catch {
        // A faulty observer must not let the request through.
      }
      // 'aborted' (ERR_ABORTED), not 'failed': a refused navigation (meta refresh, iframe)
      // then leaves the document in place instead of committing Chromium's error page.
      request.abort('aborted').catch(noop);
    });
    return slot;
  } catch (error) {
    page.close().catch(noop);
    throw error;
  }
}

/** setContent (the only way content gets in) and print: tagged A4 with header and footer. */
export async function printPage(slot: RenderPage, html: string, options: PrintOptions, timeoutMs: number): Promise<Uint8Array> {
  const { page } = slot;
  const navigationsBefore = slot.navigations;
  slot.renders += 1;
  try {
    await page.setContent(neutraliseHttpEquiv(html), { waitUntil: 'load', timeout: LOAD_WAIT_MS }).catch((error: unknown) => {
      if (!(error instanceof TimeoutError)) throw error;
    });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: options.headerTemplate,
      footerTemplate: options.footerTemplate,
      margin: MARGIN,
      tagged: true,
      outline: true,
      timeout: timeoutMs,
    });
    if (slot.navigations === navigationsBefore) return pdf;
  } catch (error) {
    if (slot.navigations === navigationsBefore) throw error;
  }
  // The backstop for whatever else could navigate: never hand out a PDF of something other
  // than the HTML we were given.
  throw new PdfRenderError('the document navigated away from its content while printing');
}

/**
 * Back to an empty document: drops the last notice (personal data) from the page's memory and
 * proves the page still answers before the next render gets it.
 */
export async function resetPage(slot: RenderPage, timeoutMs: number): Promise<void> {
  await slot.page.setContent(BLANK, { waitUntil: 'load', timeout: timeoutMs });
}
