import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findChromium } from '../../src/modules/documents/pdf/chromium.js';

/** Screenshots of the browser tests: kept as CI artefacts (git-ignored). */
export const ARTIFACTS_DIR = path.resolve('test/artifacts/screenshots');

/** The machine notes' flags; unlike the PDF renderer's, this browser may reach 127.0.0.1. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function launchBrowser(): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChromium(process.env.CHROMIUM_PATH), headless: 'shell', args: ARGS, protocolTimeout: 30_000 });
}

/**
 * Every console error, page error, failed request and 4xx/5xx answer a page meets; a browser
 * test fails when this list is not empty at the end (except statuses it expects).
 */
export function watchForProblems(page: Page, expected: (url: string, status: number) => boolean = () => false): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error instanceof Error ? error.message : String(error)}`));
  page.on('requestfailed', (request) => {
    // A download navigation is "aborted" by design once the file is saved.
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && /\/pdf(\?|$)/.test(request.url())) return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expected(response.url(), response.status())) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
