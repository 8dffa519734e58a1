import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { TestContext } from 'node:test';
import { sourceSchema, type Source } from '../src/config/schema.ts';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crawlSources, type CrawlContext } from '../src/pipeline/crawl.ts';
import { LiveFetcher, type LiveFetcherOptions } from '../src/crawl/live.ts';
import { readWarcResponses, WarcWriter } from '../src/crawl/warc.ts';
import { openTestStore } from './storeFor.ts';
import { repoRoot, tempDir } from './helpers.ts';

export interface RequestLog {
  path: string;
  headers: IncomingMessage['headers'];
  start: number;
  end: number;
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestSite {
  base: string;
  host: string;
  log: RequestLog[];
  hits: (path: string) => number;
  close: () => Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (or another local address) playing one official site; the caller closes it. */
export async function startSite(routes: Record<string, Route>, address = '127.0.0.1'): Promise<TestSite> {
  const log: RequestLog[] = [];
  const server: Server = createServer(async (req, res) => {
    const entry: RequestLog = { path: req.url ?? '', headers: req.headers, start: performance.now(), end: 0 };
    log.push(entry);
    // The end is when the site hands its last bytes to the socket (res.end), or when the connection drops
    // before that: 'close' alone comes an event-loop turn later, late by as long as a loaded machine keeps
    // this process waiting, and a client that already had the response may start its next request first.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      entry.end ||= performance.now();
      return end(...args);
    }) as ServerResponse['end'];
    res.on('close', () => (entry.end ||= performance.now()));
    const route = routes[req.url ?? ''];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    await route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const host = `${address}:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return { base: `http://${host}`, host, log, hits: (path) => log.filter((l) => l.path === path).length, close };
}

/** A site for one test, closed when the test ends. */
export async function siteFor(t: TestContext, routes: Record<string, Route>): Promise<TestSite> {
  const started = await startSite(routes);
  t.after(() => started.close());
  return started;
}

/**
 * A TCP server on loopback that does `onSocket` with every connection (answer nothing, trickle, hang up);
 * closed, connections and all, when the test ends. Resolves with its port.
 */
export async function tcpServer(t: TestContext, onSocket: (socket: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server: NetServer = createTcpServer((socket) => {
    sockets.add(socket);
    // The client hanging up on a socket the test still writes to is expected.
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => {
    // A socket nobody reads is no active handle: close() would wait for it while the event loop ends.
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function html(res: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
}

/** A list page of dated links, as government sites print them. */
export function listPage(links: { href: string; title: string; date?: string }[], extra = ''): string {
  return `<html><body><div class="nav"><a href="/">网站首页</a></div><ul class="list">${links
    .map((l) => `<li><a href="${l.href}">${l.title}</a><span>${l.date ?? '2026-06-18'}</span></li>`)
    .join('')}</ul>${extra}</body></html>`;
}

export function articlePage(title: string, publisher = '测试市经济和信息化局'): string {
  return `<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head><body>
    <div class="info">来源：${publisher}</div><div class="TRS_Editor"><p>${title}。为加快发展新质生产力，推动人工智能与实体经济深度融合，现提出如下措施。</p>
    <p>支持建设行业高质量数据集，发放算力券和数据券，培育一批智能体应用。</p></div></body></html>`;
}

/** A catalog source for a loopback site (allowPrivate, as only test sites need). */
export function testSource(id: string, entries: unknown[], extra: Record<string, unknown> = {}): Source {
  return sourceSchema.parse({ id, name: `${id}机构`, tier: 'municipal', region: '测试市', homepage: 'http://127.0.0.1/', allowPrivate: true, entries, ...extra });
}

/** Fetcher settings for tests: fast, with the politeness under test set by each test. */
export function fetcherOptions(overrides: Partial<LiveFetcherOptions> = {}): LiveFetcherOptions {
  return {
    userAgent: 'xinzhi-test/1.0',
    timeoutMs: 2000,
    requestDeadlineMs: 10_000,
    maxBytes: 1_000_000,
    hostDelayMs: 0,
    hostConcurrency: 1,
    concurrency: 16,
    retries: 2,
    retryBaseMs: 10,
    maxRedirects: 5,
    breakerThreshold: 5,
    breakerCooldownMs: 60_000,
    ...overrides,
  };
}

/** One crawl of the given sources into a store and an archive (fresh ones unless `dir` names earlier ones). */
export async function crawlOnce(sources: Source[], fetcher: Partial<LiveFetcherOptions> = {}, context: Partial<CrawlContext> & { dir?: string } = {}) {
  const dir = context.dir ?? tempDir();
  const store = await openTestStore(dir);
  const archivePath = join(dir, 'archive.warc.gz');
  const archive = new WarcWriter(archivePath);
  const live = new LiveFetcher(fetcherOptions({ onResponse: (r) => archive.append(r), ...fetcher }));
  const report = await crawlSources(sources, {
    fetcher: live, store, runId: await store.startRun('2026-06-19', 'live'), maxArticlesPerSource: 50, concurrency: 8, conditional: true, emptyRunsAlert: 3, ...context,
  });
  await store.close();
  await archive.close();
  const archived: string[] = [];
  if (existsSync(archivePath)) for await (const response of readWarcResponses(archivePath)) archived.push(`${response.status} ${new URL(response.url).pathname}`);
  return { report, dir, archived };
}

/** A copy of the bundled config in `dir` whose catalog is the given YAML, with politeness fast enough for tests. */
export function configWithCatalog(dir: string, catalog: string): string {
  cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
  const file = join(dir, 'catalog.yaml');
  writeFileSync(file, catalog);
  const config = join(dir, 'config', 'xinzhi.yaml');
  const settings = readFileSync(config, 'utf8')
    .replace(/^sources: sources /m, `sources: ${file} `)
    .replace(/minItems: \d+/, 'minItems: 1')
    .replace(/hostDelayMs: \d+/, 'hostDelayMs: 0')
    .replace(/retries: \d+/, 'retries: 0');
  writeFileSync(config, settings);
  return config;
}
