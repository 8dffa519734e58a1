/**
 * How much a story matters (src/analyze/significance.ts): who issued it, what kind of document it is,
 * whether several bodies issued it together, what it does for the first time, what concrete means it
 * names, who reposted it, how relevant it is, and whether readers have seen it already. Each case is
 * written from the rule's comment and fails when the rule is broken; the score is read as its parts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SourceTier } from '../src/domain/tier.ts';
import { documentKind, isStale, scoreSignificance, tierRank, tierWeight, type SignificanceInput } from '../src/analyze/significance.ts';

const base: SignificanceInput = { title: '国家数据局发布数据要素工作动态', body: '', tier: 'national', reposterTiers: [], relevance: 0 };
const score = (input: Partial<SignificanceInput>) => scoreSignificance({ ...base, ...input });
const part = (input: Partial<SignificanceInput>, factor: string) => score(input).evidence.find((e) => e.factor === factor);
const kindOf = (title: string) => {
  const { kind, weight } = documentKind(title);
  return { kind, weight };
};

describe('the weight of who issued a document', () => {
  it('follows the brief\'s order: national first, regulators and exchanges next, media last', () => {
    const order: SourceTier[] = ['national', 'regulator', 'provincial', 'municipal', 'county', 'media'];
    for (let i = 1; i < order.length; i++) {
      assert.ok(tierWeight[order[i - 1]!] > tierWeight[order[i]!], `${order[i - 1]} over ${order[i]}`);
      assert.ok(tierRank[order[i - 1]!] < tierRank[order[i]!], `${order[i - 1]} before ${order[i]}`);
    }
    assert.equal(tierWeight.exchange, tierWeight.regulator);
    assert.equal(tierRank.exchange, tierRank.regulator);
    assert.equal(tierRank.national, 0);
  });

  it('is the first part of the score, named by the tier', () => {
    for (const tier of Object.keys(tierWeight) as SourceTier[]) {
      assert.deepEqual(score({ tier }).evidence[0], { factor: 'tier', points: tierWeight[tier], why: tier, args: [tier] });
    }
    // The same text from a ministry outranks it from a city.
    assert.ok(score({ tier: 'national' }).score > score({ tier: 'municipal' }).score);
  });
});

describe('the kind of a document, read off its title', () => {
  it('weighs issued policy (regulations, plans, opinions, measures) above notices, meetings and news', () => {
    assert.deepEqual(kindOf('深圳经济特区人工智能产业促进条例'), { kind: '条例', weight: 3 });
    assert.deepEqual(kindOf('中华人民共和国数据安全法'), { kind: '条例', weight: 3 });
    assert.deepEqual(kindOf('浙江省数字经济发展“十五五”规划'), { kind: '规划', weight: 3 });
    assert.deepEqual(kindOf('江苏省数据产业发展行动方案'), { kind: '方案', weight: 3 });
    assert.deepEqual(kindOf('上海市促进人工智能产业发展三年行动计划'), { kind: '方案', weight: 3 });
    assert.deepEqual(kindOf('国务院关于深入实施“人工智能+”行动的意见'), { kind: '指导意见', weight: 3 });
    for (const title of ['广东省人工智能赋能制造业指引', '深圳市算力券管理办法（试行）', '数据交易实施细则', '高质量数据集建设标准', '数据交易所交易规则', '支持低空经济发展若干措施', '十五项举措']) {
      assert.deepEqual(kindOf(title), { kind: '指引', weight: 3 }, title);
    }
    for (const title of ['工业和信息化部关于组织开展2026年人工智能赋能新型工业化典型案例征集工作的通知', '北京证券交易所公告', '市公安局关于无人机禁飞的通告']) {
      assert.deepEqual(kindOf(title), { kind: '通知', weight: 2 }, title);
    }
    assert.deepEqual(kindOf('全省人工智能产业推进会在杭州召开'), { kind: '会议', weight: 1.5 });
    assert.deepEqual(kindOf('国务院新闻办公室举行新闻发布会'), { kind: '会议', weight: 1.5 });
    assert.deepEqual(kindOf('低空经济企业座谈会召开'), { kind: '会议', weight: 1.5 });
    assert.deepEqual(kindOf('市数据局召开数据要素工作会议'), { kind: '会议', weight: 1.5 });
  });

  // Found writing this file: /条例|法$/ was tried before 指引's 办法, so a title ending in 办法 read as a 条例.
  it('reads a title ending in 办法 as 指引, and one ending in 法 as a law (条例)', () => {
    assert.deepEqual(kindOf('深圳市算力券管理办法'), { kind: '指引', weight: 3 });
    assert.deepEqual(kindOf('中华人民共和国数据安全法'), { kind: '条例', weight: 3 });
  });

  it('ranks an interpretation as derivative and a draft for comment below what is issued', () => {
    for (const title of ['《关于加快推进数据产业高质量发展的实施意见》政策解读', '一图详解数据产业行动方案', '国家发展改革委有关负责人就《意见》答记者问', '数据要素十问十答：权威问答', '政策答问', '《条例》起草说明', '规划编制说明']) {
      assert.deepEqual(kindOf(title), { kind: '解读', weight: 1 }, title);
    }
    for (const title of ['公共数据资源登记管理办法（征求意见稿）', '关于人工智能生成内容标识办法的意见稿', '人工智能法（草案）']) {
      assert.deepEqual(kindOf(title), { kind: '征求意见稿', weight: 0.5 }, title);
    }
  });

  it('keeps a State Council meeting a meeting though a portal heads it 解读, and a plain headline news', () => {
    assert.deepEqual(kindOf('国务院常务会议解读｜部署推动“人工智能+”行动'), { kind: '会议', weight: 1.5 });
    assert.deepEqual(kindOf('省政府全体会议审议通过数据产业行动方案'), { kind: '会议', weight: 1.5 });
    assert.deepEqual(kindOf('千架无人机点亮江城夜空'), { kind: '新闻', weight: 1 });
    // 法 names a law only at the end of a title: 依法 in a headline is not one.
    assert.deepEqual(kindOf('北京依法推进公共数据开放'), { kind: '新闻', weight: 1 });
  });

  it('reads a title in traditional characters as its simplified original', () => {
    assert.equal(score({ title: '國務院關於深入實施「人工智能+」行動的意見' }).kind, '指导意见');
  });

  it('gives a headline about a document, and a notice that issues one, the kind of the document it names', () => {
    const headline = score({ title: '七部门发文 推动人形机器人产业发展', issued: '人形机器人创新发展指导意见' });
    assert.deepEqual(headline.evidence[1], { factor: 'kind', points: 3, why: '指导意见', args: ['指导意见'] });
    const notice = score({ title: '国家数据局关于印发2026年工作要点的通知', issued: '2026年数据工作要点' });
    assert.equal(notice.kind, '新闻');
    assert.equal(score({ title: '国家数据局关于印发2026年工作要点的通知' }).kind, '通知');
    assert.equal(score({ title: '七部门发文 推动人形机器人产业发展', issued: null }).kind, '新闻');
    // A meeting that approved a plan stays a meeting, and a plan's own kind is its own.
    assert.equal(score({ title: '市政府常务会议研究部署数据工作', issued: '数据产业发展行动方案' }).kind, '会议');
    assert.equal(score({ title: '江苏省数据产业发展行动方案', issued: '关于开展数据产业发展工作的通知' }).kind, '方案');
  });

  it('scores an interpreting text as an interpretation, whatever its headline says', () => {
    const story = score({ title: '国务院印发《关于深入实施“人工智能+”行动的意见》', issued: '关于深入实施“人工智能+”行动的意见', interprets: true });
    assert.deepEqual(story.evidence[1], { factor: 'kind', points: 1, why: '解读', args: ['解读'] });
    assert.equal(story.kind, '解读');
    assert.equal(score({ title: '国务院印发《关于深入实施“人工智能+”行动的意见》', interprets: false }).kind, '指导意见');
    // Except an executive meeting that a portal headed 解读: it is the meeting's report.
    assert.equal(score({ title: '國務院常務會議解讀｜我國部署深入實施“人工智能+”行動', interprets: true }).kind, '会议');
    assert.equal(score({ title: '国家数据局举行新闻发布会解读', interprets: true }).kind, '解读');
  });
});

describe('the other parts of the score', () => {
  it('counts a joint document by its partners', () => {
    assert.deepEqual(part({ partners: '七' }, 'joint'), { factor: 'joint', points: 1, why: '等七部门', args: ['七'] });
    assert.equal(part({ partners: null }, 'joint'), undefined);
    assert.equal(score({ partners: '十一' }).score, score({}).score + 1);
  });

  it('counts what a text does first, in its body or title, half a point each and two at most', () => {
    assert.deepEqual(part({ body: '指引首次明确提出高质量数据集建设要求。' }, 'novelty'), { factor: 'novelty', points: 1, why: '首次、明确提出' });
    assert.deepEqual(part({ title: '全国首个数据产业集聚区正式挂牌' }, 'novelty'), { factor: 'novelty', points: 1, why: '正式、首个' });
    assert.deepEqual(part({ body: '办法自发布之日起试行。' }, 'novelty')?.points, 0.5);
    assert.deepEqual(part({ body: '首批试点名单公布。' }, 'novelty')?.why, '首批');
    const all = score({ body: '首次正式发布试行办法，明确提出首个标准，公布首批名单。' });
    assert.deepEqual(all.novelty, ['首次', '正式', '试行', '明确提出', '首个', '首批']);
    assert.equal(all.evidence.find((e) => e.factor === 'novelty')?.points, 2);
    const none = score({ title: '国家数据局召开党组会议', body: '会议传达学习有关精神。' });
    assert.deepEqual(none.novelty, []);
    assert.equal(none.evidence.find((e) => e.factor === 'novelty'), undefined);
  });

  it('counts concrete content (amounts, targets, deadlines, named instruments) a third of a point each, one and a half at most', () => {
    assert.deepEqual(part({ body: '到2027年，培育10家以上龙头企业，发放算力券。' }, 'concrete'), { factor: 'concrete', points: 0.9, why: '10家、到2027年、算力券' });
    // The same figure twice is one.
    assert.deepEqual(part({ body: '建成10个数据集。再建成10个数据集。' }, 'concrete'), { factor: 'concrete', points: 0.3, why: '10个' });
    const many = part({ body: '设立50亿元基金，补贴200万元，占比30%，建成5个中心、20家企业、8项标准，到 2030 年发放数据券、模型券。' }, 'concrete')!;
    assert.equal(many.points, 1.5);
    assert.equal(many.why, '50亿元、200万元、30%、5个、20家、8项');
    assert.equal(part({ body: '加强统筹协调，抓好贯彻落实。' }, 'concrete'), undefined);
    // Only the body counts: a title's figure is the headline's, not a means.
    assert.equal(part({ title: '十五项举措发布', body: '' }, 'concrete'), undefined);
  });

  it('reads every named instrument: Token, 算力, 数据, 模型, 创新, 科技创新, 消费, 服务, 人才, 场景, 绿色 and 碳 vouchers', () => {
    for (const instrument of ['Token券', '算力券', '数据券', '模型券', '创新券', '科技创新券', '消费券', '服务券', '人才券', '场景券', '绿色券', '碳券']) {
      assert.deepEqual(part({ body: `发放${instrument}支持企业。` }, 'concrete')?.why, instrument, instrument);
    }
    assert.deepEqual(part({ body: '发放优惠券支持企业。' }, 'concrete'), undefined);
    assert.deepEqual(part({ body: '1.5亿元' }, 'concrete')?.why, '1.5亿元');
    // An amount is read whole, every decimal with it.
    assert.deepEqual(part({ body: '安排资金2.35亿元' }, 'concrete')?.why, '2.35亿元');
    assert.deepEqual(part({ body: '到 2028 年' }, 'concrete')?.why, '到 2028 年');
  });

  it('counts a repost by a higher body more than one by a peer, three points at most', () => {
    assert.deepEqual(part({ reposterTiers: ['national'] }, 'spread'), { factor: 'spread', points: 1.5, why: '1 reposts', args: [1] });
    assert.deepEqual(part({ reposterTiers: ['municipal', 'media'] }, 'spread'), { factor: 'spread', points: 1.35, why: '2 reposts', args: [2] });
    assert.ok(part({ reposterTiers: ['national'] }, 'spread')!.points > part({ reposterTiers: ['county'] }, 'spread')!.points);
    assert.deepEqual(part({ reposterTiers: ['national', 'national', 'regulator'] }, 'spread'), { factor: 'spread', points: 3, why: '3 reposts', args: [3] });
    assert.equal(part({ reposterTiers: [] }, 'spread'), undefined);
  });

  it('counts relevance a tenth, three points at most', () => {
    assert.deepEqual(part({ relevance: 12 }, 'relevance'), { factor: 'relevance', points: 1.2, why: 'relevance 12', args: [12] });
    assert.deepEqual(part({ relevance: 45 }, 'relevance'), { factor: 'relevance', points: 3, why: 'relevance 45', args: [45] });
    assert.deepEqual(part({ relevance: 0 }, 'relevance'), { factor: 'relevance', points: 0, why: 'relevance 0', args: [0] });
    assert.equal(part({ relevance: 4.567 }, 'relevance')?.points, 0.46);
  });

  it('adds the parts into the score, rounded to hundredths', () => {
    const story = score({
      title: '工业和信息化部等七部门印发《人形机器人创新发展指导意见》',
      body: '意见首次明确提出，到2027年，培育3家以上有全球影响力的生态型企业。',
      tier: 'national',
      reposterTiers: ['provincial', 'municipal'],
      relevance: 12.345,
      partners: '七',
    });
    assert.deepEqual(story.evidence, [
      { factor: 'tier', points: 5, why: 'national', args: ['national'] },
      { factor: 'kind', points: 3, why: '指导意见', args: ['指导意见'] },
      { factor: 'joint', points: 1, why: '等七部门', args: ['七'] },
      { factor: 'novelty', points: 1, why: '首次、明确提出' },
      { factor: 'concrete', points: 0.6, why: '3家、到2027年' },
      { factor: 'spread', points: 1.95, why: '2 reposts', args: [2] },
      { factor: 'relevance', points: 1.23, why: 'relevance 12.345', args: [12.345] },
    ]);
    assert.equal(story.score, 13.78);
    assert.equal(story.kind, '指导意见');
    assert.equal(isStale(story), false);
  });
});

describe('old news', () => {
  const plan = { title: '江苏省数据产业发展行动方案', tier: 'provincial' as const, relevance: 20 };

  it('ranks a story an earlier issue covered below the same story when it is new, and marks it stale', () => {
    const fresh = score(plan);
    const covered = score({ ...plan, reportedOn: '2026-06-17' });
    assert.deepEqual(covered.evidence.at(-1), { factor: 'freshness', points: -4, why: 'reported in the issue of 2026-06-17', args: ['2026-06-17'] });
    assert.equal(covered.score, fresh.score - 4);
    assert.equal(isStale(covered), true);
    assert.equal(isStale(fresh), false);
    // Covered, it falls below a fresh story of the same tier and kind.
    assert.ok(covered.score < score({ ...plan, title: '浙江省数据产业发展行动方案' }).score);
  });

  it('weighs a document signed more than 45 days before its copy was met as one already covered', () => {
    const old = score({ ...plan, dated: { on: '2026-05-03', daysBefore: 46 } });
    assert.deepEqual(old.evidence.at(-1), { factor: 'freshness', points: -4, why: 'issued 2026-05-03, 46 days before', args: ['2026-05-03', 46] });
    assert.equal(isStale(old), true);
    // A plan a city puts on its portal a month after it was signed is not yet old: aging, not covered.
    const month = score({ ...plan, dated: { on: '2026-05-04', daysBefore: 45 } });
    assert.equal(isStale(month), false);
    assert.deepEqual(month.evidence.at(-1), { factor: 'aging', points: -2, why: 'issued 2026-05-04, 45 days before', args: ['2026-05-04', 45] });
    assert.equal(score({ ...plan, dated: { on: '2026-05-20', daysBefore: 30 } }).score, score(plan).score);
    assert.equal(isStale(score({ ...plan, dated: null })), false);
  });

  it('takes a story off once for being old, however it is old', () => {
    const both = score({ ...plan, reportedOn: '2026-06-17', dated: { on: '2026-01-05', daysBefore: 164 } });
    assert.deepEqual(both.evidence.filter((e) => e.factor === 'freshness'), [{ factor: 'freshness', points: -4, why: 'reported in the issue of 2026-06-17', args: ['2026-06-17'] }]);
  });
});
