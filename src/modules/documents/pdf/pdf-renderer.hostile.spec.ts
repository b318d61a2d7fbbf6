import http from 'node:http';
import { type AddressInfo } from 'node:net';
import { findChromium } from './chromium.js';
import { alive, inspectPdf } from './pdf-inspect.spec-helper.js';
import { BrowserUnavailableError, PdfRenderer, type PdfRenderOptions } from './pdf-renderer.js';

const executablePath = findChromium(process.env.CHROMIUM_PATH);

const options: PdfRenderOptions = {
  title: 'Hostile',
  subject: 'Hostile content',
  author: 'Test',
  language: 'en',
  ...PdfRenderer.headerFooter({ reference: 'BC-2026-0666', confidential: 'Confidential', page: 'Page', of: 'of' }),
};

/** A real server on loopback that records every connection and request that reaches it. */
const seen = { connections: 0, requests: [] as string[] };
const server = http.createServer((request, response) => {
  seen.requests.push(request.url ?? '');
  response.setHeader('content-type', 'text/html');
  response.end('<p>EXFILTRATED</p>');
});
server.on('connection', () => {
  seen.connections += 1;
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function hostileDocument(u: string): string {
  const localhost = u.replace('127.0.0.1', 'localhost');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=${u}/refresh">
<link rel="stylesheet" href="${u}/css"><link rel="preconnect" href="${localhost}"><link rel="dns-prefetch" href="${u}">
<link rel="prefetch" href="${u}/prefetch"><link rel="preload" as="image" href="${u}/preload"><link rel="icon" href="${u}/favicon.ico">
<script src="${u}/script.js"></script>
<style>@import url(${u}/import.css); @font-face{font-family:Evil;src:url(${u}/font.woff)} h2{font-family:Evil,sans-serif}
.bg{background:url(${u}/background.png)} li{list-style-image:url(${u}/list.png)}</style></head>
<body><h1>Hostile incident description</h1><p class="bg">The attacker wrote this.</p><ul><li>item</li></ul><h2>Heading</h2>
<img src="${u}/img"><img srcset="${u}/srcset 2x"><video poster="${u}/poster" src="${u}/video"></video><object data="${u}/object"></object>
<embed src="${u}/embed"><svg><image href="${u}/svg-image" width="8" height="8"/></svg><input type="image" src="${u}/input-image">
<iframe src="${u}/iframe"></iframe><iframe srcdoc="<img src='${u}/srcdoc-img'>"></iframe>
<script>fetch('${u}/fetch'); new Image().src = '${u}/beacon'; document.write('<img src=${u}/written>');</script>
<p>End of the description.</p></body></html>`;
}

describe('PdfRenderer against hostile HTML', () => {
  const blocked: string[] = [];
  const renderer = new PdfRenderer({ executablePath, poolSize: 2, onBlockedRequest: (url) => blocked.push(url) });
  afterAll(() => renderer.close());

  it('lets no request reach a live local server, and still prints the document', async () => {
    const pdf = await renderer.render(hostileDocument(base), options);
    // A late beacon or a delayed refresh would arrive after the render: give it the chance.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual({ connections: 0, requests: [] });
    const doc = await inspectPdf(pdf);
    expect(doc.text).toContain('Hostile incident description');
    expect(doc.text).toContain('End of the description.');
    expect(doc.text).not.toContain('EXFILTRATED');
    expect(doc.text).toContain('Page 1 of 1');
    // Interception saw (and aborted) the subresources; scripts were never even fetched.
    expect(blocked.length).toBeGreaterThanOrEqual(8);
    expect(blocked).toEqual(expect.arrayContaining([`${base}/img`, `${base}/css`, `${base}/import.css`, `${base}/background.png`, `${base}/iframe`]));
    expect(blocked.some((url) => /script\.js|fetch|beacon|written/.test(url))).toBe(false);
  });

  it.each([['0'], ['0;url=about:blank'], ['1;url=about:blank']])('is not blanked by <meta http-equiv="refresh" content="%s">', async (content) => {
    const html = `<html><head><meta http-equiv="refresh" content="${content}"></head><body><p>Original content stays</p></body></html>`;
    const doc = await inspectPdf(await renderer.render(html, options));
    expect(doc.text).toContain('Original content stays');
  });

  it('passes data: URLs (inline images) and renders the next document normally', async () => {
    const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const before = blocked.length;
    const doc = await inspectPdf(await renderer.render(`<html><body><img src="${pixel}"><p>With a pixel</p></body></html>`, options));
    expect(doc.text).toContain('With a pixel');
    expect(blocked.length).toBe(before);
    expect(seen.requests).toEqual([]);
  });
});


async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('PdfRenderer when Chromium dies', () => {
  let killNext = false;
  const renderer: PdfRenderer = new PdfRenderer({
    executablePath,
    poolSize: 2,
    // The blocked image request arrives while setContent is in flight: killing the browser
    // there is deterministic "mid-render", no sleeps.
    onBlockedRequest: () => {
      if (!killNext) return;
      killNext = false;
      process.kill(renderer.status().pid as number, 'SIGKILL');
    },
  });
  afterAll(() => renderer.close());

  it('rejects the render in flight with BrowserUnavailableError, and the next render gets a fresh browser', async () => {
    await renderer.render('<html><body><p>warm</p></body></html>', options);
    const first = renderer.status();
    expect(first).toMatchObject({ launched: true, launches: 1 });

    killNext = true;
    const doomed = renderer.render('<html><body><img src="http://kill.invalid/img"><p>doomed</p></body></html>', options);
    await expect(doomed).rejects.toBeInstanceOf(BrowserUnavailableError);
    expect(renderer.status()).toMatchObject({ launched: false, pid: null });

    const doc = await inspectPdf(await renderer.render('<html><body><p>After the crash</p></body></html>', options));
    expect(doc.text).toContain('After the crash');
    const second = renderer.status();
    expect(second).toMatchObject({ launched: true, launches: 2 });
    expect(second.pid).not.toBe(first.pid);
    await eventually(() => !alive(first.pid as number));
  });

  it('serves parallel renders after a crash with one relaunch', async () => {
    killNext = true;
    await expect(renderer.render('<html><body><img src="http://kill.invalid/img"></body></html>', options)).rejects.toBeInstanceOf(BrowserUnavailableError);
    const pdfs = await Promise.all([1, 2, 3, 4].map((n) => renderer.render(`<html><body><p>parallel ${n}</p></body></html>`, options)));
    expect(pdfs).toHaveLength(4);
    expect(renderer.status()).toMatchObject({ launched: true, launches: 3 });
  });
});
