import { findChromium } from './chromium.js';
import { alive, inspectPdf } from './pdf-inspect.spec-helper.js';
import { RENDERS_PER_PAGE } from './pdf-page.js';
import { BrowserUnavailableError, PdfRenderer, type PdfRenderOptions, RenderTimeoutError, RendererBusyError, RendererClosedError } from './pdf-renderer.js';

// Real Chromium: CHROMIUM_PATH, else the PATH (.ci/run installs chromium-headless-shell).
const executablePath = findChromium(process.env.CHROMIUM_PATH);

const STYLE = '<style>html{font-family:"Noto Sans","DejaVu Sans",sans-serif;font-size:10pt} h1{font-size:16pt}</style>';

function html(body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>ignored</title>${STYLE}</head><body>${body}</body></html>`;
}

/** About two A4 pages of prose under a heading. */
function twoPages(marker: string): string {
  const paragraph = '<p>The processor detected unauthorised access to the customer database and contained it within four hours.</p>';
  return html(`<h1>${marker}</h1>${paragraph.repeat(30)}<h2>Measures</h2><p>Passwords reset.</p>`);
}

function options(overrides: Partial<PdfRenderOptions> = {}): PdfRenderOptions {
  return {
    title: 'Notification of a personal data breach',
    subject: 'Authority notification (initial), BC-2026-0042',
    author: 'Nordic Parcel Oy',
    language: 'en',
    keywords: ['BC-2026-0042', 'authority_notification', 'GDPR'],
    ...PdfRenderer.headerFooter({ reference: 'BC-2026-0042', confidential: 'Confidential', page: 'Page', of: 'of' }),
    ...overrides,
  };
}

async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('PdfRenderer (real Chromium)', () => {
  const renderer = new PdfRenderer({ executablePath, poolSize: 2 });
  afterAll(() => renderer.close());

  it('prints a valid A4 PDF with the body text, the header reference, "Confidential" and "Page x of N"', async () => {
    const pdf = await renderer.render(twoPages('Unauthorised access to the customer database'), options());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await inspectPdf(pdf);
    expect(doc.numPages).toBeGreaterThanOrEqual(2);
    expect(doc.text).toContain('Unauthorised access to the customer database');
    expect(doc.text).toContain('contained it within four hours');
    doc.pages.forEach((page, i) => {
      expect(page).toContain('BC-2026-0042');
      expect(page).toContain('Confidential');
      expect(page).toContain(`Page ${i + 1} of ${doc.numPages}`);
    });
    // The header and footer switch ligatures off, so even a space-joining extractor reads them whole.
    expect(doc.spacedText).toContain('BC-2026-0042 Confidential');
    expect(doc.spacedText).toContain(`Page ${doc.numPages} of ${doc.numPages}`);
    for (const size of doc.pageSizes) {
      expect(Math.abs(size.width - 595)).toBeLessThanOrEqual(1);
      expect(Math.abs(size.height - 842)).toBeLessThanOrEqual(1);
    }
  });

  it('writes Title, Subject, Author, Keywords, Producer, Creator, Language and dates', async () => {
    const doc = await inspectPdf(await renderer.render(twoPages('Metadata'), options({ language: 'fi' })));
    expect(doc.info).toMatchObject({
      Title: 'Notification of a personal data breach',
      Subject: 'Authority notification (initial), BC-2026-0042',
      Author: 'Nordic Parcel Oy',
      Keywords: 'BC-2026-0042 authority_notification GDPR',
      Producer: 'breach-clock',
      Language: 'fi',
    });
    expect(doc.info.Creator).toMatch(/^breach-clock \(.*Chrom/);
    expect(doc.info.CreationDate).toMatch(/^D:\d{14}/);
    expect(doc.info.ModDate).toBe(doc.info.CreationDate);
  });

  it("appends the information to Chromium's bytes (an incremental update) when its catalog already has the language", async () => {
    const pdf = await renderer.render(html('<h1>Incremental</h1><p>Text.</p>', 'sv'), options({ language: 'sv', title: 'Överföring' }));
    const text = pdf.toString('latin1');
    expect(text.match(/%%EOF/g)).toHaveLength(2);
    const original = pdf.subarray(0, text.indexOf('%%EOF') + '%%EOF'.length);
    expect(original.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(text.slice(original.length)).toMatch(/\/Prev \d+/);
    const doc = await inspectPdf(pdf);
    expect(doc.info).toMatchObject({ Title: 'Överföring', Author: 'Nordic Parcel Oy', Producer: 'breach-clock', Language: 'sv' });
    expect(doc.info.CreationDate).toMatch(/^D:\d{14}Z/);
    expect(doc.catalogTagged).toBe(true);
  });

  it("rewrites the document when the notice's language is not the one Chromium wrote", async () => {
    const pdf = await renderer.render(html('<h1>Rewritten</h1>', 'en'), options({ language: 'lt' }));
    expect(pdf.toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    expect((await inspectPdf(pdf)).info).toMatchObject({ Language: 'lt', Title: 'Notification of a personal data breach' });
  });

  it('keeps the PDF tagged through the metadata update (MarkInfo and StructTreeRoot)', async () => {
    const doc = await inspectPdf(await renderer.render(twoPages('Tagged'), options()));
    expect(doc.marked).toBe(true);
    expect(doc.catalogTagged).toBe(true);
    expect(doc.hasStructTree).toBe(true);
  });

  it.each([
    ['en', 'Personal data breach'],
    ['fi', 'Hyökkääjä'],
    ['sv', 'Överföring'],
    ['fr', 'Données à caractère personnel'],
    ['nl', 'Gegevens'],
    ['de', 'Größe'],
    ['lt', 'Asmens duomenų saugumo pažeidimas'],
  ])('%s text comes back intact ("%s")', async (language, phrase) => {
    const body = `<h1>${phrase}</h1><p>${phrase} — ${phrase.toUpperCase()}.</p>`;
    const doc = await inspectPdf(await renderer.render(html(body, language), options({ language, title: phrase })));
    expect(doc.text).toContain(phrase);
    expect(doc.text).toContain(phrase.toUpperCase());
    expect(doc.info).toMatchObject({ Title: phrase, Language: language });
  });

  it('escapes the header and footer texts', () => {
    const { headerTemplate, footerTemplate } = PdfRenderer.headerFooter({ reference: '<img src=x onerror=alert(1)>', confidential: 'A & "B"', page: 'Sivu', of: '/' });
    expect(headerTemplate).not.toContain('<img');
    expect(headerTemplate).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(headerTemplate).toContain('A &amp; &quot;B&quot;');
    expect(headerTemplate).toMatch(/font-size:8pt/);
    // Every style attribute must survive as one attribute: no double quote inside it.
    for (const style of `${headerTemplate}${footerTemplate}`.match(/style="[^"]*"/g) ?? []) expect(style).toMatch(/font-size:8pt|font-weight/);
    expect(footerTemplate).toContain('Sivu <span class="pageNumber"></span> / <span class="totalPages"></span>');
  });

  it('runs 8 parallel renders on a pool of 2 pages, one browser, no document leaking into another', async () => {
    const fresh = new PdfRenderer({ executablePath, poolSize: 2 });
    try {
      const markers = Array.from({ length: 8 }, (_, i) => `Document number ${i + 1} of the batch`);
      const pdfs = await Promise.all(markers.map((marker) => fresh.render(twoPages(marker), options())));
      const texts = await Promise.all(pdfs.map(async (pdf) => (await inspectPdf(pdf)).text));
      texts.forEach((text, i) => {
        expect(text).toContain(markers[i]);
        markers.filter((_, j) => j !== i).forEach((other) => expect(text).not.toContain(other));
      });
      await eventually(() => fresh.status().pagesBusy === 0);
      expect(fresh.status()).toMatchObject({ launched: true, launches: 1, pagesIdle: 2, pagesBusy: 0, queued: 0, renders: 8 });
    } finally {
      await fresh.close();
    }
  });

  it(`retires a page after ${RENDERS_PER_PAGE} documents and opens a fresh one (Chromium gives memory back only with the page)`, async () => {
    const fresh = new PdfRenderer({ executablePath, poolSize: 1 });
    try {
      for (let i = 0; i < RENDERS_PER_PAGE; i += 1) await fresh.render(html(`<p>Document ${i}</p>`), options());
      await eventually(() => fresh.status().pagesBusy === 0);
      expect(fresh.status()).toMatchObject({ pagesOpened: 1, pagesIdle: 0, renders: RENDERS_PER_PAGE });
      const next = await inspectPdf(await fresh.render(html('<p>The next one</p>'), options()));
      expect(next.text).toContain('The next one');
      expect(fresh.status()).toMatchObject({ pagesOpened: 2, launches: 1 });
    } finally {
      await fresh.close();
    }
  });

  it('refuses work beyond the bounded queue with RendererBusyError', async () => {
    const small = new PdfRenderer({ executablePath, poolSize: 1, maxQueue: 1 });
    try {
      const results = await Promise.allSettled([1, 2, 3].map((n) => small.render(html(`<p>n${n}</p>`), options())));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(RendererBusyError);
    } finally {
      await small.close();
    }
  });

  it('gives up on a render that exceeds renderTimeoutMs with RenderTimeoutError, and throws the page away', async () => {
    const hasty = new PdfRenderer({ executablePath, poolSize: 1, renderTimeoutMs: 1 });
    try {
      await expect(hasty.render(twoPages('Too slow'), options())).rejects.toBeInstanceOf(RenderTimeoutError);
      expect(hasty.status()).toMatchObject({ pagesIdle: 0, pagesBusy: 0, renders: 0 });
    } finally {
      await hasty.close();
    }
  });

  it('turns a browser that cannot start into BrowserUnavailableError for every caller, and tries again next time', async () => {
    const broken = new PdfRenderer({ executablePath: '/bin/false', poolSize: 1, launchTimeoutMs: 5000 });
    try {
      const results = await Promise.allSettled([1, 2, 3].map(() => broken.render(html('<p>x</p>'), options())));
      for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(BrowserUnavailableError);
      await expect(broken.render(html('<p>x</p>'), options())).rejects.toThrow(/could not launch Chromium \(\/bin\/false\)/);
      expect(broken.status()).toMatchObject({ launched: false, pid: null, pagesBusy: 0, queued: 0, launches: 0 });
    } finally {
      await broken.close();
    }
  });

  it('close() is idempotent, kills the browser and refuses later renders', async () => {
    const closing = new PdfRenderer({ executablePath });
    await closing.render(html('<p>once</p>'), options());
    const pid = closing.status().pid as number;
    expect(pid).toBeGreaterThan(0);
    await Promise.all([closing.close(), closing.close()]);
    await closing.close();
    expect(closing.status()).toMatchObject({ launched: false, pid: null });
    // Killed, but the kernel may take a moment to let it go (a loaded CI machine).
    await eventually(() => !alive(pid), 5000);
    expect(alive(pid)).toBe(false);
    await expect(closing.render(html('<p>twice</p>'), options())).rejects.toBeInstanceOf(RendererClosedError);
  });

  it('logs the warm render time (not asserted)', async () => {
    const document = twoPages('Warm render timing');
    await renderer.render(document, options());
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const started = performance.now();
      await renderer.render(document, options());
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    console.log(`PdfRenderer warm render of a 2-page document: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (n=${times.length})`);
    expect(times).toHaveLength(30);
  });
});
