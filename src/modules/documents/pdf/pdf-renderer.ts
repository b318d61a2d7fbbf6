import { BrowserSession } from './browser-session.js';
import { type HeaderFooterTexts, headerFooter } from './header-footer.js';
import { BrowserUnavailableError, PdfRenderError, RenderTimeoutError, RendererBusyError, RendererClosedError } from './pdf-errors.js';
import { writePdfMetadata } from './pdf-metadata.js';
import { type RenderPage, isUsable, openRenderPage, printPage, resetPage } from './pdf-page.js';

export { BrowserUnavailableError, PdfRenderError, RenderTimeoutError, RendererBusyError, RendererClosedError } from './pdf-errors.js';
export type { HeaderFooterTexts } from './header-footer.js';

export interface PdfRendererOptions {
  executablePath: string;
  /** Pages kept open and reused; also the number of renders Chromium works on at once. */
  poolSize?: number;
  launchTimeoutMs?: number;
  /** For one render once it has a page: load, print, everything in Chromium. */
  renderTimeoutMs?: number;
  /** Renders allowed to wait for a page; one more gets RendererBusyError. */
  maxQueue?: number;
  /** Every request the pages refused (tests count them; the service may log them). */
  onBlockedRequest?: (url: string) => void;
}

export interface PdfRenderOptions {
  title: string;
  subject: string;
  author: string;
  /** BCP 47, e.g. "fi": the PDF's /Lang. */
  language: string;
  headerTemplate: string;
  footerTemplate: string;
  keywords?: string[];
}

export interface PdfRendererStatus {
  launched: boolean;
  pid: number | null;
  pagesIdle: number;
  pagesBusy: number;
  queued: number;
  renders: number;
  launches: number;
  /** Pages opened since the start: the first ones, those retired after RENDERS_PER_PAGE documents, and replacements. */
  pagesOpened: number;
}

type Slot = RenderPage;

interface Waiter {
  resolve: (slot: Slot) => void;
  reject: (error: unknown) => void;
}

const RESET_TIMEOUT_MS = 5000;
const PAGE_CLOSE_TIMEOUT_MS = 5000;

function noop(): void {}

/** Rejects with onTimeout() after ms; the loser's late rejection is swallowed. */
async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  work.catch(noop);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * HTML to tagged A4 PDF with Chromium. One browser per process, launched lazily and again after
 * it dies; a small pool of pages that are reused (a new page costs several times a print),
 * reset between documents and thrown away when anything about them goes wrong. Pages run no
 * JavaScript and fetch nothing but data: URLs.
 */
export class PdfRenderer {
  static headerFooter(texts: HeaderFooterTexts): { headerTemplate: string; footerTemplate: string } {
    return headerFooter(texts);
  }

  private readonly session: BrowserSession;
  private readonly poolSize: number;
  private readonly renderTimeoutMs: number;
  private readonly maxQueue: number;
  private readonly onBlockedRequest: ((url: string) => void) | undefined;
  private idle: Slot[] = [];
  /** Slots being opened, rendering or being reset: never more than poolSize. */
  private leased = 0;
  private readonly waiters: Waiter[] = [];
  private renders = 0;
  private pagesOpened = 0;
  private closing: Promise<void> | null = null;

  constructor({ executablePath, poolSize = 2, launchTimeoutMs = 30000, renderTimeoutMs = 30000, maxQueue = 100, onBlockedRequest }: PdfRendererOptions) {
    if (!Number.isInteger(poolSize) || poolSize < 1) throw new RangeError(`poolSize must be a positive integer, got ${poolSize}`);
    this.poolSize = poolSize;
    this.renderTimeoutMs = renderTimeoutMs;
    this.maxQueue = maxQueue;
    this.onBlockedRequest = onBlockedRequest;
    this.session = new BrowserSession({
      executablePath,
      launchTimeoutMs,
      protocolTimeoutMs: renderTimeoutMs + 5000,
      // Its pages went with it; the slots still leased fail and are discarded on their own.
      onDisconnected: (browser) => {
        this.idle = this.idle.filter((slot) => slot.browser !== browser);
      },
    });
  }

  async render(html: string, options: PdfRenderOptions): Promise<Buffer> {
    const slot = await this.acquire();
    let printed: Uint8Array;
    try {
      printed = await withTimeout(printPage(slot, html, options, this.renderTimeoutMs), this.renderTimeoutMs, () => new RenderTimeoutError(`the PDF was not printed within ${this.renderTimeoutMs} ms`));
    } catch (error) {
      this.discard(slot);
      throw this.explain(error, slot);
    }
    // The page is reset while pdf-lib works on the bytes: off this response's path.
    this.recycle(slot);
    try {
      const pdf = await writePdfMetadata(printed, {
        ...options,
        creator: `breach-clock (${this.session.version})`,
        producer: 'breach-clock',
        date: new Date(),
      });
      this.renders += 1;
      return pdf;
    } catch (error) {
      throw new PdfRenderError(`could not write the PDF's metadata: ${(error as Error).message}`, { cause: error });
    }
  }

  status(): PdfRendererStatus {
    return {
      launched: this.session.current !== null,
      pid: this.session.pid,
      pagesIdle: this.idle.length,
      pagesBusy: this.leased,
      queued: this.waiters.length,
      renders: this.renders,
      launches: this.session.launches,
      pagesOpened: this.pagesOpened,
    };
  }

  /** Final: queued renders are refused, Chromium is closed (killed if it will not close). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const error = new RendererClosedError('the PDF renderer is closed');
      for (const waiter of this.waiters.splice(0)) waiter.reject(error);
      this.idle = [];
      await this.session.close();
    })();
    return this.closing;
  }

  private explain(error: unknown, slot: Slot): Error {
    if (this.closing) return new RendererClosedError('the PDF renderer was closed during the render', { cause: error });
    if (!slot.browser.connected) return new BrowserUnavailableError('Chromium went away during the render', { cause: error });
    if (error instanceof PdfRenderError) return error;
    return new PdfRenderError(`the PDF render failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }

  private async acquire(): Promise<Slot> {
    if (this.closing) throw new RendererClosedError('the PDF renderer is closed');
    const idle = this.takeIdle();
    if (idle) {
      this.leased += 1;
      return idle;
    }
    if (this.leased < this.poolSize) {
      this.leased += 1;
      return this.openSlot();
    }
    if (this.waiters.length >= this.maxQueue) {
      throw new RendererBusyError(`all ${this.poolSize} PDF pages are busy and ${this.waiters.length} renders are waiting`);
    }
    return new Promise<Slot>((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Opens a page for a slot already counted in `leased`; on failure gives the count back. */
  private async openSlot(): Promise<Slot> {
    try {
      const browser = await this.session.get();
      const slot = await openRenderPage(browser, this.onBlockedRequest);
      this.pagesOpened += 1;
      return slot;
    } catch (error) {
      this.leased -= 1;
      const failure = error instanceof PdfRenderError ? error : new BrowserUnavailableError(`could not open a Chromium page: ${(error as Error).message}`, { cause: error });
      // Chromium cannot be had right now: fail the queue fast instead of one launch per waiter.
      if (failure instanceof BrowserUnavailableError || failure instanceof RendererClosedError) {
        for (const waiter of this.waiters.splice(0)) waiter.reject(failure);
      }
      this.pump();
      throw failure;
    }
  }

  /** Resets the page to an empty document, then returns it to the pool (or throws it away). */
  private recycle(slot: Slot): void {
    withTimeout(resetPage(slot, RESET_TIMEOUT_MS), RESET_TIMEOUT_MS, () => new Error('page reset timed out')).then(
      () => this.release(slot),
      () => this.discard(slot),
    );
  }

  private release(slot: Slot): void {
    this.leased -= 1;
    if (this.closing || !isUsable(slot)) {
      this.closePage(slot);
    } else if (this.waiters.length > 0) {
      this.leased += 1;
      this.waiters.shift()?.resolve(slot);
      return;
    } else {
      this.idle.push(slot);
    }
    this.pump();
  }

  private discard(slot: Slot): void {
    this.leased -= 1;
    this.closePage(slot);
    this.pump();
  }

  /** An idle slot whose page is still open on a live browser (a crashed page is closed and skipped). */
  private takeIdle(): Slot | undefined {
    for (let slot = this.idle.pop(); slot; slot = this.idle.pop()) {
      if (isUsable(slot)) return slot;
      this.closePage(slot);
    }
    return undefined;
  }

  /** Serves waiters from idle pages, or opens new ones while below poolSize. */
  private pump(): void {
    while (this.waiters.length > 0 && !this.closing) {
      const idle = this.takeIdle();
      if (!idle && this.leased >= this.poolSize) return;
      const waiter = this.waiters.shift() as Waiter;
      this.leased += 1;
      if (idle) waiter.resolve(idle);
      else this.openSlot().then(waiter.resolve, waiter.reject);
    }
  }

  private closePage(slot: Slot): void {
    if (!slot.browser.connected || slot.page.isClosed()) return;
    // A page that will not even close means the browser is wedged: kill it, and the next
    // render launches a fresh one.
    withTimeout(slot.page.close(), PAGE_CLOSE_TIMEOUT_MS, () => new Error('page close timed out')).catch(() => {
      if (slot.browser.connected) this.session.kill(slot.browser);
    });
  }
}
