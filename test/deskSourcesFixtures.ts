// Shared by the Sources section's tests (deskSources, deskSourcesBrowser): a catalog with comments, a desk
// over it, recorded runs that give each source a different status, and a loopback site to preview.
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '../src/extract/article.ts';
import type { DeskRoutes } from '../src/serve/app.ts';
import { sourcesSection } from '../src/serve/sourcesPage.ts';
import type { SourceRun } from '../src/store/store.ts';
import { startDesk, type TestDesk } from './deskHarness.ts';
import { repoRoot, tempDir } from './helpers.ts';
import { articlePage, html, listPage, startSite, type TestSite } from './sites.ts';

/** A catalog with the comments, flow lists and quoting styles the real one has. */
export const CATALOG = `# Test catalog: the desk must keep these comments and this layout.
# A second line of the header.

# The well-behaved one.
- id: alpha
  name: 甲市经济和信息化局
  aliases: [甲市经信局, 甲经信]   # a flow list, and a comment after it
  tier: municipal
  region: 甲市
  homepage: https://alpha.example.gov.cn/
  entries:
    - { type: list, url: "https://alpha.example.gov.cn/list/" }
- id: beta
  name: 乙省科学技术厅
  tier: provincial
  region: 乙省
  homepage: https://beta.example.gov.cn/
  entries:
    - type: list
      url: "https://beta.example.gov.cn/list/"
      evidence:
        - "likely: a comment-free evidence line"
- id: gamma
  name: 丙市数据局
  tier: municipal
  region: 丙市
  homepage: https://gamma.example.gov.cn/
  entries: [{ type: list, url: "https://gamma.example.gov.cn/list/" }]
- id: delta
  name: 丁部
  tier: national
  region: 全国
  homepage: https://delta.example.gov.cn/
  entries:
    - type: list
      url: "https://delta.example.gov.cn/list/"
# Disabled from the start.
- id: epsilon
  name: 戊市数据局
  tier: municipal
  region: 戊市
  homepage: https://epsilon.example.gov.cn/
  disabled: "站点改版，列表页待定位"
  entries:
    - type: list
      url: "https://epsilon.example.gov.cn/list/"
- id: zeta
  name: 己市工信局
  tier: municipal
  region: 己市
  homepage: https://zeta.example.gov.cn/
  entries:
    - type: list
      url: "https://zeta.example.gov.cn/list/"
- id: eta
  name: 庚证券交易所
  tier: exchange
  region: 全国
  homepage: https://eta.example.com/
  entries:
    - type: rss
      url: "https://eta.example.com/feed.xml"
- id: theta
  name: 辛县政府
  tier: county
  region: 辛县
  homepage: https://theta.example.gov.cn/
  entries:
    - type: list
      url: "https://theta.example.gov.cn/list/"
`;

export interface CatalogDesk extends TestDesk {
  config: string;
  catalog: string;
  catalogDir: string;
}

/** A desk over a fresh data folder and a copy of the bundled config whose catalog folder holds CATALOG only. */
export async function catalogDesk(routes: readonly DeskRoutes[] = [sourcesSection({ allowPrivatePreview: true })]): Promise<CatalogDesk> {
  const dir = tempDir('xinzhi-desk-sources-');
  cpSync(join(repoRoot, 'config'), join(dir, 'config'), { recursive: true });
  const catalogDir = join(dir, 'config', 'sources');
  for (const file of readdirSync(catalogDir)) rmSync(join(catalogDir, file));
  const catalog = join(catalogDir, 'test.yaml');
  writeFileSync(catalog, CATALOG);
  const config = join(dir, 'config', 'xinzhi.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace(/hostDelayMs: \d+/, 'hostDelayMs: 0').replace(/retries: \d+/, 'retries: 0'));
  mkdirSync(join(dir, 'out'));
  const desk = await startDesk({ folders: { data: join(dir, 'data'), out: join(dir, 'out') }, config, routes });
  return { ...desk, config, catalog, catalogDir };
}

export const SHAPE_A = 'li.<ul.list<div.<body.<html.';
export const SHAPE_B = 'li.<ul.news<div.main<body.<html.';

/** A run of one source as the crawl records it; `minutes` after 2026-06-18 00:00 UTC. */
function run(sourceId: string, minutes: number, fields: Partial<SourceRun>): SourceRun {
  return { sourceId, finishedAt: new Date(Date.UTC(2026, 5, 18, 0, minutes)).toISOString(), entriesOk: 1, linksFound: 5, unchanged: 0, documentsNew: 0, errors: [], listShape: SHAPE_A, ...fields };
}

/** Records three runs of the catalog's sources, so each one shows a different status. */
export async function recordRuns(desk: TestDesk): Promise<void> {
  const { store } = desk;
  const runs: SourceRun[][] = [
    [run('alpha', 0, {}), run('gamma', 0, { linksFound: 0, listShape: null }), run('delta', 0, {}), run('theta', 0, {})],
    [run('alpha', 60, {}), run('gamma', 60, { linksFound: 0, listShape: null }), run('delta', 60, { listShape: SHAPE_A }), run('eta', 60, { linksFound: 4, listShape: null })],
    [
      run('alpha', 120, { documentsNew: 2 }),
      run('beta', 120, { entriesOk: 0, linksFound: 0, listShape: null, errors: ['https://beta.example.gov.cn/list/: HTTP 500', 'https://beta.example.gov.cn/robots.txt: 连接失败'] }),
      run('gamma', 120, { linksFound: 0, listShape: null, errors: ['https://gamma.example.gov.cn/list/: 入口未给出文章链接'] }),
      run('delta', 120, { listShape: SHAPE_B }),
      run('eta', 120, { linksFound: 4, listShape: null }),
      run('theta', 120, { documentsNew: 1, errors: ['https://theta.example.gov.cn/a/1.html: 页面没有发布日期'] }),
    ],
  ];
  const ids: number[] = [];
  for (const [i, batch] of runs.entries()) {
    const id = await store.startRun(`2026-06-1${6 + i}`, 'live');
    ids.push(id);
    for (const one of batch) await store.saveSourceRun(id, one);
  }
  // One document of alpha's, stored as the crawl stores it.
  const url = 'https://alpha.example.gov.cn/a/t20260618_1.html';
  const page = articlePage('甲市关于加快人工智能产业发展的若干措施');
  const response = await store.saveResponse(ids[0]!, 'alpha', { url, status: 200, headers: {}, body: Buffer.from(page), fetchedAt: '2026-06-18T02:00:00.000Z' });
  await store.saveDocument('alpha', url, response.id, extractArticle(page, url));
}

/** A loopback site with a dated list and its articles; the first article's title holds a script tag as text. */
export async function officeSite(firstTitle = '测试市关于推动人工智能产业高质量发展的若干措施'): Promise<TestSite> {
  const escaped = firstTitle.replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const list = listPage([
    { href: '/a/t20260618_1.html', title: escaped, date: '2026-06-18' },
    { href: '/a/t20260617_2.html', title: '测试市数据要素市场化配置改革实施方案', date: '2026-06-17' },
    { href: '/a/t20260616_3.html', title: '测试市算力基础设施建设三年行动计划', date: '2026-06-16' },
  ]);
  const site = await startSite({
    '/list/': (_, res) => html(res, list),
    '/a/t20260618_1.html': (_, res) => html(res, articlePage(escaped, '测试市工业和信息化局')),
    '/a/t20260617_2.html': (_, res) => html(res, articlePage('测试市数据要素市场化配置改革实施方案')),
  });
  return site;
}

