// npm run bench:pdf: notices through the HTTP API (render, print, store), beside bare
// page.setContent + page.pdf of the same HTML on a warm page, measured in the same run.
// Targets: warm p50 <= 150 ms; >= 10 PDFs/s with 4 concurrent clients; within 1.5x of the
// bare print; resident memory (service + browser) after 1,000 documents within 1.2x of after 100.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { findChromium } from '../dist/src/modules/documents/pdf/chromium.js';
import { PdfRenderer } from '../dist/src/modules/documents/pdf/pdf-renderer.js';
import { createTemplateEngine } from '../dist/src/modules/documents/templates/template-engine.js';
import { machine, writeResult } from './lib/env.mjs';
import { rssMiB, treeRssMiB } from './lib/procs.mjs';
import { round, summarise } from './lib/load.mjs';
import { startServiceProcess } from './lib/service-process.mjs';
import { BENCH_AUTH } from './lib/service.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-pdf-'));
fs.chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_bench' });
const service = await startServiceProcess(db.url, { SCHEDULER_ENABLED: 'false' });
const api = async (method, url, body) => {
  const res = await fetch(`${service.base}${url}`, { method, headers: { ...BENCH_AUTH, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
};
const result = { benchmark: 'pdf', machine: machine() };
try {
  const org = await api('POST', '/api/organisations', {
    legalName: 'Netox Oy', country: 'FI', timeZone: 'Europe/Helsinki', roles: ['controller', 'processor'],
    contact: { kind: 'contact_point', email: 'tietosuoja@netox.fi', address: 'Saaristonkatu 22, 90100 Oulu' }, establishment: { mainEstablishmentCountry: 'FI' },
  });
  // 50 incidents, used in turn: each notice lists its earlier versions, so one incident
  // with 1,000 versions would measure a 1,000-row table, not a notice.
  const now = Date.now();
  const createIncident = async () => {
  const incident = await api('POST', '/api/incidents', {
    organisationId: org.id, title: 'Remote-support session left open', description: 'An IT-support session stayed connected overnight.', role: 'controller',
    detectedAt: new Date(now - 2 * 3600_000).toISOString(), awareAt: new Date(now - 3600_000).toISOString(), affectedCountries: ['FI', 'SE'],
    recordsApprox: 3600, subjectCategories: ['customers'], likelyConsequences: 'Phishing.', measuresTaken: 'Session closed.', measuresProposed: 'Time-outs.',
  });
  await api('POST', `/api/incidents/${incident.id}/assessments`, {
    breachTypes: ['confidentiality'], dataCategories: ['basic', 'financial'], subjectsCount: 1200, vulnerableSubjects: false, identifiability: 'maximum',
    exposure: 'public', integrityLoss: 'none', availabilityLoss: 'none', backupAvailable: true, malicious: true, exfiltration: 'confirmed',
    protection: 'none', recipientDeletionConfirmed: false, highRiskMitigated: false, disproportionateEffort: false,
  });
  return incident;
  };
  const incidents = [];
  for (let i = 0; i < 50; i += 1) incidents.push(await createIncident());
  let turn = 0;
  const generate = () => api('POST', `/api/incidents/${incidents[turn++ % incidents.length].id}/documents`, { kind: 'authority_notification', language: 'en', phase: 'initial' });
  const rss = () => treeRssMiB(service.pid);
  const serviceOnly = () => rssMiB(service.pid);

  // Warm-up with 4 concurrent clients, as in the throughput phase, so that the baseline at 100
  // documents already has every pooled page and database connection the service will use.
  let last;
  for (let i = 0; i < 5; i += 1) last = (await Promise.all(Array.from({ length: 4 }, () => generate()))).at(-1);

  // Reference: the same HTML printed by a bare warm page, same options, same machine.
  const payload = (await api('GET', `/api/documents/${last.id}`)).payload;
  const engine = createTemplateEngine(path.resolve('templates'));
  const html = engine.render('authority_notification', 'en', payload);
  const browser = await puppeteer.launch({
    executablePath: findChromium(process.env.CHROMIUM_PATH), headless: 'shell',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  // The same print the service makes: same header and footer, margins, tags and outline.
  const { headerTemplate, footerTemplate } = PdfRenderer.headerFooter({ reference: payload.incident.reference, confidential: 'Confidential', page: 'Page', of: 'of' });
  const print = async () => {
    await page.setContent(html, { waitUntil: 'load' });
    return page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate, footerTemplate, margin: { top: '24mm', right: '18mm', bottom: '22mm', left: '18mm' }, tagged: true, outline: true });
  };
  for (let i = 0; i < 20; i += 1) await print();

  // One client, notice and bare print in turn: both see the same states of the machine, which
  // moves by more than the difference measured when the two are taken minutes apart. A pause
  // before each lets the other finish its work after the answer (the service resets its page
  // after answering), so that neither is measured while the other still runs.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 15));
  const sequential = [];
  const bare = [];
  for (let i = 0; i < 80; i += 1) {
    await settle();
    let t = performance.now();
    last = await generate();
    sequential.push(performance.now() - t);
    await settle();
    t = performance.now();
    await print();
    bare.push(performance.now() - t);
  }
  await browser.close();
  const documentsAfter100 = 100;
  const rssAt100 = rss();
  const serviceAt100 = serviceOnly();

  // Throughput: 4 concurrent clients for 10 s.
  let done = 0;
  const end = performance.now() + 10_000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (performance.now() < end) {
      await generate();
      done += 1;
    }
  }));
  const perSecond = done / ((performance.now() - t0) / 1000);

  // Up to 1,000 documents in all, then memory again.
  let total = documentsAfter100 + done;
  while (total < 1000) {
    await Promise.all(Array.from({ length: 4 }, () => generate()));
    total += 4;
  }
  const rssAt1000 = rss();
  const serviceAt1000 = serviceOnly();

  const api50 = summarise(sequential).latencyMs;
  const bare50 = summarise(bare).latencyMs;
  result.figures = {
    apiWarm: { ...api50, target: 'p50 <= 150 ms', pass: api50.p50 <= 150 },
    throughput: { concurrentClients: 4, documents: done, perSecond: round(perSecond), target: '>= 10 PDFs/s', pass: perSecond >= 10 },
    bareSetContentPdf: bare50,
    ratioToBareP50: round(api50.p50 / bare50.p50),
    ratioTarget: 'API p50 within 1.5x of bare setContent + pdf',
    ratioPass: api50.p50 <= 1.5 * bare50.p50,
    memory: { documents: total, rssMiBAfter100: rssAt100, rssMiBAfter1000: rssAt1000, serviceNodeOnlyMiB: { after100: serviceAt100, after1000: serviceAt1000 }, ratio: round(rssAt1000 / rssAt100), target: 'within 1.2x', pass: rssAt1000 <= 1.2 * rssAt100 },
    pdfBytes: last.sizeBytes,
  };
  console.log(JSON.stringify(result.figures, null, 2));
  writeResult('pdf', result);
  console.log('written bench/results/pdf.json');
} finally {
  await service.stop();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
