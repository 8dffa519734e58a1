import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Brief } from '../src/brief/model.ts';
import { chineseValue } from '../src/util/chineseNumerals.ts';
import { quotedSpans, titleKnown, verifyBrief, type SourceRecord } from '../src/brief/verify.ts';

const source: SourceRecord = {
  title: '北京市经济和信息化局关于印发《支持人工智能OPC创新发展行动方案（试行）》的通知',
  body: '依托OPC成长社区发放“全栈资源包”，包含Token券（模型券）、算力券、数据券。\n本方案自印发之日起施行，有效期两年。\n到2027年，培育1000家OPC企业。',
  publishedAt: '2026-06-18T09:00:00+08:00',
  docNumber: '京经信发〔2026〕31号',
};
const url = 'https://jxj.beijing.gov.cn/t20260618_1.html';

function brief(paragraph: string, changes: Partial<Brief> = {}): Brief {
  return {
    date: '2026-06-19',
    title: '新质生产力每日动态',
    publisher: 'p',
    producers: '',
    abstract: 'a',
    items: [{ n: 1, headline: '北京印发OPC行动方案', paragraphs: [paragraph], quotes: [{ text: '包含Token券（模型券）、算力券、数据券', ref: 'R1' }], refs: ['R1'], tier: 'provincial', themes: [] }],
    references: [{ id: 'R1', publisher: '北京市经济和信息化局', reposter: null, title: source.title, date: '2026-06-18', url, usedFor: '用于信息' }],
    footer: { account: '', qrImage: null, platform: '', disclaimer: '' },
    writer: 'extractive',
    checks: [],
    stats: { window: { start: '2026-06-17T16:00:00.000Z', end: '2026-06-18T16:00:00.000Z' }, documents: 1, candidates: 1, storyGroups: 1, themeShares: {} },
    ...changes,
  };
}

const good = '北京市经济和信息化局 6 月 18 日印发《支持人工智能OPC创新发展行动方案（试行）》（京经信发〔2026〕31号）。文件提出：“包含Token券（模型券）、算力券、数据券”；目标是到 2027 年培育 1000 家企业。';
const failures = (b: Brief) => verifyBrief(b, (u) => (u === url ? source : undefined)).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);

describe('verifyBrief', () => {
  it('passes a faithful section', () => {
    assert.deepEqual(failures(brief(good)), []);
  });

  it('catches an invented quote, however close to the source', () => {
    assert.deepEqual(failures(brief(good.replace('“包含Token券（模型券）、算力券、数据券”', '“包含Token券、算力券、数据券”'))), ['quotes: 第 1 条的引文不在所引来源正文中：“包含Token券、算力券、数据券”']);
  });

  it('catches a body the sources do not name, and accepts a body by its short name', () => {
    const bodies = [{ names: ['北京市经济和信息化局', '北京市经信局'] }, { names: ['工业和信息化部', '工信部'] }];
    const check = (paragraph: string) => verifyBrief(brief(paragraph), (u) => (u === url ? source : undefined), bodies).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    assert.deepEqual(check(good.replace('北京市经济和信息化局', '北京市经信局')), []);
    assert.deepEqual(check(`${good}工信部随后作出部署。`), ['names: 第 1 条提到的机构“工信部”不在所引来源中']);
  });

  it('matches figures and dates whole, by value and unit: no piece of a number or of a date passes', () => {
    // The source says 1000家, 2026 (文号), 2027年, 6月18日 (published) — and these pieces of them are not there.
    assert.deepEqual(failures(brief(good.replace('1000 家', '100 家'))), ['numbers: 第 1 条的数字 100家 不在来源中']);
    assert.deepEqual(failures(brief(good.replace('1000 家', '1000 个'))), ['numbers: 第 1 条的数字 1000个 不在来源中']);
    assert.deepEqual(failures(brief(good.replace('2027 年', '202 年'))), ['numbers: 第 1 条的数字 202年 不在来源中']);
    assert.deepEqual(failures(brief(good.replace('2027 年', '27 年'))), ['numbers: 第 1 条的数字 27年 不在来源中']);
    assert.deepEqual(failures(brief(`${good}共 3 项。`)), ['numbers: 第 1 条的数字 3项 不在来源中']);
    const dated = (body: string, paragraph: string) => verifyBrief(brief(paragraph), (u) => (u === url ? { ...source, body } : undefined)).filter((c) => !c.ok).map((c) => c.detail);
    assert.deepEqual(dated(`${source.body}\n11月8日召开会议。`, `${good}1 月 8 日召开会议。`), ['第 1 条的日期“1 月 8 日”与来源不符']);
    assert.deepEqual(dated(`${source.body}\n11月8日召开会议。`, `${good}11 月 8 日召开会议。`), []);
    // Full-width digits and Chinese numerals compare by value; a brief's figure may leave its unit out.
    assert.deepEqual(dated(`${source.body}\n新增一百家企业，增长百分之五，投入１２００万元。`, `${good}新增 100 家，增长 5%，投入 1200 万元，共 100。`), []);
    assert.deepEqual(dated(`${source.body}\n新增一百家企业。`, `${good}新增 1000 家。`), []);
    assert.deepEqual(dated(`${source.body}\n新增一百家企业。`, `${good}新增 10 家。`), ['第 1 条的数字 10家 不在来源中']);
    // A dotted or dashed date in the source bears out its day.
    assert.deepEqual(dated(`${source.body}\n2026.05.20`, `${good}5 月 20 日起施行。`), []);
  });

  it('reads a name whose nested quotation the brief prints ‘ ’ as the source\'s “ ”', () => {
    const sources = [{ ...source, title: '重庆市人民政府办公厅关于印发重庆市推动“人工智能+” 行动方案的通知', body: '《重庆市推动“人工智能+”行动方案》已经市政府同意，现印发给你们。' }];
    assert.equal(titleKnown('重庆市推动‘人工智能+’行动方案', sources, []), true);
    assert.equal(titleKnown('重庆市推动‘人工智能’行动方案', sources, []), false);
  });

  it('reads Chinese numerals by value', () => {
    const cases: [string, number | null][] = [['十五', 15], ['一百', 100], ['两千三百', 2300], ['三万', 30000], ['一亿二千万', 120_000_000], ['二十', 20], ['统一', null]];
    for (const [text, value] of cases) assert.equal(chineseValue(text), value, text);
  });

  it('tolerates whitespace only', () => {
    assert.deepEqual(failures(brief(good.replace('“包含Token券', '“包含 Token 券'))), []);
  });

  it('catches a changed date, title, number, and a reference outside the window', () => {
    assert.deepEqual(failures(brief(good.replace('6 月 18 日', '6 月 17 日'))), ['dates: 第 1 条的日期“6 月 17 日”与来源不符']);
    assert.deepEqual(failures(brief(good.replace('（试行）》', '》'))), ['titles: 第 1 条的文件名《支持人工智能OPC创新发展行动方案》与来源不符']);
    assert.deepEqual(failures(brief(good.replace('1000 家', '2000 家'))), ['numbers: 第 1 条的数字 2000家 不在来源中']);
    const late = brief(good);
    late.references[0]!.date = '2026-06-19';
    assert.deepEqual(failures(late), ['references: 参考文献 R1 的日期 2026-06-19 与来源不符', 'window: 参考文献 R1 发布于 2026-06-19，不在本期时间窗口内']);
  });

  it('catches a section that cites nothing, a reference no section cites, and a quote of the wrong source', () => {
    const uncited = brief(good);
    uncited.items[0]!.refs = [];
    assert.deepEqual(failures(uncited), ['citations: 参考文献 R1 未被任何条目引用', 'citations: 第 1 条没有引用任何参考文献']);
    const wrongRef = brief(good);
    wrongRef.items[0]!.quotes[0]!.ref = 'R2';
    assert.deepEqual(failures(wrongRef), ['quotes: 第 1 条的引文标注了未引用的参考文献 R2']);
  });

  it('reads quotes outside 《》 only: a title may hold “ ”', () => {
    assert.deepEqual(quotedSpans('印发《全面实施“人工智能+”行动》。文件提出：“发放资源包”。'), ['发放资源包']);
  });
});
