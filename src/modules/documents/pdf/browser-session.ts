import puppeteer, { type Browser } from 'puppeteer-core';
import { BrowserUnavailableError, RendererClosedError } from './pdf-errors.js';

/**
 * Flags for every launch. The first six are the machine notes' required set (no sandbox as
 * root in CI, no GPU, none of Chromium's own network chatter). The resolver rule makes every
 * host name and IP literal unresolvable: the browser-wide backstop for anything that slips
 * past page-level request interception (prefetch and preconnect do).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface BrowserSessionOptions {
  executablePath: string;
  launchTimeoutMs: number;
  /** Bound for any single DevTools call, so a wedged browser turns into errors, not hangs. */
  protocolTimeoutMs: number;
  /** Called once when a browser disconnects (crash, kill, close). */
  onDisconnected?: (browser: Browser) => void;
}

/**
 * One Chromium per process: launched on first use (concurrent callers share the launch),
 * launched again on the next use after it died. close() is final.
 */
export class BrowserSession {
  private browser: Browser | null = null;
  private browserPid: number | null = null;
  private launching: Promise<Browser> | null = null;
  private closed = false;
  launches = 0;
  /** e.g. "HeadlessChrome/156.0.8078.79", for the PDF's Creator. */
  version = 'Chromium';

  constructor(private readonly options: BrowserSessionOptions) {}

  /** The live browser, if any; never launches. */
  get current(): Browser | null {
    return this.browser?.connected ? this.browser : null;
  }

  /** Chromium's own browser process (not the Debian wrapper script puppeteer spawned). */
  get pid(): number | null {
    return this.current ? this.browserPid : null;
  }

  async get(): Promise<Browser> {
    if (this.closed) throw new RendererClosedError('the PDF renderer is closed');
    const live = this.current;
    if (live) return live;
    this.launching ??= this.launch().finally(() => {
      this.launching = null;
    });
    return this.launching;
  }

  private async launch(): Promise<Browser> {
    const { executablePath, launchTimeoutMs, protocolTimeoutMs } = this.options;
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: 'shell',
        // A pipe instead of a WebSocket port: nothing listens on the network, and Chromium
        // exits by itself if this process dies and the pipe closes.
        pipe: true,
        args: [...CHROMIUM_ARGS],
        timeout: launchTimeoutMs,
        protocolTimeout: protocolTimeoutMs,
        // Shutdown is the application's (Nest calls close()); puppeteer's own signal handlers
        // would kill the browser under requests that are still being answered.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new BrowserUnavailableError(`could not launch Chromium (${executablePath}): ${(error as Error).message}`, { cause: error });
    }
    browser.once('disconnected', () => {
      if (this.browser === browser) this.browser = null;
      this.options.onDisconnected?.(browser);
    });
    if (this.closed) {
      await this.shutdown(browser);
      throw new RendererClosedError('the PDF renderer was closed while Chromium was starting');
    }
    this.version = await browser.version().catch(() => 'Chromium');
    this.browserPid = await browserProcessId(browser);
    this.launches += 1;
    this.browser = browser;
    return browser;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.launching?.catch(() => undefined);
    const browser = this.browser;
    this.browser = null;
    if (browser) await this.shutdown(browser);
  }

  /** Polite close, then SIGKILL if Chromium does not go within 5 s (or is already disconnected). */
  private async shutdown(browser: Browser): Promise<void> {
    if (browser.connected) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 5000);
      });
      const outcome = await Promise.race([browser.close().then(() => 'closed' as const, () => 'failed' as const), grace]);
      clearTimeout(timer);
      if (outcome === 'closed') return;
    }
    this.kill(browser);
  }

  /**
   * SIGKILL the whole process group. puppeteer starts the executable detached, in a group of
   * its own; Debian's /usr/bin/chromium-headless-shell is a shell script that does not exec,
   * so killing only the spawned pid would kill the script and leave Chromium running.
   */
  kill(browser: Browser): void {
    const child = browser.process();
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
}

/** The pid Chromium reports for its browser process; the spawned pid if it will not say. */
async function browserProcessId(browser: Browser): Promise<number | null> {
  try {
    const session = await browser.target().createCDPSession();
    const { processInfo } = await session.send('SystemInfo.getProcessInfo');
    await session.detach().catch(() => undefined);
    return processInfo.find((info) => info.type === 'browser')?.id ?? browser.process()?.pid ?? null;
  } catch {
    return browser.process()?.pid ?? null;
  }
}
