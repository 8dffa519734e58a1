/**
 * The simulated sites of `npm run bench:crawl`, run as their own process so that serving does not share
 * a core with crawling: HOSTS listeners on 127.0.0.1, each answering after its own latency (LATENCY_MIN
 * to LATENCY_MAX ms, fixed per host by a seeded generator). Each host serves a list of ARTICLES links.
 * Every request's start, end and status are recorded and sent back as JSON when the parent asks.
 * For bench:queue, FLAKY_EVERY=n makes every n-th article (counted over all hosts) answer 503 to its first
 * request, and BROKEN_EVERY=n every n-th answer 500 always; both are off by default.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const hosts = Number(process.env.HOSTS ?? 500);
const articles = Number(process.env.ARTICLES ?? 4);
const [minMs, maxMs] = [Number(process.env.LATENCY_MIN ?? 50), Number(process.env.LATENCY_MAX ?? 500)];
const flakyEvery = Number(process.env.FLAKY_EVERY ?? 0);
const brokenEvery = Number(process.env.BROKEN_EVERY ?? 0);

let seed = 42;
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const paragraph = '为加快发展新质生产力，推动人工智能与实体经济深度融合，支持建设行业高质量数据集，发放算力券和数据券，培育一批智能体应用。';
const page = (host: number, n: number) =>
  `<html><head><meta name="ArticleTitle" content="模拟站点${host}第${n}号政策文件"><meta name="PubDate" content="2026-06-18 09:00"></head><body><div class="TRS_Editor"><p>${paragraph}</p><p>${paragraph}</p></div></body></html>`;
const list = () =>
  `<html><body><ul class="list">${Array.from({ length: articles }, (_, n) => `<li><a href="/a/t20260618_${n}.html">模拟站点第${n}号政策文件发布</a><span>2026-06-18</span></li>`).join('')}</ul></body></html>`;

const log: { host: number; path: string; start: number; end: number; status: number }[] = [];
const seen = new Set<string>();

/** The status an article answers with: 500 when broken, 503 the first time when flaky, else 200. */
function articleStatus(host: number, n: number, path: string): number {
  const index = host * articles + n;
  if (brokenEvery > 0 && index % brokenEvery === brokenEvery - 1) return 500;
  const first = !seen.has(path);
  seen.add(path);
  return flakyEvery > 0 && index % flakyEvery === 0 && first ? 503 : 200;
}
const servers: Server[] = [];
const sites: { port: number; latencyMs: number; requests: number }[] = [];

for (let h = 0; h < hosts; h++) {
  const latencyMs = Math.round(minMs + random() * (maxMs - minMs));
  const server = createServer((req, res) => {
    const entry = { host: h, path: req.url ?? '', start: performance.timeOrigin + performance.now(), end: 0, status: 0 };
    log.push(entry);
    setTimeout(() => {
      const path = req.url ?? '';
      const n = Number(/_(\d+)\./.exec(path)?.[1]);
      const body = path === '/list/' ? list() : path.startsWith('/a/') ? page(h, n) : null;
      entry.status = !body ? 404 : path.startsWith('/a/') ? articleStatus(h, n, `${h}${path}`) : 200;
      res.writeHead(entry.status, { 'content-type': 'text/html; charset=utf-8' });
      res.end(entry.status === 200 ? body : 'not found');
      entry.end = performance.timeOrigin + performance.now();
    }, latencyMs);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sites.push({ port: (server.address() as AddressInfo).port, latencyMs, requests: articles + 2 });
}

process.send?.({ type: 'ready', sites });
process.on('message', (message: { type: string }) => {
  if (message.type !== 'log') return;
  process.send?.({ type: 'log', log }, () => {
    for (const server of servers) server.close();
    process.exit(0);
  });
});
