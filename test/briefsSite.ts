/**
 * The two-brief fixture's site and config (test/fixtures/briefs), shared by test/briefs.test.ts (`run`,
 * `brief`) and test/queueBriefs.test.ts (the job queue): four sources' pages on one local site, the
 * fixture's config folder copied with its catalog pointing at it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Brief } from '../src/domain/brief.ts';
import assert from 'node:assert/strict';
import { briefDataDir } from '../src/store/briefStore.ts';
import type { Store } from '../src/store/store.ts';
import { repoRoot } from './helpers.ts';
import { openTestStore } from './storeFor.ts';
import { html, listPage, type Route, type TestSite } from './sites.ts';

/** The fixture's folder. */
export const fixture = join(repoRoot, 'test/fixtures/briefs');
/** The issue the fixture's articles (published 2026-06-18) make. */
export const issueDate = '2026-06-19';

/** The page routes({ broken: true }) links from the 杭州 list and answers 500. */
export const BROKEN_PAGE = '/hz/202606/t20260618_9.html';

/** An article page as the sites of official bodies print one: title and date in meta tags, 来源, the text. */
export function officialPage(title: string, publisher: string, paragraphs: string[]): string {
  return `<html><head><meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2026-06-18 09:00"></head><body>
    <h1>${title}</h1><div class="info">发布时间：2026-06-18 09:00 来源：${publisher}</div>
    <div class="TRS_Editor">${paragraphs.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`;
}

/** The pages of the four sources, by path: list pages, then articles. */
export const articles: { path: string; title: string; publisher: string; paragraphs: string[] }[] = [
  {
    // Relevant to both briefs: 人工智能+ and 新型储能.
    path: '/nea/202606/t20260618_1.html',
    title: '国家能源局关于推进“人工智能+”能源高质量发展的实施意见',
    publisher: '国家能源局',
    paragraphs: [
      '为深入实施“人工智能+”行动，推动人工智能与能源产业深度融合，现就推进“人工智能+”能源高质量发展提出如下意见。',
      '加快建设能源行业高质量数据集，培育能源行业大模型和智能体应用，在新型储能电站、源网荷储一体化、氢能制储输用等场景开展示范。',
      '支持新型储能企业应用人工智能技术提升电化学储能安全水平，推动绿氢与加氢站智能调度，加快新型储能产业创新发展。',
    ],
  },
  {
    path: '/nea/202606/t20260618_2.html',
    title: '国家能源局发布新型储能电站建设运行管理规范',
    publisher: '国家能源局',
    paragraphs: [
      '为规范新型储能电站建设运行管理，推动新型储能产业高质量发展，国家能源局制定了新型储能电站建设运行管理规范。',
      '规范明确电化学储能电站的安全要求，支持源网荷储一体化项目建设，加快新型储能规模化应用和示范推广。',
    ],
  },
  {
    path: '/hz/202606/t20260618_1.html',
    title: '杭州市加快人工智能智能体产业发展的若干措施',
    publisher: '杭州市经济和信息化局',
    paragraphs: [
      '为加快发展新质生产力，全面实施“人工智能+”行动，推动智能体产业集聚发展，制定本措施。',
      '发放算力券和模型券，支持企业建设行业高质量数据集，培育一批智能体应用和行业大模型。',
      '对入选的智能体创新应用场景给予资金支持，推动人工智能与实体经济深度融合。',
    ],
  },
  {
    path: '/nb/202606/t20260618_1.html',
    title: '宁波市加快新型储能和氢能产业发展实施方案',
    publisher: '宁波市发展和改革委员会',
    paragraphs: [
      '为推动新型储能和氢能产业高质量发展，加快建设源网荷储一体化示范项目，制定本实施方案。',
      '支持建设新型储能电站和加氢站，培育绿氢制氢企业，推进分布式光伏与电化学储能协同发展。',
    ],
  },
  {
    // In no brief: never fetched.
    path: '/cs/202606/t20260618_1.html',
    title: '长沙市推进行业高质量数据集建设行动方案',
    publisher: '长沙市科学技术局',
    paragraphs: ['推动人工智能+行动，建设行业高质量数据集，培育智能体应用，发放算力券。'],
  },
];

/**
 * The routes of the one local site the four sources live on. `broken`: the 杭州 list also links a page that
 * answers 500 (a crawl with a problem).
 */
export function routes(options: { broken?: boolean } = {}): Record<string, Route> {
  const table: Record<string, Route> = {};
  for (const prefix of ['nea', 'hz', 'nb', 'cs']) {
    const own = articles.filter((a) => a.path.startsWith(`/${prefix}/`)).map((a) => ({ href: a.path, title: a.title }));
    if (prefix === 'hz' && options.broken) own.push({ href: BROKEN_PAGE, title: '杭州市关于人工智能算力券发放的通知' });
    table[`/${prefix}/list.html`] = (_, res) => html(res, listPage(own));
  }
  if (options.broken) table[BROKEN_PAGE] = (_, res) => html(res, 'down', {}, 500);
  for (const a of articles) table[a.path] = (_, res) => html(res, officialPage(a.title, a.publisher, a.paragraphs));
  return table;
}

/** The fixture's config folder in `dir`, its catalog pointing at `base`, with the bundled taxonomy beside it. Returns the main config file. */
export function configIn(dir: string, base: string): string {
  const folder = join(dir, 'config');
  cpSync(fixture, folder, { recursive: true });
  cpSync(join(repoRoot, 'config/themes.yaml'), join(folder, 'themes.yaml'));
  writeFileSync(join(folder, 'catalog.yaml'), readFileSync(join(fixture, 'catalog.yaml'), 'utf8').replaceAll('{{BASE}}', base));
  return join(folder, 'xinzhi.yaml');
}

export function readBrief(folder: string): Brief {
  return JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')) as Brief;
}

/** How many requests each path got, of the log's entries from `from` on. */
export function hitsSince(site: TestSite, from: number): Map<string, number> {
  const hits = new Map<string, number>();
  for (const entry of site.log.slice(from)) hits.set(entry.path, (hits.get(entry.path) ?? 0) + 1);
  return hits;
}

/**
 * Checks that the two briefs of the fixture keep their issues of `issueDate` apart — each in its own store,
 * none in the shared one, which holds the documents (two of 国家能源局) — and resolves to the energy
 * brief's store, still open, for a test to go on with; the caller closes it.
 */
export async function assertIssuesApart(data: string): Promise<Store> {
  const shared = await openTestStore(data, { existing: true });
  const aiStore = await openTestStore(briefDataDir(data, 'ai'), { existing: true });
  const energyStore = await openTestStore(briefDataDir(data, 'energy'), { existing: true });
  try {
    assert.equal((await aiStore.desk.machineDraft(issueDate))?.brief.title, '人工智能每日动态');
    assert.equal((await energyStore.desk.machineDraft(issueDate))?.brief.title, '新型能源每日动态');
    assert.equal(await shared.desk.machineDraft(issueDate), undefined);
    assert.equal(await shared.documentCount('nea'), 2);
    assert.equal(await aiStore.documentCount('nea'), 0);
  } catch (err) {
    await energyStore.close();
    throw err;
  } finally {
    await Promise.all([shared.close(), aiStore.close()]);
  }
  return energyStore;
}
