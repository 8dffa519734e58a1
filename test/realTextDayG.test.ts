/**
 * The rules the held-out real day G (test/fixtures/real-days/day-g) led to, each on texts of our own that
 * break it the way that day's did: the registry and the national form of a body's name, a name typed with
 * spaces inside, a place's government credited with an interpretation, a policy library's 成文日期 and a
 * lead that dates the issuing, the reports of one press briefing as one story, relevance read from every
 * copy with the 场景 vocabulary, and the writer on briefings, media stories and a headline's own quotes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tierByForm } from '../src/analyze/bodies.ts';
import { analyzeDay, type Candidate } from '../src/analyze/day.ts';
import { joinSpacedNames, readIssuer } from '../src/analyze/issuer.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { verifyBrief } from '../src/brief/verify.ts';
import { composeExtractive } from '../src/brief/writers/extractive.ts';
import { themeDynamics, themeSharesOf } from '../src/brief/themeShares.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredDocument } from '../src/store/sqlite.ts';

const { sources, bodies, taxonomy, config } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
const segmenter = createSegmenter(domainWords(taxonomy));
const themeNames = taxonomy.themes.map((theme) => theme.name);
const issuer = (title: string, body = '', docNumber: string | null = null) => readIssuer({ title, body, docNumber }, directory);

/** A copy met on 2026-09-15 on a site no catalog lists. */
function copy(id: number, title: string, body: string, extra: Partial<StoredDocument> = {}): StoredDocument {
  return { id, url: `https://www.mirror${id}.com/${id}.html`, sourceId: `web:www.mirror${id}.com`, title, publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [], ...extra };
}

const analyse = (docs: StoredDocument[]) => analyzeDay(docs, directory, taxonomy, segmenter).candidates;

/** The extractive brief of these candidates, issued 2026-09-16, and the checks that fail on it. */
function written(candidates: Candidate[], docs: StoredDocument[]) {
  const shares = themeSharesOf(candidates);
  const brief = composeExtractive({ issueDate: '2026-09-16', items: candidates, directory, taxonomy, brief: config.brief, themeShares: shares, dynamics: themeDynamics(shares, []), history: [], stats: { window: { start: '', end: '' }, documents: docs.length, candidates: candidates.length, storyGroups: candidates.length, themeShares: {} } });
  const byUrl = new Map(docs.map((d) => [d.url, d]));
  const checks = verifyBrief({ ...brief, stats: { ...brief.stats, window: { start: '2026-09-14T16:00:00.000Z', end: '2026-09-15T16:00:00.000Z' } } }, (url) => byUrl.get(url), directory.knownBodies(), { themes: themeNames });
  return { brief, failed: checks.filter((c) => !c.ok) };
}

describe('bodies under the State Council', () => {
  it('are in the registry, each national or a regulator, by full and short name', () => {
    const underStateCouncil = ['国家航天局', '国家国防科技工业局', '国家原子能机构', '国家烟草专卖局', '国家移民管理局', '国家林业和草原局', '国家铁路局', '中国民用航空局', '国家邮政局', '国家文物局', '国家中医药管理局', '国家疾病预防控制局', '国家矿山安全监察局', '国家消防救援局', '国家药品监督管理局', '国家知识产权局', '国家数据局', '国务院新闻办公室'];
    for (const name of underStateCouncil) assert.equal(directory.byName(name)?.tier, 'national', name);
    assert.equal(directory.byName('国家外汇管理局')?.tier, 'regulator');
    assert.equal(directory.byName('国家矿山安监局')?.name, '国家矿山安全监察局');
    assert.equal(directory.byName('国新办')?.name, '国务院新闻办公室');
  });

  it('are national by the form of their name when the registry misses one, unless a place follows 国家', () => {
    assert.equal(tierByForm('国家气候变化应对局'), 'national');
    assert.equal(tierByForm('国家低空经济发展署'), 'national');
    assert.equal(tierByForm('国家人工智能标准化总体组委员会'), 'national');
    assert.equal(tierByForm('国务院安全生产委员会'), 'national');
    assert.equal(tierByForm('国家气候变化应对局办公室'), 'national');
    // A national body's branch in a province is not the national body.
    assert.equal(tierByForm('国家税务总局山东省税务局'), null);
    assert.equal(tierByForm('国家大剧院'), null);
  });

  it('give their general office their tier: a regulator\'s 办公厅 is a regulator', () => {
    assert.equal(directory.tierOf('国家金融监督管理总局办公厅'), 'regulator');
    assert.equal(directory.tierOf('科学技术部办公厅'), 'national');
    assert.equal(directory.tierOf('国家航天局'), 'national');
  });

  it('make a document of one, carried only by mirrors, a national story written as a document, never as 媒体报道', () => {
    const body = '国家航天局日前印发《国家航天局推进商业航天高质量安全发展行动计划（2025—2027年）》。\n行动计划提出，到2027年，商业航天产业生态高效协同，推动商业航天高质量发展。';
    const docs = [copy(1, '国家航天局印发推进商业航天高质量安全发展行动计划（2025—2027年）', body)];
    const [story] = analyse(docs);
    assert.deepEqual([story!.origin, story!.tier], ['国家航天局', 'national']);
    const { brief, failed } = written([story!], docs);
    assert.deepEqual(failed, []);
    assert.doesNotMatch(brief.items[0]!.paragraphs.join(''), /媒体报道/);
  });
});

describe('a name typed with spaces inside', () => {
  it('is joined where the words make a body, and spaces between bodies stay', () => {
    assert.equal(joinSpacedNames('网易财经4月1日讯 国家 金融 监督管理总局办公厅、科技部办公厅印发', directory), '网易财经4月1日讯 国家金融监督管理总局办公厅、科技部办公厅印发');
    assert.equal(joinSpacedNames('国家发展改革委 国家数据局 财政部关于', directory), '国家发展改革委 国家数据局 财政部关于');
    assert.equal(joinSpacedNames('加大科技 信贷 投放力度', directory), '加大科技 信贷 投放力度');
  });

  it('is read as the lead body of the joint document a report names', () => {
    const found = issuer('三部门印发《银行业保险业科技金融高质量发展实施方案》', '网易财经4月1日讯 国家 金融 监督管理总局办公厅、科技部办公厅、国家发展改革委办公厅印发《银行业保险业科技金融高质量发展实施方案》,加大科技 信贷 投放力度。');
    assert.deepEqual([found?.name, found?.partners], ['国家金融监督管理总局办公厅', '三']);
  });
});

describe('a text that names its place and no body', () => {
  it('is its place\'s government when it interprets that place\'s plan', () => {
    const found = issuer('《郑州市场景驱动人工智能创新发展行动方案（2025—2027年）》政策解读', '一、起草背景和过程\n人工智能是培育和发展新质生产力的重要引擎。');
    assert.deepEqual([found?.name, found?.how], ['郑州市人民政府', 'place']);
  });

  it('names a district with the municipality or city its title writes before it, and a prefecture alone', () => {
    assert.equal(issuer('天津市东丽区“十五五”时期数字经济发展规划（征求意见稿）', '“十四五”时期，我区深入实施数字经济发展战略。')?.name, '天津市东丽区人民政府');
    assert.equal(issuer('宁波市鄞州区人工智能产业发展实施方案', '我区加快发展人工智能产业。')?.name, '宁波市鄞州区人民政府');
    assert.equal(issuer('河北省廊坊市人工智能算力券实施细则', '为支持企业使用算力。')?.name, '廊坊市人民政府');
    assert.equal(issuer('浙江省海宁市数字经济发展行动方案', '我市加快数字经济发展。')?.name, '海宁市人民政府');
  });
});
