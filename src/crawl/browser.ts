import { existsSync } from 'node:fs';
import type { Browser, Page, Request, Route } from 'playwright-core';
import type { EntryPoint, Source } from '../config/schema.ts';
import { errorLine, UserError } from '../util/errors.ts';
import type { FetchOptions, Fetcher } from './fetcher.ts';
import type { FetchedResponse } from '../domain/response.ts';

/** How a user gets Chromium: the setup script's browser option (README, scripts/setup.sh). */
export const BROWSER_SETUP = 'XINZHI_BROWSER=1 bash scripts/setup.sh';

/** Where Debian's `chromium` package (and Ubuntu's) put the executable. */
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/**
 * The Chromium to drive: XINZHI_CHROMIUM when set (another system's path), else the first of Debian's
 * paths that exists; undefined when there is none. Takes the environment to read, for tests.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.XINZHI_CHROMIUM) return env.XINZHI_CHROMIUM;
  return CHROMIUM_PATHS.find((path) => existsSync(path));
}

/**
 * Whether an entry point is read in the browser: the list pages of a `fetch: browser` source. Feeds and
 * JSON endpoints are data already, and articles are read over plain HTTP: their text is in the served HTML
 * on the sites that need a browser for their lists, and a browser would cost a page's scripts and a second
 * of Chromium for every one of the hundreds of articles a run reads.
 */
export function rendersInBrowser(source: Pick<Source, 'fetch'>, entry: Pick<EntryPoint, 'type'>): boolean {
  return source.fetch === 'browser' && entry.type === 'list';
}

/** What a list page does not need to draw its links, never requested so the site is spared it: the list reader reads the DOM, not its looks. */
const BLOCKED_TYPES = new Set(['image', 'media', 'font', 'stylesheet', 'texttrack', 'manifest', 'eventsource', 'websocket']);

/** Request headers of the browser's that reach the site: what a cookie check or a JSON endpoint looks at. Not its User-Agent. */
const FORWARDED_HEADERS = ['accept', 'cookie', 'referer', 'x-requested-with'];

/** Response headers not passed on to the browser: the body it gets is whole and decoded already. */
const DROPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Requests one page may make: a list page needs a few dozen; more is a page gone wrong, and each costs the site's spacing. */
const MAX_PAGE_REQUESTS = 100;

/**
 * The browser has no network of its own: its proxy is a closed port, so a request that escaped the
 * interception below (a WebSocket, a prefetch) fails instead of reaching a site unchecked. `<-loopback>`
 * sends loopback addresses through the proxy too, which Chromium would otherwise let go direct.
 */
const NO_NETWORK = { server: 'http://127.0.0.1:0', bypass: '<-loopback>' };

/** Chromium's own switches: a container's small /dev/shm, and no WebRTC around the proxy. */
const CHROMIUM_ARGS = ['--disable-dev-shm-usage', '--force-webrtc-ip-handling-policy=disable_non_proxied_udp'];

/** How the browser fetch runs: which Chromium, a page's limits, and where renderings go. */
export interface BrowserFetcherOptions {
  /** Chromium's executable; findChromium() when absent. */
  executablePath?: string;
  /** How long a page has, from the first request to going quiet (no request for 500 ms), its requests' spacing included. */
  pageTimeoutMs: number;
  /** Cap on the bytes of all the responses one page takes, and on its rendered HTML. */
  maxBytes: number;
  /** Called with each rendering (a 200 page) before anyone parses it: the run archives it as a WARC conversion record. */
  onRendered?: (rendered: FetchedResponse) => Promise<void>;
}

/** The first line of a Playwright error, without its `page.goto: ` prefix and call log. */
function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? text).replace(/^[\w.]+: /, '').trim();
}

/**
 * Fetches through `inner`, and renders the pages asked for with `render` in headless Chromium. Every
 * request the page makes — the page itself, its scripts, the XHR/fetch JSON its list is drawn from — is
 * intercepted and fulfilled from `inner` (the live fetcher): robots.txt, per-host spacing and concurrency,
 * retries, the circuit breaker, the size cap, private-address refusal and the WARC archive apply to each
 * as to any fetch, and the browser itself reaches no network. Images, fonts, media and stylesheets are
 * never requested. Requests go out one at a time per page and only as GET; the fetcher follows redirects,
 * checking each hop as it always does (Chromium would follow a redirect the interception answered without
 * asking the interception again), and the page is opened at the address that served it. A private address is allowed only
 * on the page's own host, and only when the source allows private addresses: a script cannot steer the
 * crawler to another internal address. The rendered HTML (the DOM after the scripts ran) is the response;
 * `onRendered` archives it.
 *
 * One browser for the fetcher's life, launched on the first page that needs it (a run without browser
 * sources never starts Chromium); each page gets a fresh context (no cookies carried between sources).
 * close() ends it; Playwright also closes it on SIGINT, SIGTERM and SIGHUP and at process exit.
 */
export class BrowserFetcher implements Fetcher {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly inner: Fetcher, private readonly options: BrowserFetcherOptions) {}

  /** A rendering when options.render, else inner's response; rejects with a one-line UserError naming the URL. */
  fetch(url: string, options: FetchOptions): Promise<FetchedResponse> {
    return options.render ? this.render(url, options) : this.inner.fetch(url, options);
  }

  /** Closes the browser if one was launched; safe to call again, and when none was. */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close();
  }

  /** The run's browser, launched once; a failure to launch is kept, so every browser source reports it at once. */
  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      const executablePath = this.options.executablePath ?? findChromium();
      if (!executablePath || !existsSync(executablePath)) {
        const where = executablePath ?? CHROMIUM_PATHS[0]!;
        throw new UserError(`找不到 Chromium（${where}）`, `Chromium not found (${where})`);
      }
      try {
        // Loaded here, not at the top: a run without browser sources (and every replay) never pays for Playwright.
        const { chromium } = await import('playwright-core');
        return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, proxy: NO_NETWORK, timeout: this.options.pageTimeoutMs, handleSIGINT: true, handleSIGTERM: true, handleSIGHUP: true });
      } catch (err) {
        throw new UserError(`Chromium（${executablePath}）启动失败：${firstLine(err)}`, `Chromium (${executablePath}) failed to start: ${firstLine(err)}`);
      }
    })();
    return this.browser;
  }

  /** The page at `url` as rendered (a non-200 page as served, unrendered); throws a one-line UserError naming the URL. */
  private async render(url: string, options: FetchOptions): Promise<FetchedResponse> {
    let browser: Browser;
    try {
      browser = await this.launch();
    } catch (err) {
      const reason = err instanceof UserError ? err : new UserError(firstLine(err));
      throw new UserError(`无法用浏览器读取 ${url}：${reason.message}；请运行 ${BROWSER_SETUP}`, `cannot read ${url} in a browser: ${reason.en}; run ${BROWSER_SETUP}`);
    }
    const fetchedAt = new Date().toISOString();
    const deadline = performance.now() + this.options.pageTimeoutMs;
    const left = () => Math.max(1, deadline - performance.now());
    const requests = new PageRequests(this.inner, url, options, this.options.maxBytes);
    // The page itself first, its redirects followed by the fetcher (Chromium would follow a redirect the
    // interception answers without asking it again): a refusal or an HTTP error is the crawl's, as served.
    const served = await requests.document();
    if (served.status !== 200) return served;
    // A fresh context per page: cookies a site set stay with that site's page.
    const context = await browser.newContext({ serviceWorkers: 'block', acceptDownloads: false, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      await context.route('**/*', (route) => requests.handle(route));
      const page = await context.newPage();
      let html: string;
      try {
        await page.goto(served.url, { waitUntil: 'load', timeout: left() });
        html = await settledContent(page, left);
      } catch (err) {
        // The crawler's own reason (robots.txt, a private address) when a script's navigation was refused, not net::ERR_FAILED.
        if (requests.navigationFailure) throw requests.navigationFailure;
        if (err instanceof Error && err.name === 'TimeoutError') {
          const seconds = Math.round(this.options.pageTimeoutMs / 1000);
          throw new UserError(`浏览器渲染超时（超过 ${seconds} 秒）：${url}`, `browser rendering timed out (over ${seconds} s): ${url}`);
        }
        throw new UserError(`浏览器读取失败 ${url}：${firstLine(err)}`, `browser failed to read ${url}: ${firstLine(err)}`);
      }
      if (requests.overLimit) throw requests.overLimit;
      const body = Buffer.from(html, 'utf8');
      if (body.length > this.options.maxBytes) throw tooLarge(url, this.options.maxBytes);
      // The DOM is serialised as UTF-8 whatever the page was served in; the served page's validators describe it, not this.
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', ...(served.headers.date ? { date: served.headers.date } : {}) };
      const rendered: FetchedResponse = { url: page.url(), status: 200, headers, body, fetchedAt };
      await this.options.onRendered?.(rendered);
      return rendered;
    } finally {
      requests.close();
      await context.close().catch(() => undefined);
    }
  }
}

/**
 * The page's HTML once it has gone quiet: no request for 500 ms (Playwright's networkidle). A page that
 * navigates again meanwhile (a script challenge that sets a cookie and reloads) is waited for anew, within
 * the page's time.
 */
async function settledContent(page: Page, left: () => number): Promise<string> {
  for (;;) {
    await page.waitForLoadState('networkidle', { timeout: left() });
    try {
      return await page.content();
    } catch (err) {
      if (!/navigating/i.test(firstLine(err))) throw err;
    }
  }
}

function tooLarge(url: string, maxBytes: number): UserError {
  return new UserError(`浏览器页面过大（所取内容超过 ${maxBytes} 字节）：${url}`, `browser page larger than ${maxBytes} bytes in all: ${url}`);
}

/** Whether a request is the page's own document (or a hop of its redirects), not a frame's or a script's. */
function isPageDocument(request: Request): boolean {
  try {
    return request.isNavigationRequest() && request.frame().parentFrame() === null;
  } catch {
    // A request without a frame (a worker's) is not the page's document.
    return false;
  }
}

/** The requests of one rendered page, each fulfilled from the crawler's fetcher. */
class PageRequests {
  /** Why a later navigation of the page (a script's reload or redirect) could not be had: reported instead of the browser's net::ERR_FAILED. */
  navigationFailure: unknown;
  /** Set when the page's responses passed the size cap: the rendering fails. */
  overLimit: UserError | undefined;
  private bytes = 0;
  private count = 0;
  private closed = false;
  /** The page's document, fetched before the browser asks for it: served once, to the browser's first request of it. */
  private served: FetchedResponse | undefined;
  /** Requests go out one after another: those still waiting when the page closes are never sent. */
  private turn: Promise<unknown> = Promise.resolve();
  private readonly ownHost: string;

  constructor(private readonly fetcher: Fetcher, private readonly pageUrl: string, private readonly options: FetchOptions, private readonly maxBytes: number) {
    this.ownHost = new URL(pageUrl).hostname;
  }

  /** The page as served, redirects followed; kept for the browser's request of it. Throws the fetcher's refusal. */
  async document(): Promise<FetchedResponse> {
    this.served = await this.fetch(this.pageUrl, {});
    return this.served;
  }

  /** Fulfils one intercepted request from the fetcher, or aborts it (blocked kind, refused, failed); never throws. */
  async handle(route: Route): Promise<void> {
    const request = route.request();
    if (this.closed || BLOCKED_TYPES.has(request.resourceType())) return abort(route);
    const url = request.url();
    let response: FetchedResponse;
    try {
      if (this.served && url === this.served.url && isPageDocument(request)) {
        response = this.served;
        this.served = undefined;
      } else {
        response = await this.fetchFor(request);
      }
    } catch (err) {
      if (isPageDocument(request)) this.navigationFailure ??= err;
      // Past the size cap the rendering fails as a whole, which says so once.
      else if (!this.closed && err !== this.overLimit) this.options.onSubrequestRefused?.(url, errorLine(err));
      return abort(route);
    }
    const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !DROPPED_HEADERS.has(name)));
    // The page may have closed while the response came: then nobody waits for it.
    await route.fulfill({ status: response.status, headers, body: response.body }).catch(() => undefined);
  }

  private async fetchFor(request: Request): Promise<FetchedResponse> {
    const url = request.url();
    const method = request.method();
    if (method !== 'GET') throw new UserError(`浏览器抓取只发 GET 请求，未发出 ${method} ${url}`, `the browser fetch sends GET requests only; ${method} ${url} not sent`);
    const all = await request.allHeaders();
    return this.fetch(url, Object.fromEntries(FORWARDED_HEADERS.flatMap((name) => (all[name] ? [[name, all[name]]] : []))));
  }

  /** One request of the page through the fetcher, in turn, within the page's limits; `headers` are the browser's to pass on. */
  private async fetch(url: string, headers: Record<string, string>): Promise<FetchedResponse> {
    if (++this.count > MAX_PAGE_REQUESTS) throw new UserError(`页面 ${this.pageUrl} 的请求超过 ${MAX_PAGE_REQUESTS} 个，未发出 ${url}`, `page ${this.pageUrl} made over ${MAX_PAGE_REQUESTS} requests; ${url} not sent`);
    const own = new URL(url).hostname === this.ownHost;
    const options: FetchOptions = {
      // The source's permissions are for its own site, not for every host a script names.
      allowPrivate: this.options.allowPrivate && own,
      robots: own ? this.options.robots : 'obey',
      headers,
    };
    const response = await this.inTurn(url, () => this.fetcher.fetch(url, options));
    this.bytes += response.body.length;
    if (this.bytes > this.maxBytes) {
      this.overLimit ??= tooLarge(this.pageUrl, this.maxBytes);
      throw this.overLimit;
    }
    return response;
  }

  private inTurn(url: string, fetch: () => Promise<FetchedResponse>): Promise<FetchedResponse> {
    const next = this.turn.then(() => {
      if (this.closed) throw new UserError(`页面已关闭，未发出 ${url}`, `page closed; ${url} not sent`);
      return fetch();
    });
    this.turn = next.catch(() => undefined);
    return next;
  }

  /** The page is done: requests still waiting are not sent, and their failures are not reported. */
  close(): void {
    this.closed = true;
  }
}

function abort(route: Route): Promise<void> {
  return route.abort('blockedbyclient').catch(() => undefined);
}
