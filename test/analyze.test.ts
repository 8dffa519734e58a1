import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDay } from '../src/analyze/day.ts';
import { readIssuer } from '../src/analyze/issuer.ts';
import { resolveOrigin, SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords, scoreRelevance } from '../src/analyze/relevance.ts';
import { createSegmenter, SegmentedText, wordBoundaries } from '../src/analyze/segment.ts';
import { groupStories } from '../src/analyze/storyGroups.ts';
import { selectItems } from '../src/brief/select.ts';
import { issueWindow } from '../src/pipeline/compose.ts';
import { themeDynamics } from '../src/brief/themeShares.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { evalDayDir, loadEvalDay } from '../bench/evalDay.ts';

const { taxonomy, sources, bodies } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
const segmenter = createSegmenter(domainWords(taxonomy));

const plan = [
  '为加快培育数据要素市场，现将有关事项通知如下。各地要建立公共数据资源开发利用工作机制，推动数据资源有序开放。',
  '支持建设行业高质量数据集，鼓励企业参与数据标注和数据交易，培育壮大数据产业，形成一批典型应用场景。',
  '到2027年，全省数据产业规模超过1000亿元，建成10个以上高质量数据集，发放算力券和数据券支持中小企业。',
].join('\n');

function doc(id: number, sourceId: string, title: string, body: string, extra: Partial<StoredDocument> = {}): StoredDocument {
  return { id, url: `https://${sourceId}.example.gov.cn/${id}.html`, sourceId, title, publishedAt: '2026-06-18T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [], ...extra };
}

describe('story groups', () => {
  it('groups a repost with its own headline and lead, and keeps an interpretation and another plan apart', () => {
    const groups = groupStories([
      { id: 1, title: '浙江省数据产业发展行动方案', body: plan, docNumber: null },
      { id: 2, title: '浙江：发布数据产业行动方案 到2027年规模超千亿', body: `记者从省数据局获悉，方案近日印发。\n${plan}`, docNumber: null },
      { id: 3, title: '《浙江省数据产业发展行动方案》解读', body: `一图读懂。\n${plan}`, docNumber: null },
      { id: 4, title: '江苏省数据产业发展行动方案', body: plan.replace(/全省/g, '江苏').replace(/支持建设/g, '推动建设').replace('1000亿元', '800亿元').replace('10个', '8个'), docNumber: null },
      { id: 5, title: '关于做好防汛工作的通知', body: '各地要压紧压实防汛责任，加强雨情水情监测预报预警，做好堤防水库巡查防守，确保安全度汛。', docNumber: null },
      { id: 6, title: '关于做好防汛抗旱工作的通知（转发）', body: '请认真贯彻落实。', docNumber: '国办发〔2026〕18号' },
      { id: 7, title: '国务院办公厅关于做好防汛抗旱工作的通知', body: '各省、自治区、直辖市人民政府：现就做好汛期防汛抗旱工作通知如下。', docNumber: '国办发〔2026〕18号' },
    ]);
    const groupOf = (id: number) => groups.find((g) => g.includes(id));
    assert.deepEqual(groupOf(1), [1, 2]);
    assert.deepEqual(groupOf(3), [3]);
    assert.equal(groupOf(6), groupOf(7));
    assert.notEqual(groupOf(5), groupOf(7));
    assert.deepEqual(groupOf(4), [4]);
    assert.equal(groups.flat().length, 7);
  });

  it('groups a copy in traditional characters, and keeps the meeting that approved a plan apart from the plan', () => {
    const traditional = '為加快培育數據要素市場，現將有關事項通知如下。各地要建立公共數據資源開發利用工作機制，推動數據資源有序開放。\n支持建設行業高質量數據集，鼓勵企業參與數據標註和數據交易，培育壯大數據產業，形成一批典型應用場景。\n到2027年，全省數據產業規模超過1000億元，建成10個以上高質量數據集，發放算力券和數據券支持中小企業。';
    const groups = groupStories([
      { id: 1, title: '浙江省数据产业发展行动方案', body: plan, docNumber: null },
      { id: 2, title: '浙江省數據產業發展行動方案', body: traditional, docNumber: null },
      { id: 3, title: '省政府常务会议审议通过浙江省数据产业发展行动方案', body: `会议指出，要抓好落实。\n${plan}`, docNumber: null },
    ]);
    assert.deepEqual(groups, [[1, 2], [3]]);
  });

  it('names the issuer as origin when its own page was crawled, and every other host as a reposter', () => {
    const origin = resolveOrigin(
      [
        { id: 1, site: '上海市地方金融管理局', repostOf: '上海证券交易所', publishedAt: '2026-06-18T19:30:00+08:00' },
        { id: 2, site: '上海证券交易所', repostOf: null, publishedAt: '2026-06-18T18:00:00+08:00' },
      ],
      directory,
    );
    assert.deepEqual(origin, { origin: '上海证券交易所', representativeId: 2, reposters: ['上海市地方金融管理局'] });
    const media = resolveOrigin([{ id: 9, site: '武汉市科技创新局', repostOf: '长江日报', publishedAt: '2026-06-18T08:40:00+08:00' }], directory);
    assert.deepEqual(media, { origin: '长江日报', representativeId: 9, reposters: ['武汉市科技创新局'] });
  });

  it('reads the issuer from the document when only portals carried it: its title, or its signature', () => {
    const issuer = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.name ?? null;
    assert.equal(issuer('国家数据局关于开展数据要素试点的通知', '各地：现将有关事项通知如下。'), '国家数据局');
    assert.equal(issuer('关于开展数据要素试点的通知', '各地：现将有关事项通知如下。\n国家数据局\n2026年6月18日'), '国家数据局');
    assert.equal(issuer('关于开展数据要素试点的通知', '会议由国家数据局主持。'), null);
    const portals = resolveOrigin(
      [
        { id: 1, site: '中国政府网', repostOf: '中国政府网', issuer: '国家数据局', publishedAt: '2026-06-18T19:30:00+08:00' },
        { id: 2, site: '上海市地方金融管理局', repostOf: null, issuer: '国家数据局', publishedAt: '2026-06-18T20:00:00+08:00' },
      ],
      directory,
    );
    assert.equal(portals.origin, '国家数据局');
    // A title's place is a guess, no stronger than a site: the body a copy names outweighs two places.
    const place = resolveOrigin(
      [
        { id: 1, site: 'a.com', repostOf: null, issuer: '苏州市', issuerHow: 'place', publishedAt: '2026-06-18T09:00:00+08:00' },
        { id: 2, site: 'b.com', repostOf: null, issuer: '苏州市', issuerHow: 'place', publishedAt: '2026-06-18T10:00:00+08:00' },
        { id: 3, site: 'c.com', repostOf: null, issuer: '苏州市人民政府办公室', issuerHow: 'lead', publishedAt: '2026-06-18T11:00:00+08:00' },
      ],
      directory,
    );
    assert.equal(place.origin, '苏州市人民政府办公室');
    assert.deepEqual(portals.reposters, ['中国政府网', '上海市地方金融管理局']);
  });
});

describe('relevance', () => {
  it('scores theme keywords with their evidence, title hits weighing more, Latin words whole', () => {
    const relevance = scoreRelevance('关于发放算力券的通知', '支持企业使用智能算力，发放算力券。EMAIL 不是 AI。', taxonomy, segmenter);
    const compute = relevance.themes.find((t) => t.themeName === '算力')!;
    const byTerm = (a: { term: string; where: string }, b: { term: string; where: string }) => a.term.localeCompare(b.term) || a.where.localeCompare(b.where);
    assert.deepEqual([...compute.terms].sort(byTerm), [
      { term: '智能算力', where: 'body', count: 1 },
      { term: '算力券', where: 'body', count: 1 },
      { term: '算力券', where: 'title', count: 1 },
    ].sort(byTerm));
    const ai = relevance.themes.find((t) => t.themeName === '人工智能+')!;
    assert.deepEqual(ai.terms, [{ term: 'AI', where: 'body', count: 1 }]);
    assert.equal(scoreRelevance('关于做好防汛工作的通知', '加强雨情水情监测预报预警。', taxonomy, segmenter).score, 0);
  });

  it('counts a keyword only where it is a word: 数据集 in 行业数据集, not in 大数据集团', () => {
    const datasets = (title: string, body: string) => scoreRelevance(title, body, taxonomy, segmenter).themes.find((t) => t.themeName === '高质量数据集');
    assert.equal(datasets('大数据集团召开年中工作会', '大数据集团总经理出席会议并讲话。'), undefined);
    assert.deepEqual(datasets('推进行业数据集建设', '')?.terms, [{ term: '数据集', where: 'title', count: 1 }]);
  });

  it('finds the same word boundaries segmenting only the run around a position as segmenting the whole text', () => {
    for (const doc of loadEvalDay().documents.slice(0, 60)) {
      const text = `${doc.title}\n${doc.body}`;
      const whole = wordBoundaries(segmenter.cut(text));
      const lazy = new SegmentedText(text, segmenter);
      for (let at = 0; at <= text.length; at++) assert.equal(lazy.isBoundary(at), whole.has(at), `${doc.title} at ${at}`);
    }
  });

  it('halves a document found by everyday words alone, unless it speaks of policy or industry', () => {
    const show = scoreRelevance('千架无人机点亮江城夜空', '1000架无人机在东湖上空组成玉兔图案，为市民送上中秋祝福。', taxonomy, segmenter);
    assert.deepEqual(show.discount, { why: 'everyday', words: '无人机', context: 0, factor: 0.5 });
    assert.equal(show.score, show.themes.reduce((sum, hit) => sum + hit.score, 0) / 2);
    const policy = scoreRelevance('无人机物流试点启动', '推动无人机物流应用，支持企业建设起降点。', taxonomy, segmenter);
    assert.equal(policy.discount, undefined);
    const strong = scoreRelevance('全国新型储能装机规模突破1亿千瓦', '较去年底增长40%。', taxonomy, segmenter);
    assert.equal(strong.discount, undefined);
  });

  it('counts a theme\'s aliases as its keywords', () => {
    const withAlias = { ...taxonomy, themes: taxonomy.themes.map((t) => (t.name === '低空经济' ? { ...t, aliases: ['空中出租车'] } : t)) };
    const hit = scoreRelevance('空中出租车首飞', '', withAlias, createSegmenter(domainWords(withAlias))).themes.find((t) => t.themeName === '低空经济');
    assert.deepEqual(hit?.terms, [{ term: '空中出租车', where: 'title', count: 1 }]);
  });
});

describe('selection', () => {
  it('reads a day the same whatever order its documents were stored in: ties break by address, never by row id', () => {
    // Four copies of one notice, published at the same minute, and two equal stories: every tie there is.
    const notice = '为加快发展新质生产力，推动人工智能与实体经济深度融合，支持建设行业高质量数据集，发放算力券和数据券，培育一批智能体应用。';
    const made = [
      doc(1, 'sh-jxw', '上海市人工智能专项政策第1号发布', notice),
      doc(2, 'bj-jxj', '北京市人工智能专项政策第1号发布', notice),
      doc(3, 'sz-gxj', '深圳市人工智能专项政策第1号发布', notice),
      doc(4, 'wh-kjj', '武汉市人工智能专项政策第1号发布', notice),
    ];
    const read = (ids: number[]) => {
      // The same documents stored in another order: other row ids, the same addresses and texts.
      const documents = made.map((d, i) => ({ ...d, id: ids[i]! }));
      const day = analyzeDay(documents, directory, taxonomy, segmenter);
      return day.candidates.map((c) => [c.document.url, c.members.map((m) => m.url).sort()]);
    };
    assert.deepEqual(read([4, 3, 2, 1]), read([1, 2, 3, 4]));
    assert.deepEqual(read([2, 4, 1, 3]), read([1, 2, 3, 4]));
  });

  it('keeps relevant stories only, one per group, ordered national → exchange → provincial → municipal', () => {
    const documents = [
      doc(1, 'wh-kjj', '武汉市发布人工智能+行动方案', '武汉市提出打造一批竞争力强的智能体，支持大模型在制造、医疗等领域应用，开放人工智能应用场景。'),
      doc(2, 'bj-jxj', '北京市经济和信息化局关于印发《数据产业行动方案》的通知', plan),
      doc(3, 'gov-cn', '北京：数据产业行动方案印发', plan, { repostOf: '北京市经济和信息化局' }),
      doc(4, 'sse', '上交所发布科创板大模型企业审核指引', '上交所发布审核指引，支持人工智能大模型企业在科创板上市，明确上市标准和审核要求。'),
      doc(5, 'nda', '国家数据局发布高质量数据集建设指引', '指引首次明确提出高质量数据集建设要求，推动数据标注、数据交易和数据产业发展，加强知识库和知识图谱建设。'),
      doc(6, 'ndrc', '国家发展改革委部署夏粮收购工作', '各地要做好夏粮收购，保障粮食安全，稳定市场价格。'),
    ];
    const day = analyzeDay(documents, directory, taxonomy, segmenter);
    assert.equal(day.storyGroups, 5);
    const items = selectItems(day.candidates, { minItems: 3, maxItems: 7, minRelevance: 4 });
    assert.deepEqual(items.map((c) => c.document.id), [5, 4, 2, 1]);
    const beijing = items[2]!;
    assert.equal(beijing.origin, '北京市经济和信息化局');
    assert.deepEqual(beijing.reposters, ['中国政府网']);
    assert.equal(beijing.tier, 'provincial');
    assert.ok(beijing.significance.evidence.some((e) => e.factor === 'spread'));
    assert.equal(selectItems(day.candidates, { minItems: 1, maxItems: 2, minRelevance: 4 }).length, 2);
  });
});

describe('day over day', () => {
  it('compares today with the previous issue and the mean of the last seven, and names what is new to the week', () => {
    const history: Record<string, number>[] = [{ 算力: 0.6, 数据要素: 0.4 }, { 算力: 0.5, 低空经济: 0.5 }, { 数据要素: 1 }];
    const dynamics = themeDynamics({ 算力: 0.5, 数据要素: 0.3, 智能体: 0.2 }, history);
    assert.equal(dynamics.previous.direction, 'spreading');
    assert.deepEqual(dynamics.previous.new, ['智能体']);
    assert.equal(dynamics.week.issues, 3);
    assert.deepEqual(dynamics.week.rising, ['算力']);
    assert.deepEqual(dynamics.week.new, ['智能体']);
    assert.equal(dynamics.topShare, 0.5);
    assert.equal(themeDynamics({ 算力: 1 }, []).previous.direction, 'first');
  });

  it('ranks a story an earlier issue covered below the same story when it is new', () => {
    const documents = [doc(1, 'nda', '国家数据局关于开展数据要素试点的通知', plan)];
    const fresh = analyzeDay(documents, directory, taxonomy, segmenter).candidates[0]!;
    const covered = analyzeDay(documents, directory, taxonomy, segmenter, [{ issueDate: '2026-06-17', titles: ['国家数据局关于开展数据要素试点的通知'] }]).candidates[0]!;
    assert.ok(covered.significance.score < fresh.significance.score);
    assert.deepEqual(covered.significance.evidence.find((e) => e.factor === 'freshness'), { factor: 'freshness', points: -4, why: 'reported in the issue of 2026-06-17', args: ['2026-06-17'] });
  });
});

describe('the labelled evaluation day', () => {
  it('holds at least 150 documents, five editor picks, and reposts that copy an earlier document of their story', () => {
    const day = loadEvalDay();
    assert.ok(day.documents.length >= 150, `${day.documents.length} documents`);
    assert.equal(day.stories.filter((story) => story.pick).length, 5);
    assert.ok(day.stories.filter((story) => story.pick).every((story) => story.relevant));
    assert.equal(new Set(day.stories.map((story) => story.id)).size, day.stories.length);
    const traditional = day.documents.find((doc) => doc.title.startsWith('國務院辦公廳'));
    assert.ok(traditional?.body.includes('國務院辦公廳'));
  });

  it('has a held-out second day of its own date, also with five picks', () => {
    const day = loadEvalDay(evalDayDir('eval-day-2'));
    assert.equal(day.date, '2026-10-20');
    assert.ok(day.documents.every((doc) => doc.publishedAt!.startsWith('2026-10-20T')));
    assert.equal(day.stories.filter((story) => story.pick).length, 5);
  });
});

describe('the issue window', () => {
  it('is the Shanghai day before the issue date by default, and the days before it for a weekly', () => {
    assert.deepEqual(issueWindow('2026-06-19'), { start: new Date('2026-06-18T00:00:00+08:00'), end: new Date('2026-06-19T00:00:00+08:00') });
    assert.deepEqual(issueWindow('2026-06-19', 7), { start: new Date('2026-06-12T00:00:00+08:00'), end: new Date('2026-06-19T00:00:00+08:00') });
  });
});
