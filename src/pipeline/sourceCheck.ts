import type { Config, EntryPoint, Source } from '../config/schema.ts';
import { rendersInBrowser } from '../crawl/browser.ts';
import { detectChallenge, type ChallengeForm } from '../crawl/challenge.ts';
import { responseText } from '../crawl/document.ts';
import type { Fetcher } from '../crawl/fetcher.ts';
import { PrivateAddressError } from '../crawl/address.ts';
import { NetworkError, type NetworkFailure } from '../crawl/http.ts';
import { RobotsRefusal } from '../crawl/live.ts';
import type { FetchedResponse } from '../domain/response.ts';
import { errorLine, UserError } from '../util/errors.ts';
import type { Lang } from '../util/i18n.ts';
import { redactSecrets } from '../util/secrets.ts';
import { firstRequest, readEntryPoint, type ListFormat } from '../sources/entries.ts';
import { pageLook, type PageLook } from '../sources/pageLook.ts';
import { requestOptions, type EntryRequest, type EntryResponse } from '../sources/request.ts';

/**
 * What `sources check` found at an entry point, one stable code each (the README's findings table):
 * - `ok`: dated article links;
 * - `dns`, `tls`, `connect`, `timeout`: the network failure that stopped the entry, its robots.txt or a
 *   redirect on the way (NetworkFailure; a robots.txt that could not be read names this, never robots);
 * - `http`: an error status (the entry's, or its robots.txt's 5xx);
 * - `challenge`: a JavaScript challenge or cookie check instead of the list (ChallengeForm);
 * - `empty`: 200 and no dated article links (with what the page looks like, PageLook);
 * - `disallowed`: robots.txt was read, and disallows the entry;
 * - `private`: the address is, or resolves to, one on this machine or the LAN, refused unless the source
 *   sets `allowPrivate` (PrivateAddressError; at robots.txt or a redirect's target too);
 * - `error`: anything else (too large, too many redirects, a feed or JSON that does not parse).
 */
export const findings = ['ok', 'dns', 'tls', 'connect', 'timeout', 'http', 'challenge', 'empty', 'disallowed', 'private', 'error'] as const;
export type Finding = (typeof findings)[number];

export interface EntryCheck {
  url: string;
  type: EntryPoint['type'];
  finding: Finding;
  /** One line in the user's language: what was found, naming the address. */
  detail: string;
  /** The status of the response the finding reads: the entry's, or its robots.txt's for a robots.txt 5xx. */
  status: number | null;
  links: number;
  datedLinks: number;
  newest: string | null;
  /** The error code behind a network finding (ENOTFOUND, ERR_SSL_WRONG_VERSION_NUMBER, ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT). */
  code: string | null;
  /** The address whose fetch failed when it is not the entry's own: its robots.txt, or a redirect's target. */
  failedAt: string | null;
  /** For a `private` finding: the private address the URL is (absent when it was a name resolving to one). */
  address?: string;
  /** The form of a `challenge`. */
  challenge?: ChallengeForm;
  /** What the page of an `empty` list entry looks like. */
  looks?: PageLook;
  /** The list format the entry was read as (its type, or recognised on a `list` page): hanweb, buildunit, or null. */
  format: ListFormat | null;
  /** For a `tls` finding on an https:// entry: what the same address over plain http:// gave. */
  plainHttp?: { url: string; finding: Finding; status: number | null; datedLinks: number };
}

export interface SourceCheck {
  sourceId: string;
  name: string;
  /** Every entry point answered with dated article links. */
  ok: boolean;
  /** `ok`, else the finding of the first entry that is not ok: what the summary counts the source under. */
  finding: Finding;
  entries: EntryCheck[];
}

/**
 * The crawl settings `sources check` runs with: the configured politeness (spacing, per-host and global
 * concurrency, robots.txt), but timeouts of at most 10 s (30 s for a request as a whole), at most one retry after at most 500 ms, and no
 * circuit breaker — the check reads each entry at most twice, and each entry should report its own cause
 * rather than "host paused" — so a check of a catalog whose hosts are all unreachable ends in seconds.
 */
export function checkCrawlSettings(crawl: Config['crawl']): Config['crawl'] {
  return { ...crawl, timeoutMs: Math.min(crawl.timeoutMs, 10_000), requestDeadlineMs: Math.min(crawl.requestDeadlineMs, 30_000), retries: Math.min(crawl.retries, 1), retryBaseMs: Math.min(crawl.retryBaseMs, 500), breakerThreshold: Number.MAX_SAFE_INTEGER };
}

type Line = { zh: string; en: string };
type Found = Omit<EntryCheck, 'url' | 'type' | 'detail'> & { line: Line };

const networkLines: Record<NetworkFailure, (host: string, url: string) => Line> = {
  dns: (host) => ({ zh: `域名无法解析：${host}`, en: `DNS cannot resolve ${host}` }),
  tls: (_, url) => ({ zh: `TLS 握手或证书失败：${url}`, en: `TLS handshake or certificate failed: ${url}` }),
  connect: (_, url) => ({ zh: `连接失败：${url}`, en: `connection failed: ${url}` }),
  timeout: (_, url) => ({ zh: `超时：${url}`, en: `timed out: ${url}` }),
};

/** Each challenge's name in each language (the `challenge` code names it too). */
const challengeNames: Record<ChallengeForm, Line> = {
  rivers: { zh: '瑞数 Rivers', en: 'Rivers' },
  jiasule: { zh: '加速乐 jiasule', en: 'jiasule' },
  'aliyun-waf': { zh: '阿里云 WAF', en: 'Alibaba Cloud WAF' },
  wzws: { zh: '360 网站卫士', en: '360 wzws' },
  yunsuo: { zh: '云锁 yunsuo', en: 'yunsuo' },
  cloudflare: { zh: 'Cloudflare', en: 'Cloudflare' },
  'cookie-script': { zh: 'cookie 脚本', en: 'cookie script' },
  'script-status': { zh: '脚本', en: 'script' },
  'enable-js': { zh: '要求开启 JavaScript', en: 'asks to enable JavaScript' },
};

const lookLines: Record<PageLook, Line> = {
  'hanweb-datastore': { zh: '页面是大汉 datastore（记录在 <script type="text/xml"> 中）', en: 'the page is a Hanweb datastore (records inside <script type="text/xml">)' },
  'hanweb-buildstatic': { zh: '页面由大汉 buildstatic 脚本加载列表', en: 'a Hanweb buildstatic script loads the list' },
  'script-built': { zh: '页面由脚本请求数据生成', en: 'a script fetches the list' },
  static: { zh: '页面中没有带日期的列表', en: 'the page holds no dated list' },
};

const blank = { status: null, links: 0, datedLinks: 0, newest: null, code: null, failedAt: null, format: null };

/** The finding of a network failure; `robots` when it was the entry's robots.txt that could not be had. */
function networkFound(err: NetworkError, entryUrl: string, robots: boolean): Found {
  const line = networkLines[err.kind](new URL(err.url).hostname, err.url);
  const notes = { zh: [err.code, robots ? '读取 robots.txt 时' : null], en: [err.code, robots ? 'reading robots.txt' : null] };
  const said = (lang: Lang, open: string, comma: string, close: string) => {
    const parts = notes[lang].filter((note) => note !== null);
    return parts.length > 0 ? `${line[lang]}${open}${parts.join(comma)}${close}` : line[lang];
  };
  return { ...blank, finding: err.kind, code: err.code, failedAt: err.url === entryUrl ? null : err.url, line: { zh: said('zh', '（', '，', '）'), en: said('en', ' (', ', ', ')') } };
}

/** The finding of a fetch that threw: robots.txt's refusal, a network failure, a private address, or another error. */
function failureFound(err: unknown, entryUrl: string): Found {
  if (err instanceof PrivateAddressError) {
    return { ...blank, finding: 'private', failedAt: err.url === entryUrl ? null : err.url, ...(err.address ? { address: err.address } : {}), line: { zh: err.message, en: err.en } };
  }
  if (err instanceof RobotsRefusal) {
    const { robotsUrl, status, failure } = err.robots;
    if (err.reason === 'disallowed') return { ...blank, finding: 'disallowed', failedAt: err.url === entryUrl ? null : err.url, line: { zh: `robots.txt 不允许抓取 ${err.url}`, en: `robots.txt disallows ${err.url}` } };
    if (failure) return networkFound(failure, entryUrl, true);
    return { ...blank, finding: 'http', status, failedAt: robotsUrl, line: { zh: `robots.txt 返回 HTTP ${status}，按 RFC 9309 暂不抓取：${robotsUrl}`, en: `robots.txt answered HTTP ${status}, not fetching for now per RFC 9309: ${robotsUrl}` } };
  }
  if (err instanceof NetworkError) return networkFound(err, entryUrl, false);
  return { ...blank, finding: 'error', line: { zh: errorLine(err, 'zh'), en: errorLine(err, 'en') } };
}

/** A further page of an entry (a Hanweb group, a build unit's API), for the check: an answer other than 200 is the entry's error. */
async function checkPage(fetcher: Fetcher, source: Source, request: EntryRequest): Promise<EntryResponse> {
  const response = await fetcher.fetch(request.url, { allowPrivate: source.allowPrivate, robots: source.robots, ...requestOptions(request) });
  if (response.status !== 200) throw new UserError(`HTTP ${response.status}：${request.url}`, `HTTP ${response.status}: ${request.url}`);
  return { url: response.url, text: responseText(response), unchanged: false };
}

/**
 * The finding of a response: its dated links (through every page its adapter reads), else a later page's
 * failure, a challenge, an error status, a reader's error, or an empty page.
 */
async function responseFound(entry: EntryPoint, response: FetchedResponse, source: Source, fetcher: Fetcher): Promise<Found> {
  const text = responseText(response);
  const status = response.status;
  const read = status === 200 ? await readEntryPoint(entry, (request) => checkPage(fetcher, source, request), { url: response.url, text, unchanged: false }) : null;
  // The first page read, whose own reader failed (a feed or JSON that does not parse): a reader's error.
  const readError = read?.failure && read.failure.url === response.url ? read.failure.error : undefined;
  const links = read?.links ?? [];
  const dates = links.map((l) => l.listedAt).filter((d): d is string => d !== null).sort((a, b) => new Date(b).getTime() - new Date(a).getTime());
  const counts = { ...blank, status, links: links.length, datedLinks: dates.length, newest: dates[0] ?? null, format: read?.format ?? null };
  // A later page that failed (a Hanweb group, a build unit's API) is the entry's finding, beside what came before it.
  if (read?.failure && readError === undefined) return { ...failureFound(read.failure.error, entry.url), links: counts.links, datedLinks: counts.datedLinks, newest: counts.newest, format: counts.format };
  if (dates.length > 0) {
    const day = dates[0]!.slice(0, 10);
    return { ...counts, finding: 'ok', line: { zh: `带日期链接 ${dates.length} 条，最新 ${day}`, en: `${dates.length} dated links, newest ${day}` } };
  }
  // A challenge is looked for only now: a page that listed its links was served, whatever its scripts do.
  const challenge = detectChallenge(status, response.headers, text);
  if (challenge) {
    const name = challengeNames[challenge.form];
    return { ...counts, finding: 'challenge', challenge: challenge.form, line: { zh: `JavaScript 校验页（${name.zh}，${challenge.mark}，HTTP ${status}），不是列表：${response.url}`, en: `a JavaScript challenge (${name.en}, ${challenge.mark}, HTTP ${status}) instead of the list: ${response.url}` } };
  }
  if (status !== 200) return { ...counts, finding: 'http', line: { zh: `HTTP ${status}：${response.url}`, en: `HTTP ${status}: ${response.url}` } };
  if (readError !== undefined) return { ...counts, finding: 'error', line: { zh: errorLine(readError, 'zh'), en: errorLine(readError, 'en') } };
  const undated = links.length > 0 ? { zh: `${links.length} 条链接均无日期`, en: `${links.length} links, none dated` } : null;
  if (entry.type !== 'list') {
    const what = undated ?? { zh: entry.type === 'rss' ? '订阅源没有条目' : '接口没有条目', en: entry.type === 'rss' ? 'the feed has no items' : 'the endpoint lists no items' };
    return { ...counts, finding: 'empty', line: { zh: `${what.zh}：${response.url}`, en: `${what.en}: ${response.url}` } };
  }
  const looks = pageLook(text);
  const why = lookLines[looks];
  return {
    ...counts, finding: 'empty', looks,
    line: { zh: `未找到带日期的文章链接${undated ? `（${undated.zh}）` : ''}，${why.zh}：${response.url}`, en: `no dated article links${undated ? ` (${undated.en})` : ''}; ${why.en}: ${response.url}` },
  };
}

/** Reads one entry point once and says what it found (see Finding). */
async function checkEntry(entry: EntryPoint, source: Source, fetcher: Fetcher, lang: Lang, tryPlainHttp: boolean): Promise<EntryCheck> {
  let found: Found;
  try {
    const first = firstRequest(entry);
    const render = rendersInBrowser(source, entry);
    found = await responseFound(entry, await fetcher.fetch(first.url, { allowPrivate: source.allowPrivate, robots: source.robots, ...requestOptions(first), render }), source, fetcher);
  } catch (err) {
    found = failureFound(err, entry.url);
  }
  const { line, finding, ...rest } = found;
  // A detail may quote an address with a key in its query: it is printed and written to the catalog's report.
  const check: EntryCheck = { url: entry.url, type: entry.type, finding, detail: redactSecrets(line[lang]), ...rest };
  // A site whose HTTPS is broken often answers plain HTTP (深圳市工信局 does): say so, and the fix is one letter.
  if (tryPlainHttp && check.finding === 'tls' && entry.url.startsWith('https://')) {
    const plain = await checkEntry({ ...entry, url: entry.url.replace(/^https:/, 'http:') }, source, fetcher, lang, false);
    check.plainHttp = { url: plain.url, finding: plain.finding, status: plain.status, datedLinks: plain.datedLinks };
    const answer = plain.finding === 'ok'
      ? { zh: `；改用 ${plain.url} 可读到带日期链接 ${plain.datedLinks} 条`, en: `; ${plain.url} gives ${plain.datedLinks} dated links` }
      : { zh: `；${plain.url} 也不行（${plain.finding}）`, en: `; ${plain.url} fails too (${plain.finding})` };
    check.detail += redactSecrets(answer[lang]);
  }
  return check;
}

/**
 * Reads each entry point of a source once and says what it found, one finding per entry (see Finding);
 * the test `verified: true` stands for. Details are written in `lang`.
 */
export async function checkSource(source: Source, fetcher: Fetcher, lang: Lang = 'zh'): Promise<SourceCheck> {
  const entries: EntryCheck[] = [];
  for (const entry of source.entries) entries.push(await checkEntry(entry, source, fetcher, lang, true));
  const failed = entries.find((e) => e.finding !== 'ok');
  return { sourceId: source.id, name: source.name, ok: failed === undefined, finding: failed?.finding ?? 'ok', entries };
}

/** How many sources each finding counts, in the order of `findings`, leaving out the ones no source has. */
export function countFindings(results: readonly SourceCheck[]): Partial<Record<Finding, number>> {
  const counts: Partial<Record<Finding, number>> = {};
  for (const finding of findings) {
    const n = results.filter((r) => r.finding === finding).length;
    if (n > 0) counts[finding] = n;
  }
  return counts;
}
