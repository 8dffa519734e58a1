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
import { analyzeDay } from '../src/analyze/day.ts';
import type { Candidate } from '../src/domain/candidate.ts';
import { documentDate } from '../src/analyze/documentDate.ts';
import { joinSpacedNames, readIssuer } from '../src/analyze/issuer.ts';
import { normaliseText } from '../src/util/normalise.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords, scoreRelevance, scoreStoryRelevance } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { documentKey, groupStories } from '../src/analyze/storyGroups.ts';
import { briefingSubjects, isBriefingReport } from '../src/analyze/titles.ts';
import { briefingOf, quotesBorneOut } from '../src/brief/writers/phrasing.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { writtenBrief } from './writtenBrief.ts';

const { sources, bodies, taxonomy, config } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
const segmenter = createSegmenter(domainWords(taxonomy));
const issuer = (title: string, body = '', docNumber: string | null = null) => readIssuer({ title, body, docNumber }, directory);

/** A copy met on 2026-09-15 on a site no catalog lists. */
function copy(id: number, title: string, body: string, extra: Partial<StoredDocument> = {}): StoredDocument {
  return { id, url: `https://www.mirror${id}.com/${id}.html`, sourceId: `web:www.mirror${id}.com`, title, publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [], ...extra };
}

const analyse = (docs: StoredDocument[]) => analyzeDay(docs, directory, taxonomy, segmenter).candidates;

const written = (candidates: Candidate[], docs: StoredDocument[]) => writtenBrief(candidates, docs, directory);

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

describe('a story no official body is named for', () => {
  it('is a 媒体报道 when it is news, and a document it carries is named by its kind alone', () => {
    const plan = copy(1, '商业航天高质量安全发展行动计划（2025—2027年）', '为推动商业航天高质量发展，制定本行动计划。\n到2027年，商业航天产业生态高效协同，卫星互联网和运载火箭能力明显提升。', { siteName: '某资讯网' });
    const news = copy(2, '商业航天企业完成新一轮融资', '某商业航天企业宣布完成新一轮融资，将用于运载火箭研发，推动商业航天产业发展。', { siteName: '某财经网' });
    const candidates = analyse([plan, news]);
    assert.deepEqual(candidates.map((c) => c.tier), ['media', 'media']);
    const { brief, failed } = written(candidates, [plan, news]);
    assert.deepEqual(failed, []);
    const analyses = brief.items.map((item) => item.paragraphs[1]!);
    assert.ok(analyses.some((text) => text.startsWith('这是一份行动计划。')), analyses.join('\n'));
    assert.ok(analyses.some((text) => text.startsWith('这是媒体报道。')), analyses.join('\n'));
    assert.ok(analyses.every((text) => !/媒体报道的|此次发布/.test(text)), analyses.join('\n'));
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

describe('a document\'s own date', () => {
  it('is the 成文日期 field a copy keeps from the policy library, before any other date', () => {
    const body = '标题:锡林郭勒盟行政公署办公室关于印发《锡林郭勒盟数据产业高质量发展实施方案(2025-2027)》的通知\n发文字号:锡署办发〔2025〕15号\n成文日期:2025-03-08 10:47:09 公开日期:2025-03-08 10:47:09\n各旗县市(区)人民政府:\n现印发给你们。';
    assert.deepEqual(documentDate(body, '锡署办发〔2025〕15号', '2025-11-27'), { date: '2025-03-08', year: 2025, how: 'closing', evidence: '成文日期:2025-03-08' });
  });

  it('is, in a report, the day its lead says the body issued it', () => {
    const dated = documentDate('国务院办公厅11月7日对外发布《关于加快场景培育和开放推动新场景大规模应用的实施意见》，这是首次出台专门政策。', null, '2025-11-27');
    assert.deepEqual([dated?.date, dated?.how], ['2025-11-07', 'lead']);
    // A date of something else in the lead is no date of the issuing.
    assert.equal(documentDate('国务院办公厅近日印发《意见》。11月7日，有关负责人接受采访。', null, '2025-11-27'), null);
  });

  it('dates the prose by a lead, with no year the source does not write, and the story stays fresh by it', () => {
    const body = '国家数据局11月23日发布《可信数据空间发展行动计划（2024—2028年）》，这是国家层面首次作出系统布局。\n计划提出，到2028年建成100个以上可信数据空间，推动数据要素流通。';
    // Met on day-c's own date: a plan for 2024—2028 met in January 2025 (a name's period dates a plan met a year on).
    const docs = [copy(1, '国家层面首次！将建超100个可信数据空间', body, { publishedAt: '2025-01-14T10:00:00+08:00' })];
    const [story] = analyse(docs);
    assert.deepEqual(story!.issuedOn, { date: '2024-11-23', how: 'dateline' });
    assert.ok(!story!.significance.evidence.some((part) => part.factor === 'freshness'));
    const { brief } = written([story!], docs);
    assert.match(brief.items[0]!.paragraphs[0]!, /^国家数据局11月23日发布《/);
    assert.doesNotMatch(brief.items[0]!.paragraphs[0]!, /2024年11月23日/);
  });
});

describe('the reports of one press briefing', () => {
  const opinion = '关于加快场景培育和开放推动新场景大规模应用的实施意见';
  const reports = [
    copy(1, '國新辦吹風會介紹加快場景培育和開放', `中評社北京11月11日電／國務院辦公廳近日印發《${opinion}》。國務院新聞辦11月10日舉行國務院政策例行吹風會介紹有關情況。\n國家發展改革委副主任李春臨在會上説，場景是重要而稀缺的創新資源。`),
    copy(2, '国家发改委:场景培育和开放是一种新型政策工具', `人民网北京11月10日电 国务院新闻办公室当天举行国务院政策例行吹风会。国家发展改革委副主任李春临在会上说，场景培育和开放是一种新型政策工具。\n他提出，落实《${opinion}》要把握好六个关键词。`),
    copy(3, '权威部门详解:加快场景培育和开放 打造新兴产业发展“加速器”', `国务院办公厅11月7日对外印发《${opinion}》。11月10日，国新办举行国务院政策例行吹风会，国家发展改革委副主任李春临介绍情况并回答提问。\n李春临在会上把场景称为重要而稀缺的创新资源，场景培育开放是新型政策工具。`),
    // A report whose headline announces a consultation is no draft of its own; a spam copy's headline has
    // characters injected into the name its text writes whole.
    copy(4, '國家發改委:落实《关于加快场景培育和开放推动新XK体育场景大规模应用的实施意见》 场景清单一周内公开征求意见', `李春临11月10日在国务院政策例行吹风会上表示，落实《${opinion}》，场景清单一周内公开征求意见。`),
  ];
  const document = copy(5, '国務院辦公廳首次系統部署場景培育開放', `國務院辦公廳11月7日對外發布《${opinion}》，這是我國首次出台針對場景培育開放的專門政策。\n《實施意見》列出5方面22類重點場景，包括數字經濟、人工智能。`);

  it('are told by their title or opening, and share what the briefing presents', () => {
    for (const report of reports) assert.ok(isBriefingReport(normaliseText(report.title), normaliseText(report.body)), report.title);
    assert.equal(isBriefingReport(normaliseText(document.title), normaliseText(document.body)), false);
    assert.deepEqual(briefingSubjects('国新办举行新闻发布会介绍公共数据资源开发利用有关情况', '发布会上，有记者提问。', documentKey), ['公共数据资源开发利用']);
    assert.ok(briefingSubjects('', '国务院新闻办公室10月10日举行新闻发布会，介绍《关于加快公共数据资源开发利用的意见》。', documentKey).includes('公共数据资源开发利用'));
  });

  it('are one story, apart from the document they present, whatever each headline looks like', () => {
    const all = [...reports, document];
    assert.deepEqual(groupStories(all.map((d) => ({ id: d.id, title: d.title, body: d.body, docNumber: null }))), [[1, 2, 3, 4], [5]]);
  });

  it('join a repost whose added lead moves the briefing out of the opening, when it is a near copy', () => {
    const opening = '场景是重要而稀缺的创新资源，场景培育和开放是一种新型政策工具，正日益成为放宽市场准入、创新要素配置方式、促进经济高质量发展的新引擎。'.repeat(4);
    const report = `${opening}\n11月10日，国新办举行国务院政策例行吹风会，国家发展改革委副主任李春临介绍情况，并回答记者提问。\n要把场景打造成新技术新产品的试验场、新兴产业的加速器、体制改革和制度创新的试金石。`;
    const repost = `本网讯 据有关方面消息，加快场景培育和开放推动新场景大规模应用有了新部署，详情如下。\n${report}`;
    assert.ok(isBriefingReport('场景是新型政策工具', report) && !isBriefingReport('场景是新型政策工具', repost));
    assert.deepEqual(groupStories([{ id: 1, title: '场景是新型政策工具', body: report, docNumber: null }, { id: 2, title: '新部署：场景培育开放', body: repost, docNumber: null }]), [[1, 2]]);
  });

  it('are written as the briefing on its day, its presenting body and the document, never as the body\'s article', () => {
    const candidates = analyse([...reports, document]);
    const briefing = candidates.find((c) => c.members.length === 4)!;
    // Two headlines name the presenting body, one the host (国新办), two leads the document's issuer.
    assert.equal(briefing.origin, '国家发展和改革委员会');
    assert.equal(briefing.significance.kind, '解读');
    const { brief, failed } = written([briefing], reports);
    assert.deepEqual(failed, []);
    const [item] = brief.items;
    // The document it presented, when the event and the document do not both fit the line (day-m).
    assert.match(item!.headline, /^国家发展改革委介绍《关于加快场景培育/);
    // The briefing's day where the cited report writes one, never the day of the report's page.
    assert.match(item!.paragraphs[0]!, /^(?:国务院新闻办公室|国务院新闻办|国新办)(?:11月10日)?举行国务院政策例行吹风会，国家发展和改革委员会介绍《关于加快场景培育/);
    assert.doesNotMatch(item!.paragraphs.join(''), /9月15日|解读文章|文件提出|当日转载/);
  });
});

describe('a briefing as its report tells it', () => {
  const briefing = (title: string, body: string) => briefingOf(analyse([copy(1, title, body)])[0]!, directory);

  it('is held by the body the words before its verb end with, on the day they write, or on none', () => {
    const opinion = '《关于加快公共数据资源开发利用的意见》';
    assert.deepEqual(briefing('国新办举行新闻发布会', `据人民日报报道，国务院新闻办10月10日召开新闻发布会，介绍${opinion}。`), { host: '国务院新闻办', date: '10月10日', held: '召开', event: '新闻发布会', document: '关于加快公共数据资源开发利用的意见' });
    assert.deepEqual(briefing('数据局：一周内征求意见', `国务院办公厅10月9日印发${opinion}。10月10日，国新办举行新闻发布会介绍有关情况。`)?.date, '10月10日');
    assert.deepEqual(briefing('数据局答问', `国务院新闻办公室当天举行新闻发布会，国家数据局负责人介绍${opinion}。`)?.date, '');
    // An official who spoke at a body's own press conference.
    assert.deepEqual(briefing('两项配套政策一周内征求意见', `国家数据局局长刘烈宏10月10日上午在国新办新闻发布会上说，${opinion}是首个中央文件。`)?.host, '国新办');
    // A report that names no host, and a text of no briefing.
    assert.equal(briefing('发布会速递', '发布会上，有记者提问。'), null);
    assert.equal(briefing('国务院关于深入实施“人工智能+”行动的意见', '各省、自治区、直辖市人民政府：现提出如下意见。'), null);
  });
});

describe('relevance of a story', () => {
  it('reads every copy: each word as often as the copy that has it most, the genre by the representative\'s title', () => {
    const cut = { title: '国务院办公厅印发《关于进一步促进民间投资发展的若干措施》的通知', body: '三、引导民间资本有序参与低空经济领域基础设施建设。在商业航天频率许可过程中，优化卫星通信业务准入政策。' };
    const report = { title: '国办印发《关于进一步促进民间投资发展的若干措施》', body: '支持民间资本投向数字化转型等生产性服务业领域，继续执行科技型企业上市融资绿色通道。引导民间资本参与低空经济。' };
    const alone = scoreRelevance(cut.title, cut.body, taxonomy, segmenter).score;
    const story = scoreStoryRelevance([cut, report], taxonomy, segmenter);
    assert.ok(alone < config.selection.minRelevance, `one cut copy: ${alone}`);
    assert.ok(story.score >= config.selection.minRelevance, `the story: ${story.score}`);
    // 低空经济 once in each copy is once, not twice.
    assert.equal(story.themes.find((t) => t.themeName === '低空经济')?.terms.find((t) => t.term === '低空经济')?.count, 1);
    // A copy of another genre's title does not discount the story; the representative's does.
    const exam = { title: '材料题：低空经济与新质生产力', body: cut.body };
    assert.equal(scoreStoryRelevance([cut, exam], taxonomy, segmenter).discount, undefined);
    assert.equal(scoreStoryRelevance([exam, cut], taxonomy, segmenter).discount?.words, '材料题');
  });

  it('knows 场景 as policy: an opinion on 场景培育 and 场景开放 is on the topic, 应用场景 alone is everyday wording', () => {
    const opinion = scoreRelevance('国务院办公厅首次系统部署场景培育开放', '国务院办公厅对外发布实施意见，这是首次出台针对场景培育开放的专门政策，推动新场景大规模应用。', taxonomy, segmenter);
    assert.ok(opinion.score >= config.selection.minRelevance, `${opinion.score}`);
    assert.equal(opinion.themes[0]?.themeName, '场景培育和开放');
    const everyday = scoreRelevance('某县文化旅游节开幕', '活动设置多个应用场景。', taxonomy, segmenter);
    assert.ok(everyday.score < config.selection.minRelevance, `${everyday.score}`);
  });
});

describe('a headline\'s own quotes in running text', () => {
  it('keep their marks only where the cited body holds the words', () => {
    const [story] = analyse([copy(1, '权威部门详解:加快场景培育和开放 打造新兴产业发展“加速器”', '把场景打造成新技术的“试验场”，推动“人工智能+”行动。')]);
    assert.equal(quotesBorneOut('打造新兴产业发展“加速器”和“试验场”', story!), '打造新兴产业发展加速器和“试验场”');
    // A name in 《》 keeps its own.
    assert.equal(quotesBorneOut('印发《关于深入实施“加速器”行动的意见》', story!), '印发《关于深入实施“加速器”行动的意见》');
  });
});
