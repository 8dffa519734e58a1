/**
 * Rules the held-out real days led to in the session after day G (day-f looked at again, then days H and I),
 * each on texts of our own that break it the way those days did: a report dated by the year of the event it
 * names, an interpretation as old as the document it explains, and a press briefing credited to the body
 * that presents at it rather than the press office that hosts it; then days J and K: the document a lead
 * recalls before its news, a citation read as an issuing, a Taiwan-usage copy, drafts and briefings written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDay } from '../src/analyze/day.ts';
import { bodyOfDepartment, looksLikeBody, tierByForm } from '../src/analyze/bodies.ts';
import { divisionOfGovHost, leadingDivisions } from '../src/analyze/divisions.ts';
import { announcedEvent, documentDate, eventYear, periodStart, planYear } from '../src/analyze/documentDate.ts';
import { briefingPresenter, readIssuer } from '../src/analyze/issuer.ts';
import { SourceDirectory, resolveOrigin } from '../src/analyze/origin.ts';
import { domainWords, scoreRelevance } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { documentKind, isStale, scoreSignificance } from '../src/analyze/significance.ts';
import { groupStories } from '../src/analyze/storyGroups.ts';
import { cleanTitle, deployedCampaign, docNumberAfter, isBriefingReport, isDocumentItself, isDraft, isInterpretation, isWireMark, issuedDocument, issuedDocuments, openedGathering, withoutInjectedSpam } from '../src/analyze/titles.ts';
import { chooseQuotes, inQuotes, worthQuoting } from '../src/brief/writers/quotes.ts';
import { substanceOf } from '../src/brief/writers/substance.ts';
import { extractSiteName } from '../src/extract/siteName.ts';
import { extractArticle } from '../src/extract/article.ts';
import { withoutSpamBrands } from '../src/util/spamBrands.ts';
import { normalisePublisher } from '../src/extract/publisher.ts';
import { load } from 'cheerio';
import { loadConfig, validate } from '../src/config/load.ts';
import { bodiesFileSchema } from '../src/config/schema.ts';
import { dateFromUrl } from '../src/extract/date.ts';
import { oneEvent, selectItems } from '../src/brief/select.ts';
import type { Candidate } from '../src/domain/candidate.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { writtenBrief } from './writtenBrief.ts';
import { titleKnown } from '../src/brief/verify.ts';
import { asRunningText } from '../src/brief/writers/phrasing.ts';
import { relevanceLine } from '../src/pipeline/explainLines.ts';
import { normaliseText } from '../src/util/normalise.ts';

const { sources, bodies, taxonomy } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
const segmenter = createSegmenter(domainWords(taxonomy));
const issuer = (title: string, body: string, docNumber: string | null = null) => readIssuer({ title, body, docNumber }, directory)?.name;

const written = (candidates: Candidate[], docs: StoredDocument[]) => writtenBrief(candidates, docs, directory);

/** A copy met on 2026-09-15 on a site no catalog lists. */
function copy(id: number, title: string, body: string): StoredDocument {
  return { id, url: `https://www.mirror${id}.com/${id}.html`, sourceId: `web:www.mirror${id}.com`, title, publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [] };
}

describe('a report dated by its dateline', () => {
  it('takes the year of an event its sentence names with its year, when that is earlier than the day', () => {
    const old = documentDate('新华社济南7月30日电 在济南开幕的2022中国算力大会上传出消息，我国已建成全球规模最大的网络基础设施。', null, '2024-09-04');
    assert.deepEqual([old?.date, old?.how], ['2022-07-30', 'dateline']);
    assert.match(old!.evidence, /2022中国算力大会/);
    assert.equal(documentDate('新华社北京7月30日电 2023年世界人工智能大会闭幕。', null, '2024-09-04')?.date, '2023-07-30');
  });

  it('keeps the latest year the calendar allows for an annual review held the next year, a target year or a later event', () => {
    assert.equal(documentDate('新华社北京1月10日电 2024年度国家科学技术奖励大会10日在北京举行。', null, '2025-01-12')?.date, '2025-01-10');
    assert.equal(documentDate('新华社上海7月26日电 继2023世界人工智能大会之后，2025世界人工智能大会今天开幕。', null, '2025-08-26')?.date, '2025-07-26');
    assert.equal(documentDate('新华社北京3月5日电 到2024年，举办数字经济大会。', null, '2025-03-06')?.date, '2025-03-05');
    // Only the dateline's own sentence: a later sentence's event is what the report recalls.
    assert.equal(documentDate('新华社北京3月5日电 国家数据局发布指南。2023年数字中国峰会上曾提出', null, '2025-03-06')?.date, '2025-03-05');
  });
});

describe('an interpretation met the same day as the document it explains', () => {
  const opinion = copy(1, '国家发展改革委等部门关于深入实施“东数西算”工程加快构建全国一体化算力网的实施意见', '各省、自治区、直辖市发展改革委、数据管理部门：\n为加快构建全国一体化算力网，推动算力资源高效调度，提出如下意见。\n到2025年底，综合算力基础设施体系初步成型。\n国家发展改革委\n2023年12月25日');
  const interview = copy(2, '国家数据局：加快构建全国一体化算力网，完善算力券等政策工具设计', '国家发展改革委、国家数据局等部门联合印发《关于深入实施“东数西算”工程加快构建全国一体化算力网的实施意见》后，国家数据局主要负责同志接受了新华社记者专访。\n这位负责同志说，全国一体化算力网是以信息网络技术为载体的数字基础设施，算力券、数据中心等政策工具将加快设计。');

  it('is as old as that document when it dates itself nowhere', () => {
    const candidates = analyzeDay([opinion, interview], directory, taxonomy, segmenter).candidates;
    const explaining = candidates.find((c) => c.document.id === 2)!;
    assert.notEqual(explaining.explains, null);
    const freshness = explaining.significance.evidence.find((e) => e.factor === 'freshness');
    assert.ok(freshness, JSON.stringify(explaining.significance.evidence));
    assert.match(freshness.why, /2023-12-25/);
    assert.deepEqual(explaining.issuedOn, { date: null, how: 'earlier' });
  });

  it('is today\'s news when the document it explains is not met, or is new', () => {
    const alone = analyzeDay([interview], directory, taxonomy, segmenter).candidates[0]!;
    assert.equal(alone.significance.evidence.some((e) => e.factor === 'freshness'), false);
    const fresh = { ...opinion, body: opinion.body.replace('2023年12月25日', '2026年9月14日') };
    const today = analyzeDay([fresh, interview], directory, taxonomy, segmenter).candidates.find((c) => c.document.id === 2)!;
    assert.equal(today.significance.evidence.some((e) => e.factor === 'freshness'), false);
  });
});

describe('a press briefing', () => {
  it('is the body that presents at it, named with the briefing: its official\'s last post, or the body whose document it presents', () => {
    assert.equal(issuer('市政府新闻发布会介绍《上海市进一步推进新型基础设施建设行动方案(2023-2026年)》有关情况', '来源:市政府新闻办\n10月19日上午，市政府新闻办举行新闻发布会，市政府副秘书长、市发展改革委主任顾军介绍《上海市进一步推进新型基础设施建设行动方案(2023-2026年)》，市经济信息化委负责人一同出席并答问。'), '上海市发展和改革委员会');
    assert.equal(issuer('安徽三年内将培育10家机器人龙头企业', '11月27日，安徽省政府新闻办举行新闻发布会。据安徽商报报道，发布会介绍了安徽省工信厅印发的《安徽省智能机器人产业发展行动方案（2025—2027年）》，方案提出到2030年建成智能机器人产业高地。'), '安徽省工业和信息化厅');
    assert.equal(issuer('国新办吹风会介绍加快场景培育和开放', '国务院新闻办11月10日举行国务院政策例行吹风会介绍有关情况。国家发展改革委副主任李春临在会上说，场景是重要而稀缺的创新资源。'), '国家发展和改革委员会');
  });

  it('stays the host\'s when no presenter is named that early', () => {
    assert.equal(issuer('三年行动方案出炉！山东到2027年低空经济规模将达千亿', '山东省政府新闻办11月8日举行政策例行吹风会，对《山东省低空经济高质量发展三年行动方案(2025-2027年)》进行解读。据介绍，这份方案由省交通运输厅会同有关部门起草。\n方案由总体要求、重点任务和保障措施三部分组成。'), '山东省人民政府新闻办公室');
  });
});

describe('a glossed copy', () => {
  it('loses the space a mirror types after a gloss or inside it, with the gloss', () => {
    assert.equal(normaliseText('國(guo) 新辦介紹第八屆數(shu) 字中國(guo) 建設(she) 10週年'), '国新办介绍第八届数字中国建设10周年');
    assert.equal(normaliseText('發(jì )展和改(gǎi)革(gé) 委員會'), '发展和改革委员会');
    // Not a text that is no glossed copy: a single toneless (de) may be prose.
    assert.equal(normaliseText('他说(de) 话'), '他说(de) 话');
  });
});

describe('issuers the held-out days H and I named in ways no rule read', () => {
  it('reads a joint lead whose bodies hold 电 (国家广播电视总局): only 日电 or 日讯 ends a dateline', () => {
    assert.equal(issuer('四部门发布人工智能生成合成内容标识办法', '据人民邮电报报道，国家互联网信息办公室、工业和信息化部、公安部、国家广播电视总局近日联合发布《人工智能生成合成内容标识办法》，自2025年9月1日起施行。'), directory.byName('国家互联网信息办公室')!.name);
  });

  it('credits a law to the session that voted it through, and a study session to the Politburo', () => {
    assert.equal(issuer('民营经济促进法获表决通过', '据新华社消息，十四届全国人大常委会第十五次会议4月30日表决通过《中华人民共和国民营经济促进法》，自2025年5月20日起施行。'), '全国人民代表大会常务委员会');
    assert.equal(issuer('习近平在中共中央政治局第二十次集体学习时强调', '据新华社北京4月26日电，中共中央政治局4月25日下午就加强人工智能发展和监管进行第二十次集体学习。'), '中共中央政治局');
    assert.equal(directory.byName('中共中央政治局')?.tier, 'national');
  });

  it('reads a provincial Party reform commission from its 文号, and a place\'s 条例 as its standing committee\'s', () => {
    assert.equal(issuer('关于深化改革创新促进数字经济高质量发展的若干措施', '为深入贯彻习近平总书记关于数字经济重要论述，制定如下措施。', '鲁改委发〔2022〕5号'), '中共山东省委全面深化改革委员会');
    assert.equal(issuer('关于深化改革创新促进数字经济高质量发展的若干措施', '为深入贯彻习近平总书记关于数字经济重要论述，制定如下措施。', '鲁政发〔2022〕5号'), '山东省人民政府');
    assert.equal(issuer('深圳经济特区低空经济产业促进条例', '第一条 为了促进低空经济产业高质量发展，制定本条例。'), '深圳市人民代表大会常务委员会');
    assert.equal(issuer('十堰市低空经济高质量发展实施方案（2024-2026年）', '为推动我市低空经济高质量发展，制定本方案。'), '十堰市人民政府');
  });

  it('joins a signature wrapped over two lines, without its seal note', () => {
    const body = '现将《浙江省人形机器人创新发展实施方案(2024—2027年)》印发给你们，请结合实际认真抓好落实。\n浙江省制造业高质量发展(数字经济发展)\n领导小组办公室(代章)\n2024年9月2日';
    assert.equal(issuer('浙江省人形机器人产业创新发展实施方案', body), '浙江省制造业高质量发展（数字经济发展）领导小组办公室');
  });

  it('reads the drafter of a draft for comment: 代拟起草, a page\'s 来源 line, its contact', () => {
    assert.equal(issuer('浙江:征求《关于加快人工智能产业发展的指导意见(征求意见稿)》意见的公告', '为加快构建以数字经济为核心的现代化产业体系，省经信厅代拟起草了《关于加快人工智能产业发展的指导意见(征求意见稿)》。现向社会公众征集意见。'), '浙江省经济和信息化厅');
    assert.equal(issuer('关于征求《关于加快人工智能产业发展的指导意见(征求意见稿)》意见的公告', '来源:浙江省经济和信息化厅 2023/8/10 11:55:03\n关于加快人工智能产业发展的指导意见\n(征求意见稿)'), '浙江省经济和信息化厅');
    assert.equal(issuer('关于征求《关于加快人工智能产业发展的指导意见(征求意见稿)》意见的公告', '联系人:浙江省经济和信息化厅技术创新处(人工智能处) 孙体忠;联系电话:0571-87056296。\n关于加快人工智能产业发展的指导意见\n(征求意见稿)'), '浙江省经济和信息化厅');
    // A 来源 line naming a site is no issuer.
    assert.equal(issuer('关于加快人工智能产业发展的指导意见', '来源:高新院 日期:2023-08-10\n为加快构建现代化产业体系，制定本意见。'), undefined);
  });

  it('credits a document addressed to a government\'s departments to that government, or its office when it acts with its approval', () => {
    const addressed = '各区、县(市)人民政府，市政府各部门、各直属单位：\n为抢抓人工智能发展新机遇，';
    assert.equal(issuer('杭州:关于加快推进人工智能产业创新发展的实施意见', `${addressed}经市政府同意，现就加快推进我市人工智能产业创新发展提出如下意见。`), '杭州市人民政府办公厅');
    assert.equal(issuer('十堰:关于加快推进人工智能产业创新发展的实施意见', `${addressed}经市政府同意，现提出如下意见。`), '十堰市人民政府办公室');
    assert.equal(issuer('十堰:关于加快推进人工智能产业创新发展的实施意见', `${addressed}现提出如下意见。`), '十堰市人民政府');
    // No place named: no one's.
    assert.equal(issuer('关于加快推进人工智能产业创新发展的实施意见', `${addressed}经市政府同意，现提出如下意见。`), undefined);
  });

  it('credits a sector\'s national work conference to its ministry, dated in the year whose work it deploys', () => {
    const body = '中新网1月11日电 全国工业和信息化工作会议11日在北京召开。会议总结了2022年工作，部署2023年十三个方面的重点任务。';
    assert.equal(issuer('全力促进工业经济平稳增长！2023年重点任务出炉', body), '工业和信息化部');
    assert.equal(documentDate(body, null, '2024-01-30')?.date, '2023-01-11');
    assert.equal(documentDate('中新网12月20日电 全国发展和改革工作会议召开，部署2024年重点工作。', null, '2024-01-30')?.date, '2023-12-20');
  });

  it('reads a briefing\'s presenter in the third sentence, by a name and what they did there, or by what it announced', () => {
    assert.equal(issuer('国新办介绍第八届数字中国建设峰会筹备情况', '新华社消息 国务院新闻办公室3月31日举行新闻发布会，介绍第八届数字中国建设峰会筹备情况。峰会定于4月29日至30日在福建福州举办。\n国家数据局局长刘烈宏介绍，今年是“数字福建”建设25周年。'), '国家数据局');
    assert.equal(issuer('央行一次推出十项政策', '中经联播5月7日北京讯 中国人民银行行长潘功胜当天在国务院新闻办公室新闻发布会上介绍，央行将推出三类共10项政策。'), '中国人民银行');
    assert.equal(issuer('央行推出三大类十项货币政策措施', '据国新办5月7日新闻发布会消息，中国人民银行当天公布一揽子货币政策，共三大类、十项措施。'), '中国人民银行');
  });
});

describe('grouping on the held-out days', () => {
  const doc = (id: number, title: string, body: string) => ({ id, title, body, docNumber: null });

  it('keeps two exchanges\' notices of one name apart, as two places\' plans are', () => {
    const name = '《关于进一步支持发行科技创新债券 服务新质生产力的通知》';
    const groups = groupStories([
      doc(1, '上交所发布通知 支持发行科技创新债券服务新质生产力', `上海证券交易所5月7日发布${name}，从发行主体、信息披露、审核效率等方面提出配套安排。`),
      doc(2, '深交所发布通知 进一步支持发行科技创新债券', `深圳证券交易所5月7日发布${name}，扩大科技创新债券的发行主体和资金用途。`),
      doc(3, '上交所：支持银行理财、券商资管创设科技创新债券专项产品', `财联社5月7日电，上交所发布${name}，引导投资机构加大对科技创新债券投入。`),
    ]);
    assert.deepEqual(groups.map((g) => [...g].sort()).sort(), [[1, 3], [2]]);
  });

  it('joins the reports of one briefing by its presenter and day, whatever their headlines', () => {
    const texts = [
      ['央行推出三大类十项货币政策措施', '据国新办5月7日新闻发布会消息，中国人民银行当天公布一揽子货币政策，共三大类、十项措施。\n数量型：全面降准0.5个百分点。'],
      ['潘功胜：科技创新和技术改造再贷款增至8000亿元', '在5月7日的国新办新闻发布会上，中国人民银行行长潘功胜逐项介绍了此次货币政策安排。\n一是降准0.5个百分点。'],
      ['国家统计局：4月份制造业采购经理指数有所回落', '国家统计局5月7日举行新闻发布会，国家统计局副局长介绍，4月份制造业采购经理指数为49.0%。'],
    ] as const;
    const docs = texts.map(([title, body], i) => ({ ...doc(i + 1, title, body), briefingBy: briefingPresenter(title, body, directory) }));
    assert.equal(docs[0]!.briefingBy, '中国人民银行@5月7日');
    assert.deepEqual(groupStories(docs).map((g) => [...g].sort()).sort(), [[1, 2], [3]]);
    assert.equal(briefingPresenter('央行推出三大类十项货币政策措施', '中国人民银行公布一揽子货币政策。', directory), null);
  });
});

describe('the writer on the held-out days', () => {
  it('says what a briefing presented when it names no document, in the headline and the fact', () => {
    const report = copy(1, '国新办介绍第八届数字中国建设峰会筹备情况', '新华社消息 国务院新闻办公室3月31日举行新闻发布会，介绍第八届数字中国建设峰会筹备情况。峰会定于4月29日至30日在福建福州举办。\n国家数据局局长刘烈宏介绍，峰会将围绕数据要素市场化价值化安排交流活动，集中发布10余项政策文件。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.deepEqual(failed, []);
    assert.match(brief.items[0]!.headline, /介绍第八届数字中国建设峰会筹备情况$/);
    assert.match(brief.items[0]!.paragraphs[0]!, /介绍第八届数字中国建设峰会筹备情况/);
    assert.doesNotMatch(brief.items[0]!.paragraphs.join(''), /有关情况/);
  });

  it('writes a report whose headline starts with someone else by the lead\'s own clause, dated by its dateline; 该局 only for a bureau', () => {
    const report = copy(1, '习近平在中共中央政治局第二十次集体学习时强调 坚持自立自强 突出应用导向 推动人工智能健康有序发展', '据新华社北京9月2日电，中共中央政治局9月1日下午就加强人工智能发展和监管进行第二十次集体学习。\n中共中央总书记习近平在主持学习时指出，要推动我国人工智能朝着有益、安全、公平方向健康有序发展，推动人工智能科技创新与产业创新深度融合。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.deepEqual(failed, []);
    assert.equal(brief.items[0]!.headline, '中共中央政治局就加强人工智能发展和监管进行第二十次集体学习');
    assert.match(brief.items[0]!.paragraphs[0]!, /^据中共中央政治局9月2日消息，中共中央政治局就/);
    assert.doesNotMatch(brief.items[0]!.paragraphs.join(''), /该局|发布消息/);
  });
});

describe('issuers the held-out days J and K named in ways no rule read', () => {
  const recalled = '8月底，国务院印发《关于深入实施“人工智能+”行动的意见》，此后相关配套政策陆续出台。\n9月8日，国家发展改革委、国家能源局发布《关于推进“人工智能+”能源高质量发展的实施意见》。';

  it('takes the document a headline speaks of, not one its lead recalls first, and that document\'s issuer', () => {
    assert.equal(issuedDocument('“人工智能+”配套政策陆续出台 能源领域发展路线更清晰', recalled), '关于推进“人工智能+”能源高质量发展的实施意见');
    assert.equal(issuer('“人工智能+”配套政策陆续出台 能源领域发展路线更清晰', recalled), '国家发展和改革委员会');
    // With one document named, it is that one.
    assert.equal(issuedDocument('重磅文件发布', '国务院日前印发《关于深入实施“人工智能+”行动的意见》。'), '关于深入实施“人工智能+”行动的意见');
  });

  it('reads 印发的《…》 as the news only where the sentence says it came out; a cited document is no one\'s news', () => {
    const released = '10月8日，国家发展改革委、国家数据局等六部门联合印发的《国家数据标准体系建设指南》（以下简称《指南》）正式发布。';
    assert.equal(issuer('国家数据标准体系建设指南发布', released), '国家发展和改革委员会');
    assert.equal(issuedDocument('国家数据标准体系建设指南发布：到2026年底基本建成', released), '国家数据标准体系建设指南');
    assert.equal(issuer('强化数据标注基地引领作用', '这篇解读文章围绕国家发展改革委、国家数据局近日联合印发的《关于促进数据标注产业高质量发展的实施意见》展开。'), undefined);
    assert.equal(issuer('人工智能算力券实施细则(试行)', '为进一步贯彻落实廊坊市政府办公室印发的《廊坊市促进人工智能产业发展十三条措施》，特制定本细则。'), undefined);
    assert.equal(issuer('廊坊市人工智能算力券实施细则', '为深入贯彻落实国务院印发《新一代人工智能发展规划》的部署，结合工作实际，特制定本细则。'), '廊坊市人民政府');
    // An earlier clause's subject is no drafter of what another body does without a document (牵头开展…).
    assert.equal(issuer('专项行动启动', '国家数据局要求，各地数据局牵头制定实施方案。'), undefined);
    // It is the story's only where it acts itself, the subject of its clause (fromClauseSubject): 作出部署.
    assert.equal(issuer('专项行动启动', '国家数据局作出部署，各地数据局牵头制定实施方案。'), '国家数据局');
    // Nor does an instruction make its giver the drafter: 按照市政府主要领导要求，市数据局牵头开展….
    assert.equal(issuer('政策解读', '2025年初，按照市政府主要领导要求，市数据局牵头开展“人工智能+”专项行动，编制有关实施方案。'), undefined);
  });

  it('reads the body that drafts at the head of others, under another\'s guidance, and the body that consults on a draft', () => {
    assert.equal(issuer('《人工智能安全治理框架》2.0版发布', '一年来人工智能技术快速演进，国家互联网应急中心在国家网信办指导下，牵头组织人工智能专业机构联合制定了2.0版。'), '国家计算机网络应急技术处理协调中心');
    assert.equal(issuer('《杭州市促进具身智能机器人产业发展条例(草案)》征求意见中', '杭州市司法局自8月11日起就《杭州市促进具身智能机器人产业发展条例（草案）》公开征求意见。'), '杭州市司法局');
  });

  it('reads an order as the text\'s own, not one it cites after a name in 《》', () => {
    assert.equal(issuer('政策解读', '一、制定背景\n1.《生成式人工智能服务管理暂行办法》(国家互联网信息办公室 国家广播电视总局令第15号)。'), undefined);
    assert.equal(issuer('国家发展和改革委员会令第12号', '国家发展和改革委员会令第12号\n《某某办法》已经审议通过，现予公布。'), '国家发展和改革委员会');
  });

  it('reads a Party committee by its study group and its short name, and a presenter who 作主发布 or attends with others', () => {
    assert.equal(issuer('中山市委理论学习中心组举行人工智能产业变革与应用赋能专题报告会', '2月21日，中山市委理论学习中心组(扩大)专题报告会召开。'), '中共中山市委');
    assert.equal(issuer('《广东省人民政府关于加快建设通用人工智能产业创新引领地的实施意见》新闻发布会在广州举行', '11月13日，广东省人民政府新闻办公室举行新闻发布会。省政府新闻办副主任邓鸿主持，省科技厅厅长王月琴作主发布。'), '广东省科学技术厅');
    assert.equal(issuer('第七届数字中国建设峰会将于5月举行', '国家数据局局长刘烈宏10日在国务院新闻办公室举行的新闻发布会上介绍，第七届数字中国建设峰会将于5月24日至25日举办。'), '国家数据局');
    assert.equal(issuer('李乐成出席新闻发布会', '9月9日上午，国务院新闻办公室举行新闻发布会。工业和信息化部部长李乐成，副部长辛国斌出席新闻发布会，介绍有关情况。'), '工业和信息化部');
  });

  it('dates a report by the day of the briefing it tells of, so a year-old briefing is old news', () => {
    const dated = documentDate('国务院新闻办公室5月10日举行新闻发布会，国家数据局有关负责人介绍，第七届数字中国建设峰会将于5月24日举行。', null, '2025-04-01');
    assert.deepEqual([dated?.date, dated?.how], ['2024-05-10', 'dateline']);
  });
});

describe('grouping and kinds on days J and K', () => {
  it('never joins an exam\'s question to the document it quotes', () => {
    const opinion = '中共中央办公厅、国务院办公厅印发的《关于加快公共数据资源开发利用的意见》发布，这是中央层面第一次对公共数据资源开发利用作出系统部署。';
    const groups = groupStories([
      { id: 1, title: '中办国办印发《关于加快公共数据资源开发利用的意见》', body: `新华社北京10月9日电 ${opinion}`, docNumber: null },
      { id: 2, title: '材料分析题：中央如何激发供数动力', body: `材料：2024年10月，${opinion}`, docNumber: null },
    ]);
    assert.equal(groups.length, 2);
  });

  it('reads 标准 as a document\'s kind only where the name ends with it', () => {
    assert.equal(documentKind('上交所推动科创板第五套标准扩围').kind, '新闻');
    assert.equal(documentKind('国家人工智能产业综合标准化体系建设指南').kind, '指引');
    assert.equal(documentKind('人形机器人通用技术标准').kind, '指引');
  });

  it('converts a Taiwan-usage copy with Taiwan\'s words too, and leaves a Hong Kong one its own', () => {
    assert.equal(normaliseText('深入開展積體電路「強芯」工程，支援整機企業開發適配一批配套晶片'), '深入开展集成电路“强芯”工程，支持整机企业开发适配一批配套芯片');
    assert.equal(normaliseText('工業和資訊化部等七部門印發'), '工业和信息化部等七部门印发');
    assert.equal(normaliseText('國務院關於深化統計資料管理的意見'), '国务院关于深化统计资料管理的意见');
  });
});

describe('the writer on days J and K', () => {
  it('quotes no transmittal formula, welcome, article number or bare basis, and never one span twice', () => {
    const title = '长春市公共数据资源授权运营管理办法';
    for (const span of ['为全面贯彻党的二十大精神，推动数字技术和实体经济深度融合', '二是发挥财政性资金的引导作用，支持数据要素产业发展', '1月3日，深圳市人大常委会网站正式对外公布条例将于2月1日起施行', '现将《长春市公共数据资源授权运营管理办法》印发给你们，请认真遵照执行', '我们非常高兴邀请到工业和信息化部部长李乐成先生', '第二条 本办法适用于在本市行政区域内开展的公共数据资源授权运营', '根据《中华人民共和国数据安全法》']) assert.equal(worthQuoting(span, title), false, span);
    const twice = '以人形机器人为创新引领，构建“三五成群”的具身智能产品矩阵。\n到2027年底，打造3个以上量产人形机器人产品。\n以人形机器人为创新引领，构建“三五成群”的具身智能产品矩阵。';
    const chosen = chooseQuotes(twice, '杭州市具身智能机器人三年行动方案', loadConfig().taxonomy, 3);
    assert.equal(new Set(chosen).size, chosen.length, JSON.stringify(chosen));
  });

  it('gives no scope from counts of one kind met in parts (3项任务 here, 7项任务 there)', () => {
    const parts = substanceOf('第一是夯实基础，安排3项任务。第二是加速创新场景赋能，安排7项任务。共覆盖12个行业。', '关于“人工智能+交通运输”的实施意见');
    assert.deepEqual(parts.scope, ['覆盖12个行业']);
  });

  it('writes a draft as consulted on, a congress\'s regulation as passed, and two bodies as 两部门', () => {
    const draft = copy(1, '杭州市具身智能机器人“强链补链”三年行动方案(2025-2027年)(征求意见稿)', '杭州市经济和信息化局就《杭州市具身智能机器人“强链补链”三年行动方案(2025-2027年)(征求意见稿)》公开征求意见。征求意见稿指出，到2027年，实现各类具身智能机器人整机企业工业总产值超200亿元。');
    const regulation = copy(2, '深圳经济特区低空经济产业促进条例', '深圳经济特区低空经济产业促进条例\n第一条 为了促进低空经济产业高质量发展，推动低空飞行器研发制造，制定本条例。\n第二条 本条例适用于深圳经济特区内低空经济产业的发展促进活动，支持无人机和低空物流应用场景建设。');
    const joint = copy(3, '国家发展改革委 国家能源局关于推进“人工智能+”能源高质量发展的实施意见', '各省、自治区、直辖市发展改革委、能源局：\n到2027年，推动五个以上专业大模型在电网、发电等行业深度应用，人工智能赋能能源的核心技术取得显著突破。\n国家发展改革委\n国家能源局\n2026年9月14日');
    const docs = [draft, regulation, joint];
    const { brief, failed } = written(analyzeDay(docs, directory, taxonomy, segmenter).candidates, docs);
    assert.deepEqual(failed, []);
    const headlines = brief.items.map((item) => item.headline);
    assert.ok(headlines.includes('杭州市经信局就《杭州市具身智能机器人“强链补链”三年行动方案（2025-2027年）（征求意见稿）》公开征求意见'), headlines.join('\n'));
    assert.ok(headlines.includes('深圳市人大常委会通过《深圳经济特区低空经济产业促进条例》'), headlines.join('\n'));
    assert.ok(headlines.some((h) => h.startsWith('国家发展改革委等两部门印发')), headlines.join('\n'));
  });

  it('names a briefing whose name holds quotes by its kind, and never as 的新闻发布会', () => {
    const report = copy(1, '李乐成出席新闻发布会 介绍有关情况', '2025年9月9日上午，国务院新闻办公室举行“高质量完成‘十四五’规划”系列主题新闻发布会。工业和信息化部部长李乐成，副部长辛国斌出席新闻发布会，介绍新型工业化有关情况。\n李乐成介绍，“十四五”期间我国人工智能企业数量和产业规模持续增长，算力规模位居全球第二。');
    const summit = copy(2, '第七届数字中国建设峰会将于5月24日至25日在福建福州举行', '国家数据局局长刘烈宏10日在国务院新闻办公室举行的新闻发布会上介绍，第七届数字中国建设峰会将于5月24日至25日在福建福州举办，主题为释放数据要素价值，发展新质生产力，推动数字经济发展。');
    for (const doc of [report, summit]) {
      const { brief, failed } = written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]);
      assert.deepEqual(failed, []);
      const text = [brief.items[0]!.headline, ...brief.items[0]!.paragraphs].join('\n');
      assert.doesNotMatch(text, /在的|高质量完成‘十四五’规划”系列主题新闻发布会上/, text);
    }
  });
});

describe('the writer on day K, again', () => {
  it('prints a quote without the spaces a page typed beside Chinese, and keeps those between Latin words', () => {
    assert.equal(inQuotes(' 促进科技创新和产业创新深度融合 ， 助力发展 新质生产力'), '“促进科技创新和产业创新深度融合，助力发展新质生产力”');
    assert.equal(inQuotes('支持 AI Agent 应用'), '“支持AI Agent应用”');
  });

  it('writes a notice that issues a document not named in 《》 as issuing that document, once', () => {
    const notice = copy(1, '中山市人民政府关于印发中山市推进“人工智能+”产业创新发展若干政策措施的通知', '各镇人民政府，各街道办事处，市各有关单位：\n现将中山市推进“人工智能+”产业创新发展若干政策措施印发给你们。\n为企业、政府、高校等提供算力、数据集、模型等“开箱即用”服务，支持人工智能企业发展。\n中山市人民政府\n2026年9月14日');
    const { brief, failed } = written(analyzeDay([notice], directory, taxonomy, segmenter).candidates, [notice]);
    assert.deepEqual(failed, []);
    assert.equal(brief.items[0]!.headline, '中山市人民政府印发中山市推进“人工智能+”产业创新发展若干政策措施');
    assert.doesNotMatch(brief.items[0]!.paragraphs.join(''), /印发关于印发/);
  });

  it('names a briefing a province holds as the text names it, its event by its kind', () => {
    const report = copy(1, '广东出台12条“干货”政策 加快打造全球人工智能与机器人产业高地', '4月1日，广东省召开《广东省推动人工智能与机器人产业创新发展若干政策措施》新闻发布会。广东省财政厅副厅长李树林在会上介绍，省财政每年安排100亿元科技专项资金，支持人工智能与机器人产业发展。\n据介绍，这份政策从支持核心技术攻关、打造应用场景等方面提出12条措施。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.deepEqual(failed, []);
    assert.match(brief.items[0]!.paragraphs[0]!, /^广东省4月1日召开新闻发布会，广东省财政厅介绍《广东省推动人工智能与机器人产业创新发展若干政策措施》/);
  });
});

describe('the fresh user\'s day (2024-01-04)', () => {
  it('reads a copy\'s year-less dateline against its own page\'s day, not the group\'s earliest copy\'s', () => {
    const law = { ...copy(1, '深圳经济特区低空经济产业促进条例', '《深圳经济特区低空经济产业促进条例》经深圳市第七届人民代表大会常务委员会第二十三次会议通过，现予公布，自2024年2月1日起施行。\n为了促进低空经济产业高质量发展，推动低空飞行器研发，制定本条例。'), publishedAt: '2023-12-29T10:00:00+08:00' };
    const report = { ...copy(2, '深圳低空经济产业促进条例2月1日起施行', '1月3日，深圳市人大常委会网站正式对外公布《深圳经济特区低空经济产业促进条例》将于2月1日起施行。据悉，条例设九章，共六十一条，支持低空经济产业发展。'), publishedAt: '2024-01-04T10:00:00+08:00' };
    const story = analyzeDay([law, report], directory, taxonomy, segmenter).candidates.find((c) => c.members.length === 2)!;
    assert.ok(story, 'the law and its report are one story');
    assert.equal(story.significance.evidence.some((e) => e.factor === 'freshness'), false, JSON.stringify(story.significance.evidence));
  });

  it('says the copies came 近日, not 当日, when a copy\'s page is of a later day than the document\'s', () => {
    const text = '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为深入实施“人工智能+”行动，推动人工智能与经济社会各行业各领域广泛深度融合，现提出如下意见。\n到2027年，率先实现人工智能与6大重点领域广泛深度融合。\n国务院\n2026年9月14日';
    const title = '国务院关于深入实施“人工智能+”行动的意见';
    const own = { ...copy(1, title, text), url: 'https://www.gov.cn/zhengce/content/202609/content_1.htm', sourceId: 'gov-cn', publishedAt: '2026-09-14T17:00:00+08:00' };
    const sameDay = { ...copy(2, title, text), siteName: '某某资讯网', publishedAt: '2026-09-14T19:00:00+08:00' };
    const later = { ...copy(3, title, text), siteName: '某某新闻网' };
    const fact = (docs: StoredDocument[]) => {
      const [story] = analyzeDay(docs, directory, taxonomy, segmenter).candidates;
      assert.equal(story!.members.length, docs.length);
      return written([story!], docs).brief.items[0]!.paragraphs[0]!;
    };
    assert.match(fact([own, sameDay]), /当日转载/);
    const both = fact([own, sameDay, later]);
    assert.match(both, /近日转载/);
    assert.doesNotMatch(both, /当日/);
  });

  it('takes no channel of a site (…_新闻中心) for its name, and prints a traditional or glossed name simplified', () => {
    const page = (title: string) => load(`<html><head><title>${title}</title></head><body><h1>标题</h1></body></html>`);
    assert.equal(extractSiteName(page('标题_新闻中心'), '标题'), null);
    assert.equal(extractSiteName(page('标题-政务公开'), '标题'), null);
    assert.equal(extractSiteName(page('标题_国家信息中心'), '标题'), '国家信息中心');
    assert.equal(directory.siteName({ sourceId: 'web:www.chinatimes.com', url: 'https://www.chinatimes.com/a.html', siteName: '中時新聞網' }), '中时新闻网');
  });

  it('keeps a 来源 name\'s glossed bracket whole, and names the body it glosses as the brief prints it', () => {
    assert.equal(normalisePublisher('来源：深圳人大網(wǎng)'), '深圳人大網(wǎng)');
    assert.equal(normalisePublisher('【人民网】'), '人民网');
    assert.equal(normalisePublisher('(新华社'), '新华社');
    assert.equal(normalisePublisher('中国（上海）自由贸易试验区管委会'), '中国（上海）自由贸易试验区管委会');
    const news = { ...copy(1, '低空经济产业观察：无人机企业加快集聚', '低空经济产业加快发展，无人机研发、低空基础设施建设和应用场景不断拓展。\n一批企业围绕低空飞行器开展技术攻关。'), repostOf: '深圳人大網(wǎng)', publisher: '深圳人大網(wǎng)' };
    const [story] = analyzeDay([news], directory, taxonomy, segmenter).candidates;
    assert.equal(story!.origin, '深圳人大网');
  });

  it('counts a 条例 as a law in the abstract\'s judgement, never as a document 正式印发', () => {
    const law = { ...copy(1, '深圳经济特区低空经济产业促进条例', '《深圳经济特区低空经济产业促进条例》经深圳市第七届人民代表大会常务委员会第二十三次会议通过，现予公布，自2024年2月1日起施行。\n为了促进低空经济产业高质量发展，推动低空飞行器研发和低空基础设施建设，制定本条例。'), publishedAt: '2026-09-15T10:00:00+08:00' };
    const plan = copy(2, '上海市人民政府办公厅关于印发《上海市推动人工智能大模型创新发展行动方案》的通知', '各区人民政府，市政府各委、办、局：\n为加快人工智能大模型创新发展，培育新质生产力，制定本行动方案。到2027年，建成10个以上行业高质量数据集。\n上海市人民政府办公厅\n2026年9月10日');
    const candidates = analyzeDay([law, plan], directory, taxonomy, segmenter).candidates;
    assert.deepEqual(candidates.map((c) => c.significance.kind).sort(), ['方案', '条例'].sort());
    const { brief, failed } = written(candidates, [law, plan]);
    assert.match(brief.abstract, /中有一条为正式印发的政策文件、一条为法律法规/);
    assert.doesNotMatch(brief.abstract, /全部为正式印发/);
    assert.deepEqual(failed, []);
  });

  it('counts a joint document\'s bodies from its signature or the bodies its lead lists after 会同, where no count is written', () => {
    const signers = ['国 家 数 据 局', '中 央 网 信 办', '科     技     部', '工业和信息化部', '交 通 运 输 部', '农 业 农 村 部', '商     务     部', '文化和旅游部', '国家卫生健康委', '应 急 管 理 部', '中国人民银行', '金融监管总局', '国 家 医 保 局', '中 国 科 学 院', '中 国 气 象 局', '国 家 文 物 局', '国家中医药局'];
    const notice = `各省、自治区、直辖市数据管理部门：\n为深入贯彻党的二十大和中央经济工作会议精神，充分发挥数据要素乘数效应，国家数据局会同有关部门制定了《“数据要素×”三年行动计划(2024—2026年)》，现印发给你们，请认真组织实施。\n${signers.join('\n')}\n2023年12月31日`;
    const title = '国家数据局等部门关于印发《“数据要素×”三年行动计划(2024—2026年)》的通知';
    assert.deepEqual([issuer(title, notice), readIssuer({ title, body: notice, docNumber: null }, directory)?.partners], ['国家数据局', '十七']);
    const lead = `近日，国家数据局会同${signers.slice(1).map((s) => s.replace(/\s+/g, '')).join('、')}等部门联合印发《“数据要素×”三年行动计划(2024—2026年)》(国数政策〔2023〕11号)。`;
    const report = readIssuer({ title: '以数据要素乘数效应赋能经济社会发展', body: `为深入贯彻党的二十大和中央经济工作会议精神，充分发挥数据要素乘数效应，赋能经济社会发展，${lead}`, docNumber: null }, directory);
    assert.deepEqual([report?.name, report?.partners], ['国家数据局', '十七']);
  });
});

describe('days L and M (held out, then used)', () => {
  it('reads the body a report credits by its site (工业和信息化部网站发布消息), after a copied info line', () => {
    const body = '2024 06/04 17:55:53 来源:新华网\n6月4日,工业和信息化部网站发布消息,工业和信息化部、公安部、住房城乡建设部、交通运输部有序开展智能网联汽车准入和上路通行试点。';
    assert.equal(issuer('智能网联汽车准入和上路通行试点工作解读-新华网', body), '工业和信息化部');
    // An agency's own news is no body's site: it is the agency's (day-bn's 据新华社报导).
    assert.equal(issuer('观察', '据新华社消息，多地加快布局人工智能产业。'), '新华社');
  });

  it('reads the body a document\'s own name starts with, when the text tells of it coming out, not when it cites it', () => {
    assert.equal(issuer('“十五五”规划建议六大政策亮点', '《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》日前正式发布，全文15个部分、61条。'), '中共中央');
    assert.equal(issuer('规划建议全文公布', '记者任以芳／北京报导\n中共二十届四中全会上周23日闭幕，官媒新华社27日依惯例公布《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》全文。'), '中共中央');
    assert.equal(issuer('观察', '为贯彻落实《国务院关于深入实施“人工智能+”行动的意见》，多地出台配套举措，推动人工智能产业发展。'), undefined);
    assert.equal(issuer('观察', '《国务院关于深入实施“人工智能+”行动的意见》明确提出，推动人工智能与各行业深度融合。多地加快落实。'), undefined);
  });

  it('counts a list of bodies followed by its count without 等 (…中国科学院7个部门发布)', () => {
    const found = readIssuer({ title: '重大利好!七部门发文,人形机器人再添新政!', body: '2024-02-01 文章来源 中国机器人网\n1月29日，工信部、教育部、科技部、交通运输部、文旅部、国务院国资委、中国科学院7个部门发布《工业和信息化部等七部门关于推动未来产业创新发展的实施意见》。', docNumber: null }, directory);
    assert.deepEqual([found?.name, found?.partners], ['工业和信息化部', '7']);
  });

  it('credits a consultation to the body that put out its notice (…厅发布公告，就《…》征求意见)', () => {
    assert.equal(issuer('內蒙古就低空經濟高質量發展實施方案公開徵求意見', '6月19日，內蒙古自治區工業(yè)和信息化廳發(fā)布公告，就《內蒙古自治區低空經(jīng)濟(jì)高質(zhì)量發(fā)展實施方案(2024-2027年)(征求意見稿)》向社會(huì)公開徵求意見。'), '内蒙古自治区工业和信息化厅');
  });

  it('gives the State Council\'s executive meeting to the State Council, and a national conference the general secretary addresses to the Party centre', () => {
    assert.equal(issuer('國常會部署進一步促進民間投資發展', '《經濟通通訊社駐京記者15日北京專電》國務院總理李強12日主持國務院常務會議，部署進一步促進民間投資發展的若干措施。'), '国务院');
    assert.equal(issuer('x', '新华社北京6月24日电 全国科技大会、国家科学技术奖励大会和两院院士大会24日上午在北京人民大会堂召开。习近平出席大会，为国家最高科学技术奖获得者等颁奖，并发表重要讲话。'), '中共中央');
    // A meeting that studies the speech is its own body's, and one he did not attend is no centre's.
    assert.equal(issuer('x', '干部大会24日召开，传达学习习近平总书记出席全国科技大会时的重要讲话精神。'), undefined);
    assert.notEqual(issuer('x', '7月5日，全省科技大会在济南召开。省委书记出席并讲话。'), '中共中央');
  });

  it('dates a text by the info line it copied from its page, and reads dates typed with spaces', () => {
    // …and the lead below it the day it tells of, in the info line's year (the document came out on 29 January).
    assert.deepEqual(documentDate('2024-02-01 文章来源 中国机器人网\n1月29日，工信部等七个部门发布《实施意见》。', null, '2024-07-03')?.date, '2024-01-29');
    assert.deepEqual(documentDate('2024-02-01 文章来源 中国机器人网\n工信部等七个部门发布《实施意见》。', null, '2024-07-03')?.date, '2024-02-01');
    assert.deepEqual(documentDate('2024 06/04 17:55:53 来源:新华网\n6月4日,工业和信息化部网站发布消息。', null, '2024-07-03')?.date, '2024-06-04');
    assert.deepEqual(documentDate('2024-02-01\n1月29日，工信部等七个部门发布《实施意见》。', null, '2024-07-03')?.date, '2024-02-01');
    // A date opening a sentence is the lead's, not an info line.
    assert.deepEqual(documentDate('2024年6月4日，工业和信息化部等四部门确定9个联合体。', null, '2024-07-03')?.how, undefined);
    assert.deepEqual(documentDate('国务院办公厅 11 月 7 日对外发布《关于加快场景培育和开放推动新场景大规模应用的实施意见》。', null, '2025-11-11')?.date, '2025-11-07');
  });

  it('joins a report whose subtitle names the document it reports (…——17部门联合印发《…》)', () => {
    assert.deepEqual(issuedDocuments('以数据要素乘数效应赋能经济社会发展——17部门联合印发《“数据要素×”三年行动计划(2024—2026年)》', '正文。'), ['“数据要素×”三年行动计划(2024—2026年)']);
  });

  it('counts the topics editors picked that the taxonomy lacked: connected vehicles, venture capital, self-reliance in science', () => {
    const score = (title: string, body: string) => scoreRelevance(title, body, taxonomy, segmenter).score;
    assert.ok(score('关于公布智能网联汽车“车路云一体化”应用试点城市名单的通知', '确定北京等20个城市为智能网联汽车“车路云一体化”应用试点城市。') >= 4);
    assert.ok(score('国务院办公厅关于印发《促进创业投资高质量发展的若干政策措施》的通知', '促进创业投资高质量发展，发挥创业投资支持科技创新的作用，培育耐心资本。') >= 4);
    assert.ok(score('国务院关于印发《推动大规模设备更新和消费品以旧换新行动方案》的通知', '推动大规模设备更新，加快智能制造和工业母机升级，提升先进产能比重。') >= 4);
    // 无人驾驶 is also a drone's word: a police notice on 无人驾驶航空器 is not counted for vehicles.
    assert.equal(scoreRelevance('关于加强“低慢小”航空器管控的通告', '禁止无人驾驶航空器、无人驾驶自由气球飞行。', taxonomy, segmenter).themes.some((t) => t.themeName === '智能网联汽车'), false);
  });

  it('takes a document a sentence starts with as the news when the sentence says it came out', () => {
    assert.equal(issuedDocument('“十五五”规划建议六大政策亮点', '《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》日前正式发布，全文15个部分、61条。'), '中共中央关于制定国民经济和社会发展第十五个五年规划的建议');
    assert.equal(issuedDocument('观察', '《国务院关于深入实施“人工智能+”行动的意见》提出，推动人工智能与各行业深度融合。'), null);
  });

  it('heads a briefing by the document it presented, and a body\'s own briefing page by what it held', () => {
    const report = copy(1, '权威部门详解：加快场景培育和开放 打造新兴产业发展“加速器”', '9月14日，国务院新闻办公室举行国务院政策例行吹风会，国家发展改革委副主任李春临介绍《关于加快场景培育和开放推动新场景大规模应用的实施意见》有关情况。\n李春临说，场景培育开放正越来越成为推动科技创新和产业创新深度融合的新引擎。');
    const held = copy(2, '国家数据局举办“数据要素×”系列新闻发布会(第三场)', '9月14日，国家数据局举办“数据要素×”系列新闻发布会第三场。国家数据局政策和规划司负责人、新闻发言人栾婕介绍，今年“数据要素×”大赛已完成地方分赛，全国报名队伍突破2.2万支。');
    const candidates = analyzeDay([report, held], directory, taxonomy, segmenter).candidates;
    const { brief, failed } = written(candidates, [report, held]);
    const headlines = brief.items.map((item) => item.headline).sort();
    assert.deepEqual(headlines, ['国家发展改革委介绍《关于加快场景培育和开放推动新场景大规模应用的实施意见》', '国家数据局举办“数据要素×”系列新闻发布会（第三场）'].sort());
    const fact = brief.items.find((item) => item.headline.startsWith('国家数据局'))!.paragraphs[0]!;
    assert.match(fact, /^国家数据局9月14日举办新闻发布会/);
    assert.deepEqual(failed, []);
  });

  it('reads a report that puts a draft out as a draft (发布《…指南》(征求意见稿)，向社会公开征求意见), its kind a draft\'s', () => {
    const body = '工信部近日发布《国家人工智能产业综合标准化体系建设指南》(征求意见稿)，向社会公开征求意见，目的是加快形成标准体系。\n按照征求意见稿，到2026年，新制定国家标准和行业标准50项以上。';
    assert.equal(isDraft('工信部:推动人工智能产业高质量发展的标准体系加快形成', body), true);
    // A report that mentions a draft of before is no draft.
    assert.equal(isDraft('指南正式发布', '工信部等四部门印发《国家人工智能产业综合标准化体系建设指南(2024版)》。此前发布的征求意见稿收到意见200余条。'), false);
    const [story] = analyzeDay([copy(1, '工信部:推动人工智能产业高质量发展的标准体系加快形成', body)], directory, taxonomy, segmenter).candidates;
    assert.equal(story!.significance.kind, '征求意见稿');
  });

  it('heads a list notice by its list, an interpretation by its own headline, and drops a site\'s name from a title', () => {
    assert.equal(cleanTitle('智能网联汽车准入和上路通行试点工作解读-新华网'), '智能网联汽车准入和上路通行试点工作解读');
    assert.equal(cleanTitle('关于印发实施方案(2024-2027年)'), '关于印发实施方案(2024-2027年)');
    const list = { ...copy(1, '关于公布智能网联汽车“车路云一体化”应用试点城市名单的通知', '工业和信息化部、公安部、自然资源部、住房和城乡建设部、交通运输部确定了20个城市（联合体）为智能网联汽车“车路云一体化”应用试点城市。\n工业和信息化部\n公安部\n2026年9月10日'), docNumber: '工信部联通装函〔2024〕181号' };
    const qa = copy(2, '智能网联汽车准入和上路通行试点工作解读-新华网', '2024 06/04 17:55:53 来源:新华网\n9月14日,工业和信息化部网站发布消息,工业和信息化部、公安部、住房城乡建设部、交通运输部有序开展智能网联汽车准入和上路通行试点。工信部网站还发布了《智能网联汽车准入和上路通行试点工作问答》，对相关工作进行介绍和解读。');
    const candidates = analyzeDay([list, qa], directory, taxonomy, segmenter).candidates;
    const { brief, failed } = written(candidates, [list, qa]);
    assert.deepEqual(brief.items.map((item) => item.headline).sort(), ['工信部等两部门公布智能网联汽车“车路云一体化”应用试点城市名单', '工信部发布智能网联汽车准入和上路通行试点工作解读'].sort());
    assert.deepEqual(failed, []);
  });

  it('reads a briefing held on a day written without its month (国务院新闻办26日举行…吹风会)', () => {
    const report = copy(1, '国务院政策例行吹风会解读“创投十七条”', '国务院办公厅近日印发《促进创业投资高质量发展的若干政策措施》，业内称为“创投十七条”。\n国务院新闻办14日举行国务院政策例行吹风会，有关部门负责人就文件出台背景作了解读。\n国家发展改革委副主任李春临说，发展创业投资是促进科技、产业、金融良性循环的重要举措。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.match(brief.items[0]!.paragraphs[0]!, /^国务院新闻办14日举行国务院政策例行吹风会，国家发展和改革委员会介绍《促进创业投资高质量发展的若干政策措施》/);
    assert.deepEqual(failed, []);
  });

  it('reads a leader\'s signed article as its author\'s, national by the post, and writes it as published in its paper', () => {
    const read = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory);
    const byPost = read('何立峰人民日报撰文：全面实施“人工智能+”行动', '国务院副总理何立峰今日在《人民日报》发表署名文章“因地制宜发展新质生产力”，指出发展新质生产力是推动高质量发展的内在要求。');
    assert.deepEqual([byPost?.name, byPost?.tier], ['何立峰', 'national']);
    assert.equal(read('何立峰：因地制宜发展新质生产力', '中评社北京9月15日电／何立峰同志在人民日报发表文章《因地制宜发展新质生产力》。')?.name, '何立峰');
    assert.equal(read('求是杂志发表习近平总书记重要文章', '新华社北京5月31日电 6月1日出版的第11期《求是》杂志将发表中共中央总书记、国家主席、中央军委主席习近平的重要文章《发展新质生产力是推动高质量发展的内在要求和重要着力点》。')?.name, '习近平');
    // A scholar's article names no post, and a paper's own commentary no author: no leader's.
    assert.equal(read('专家观点', '清华大学教授张三在人民日报发表文章，认为应加快发展新质生产力。')?.tier, undefined);
    assert.equal(read('人民日报评论员文章', '《人民日报》今日发表评论员文章《因地制宜发展新质生产力》。')?.tier, undefined);
    // Its dateline (…电／) and its own act of publishing are the facts' lead, never a quote.
    assert.equal(worthQuoting('新华社北京9月15日电／国家数据局近日召开座谈会，研究部署数据要素工作', '座谈会'), false);
    assert.equal(worthQuoting('何立峰同志在人民日报发表署名文章《因地制宜发展新质生产力》', '何立峰：因地制宜发展新质生产力'), false);
    const article = copy(1, '何立峰：因地制宜发展新质生产力', '中评社北京9月15日电／何立峰同志在人民日报发表文章《因地制宜发展新质生产力》。文章开篇指出，发展新质生产力是推动高质量发展的内在要求和重要着力点，必须认真学习、深刻领会、贯彻落实。\n文章认为，新质生产力是生产力中创新最活跃、技术最前沿、前景最广阔的部分。');
    const plan = copy(2, '上海市人民政府办公厅关于印发《上海市推动人工智能大模型创新发展行动方案》的通知', '各区人民政府，市政府各委、办、局：\n为加快人工智能大模型创新发展，培育新质生产力，制定本行动方案。到2027年，建成10个以上行业高质量数据集。\n上海市人民政府办公厅\n2026年9月10日');
    const candidates = analyzeDay([article, plan], directory, taxonomy, segmenter).candidates;
    const story = candidates.find((c) => c.members.some((m) => m.id === 1));
    assert.deepEqual([story!.origin, story!.tier, story!.tierHow, story!.significance.kind], ['何立峰', 'national', 'post', '署名文章']);
    const { brief, failed } = written([story!, ...candidates.filter((c) => c !== story)], [article, plan]);
    assert.equal(brief.items[0]!.headline, '何立峰在人民日报发表署名文章《因地制宜发展新质生产力》');
    assert.match(brief.items[0]!.paragraphs[0]!, /^何立峰9月15日在人民日报发表署名文章《因地制宜发展新质生产力》。/);
    assert.doesNotMatch(brief.items[0]!.paragraphs[0]!, /电／/);
    assert.equal(brief.references[0]!.publisher, '人民日报');
    // One document of the two: the article is no document, and no 政策形态.
    assert.match(brief.abstract, /两条信息中有一条为正式印发的政策文件/);
    assert.doesNotMatch(brief.abstract, /涵盖[^。]*署名文章/);
    assert.deepEqual(failed, []);
  });
});

describe('day N (held out, then used)', () => {
  it('gives a work report to the government that delivers it, and a series\' provincial session to that province', () => {
    assert.equal(issuer('發展「新質生產力」成政府今年首要任務', '國務院總理李強昨日作《政府工作報告》，在2024年十項工作任務中，排在第一的是「大力推進現代化產業體系建設，加快發展新質生產力」。'), '国务院');
    assert.equal(issuer('政府工作报告首提“人工智能+”', '3月5日上午9时，十四届全国人大二次会议在人民大会堂开幕，2024年政府工作报告发布，经济增长目标仍定在5%左右。'), '国务院');
    assert.equal(issuer('x', '1月23日，浙江省第十四届人民代表大会第二次会议开幕，浙江省省长王浩作政府工作报告。'), '浙江省人民政府');
    assert.equal(issuer('争当先行者的浙江这样回答', '3月27日上午，国务院新闻办公室举行“推动高质量发展”系列主题新闻发布会浙江专场，主题是持续推动“八八战略”走深走实。'), '浙江省人民政府');
    // The Party centre's own press conference is the centre's, whichever ministry's head speaks at it (day-m).
    assert.equal(issuer('中共中央举行新闻发布会解读四中全会精神', '10月24日上午，中共中央举行新闻发布会，介绍和解读党的二十届四中全会精神。国家发展改革委主任郑栅洁表示，《建议》提出打造新兴支柱产业。'), '中共中央');
    // A report that only mentions the work report names no one by it.
    assert.notEqual(issuer('观察', '多地认真学习贯彻政府工作报告精神，加快发展新质生产力。'), '国务院');
  });

  it('dates a report by the 文号 it writes after the name of its document, never by one it cites', () => {
    const report = copy(1, '以数据要素乘数效应赋能经济社会发展', '近日，国家数据局会同中央网信办、科技部等部门联合印发《“数据要素×”三年行动计划(2024—2026年)》(国数政策〔2023〕11号,以下简称《行动计划》)。\n《行动计划》选取工业制造、现代农业等12个行业和领域，推动发挥数据要素乘数效应。');
    assert.equal(docNumberAfter('“数据要素×”三年行动计划(2024—2026年)', normaliseText(report.body)), '国数政策〔2023〕11号');
    const [story] = analyzeDay([report], directory, taxonomy, segmenter).candidates;
    assert.equal(story!.significance.evidence.some((e) => e.factor === 'freshness'), true, JSON.stringify(story!.significance.evidence));
    // A new plan that cites an old one's 文号 is not old.
    const plan = copy(2, '关于推进人工智能+行动的实施方案', '为贯彻落实《国务院关于深入实施“人工智能+”行动的意见》(国发〔2025〕11号)，制定本方案。到2027年，建成一批行业高质量数据集。');
    assert.equal(docNumberAfter('关于推进人工智能+行动的实施方案', plan.body), null);
  });

  it('reads a document name a page wrapped over two lines as one name', () => {
    assert.equal(issuedDocument('深圳：建设城市级智能算力平台', '中共深圳市委办公厅、深圳市人民政府办公厅印发《深圳市加快推动\n人工智能高质量发展高水平应用行动方案（2023—2024年）》。'), '深圳市加快推动人工智能高质量发展高水平应用行动方案（2023—2024年）');
  });

  it('opens the analysis of a section that quotes nothing with the plainest sentence, so its own words never outweigh the source', () => {
    const report = copy(1, '沈竹林：《“数据要素x”三年行动计划》即将公开印发', '国家数据局副局长沈竹林在媒体吹风会上说，国家数据局已会同有关方面起草《"数据要素x"三年行动计划(2024-2026年)》，即将公开印发。');
    const others = [
      copy(2, '上海市推动低空经济高质量发展行动方案', '到2027年，本市低空经济核心产业规模达到500亿元，建设低空飞行服务保障体系，开通无人机物流航线。'),
      copy(3, '深圳市算力券实施细则', '对使用智能算力的企业发放算力券，单个企业每年最高支持1000万元，支持大模型训练和推理。'),
      copy(4, '广州市公共数据授权运营管理办法', '推动公共数据资源开发利用，建立公共数据授权运营机制，培育数据要素市场，规范数据产品交易。'),
    ];
    const docs = [...others, report];
    const candidates = analyzeDay(docs, directory, taxonomy, segmenter).candidates;
    // Fourth in the issue, where the longest opening (就层级而言，这属于…) falls in turn.
    const ordered = [...candidates.filter((c) => !c.members.includes(report)), ...candidates.filter((c) => c.members.includes(report))];
    const { brief, failed } = written(ordered, docs);
    assert.equal(brief.items.length, 4);
    assert.match(brief.items[3]!.paragraphs[1]!, /^这是/);
    assert.deepEqual(failed, []);
  });

  it('dates a plan for a period that began before the year it is met in as no later than that year', () => {
    assert.deepEqual(periodStart('深圳市加快推动人工智能高质量发展高水平应用行动方案（2023—2024年）', '2024-03-28'), { date: null, year: 2023, how: 'period', evidence: '（2023—2024年）' });
    assert.equal(periodStart('“数据要素×”三年行动计划(2024—2026年)', '2024-03-28'), null);
    const plan = copy(1, '深圳：建设城市级智能算力平台', '中共深圳市委办公厅、深圳市人民政府办公厅印发《深圳市加快推动人工智能高质量发展高水平应用行动方案（2023—2024年）》，提出建设城市级智能算力平台。');
    const [story] = analyzeDay([{ ...plan, publishedAt: '2026-03-28T10:00:00+08:00' }], directory, taxonomy, segmenter).candidates;
    // The copy was met in 2026; a plan for 2023—2024 is old news.
    assert.equal(story!.significance.evidence.some((e) => e.factor === 'freshness'), true);
  });

  it('never writes a page\'s day for a report another copy dates earlier, nor 该院 of the State Council, and sets a headline\'s marks in Chinese', () => {
    const report = { ...copy(1, '发展“新质生产力”成政府今年首要任务', '国务院总理李强昨日作政府工作报告，在十项工作任务中，排在第一的是“大力推进现代化产业体系建设，加快发展新质生产力”。'), url: 'https://www.mirror1.com/20260306/a.html' };
    const [story] = analyzeDay([report], directory, taxonomy, segmenter).candidates;
    assert.deepEqual(story!.issuedOn, { date: null, how: 'earlier' });
    const fact = written([story!], [report]).brief.items[0]!.paragraphs[0]!;
    assert.doesNotMatch(fact, /9月15日|该院/);
    assert.match(fact, /近日/);
    assert.equal(asRunningText('北京发放算力券补贴,医疗大模型企业可申请!'), '北京发放算力券补贴，医疗大模型企业可申请！');
  });

  it('quotes neither the guiding ideology every document states nor a line that is a document\'s title', () => {
    assert.equal(worthQuoting('推动大规模设备更新和消费品以旧换新，要以习近平新时代中国特色社会主义思想为指导', '行动方案'), false);
    assert.equal(worthQuoting('北京市经济和信息化局关于印发人工智能算力券实施方案（2023—2025年）的通知', '北京发放算力券补贴'), false);
    assert.equal(worthQuoting('对使用智能算力的企业发放算力券，单个企业每年最高支持200万元', '北京发放算力券补贴'), true);
  });
});

describe('day O (held out, then used)', () => {
  it('reads the NPC\'s 记者会 as a briefing, credited to the body of the official the report quotes first of those listed', () => {
    const body = '3月6日下午，十四届全国人大三次会议举行记者会，国家发展和改革委员会主任郑栅洁、财政部部长蓝佛安、商务部部长王文涛、中国人民银行行长潘功胜、中国证监会主席吴清出席，就经济问题回答记者提问。\n郑栅洁说，近期将设立国家创业投资引导基金，预计吸引带动地方和社会资本近1万亿元。';
    assert.equal(isBriefingReport('“航母级”国家创业投资引导基金要来了', body), true);
    assert.equal(issuer('“航母级”国家创业投资引导基金要来了', body), '国家发展和改革委员会');
    assert.equal(issuer('x', body.replace('郑栅洁说', '吴清表示')), '中国证券监督管理委员会');
  });

  it('credits the general secretary\'s meetings and visits to the Party centre, but not a stitched page\'s stray line of his', () => {
    assert.equal(issuer('习近平：经济大省要挑大梁', '【大公报讯】据新华社报道：中共中央总书记、国家主席、中央军委主席习近平5日下午参加他所在的十四届全国人大三次会议江苏代表团审议。'), '中共中央');
    assert.equal(issuer('民营企业座谈会为民营经济吃下定心丸', '孟珂\n2月17日，习近平总书记出席民营企业座谈会，强调新时代新征程民营经济发展前景广阔、大有可为。'), '中共中央');
    const stitched = '更新时间:\n谈及优化科技创新和技术改造再贷款，潘功胜表示再贷款规模将由目前的5000亿元扩大到8000亿元至1万亿元。\n3月5日，习近平总书记参加江苏代表团审议时要求江苏在推动科技创新和产业创新融合上打头阵。';
    assert.notEqual(issuer('潘功胜：科技创新和技术改造再贷款扩大至8000亿至1万亿元', stitched), '中共中央');
  });

  it('writes the head acting for the Party or the State Council as an editor does, dated only by a day the copy gives', () => {
    const visit = copy(1, '习近平：经济大省要挑大梁 江苏要在科技创新和产业创新融合上打头阵', '【大公报讯】据新华社报道：中共中央总书记、国家主席、中央军委主席习近平5日下午参加他所在的十四届全国人大三次会议江苏代表团审议。\n习近平强调，经济大省要挑大梁，江苏要在推动科技创新和产业创新融合上打头阵，加快发展新质生产力。');
    const report = copy(2, '发展“新质生产力”成政府今年首要任务', '国务院总理李强昨日作《政府工作报告》，在十项工作任务中，排在第一的是“大力推进现代化产业体系建设，加快发展新质生产力”。\n报告提出开展“人工智能+”行动，培育未来产业。');
    const candidates = analyzeDay([visit, report], directory, taxonomy, segmenter).candidates;
    const { brief, failed } = written(candidates, [visit, report]);
    const byHeadline = new Map(brief.items.map((item) => [item.headline.split('，')[0], item.paragraphs[0]!]));
    assert.match(byHeadline.get('中共中央总书记习近平参加十四届全国人大三次会议江苏代表团审议') ?? '', /^中共中央总书记习近平近日参加十四届全国人大三次会议江苏代表团审议。/);
    assert.match(byHeadline.get('国务院总理李强作政府工作报告') ?? '', /^国务院总理李强近日作政府工作报告。/);
    assert.doesNotMatch(brief.items.map((item) => item.paragraphs[0]).join(''), /9月15日|发布消息/);
    assert.deepEqual(failed, []);
  });
});


describe('days O, P and Q: the register of officials, one event in other words, dates a copy writes', () => {
  const on = (title: string, body: string, day: string | null) => readIssuer({ title, body, docNumber: null, on: day }, directory);

  it('reads the body of an official a report quotes by name alone, in its headline or its opening, on the days he held the post', () => {
    const spam = '更新时间:\n谈到优化科技创新和技术改造再贷款，潘功胜说，再贷款规模将由目前的5000亿元扩大到8000亿元至1万亿元。\n2024年，十个经济大省的地区生产总值合计占全国六成以上。';
    const governor = on('潘功胜：科技创新和技术改造再贷款扩大到8000亿元至1万亿元', spam, '2025-03-06');
    assert.deepEqual([governor?.name, governor?.how], ['中国人民银行', 'official']);
    assert.match(governor!.evidence, /潘功胜：（人民银行行长）/);
    // Before July 2023 the same man headed the 外汇局; before 2016, no post of the register.
    assert.equal(on('潘功胜：外汇市场运行总体平稳', '潘功胜表示，外汇市场运行总体平稳。', '2020-01-10')?.name, '国家外汇管理局');
    assert.equal(on('潘功胜：外汇市场运行总体平稳', '潘功胜表示，外汇市场运行总体平稳。', '2015-01-10'), null);
    assert.equal(on('吴清：加快健全专门针对科技企业的支持机制', '吴清表示，证监会将用好用足现有制度。', '2025-03-06')?.name, '中国证券监督管理委员会');
    assert.equal(on('资本市场观察', '吴清表示，证监会将用好用足现有制度。', '2025-03-06')?.name, '中国证券监督管理委员会');
    // 易会满 in a 2019 transcript is the 证监会's; the name in 2025 is no one's.
    assert.equal(on('科创板答问', '易会满说，设立科创板是资本市场的重大改革。', '2019-02-27')?.name, '中国证券监督管理委员会');
    assert.equal(on('科创板答问', '易会满说，设立科创板是资本市场的重大改革。', '2025-03-06'), null);
  });

  it('does not read a name inside a longer one, a speaker the text quotes after the body it is about, or a name that does not speak', () => {
    assert.equal(on('市场观察', '张吴清表示，公司将加大研发投入。', '2025-03-06'), null);
    assert.equal(on('市场观察', '潘功胜出席论坛。', '2025-03-06'), null);
    const opinion = '中共中央办公厅、国务院办公厅发出文件，鼓励依法依规、有序开放公共数据。\n国家数据局局长刘烈宏表示，一批高质量公共数据将陆续推出。';
    assert.equal(on('中央鼓励依法有序开放公共数据 料明年建立相关规则', opinion, '2024-10-11')?.name, '中共中央办公厅');
    const witness = '数据开放新进展。中共中央办公厅、国务院办公厅对公共数据开发利用作出部署。刘烈宏表示，一批高质量公共数据将陆续推出。';
    assert.notEqual(on('公共数据将陆续推出', witness, '2024-10-11')?.name, '国家数据局');
  });

  it('reads an old text\'s speaker against the day the text gives, not the day its copy was met', () => {
    const old = copy(1, '潘功胜：外汇市场运行总体平稳', '潘功胜表示，外汇市场运行总体平稳，跨境资金流动保持基本平衡。\n2019年2月27日');
    assert.equal(analyzeDay([old], directory, taxonomy, segmenter).candidates[0]?.origin, '国家外汇管理局');
  });

  it('credits a briefing\'s speaker the report names without his post to the body of his post', () => {
    const body = '当天，十四届全国人大三次会议经济主题记者会在北京举行。潘功胜在会上说，债券市场“科技板”将支持三类主体发行科技创新债券。';
    assert.equal(isBriefingReport('债券市场“科技板”来了', body), true);
    assert.equal(on('债券市场“科技板”来了', body, '2025-03-06')?.name, '中国人民银行');
  });

  it('refuses a register that names a body the registry does not list, naming the entry', () => {
    const file = { bodies: [{ name: '国务院', tier: 'national' }], officials: [{ name: '某某', body: '不存在的局', post: '局长' }] };
    assert.throws(() => validate(bodiesFileSchema, file, 'bodies.yaml'), /bodies\.yaml.*officials\.0\(某某\)\.body/);
    assert.throws(() => validate(bodiesFileSchema, { ...file, officials: [{ name: '某某', body: '国务院', post: '总理', from: '2023-03-11', until: '2020-01-01' }] }, 'bodies.yaml'), /officials\.0\(某某\)\.until/);
    assert.equal(validate(bodiesFileSchema, { ...file, officials: [{ name: '某某', body: '国务院', post: '总理', from: '2023-03-11' }] }, 'bodies.yaml').officials.length, 1);
  });

  it('heads and opens a story its headline gives to the body\'s head as an editor does: post, name, his words', () => {
    const report = copy(1, '潘功胜：债券市场“科技板”支持三类主体发行科技创新债券', '当天，十四届全国人大三次会议经济主题记者会在北京举行。潘功胜在会上说，债券市场“科技板”将支持金融机构、科技型企业、私募股权投资机构三类主体发行科技创新债券，丰富科技创新债券产品体系。');
    const candidates = analyzeDay([report], directory, taxonomy, segmenter).candidates;
    const { brief, failed } = written(candidates, [report]);
    assert.equal(brief.items[0]!.headline, '人民银行行长潘功胜：债券市场“科技板”支持三类主体发行科技创新债券');
    assert.match(brief.items[0]!.paragraphs[0]!, /^中国人民银行行长潘功胜表示，债券市场“科技板”支持三类主体发行科技创新债券。/);
    assert.doesNotMatch(brief.items[0]!.paragraphs[0]!, /发布解读|解读文章/);
    assert.deepEqual(failed, []);
  });

  it('prints one body\'s reports of one event in other words once: the same first theme or the same speaker, a day apart at most', () => {
    const report = (id: number, title: string, body: string, at = '2026-09-15T10:00:00+08:00') => ({ ...copy(id, title, body), publishedAt: at });
    const first = report(1, '郑栅洁称将设立国家创业投资引导基金', '国家发展改革委主任郑栅洁表示，将设立国家创业投资引导基金，带动地方和社会资本近1万亿元，支持创业投资、耐心资本和硬科技。');
    const second = report(2, '郑栅洁：培育新质生产力抓好资金、人才、生态3个重点', '国家发展改革委主任郑栅洁说，培育新质生产力要抓好资金、人才、生态，发展未来产业和新质生产力。');
    const candidates = analyzeDay([first, second], directory, taxonomy, segmenter).candidates;
    assert.equal(candidates.length, 2);
    assert.equal(oneEvent(candidates[0]!, candidates[1]!), true);
    assert.equal(selectItems(candidates, { minItems: 1, maxItems: 7, minRelevance: 0 }).length, 1);
    // A headline may name the speaker by his post first (工信部部长李乐成首次亮相…): the same speaker still.
    const post = analyzeDay([report(4, '【聚焦两会】工信部部长李乐成首秀部长通道：发展低空经济', '工业和信息化部部长李乐成表示，将发展低空经济，推进低空飞行器和通用航空装备产业。'), report(5, '李乐成：推动人形机器人产业发展', '李乐成说，推动人形机器人和具身智能产业发展，建设具身智能创新中心。')], directory, taxonomy, segmenter).candidates;
    assert.equal(post.length, 2);
    assert.notEqual(post[0]!.relevance.themes[0]?.themeId, post[1]!.relevance.themes[0]?.themeId);
    assert.equal(oneEvent(post[0]!, post[1]!), true);
    // Three days apart, they are two events.
    const later = analyzeDay([first, { ...second, publishedAt: '2026-09-18T10:00:00+08:00' }], directory, taxonomy, segmenter).candidates;
    assert.equal(oneEvent(later[0]!, later[1]!), false);
    // Another body's report of the same theme is another story.
    const other = analyzeDay([first, report(3, '吴清：大力培育耐心资本', '证监会主席吴清表示，将大力培育长期资本、耐心资本，支持创业投资和硬科技企业。')], directory, taxonomy, segmenter).candidates;
    assert.equal(oneEvent(other[0]!, other[1]!), false);
  });

  it('credits a central work conference a text reports as held to the Party centre, not one it cites, nor a document it recalls', () => {
    const held = '热解读 12月11日至12日，中央经济工作会议在北京举行，确定了2025年要抓好的九项重点任务。\n文章回顾，2017年国务院印发《新一代人工智能发展规划》。';
    // A broadcaster's column (热解读) is the broadcaster's, even where it reports the meeting held: the story's origin
    // goes to the body when a copy names it (resolveOrigin), not to the column.
    assert.equal(issuer('热解读｜中央经济工作会议再次部署开展“人工智能+”行动', held), '中央广播电视总台');
    assert.equal(issuer('中央经济工作会议再提开展“人工智能+”行动', '南都记者了解到，会议再次提出开展“人工智能+”行动。'), '中共中央');
    const cited = '为贯彻落实《无人驾驶航空器飞行管理暂行条例》以及2023年中央经济工作会议提出的“打造低空经济等若干战略性新兴产业”相关要求，推动我市低空经济高质量发展，制定本实施方案。';
    assert.notEqual(issuer('苏州市低空经济高质量发展实施方案', cited), '中共中央');
    assert.notEqual(issuer('全国工业和信息化工作会议在京召开', '全国工业和信息化工作会议12月26日至27日在京召开。会议传达学习中央经济工作会议精神。'), '中共中央');
  });

  it('reads a study session\'s body past its theme, and the first of the officials a briefing lists before what they all do', () => {
    const study = '第一财经2月12日报道：2月11日，国务院以深化拓展“人工智能+”、全方位赋能千行百业为主题进行第十八次专题学习。\n报道还提到，2月10日，国务院国资委召开中央企业“AI+”专项行动深化部署会。';
    assert.equal(issuer('新年国务院首次专题学习，为什么聚焦人工智能', study), '国务院');
    const listed = '人民政协网3月6日电 十四届全国人大三次会议于2025年3月6日下午3时在梅地亚中心新闻发布厅举行记者会，邀请国家发展和改革委员会主任郑栅洁、财政部部长蓝佛安、商务部部长王文涛、中国人民银行行长潘功胜、中国证券监督管理委员会主席吴清就发展改革、财政预算、商务、金融证券等相关问题回答中外记者提问。';
    assert.equal(issuer('十四届全国人大三次会议经济主题记者会文字实录', listed), '国家发展和改革委员会');
  });

  it('reads a lead\'s issuing bodies before 于 and a date, and a body named with its term as the body', () => {
    const lead = 'GoodNav于12月27日消息，国家数据局、中央网信办、工业和信息化部、公安部、国务院国资委于12月25日发布了《促进企业数据资源开发利用的意见》。';
    assert.equal(issuer('五部门：加快构建国资央企大数据体系', lead), '国家数据局');
    assert.equal(directory.byName('中国共产党第二十届中央委员会')?.name, '中共中央');
    assert.equal(directory.byName('第十四届全国人民代表大会常务委员会')?.name, '全国人民代表大会常务委员会');
    assert.equal(directory.byName('第二十届'), undefined);
  });

  it('writes a briefing a transcript dates with its year and hour, or a spokesperson speaks at, as held — never as an article of the body\'s', () => {
    const transcript = copy(1, '中共中央举行新闻发布会 介绍和解读党的二十届四中全会精神(文字实录)', '中共中央于2025年10月24日上午10时举行新闻发布会，介绍和解读党的二十届四中全会精神。\n全会审议通过了《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》，部署加快发展新质生产力和人工智能。');
    const spokesman = copy(2, '网络安全法修正草案将二审 拟增人工智能安全与发展条款', '全国人大常委会法制工作委员会发言人王翔23日在记者会上说，修正草案拟增加一条关于人工智能安全与发展的框架性规定，支持人工智能基础理论研究和算法等关键技术研发。');
    const teaser = copy(3, '数据新规怎么看？这样回答', '国家数据局新闻发言人李明15日在新闻发布会上说，将推进公共数据资源开发利用，培育数据要素市场，建设数据基础设施。');
    const docs = [transcript, spokesman, teaser];
    const { brief, failed } = written(analyzeDay(docs, directory, taxonomy, segmenter).candidates, docs);
    const text = brief.items.map((item) => `${item.headline}\n${item.paragraphs[0]}`).join('\n');
    assert.match(text, /中共中央10月24日举行新闻发布会/);
    assert.match(text, /全国人大常委会法工委在记者会上表示：网络安全法修正草案将二审/);
    assert.match(text, /全国人大常委会法制工作委员会23日举行记者会/);
    // A teaser headline says nothing: the briefing is told as held.
    assert.match(text, /国家数据局在新闻发布会上介绍有关情况\n国家数据局15日举行新闻发布会/);
    assert.doesNotMatch(text, /解读文章|介绍有关情况。/);
    assert.deepEqual(failed, []);
  });

  it('reads a report of the State Council\'s executive meeting by its short name as a meeting, not as the plan it approved', () => {
    assert.equal(documentKind('国常会审议通过大规模设备更新行动方案 四大行动怎么做').kind, '会议');
    const meeting = copy(1, '国常会审议通过大规模设备更新行动方案 四大行动怎么做', '国务院总理李强3月1日主持召开国务院常务会议，审议通过《推动大规模设备更新和消费品以旧换新行动方案》，部署推动智能制造和设备更新。');
    assert.equal(analyzeDay([meeting], directory, taxonomy, segmenter).candidates[0]?.significance.kind, '会议');
  });

  it('dates a copy by a blog address with one-digit month and day, and a briefing by the year its report writes', () => {
    assert.equal(dateFromUrl('http://eybdt.cn/html/2024-3-5/1676924.htm'), '2024-03-05T00:00:00+08:00');
    assert.equal(dateFromUrl('http://example.cn/2024/3/15/1.htm'), '2024-03-15T00:00:00+08:00');
    assert.equal(dateFromUrl('http://example.cn/2024-3/5/1.htm'), null);
    const held = documentDate('国务院新闻办公室于2019年2月27日(星期三)下午3时30分举行新闻发布会，中国证券监督管理委员会主席易会满介绍设立科创板有关情况。', null, '2025-03-06');
    assert.deepEqual([held?.date, held?.how], ['2019-02-27', 'dateline']);
  });
});

describe('days T, U and V: plenums, wire stories, officials acting, venues and look-alike places', () => {
  it('credits a plenum held or opened to the Party centre, and reads a session of a body as that body', () => {
    assert.equal(issuer('中央部署5年完成全面深改', '中新社7月18日报道：中共二十屆三中全會7月15日至18日在北京舉行，18日發布公報。'), '中共中央');
    assert.equal(issuer('中共二十届三中全会在北京开幕', '香港中通社7月15日电：中共二十届三中全会15日上午在北京开幕，习近平代表中央政治局向全会作工作报告。'), '中共中央');
    // Studying a plenum's spirit is no plenum held.
    assert.notEqual(issuer('学习贯彻全会精神', '市政府召开会议，传达学习党的二十届三中全会精神，部署加快发展新质生产力。'), '中共中央');
    assert.equal(directory.byName('中国共产党第二十届中央委员会第三次全体会议')?.name, '中共中央');
    assert.equal(directory.byName('第十四届全国人民代表大会常务委员会第十五次会议')?.name, directory.byName('全国人大常委会')?.name);
  });

  it('credits a document an agency carries (受权播发) to the body its name starts with, and a wire story to its agency', () => {
    assert.equal(issuer('中共二十屆三中全會《決定》全文公布', '香港文匯報記者北京報道：新華社21日受權播發《中共中央關於進一步全面深化改革、推進中國式現代化的決定》全文。'), '中共中央');
    assert.equal(issuer('决定解读｜健全因地制宜发展新质生产力体制机制', '新華社北京7月21日電（記者張辛欣）當天發佈的決定寫明要健全因地制宜發展新質生產力體制機制。'), '新华社');
    // A wire story's news of a body's act is the body's.
    assert.equal(issuer('国务院印发意见', '新华社北京8月26日电 国务院日前印发《关于深入实施“人工智能+”行动的意见》。'), '国务院');
    // A dateline deep in the text is someone else's wire quoted, not the text's author.
    assert.equal(issuer('评论：发展新质生产力', '本报评论员指出，发展新质生产力要因地制宜。据“新华社北京3月5日电”，政府工作报告作出部署。'), undefined);
  });

  it('credits a headline\'s official acting (出席, 主持) to his body, and heads the story with his post and act', () => {
    assert.equal(issuer('李强出席2025世界人工智能大会开幕式并致辞', '7月26日上午，2025世界人工智能大会在上海开幕。', null), '国务院');
    assert.equal(readIssuer({ title: '李樂成主持召開會議 研究推動人工智能產業發展', body: '6月3日，部長主持召開會議。', docNumber: null, on: '2025-06-03' }, directory)?.name, '工业和信息化部');
    // Not before he held the post.
    assert.notEqual(readIssuer({ title: '李乐成主持召开会议 研究推动人工智能产业发展', body: '会议研究推动人工智能产业发展。', docNumber: null, on: '2024-06-03' }, directory)?.name, '工业和信息化部');
    const report = copy(1, '李强出席2025世界人工智能大会开幕式并致辞', '7月26日上午，2025世界人工智能大会暨人工智能全球治理高级别会议在上海开幕。国务院总理李强出席开幕式并致辞，强调推动人工智能创新发展和赋能千行百业。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.equal(brief.items[0]!.headline, '国务院总理李强出席2025世界人工智能大会开幕式并致辞');
    assert.match(brief.items[0]!.paragraphs[0]!, /^国务院总理李强出席2025世界人工智能大会开幕式并致辞/);
    assert.deepEqual(failed, []);
  });

  it('dates a report by the dated source it opens with, and a briefing whose date comes before its host', () => {
    const cases: [string, string][] = [
      ['据中国民航局网站7月4日消息，民航局近日合并成立通用航空和低空经济工作领导小组。', '2024-07-04'],
      ['财新网7月8日综述低空经济：它指由民用有人或无人驾驶航空器低空飞行活动衍生出的经济形态。', '2024-07-08'],
      ['5月10日国务院新闻办就第七届数字中国建设峰会举行发布会。国家数据局局长刘烈宏介绍，31个省已完成数据机构组建。', '2024-05-10'],
    ];
    for (const [body, date] of cases) assert.deepEqual([documentDate(body, null, '2024-07-21')?.date, documentDate(body, null, '2024-07-21')?.how], [date, 'dateline'], body);
    // A date that opens a sentence about something else dates no briefing: no 发布会 in it.
    assert.equal(documentDate('5月10日起施行的办法明确，数据机构应当组建专班推进工作。', null, '2024-07-21'), null);
  });

  it('writes a document a report says came out 日前 as the report does, not on the day of the page that copied it', () => {
    const report = copy(1, '工信部等四部门印发通用航空装备创新应用实施方案', '工业和信息化部等四部门日前印发《通用航空装备创新应用实施方案（2026-2030年）》，要求以应用场景创新和大规模示范应用为牵引，加快通用航空技术和装备迭代升级，为培育低空经济新增长极提供支撑。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.match(brief.items[0]!.paragraphs[0]!, /^工业和信息化部等四部门日前印发《通用航空装备创新应用实施方案（2026-2030年）》/);
    assert.doesNotMatch(brief.items[0]!.paragraphs[0]!, /9月15日发布/);
    assert.deepEqual(failed, []);
  });

  it('dates a site\'s own report by the day it opens with, not by the page that copied it a week later', () => {
    const report = { ...copy(1, '低空经济：国家集中推进的新增长引擎', '财新网9月8日综述低空经济：它指由民用有人或无人驾驶航空器低空飞行活动衍生出的经济形态，涵盖航空器研发制造、商业运营和基础设施建设。'), siteName: '财新网' };
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.match(brief.items[0]!.paragraphs[0]!, /^财新网9月8日发布消息：/);
    assert.deepEqual(failed, []);
  });

  it('heads a request for comments by the draft it names, not as a document called 征求对…的意见', () => {
    const title = '工信部公开征求对《国家人工智能产业综合标准化体系建设指南》（征求意见稿）的意见';
    assert.equal(issuedDocument(title, ''), '国家人工智能产业综合标准化体系建设指南');
    const draft = copy(1, title, '为加快构建满足人工智能产业高质量发展的标准体系，工业和信息化部组织起草了《国家人工智能产业综合标准化体系建设指南》（征求意见稿），现公开征求社会各界意见。');
    const { brief, failed } = written(analyzeDay([draft], directory, taxonomy, segmenter).candidates, [draft]);
    assert.equal(brief.items[0]!.headline, '工信部就《国家人工智能产业综合标准化体系建设指南》（征求意见稿）公开征求意见');
    assert.match(brief.items[0]!.paragraphs[0]!, /《国家人工智能产业综合标准化体系建设指南》（征求意见稿）/);
    assert.deepEqual(failed, []);
  });

  it('reads a body after the time its clause opens with, a market as no city, a seal\'s note as no signer, and a spokesperson with a unit\'s post', () => {
    assert.equal(issuer('标准化工作进展', '她介绍，去年年底市场监管总局会同有关部门印发《国家人工智能产业综合标准化体系建设指南》。'), '国家市场监督管理总局');
    assert.equal(directory.tierOf('北京市场监管总局'), null);
    assert.equal(directory.tierOf('去年年底市场监管总局'), null);
    assert.deepEqual(leadingDivisions('北京市场监管总局').map((d) => d.matched), []);
    assert.deepEqual(leadingDivisions('郑州市场景创新行动方案').map((d) => d.matched), ['郑州市']);
    // …but 郑州市场景 is 郑州市's 场景.
    assert.equal(issuer('《郑州市场景创新行动方案》政策解读', '近日，《郑州市场景创新行动方案》印发。'), '郑州市人民政府');
    assert.equal(issuer('市场监管总局：加快推进人工智能国家标准研制', '中新网北京3月28日电 市场监管总局新闻发言人、新闻宣传司司长王秋苹在当天的2025年一季度例行新闻发布会上表示，总局近期将围绕人工智能领域发布一系列国家标准。'), '国家市场监督管理总局');
    assert.equal(issuer('数字强省建设2025年工作要点', '数字强省建设领导小组成员单位、省直有关部门(单位):\n《数字强省建设2025年工作要点》已经数字强省建设领导小组会议审议通过，现印发给你们。\n山东数字强省建设领导小组办公室\n(山东省大数据局代章)\n2025年4月7日'), '山东数字强省建设领导小组办公室');
    assert.equal(issuer('数字强省建设2025年工作要点', '为加快建设数字强省，制定本要点。'), undefined);
    // A reading that cites the conference (…召开的中央经济工作会议确定了…) is no report of it, nor of the document
    // it recalls (2017年国务院印发…): days am and ap credit 央视网's 热解读 to its medium (day-y had said 中共中央).
    assert.equal(issuer('热解读：开展“人工智能+”行动', '文章称，12月11日至12日召开的中央经济工作会议确定了2025年要抓好的九项重点任务。文章回顾：2017年国务院印发《新一代人工智能发展规划》。'), '中央广播电视总台');
    assert.equal(issuer('中央经济工作会议在北京举行', '中央经济工作会议12月11日至12日在北京举行。会议确定了2025年要抓好的九项重点任务。'), '中共中央');
    assert.equal(issuer('人工智能赋能千行百业', '此前，国务院印发《新一代人工智能发展规划》。'), undefined);
    assert.equal(issuer('两大省级平台正式获批', '安徽省工业和信息化厅此前就《安徽省人形机器人产业发展行动计划(2024-2027年)》(征求意见稿)公开征求意见。'), '安徽省工业和信息化厅');
    assert.equal(issuer('国务院印发规划', '新华社北京7月20日电 国务院日前印发《新一代人工智能发展规划》。'), '国务院');
  });

  it('weighs a decision as a document, not as news, and a meeting that decides as no decision', () => {
    const decision = documentKind('中共中央 国务院关于2023年度国家科学技术奖励的决定');
    assert.deepEqual([decision.kind, decision.weight], ['决定', 3]);
    assert.equal(documentKind('《中共中央关于进一步全面深化改革、推进中国式现代化的决定》全文公布').kind, '决定');
    assert.equal(documentKind('会议决定成立通用航空和低空经济工作领导小组').kind, '会议');
  });

  it('credits a medium\'s analysis of an event (快评, 释放了哪些信号, 分析：) to the medium, not to the body whose event it reads', () => {
    const study = '中共中央政治局4月25日下午就加强人工智能发展和监管进行第二十次集体学习。';
    assert.equal(issuer('中央政治局就加强人工智能发展和监管进行集体学习', study), '中共中央政治局');
    // The column names its broadcaster (day-w labels the 央视快评 中央广播电视总台's).
    assert.equal(issuer('【央视快评】推动我国人工智能朝着有益、安全、公平方向健康有序发展', study), '中央广播电视总台');
    assert.equal(issuer('中央政治局会议释放了哪些重要信号？', study), undefined);
    assert.equal(issuer('内需弱外需难测 分析：2026中国侧重投资拉抬', `${study}\n（来源：联合早报）`), '联合早报');
  });

  it('reads no holder from a meeting\'s venue, and no place from a title that only looks like one', () => {
    assert.notEqual(issuer('上海低空经济高质量发展推进大会召开', '7月30日下午，上海低空经济产业高质量发展推进大会在市政府举行，副市长陈杰出席并讲话。'), '量发展推进大会在市人民政府');
    assert.doesNotMatch(issuer('上海低空经济高质量发展推进大会召开', '7月30日下午，上海低空经济产业高质量发展推进大会在市政府举行，副市长陈杰出席并讲话。') ?? '', /大会/);
    assert.equal(issuer('国务院新闻办举行发布会', '国务院新闻办公室在京举行新闻发布会，介绍有关情况。'), '国务院新闻办公室');
    assert.equal(issuer('《关于深化上市公司并购重组市场改革的意见》', '为贯彻落实《国务院关于加强监管防范风险推动资本市场高质量发展的若干意见》，支持上市公司并购重组，提出以下意见。'), undefined);
    assert.equal(issuer('十堰市低空经济高质量发展实施方案(2024-2026年)', '为加快发展低空经济，制定本方案。'), '十堰市人民政府');
  });
});

describe('days Z, AA and AB (and T–X again): officials by Party post, hosts, counterparts, places by their city', () => {
  it('reads an official\'s body past his Party post, and past a session\'s name that comes first', () => {
    assert.equal(issuer('2024中国5G+工业互联网大会在武汉开幕 张云明出席并致辞', '11月19日，2024中国5G+工业互联网大会在武汉开幕。工业和信息化部党组成员、副部长张云明出席开幕式并致辞。'), '工业和信息化部');
    const passage = '3月5日，十四届全国人大二次会议首场“部长通道”在人民大会堂举行。国务院国有资产监督管理委员会党委书记、主任张玉卓受邀接受采访。';
    assert.equal(issuer('张玉卓两会首场“部长通道”现场实录', passage), directory.byName('国务院国有资产监督管理委员会')!.name);
  });

  it('reads an official of the body the text names first, by another of its names, and not a venue as that first body', () => {
    assert.equal(issuer('张云明：我国“5G+工业互联网”创新发展进入快车道', '11月20日，工业和信息化部指导的2022中国5G+工业互联网大会在武汉开幕，工信部副部长张云明在开幕式致辞。'), '工业和信息化部');
    assert.equal(issuer('上海低空经济产业高质量发展推进大会成功召开', '7月30日下午，上海低空经济产业高质量发展推进大会在上海市政府举行，市经济信息化委主任张英通报了《上海市低空经济产业高质量发展行动方案》。'), '上海市经济和信息化委员会');
  });

  it('credits a place\'s meeting its Party secretary speaks at to its Party committee', () => {
    assert.equal(issuer('苏州召开低空经济发展推进大会', '中新网苏州4月18日电：苏州市当天召开低空经济发展推进大会。江苏省委常委、苏州市委书记刘小涛表示，苏州将全链条育产业。'), '中共苏州市委');
  });

  it('credits an event to its first host, where 和 may end a host or sit inside one', () => {
    assert.equal(issuer('2021中国（安徽）科技创新成果转化交易会开幕', '4月26日，由科技部、中国科学院和安徽省人民政府联合主办的2021中国（安徽）科技创新成果转化交易会在安徽创新馆开幕。'), '科学技术部');
    assert.equal(issuer('交易会开幕', '4月26日，由科技部和安徽省人民政府联合主办的交易会在安徽创新馆开幕。'), '科学技术部');
    assert.equal(issuer('张云明：创新发展进入快车道', '证券日报记者报道，由工业和信息化部、湖北省人民政府共同主办的2022中国5G+工业互联网大会在武汉开幕。'), '工业和信息化部');
  });

  it('credits a national notice to the bodies whose provincial counterparts it addresses, the first leading, and no one when the first has none', () => {
    const compute = readIssuer({ title: '关于深入实施“东数西算”工程加快构建全国一体化算力网的实施意见', body: '各省、自治区、直辖市及计划单列市、新疆生产建设兵团发展改革委、数据局、网信办、工业和信息化主管部门、通信管理局、能源局：\n算力是数字经济时代的新型生产力。', docNumber: null }, directory);
    assert.deepEqual([compute?.name, compute?.partners], ['国家发展和改革委员会', '五']);
    assert.equal(issuer('关于做好2024年中小企业数字化转型城市试点申报工作的通知', '各省、自治区、直辖市财政厅(局)、中小企业主管部门,新疆生产建设兵团财政局、工业和信息化局:\n为深入贯彻落实党中央、国务院决策部署，现就有关事项通知如下：'), '财政部');
    assert.equal(issuer('事关脑机接口的重磅文件', '各省、自治区、直辖市及筹划单列市、新疆临盆建设兵团工业和信息化、倒退改造、教育、卫生安康主管部分:\n脑机接口是前沿技术。'), undefined);
  });

  it('reads a relative 省 in a text that names only its city as that city\'s province', () => {
    assert.equal(issuer('关于打造数字经济“一号工程”升级版的实施意见（公开征求意见稿）', '根据省委省政府工作部署要求,省经信厅牵头起草了《关于打造数字经济“一号工程”升级版的实施意见(公开征求意见稿)》。反馈意见可邮寄纸质材料至杭州市西湖区体育场路479号。'), '浙江省经济和信息化厅');
  });

  it('reads a lead\'s body after 当天, a premier named before his post as giving the work report, and a zone\'s 管委会 in full', () => {
    assert.equal(issuer('金融支持科技创新工作会议召开', '新华社北京4月18日电 中国人民银行当天召开金融支持科技创新工作会议。'), directory.byName('中国人民银行')!.name);
    assert.equal(issuer('李克强最后一次作政府工作报告', '3月5日上午，李克强以国务院总理身份最后一次作《政府工作报告》。'), '国务院');
    assert.equal(issuer('亦庄发布机器人产业行动计划', '北京经济技术开发区管委会副主任孔磊介绍，到2025年……'), '北京经济技术开发区管理委员会');
  });

  it('reads an interpretation\'s lead only for the document it explains, not one its background cites', () => {
    const background = '一、起草背景\n人工智能是培育和发展新质生产力的重要引擎。省委、省政府高度重视人工智能发展，印发《河南省推动“人工智能+”行动计划(2024-2026年)》。';
    assert.equal(issuer('《郑州市场景驱动人工智能创新发展行动方案（2025—2027年）》政策解读', background), '郑州市人民政府');
  });

  it('credits the general secretary\'s inspection of a place to the Party centre', () => {
    assert.equal(issuer('习近平在山西考察时强调 努力在推动资源型经济转型发展上迈出新步伐', '据新华社太原7月8日电，中共中央总书记、国家主席、中央军委主席习近平日前在山西考察。'), '中共中央');
    assert.equal(issuer('改革创新看转型', '文章梳理习近平总书记45天内三次出京考察浙江、陕西、山西。'), undefined);
  });

  it('credits a law to the body whose session voted it through, named by its term without 第', () => {
    assert.equal(issuer('民营经济促进法今起施行', '《中华人民共和国民营经济促进法》2025年5月20日起正式施行。法律于4月30日由十四届全国人大常委会第十五次会议表决通过，共9章78条。'), '全国人民代表大会常务委员会');
  });

  it('credits a text that opens with the medium that ran it to that medium, after every reading of a body', () => {
    assert.equal(issuer('在新征程上锻造“中国工业关节”', '河南日报5月21日刊发回访记：5月19日下午，总书记来到洛阳轴承集团的智能工厂。'), '河南日报');
    assert.equal(issuer('解读民营经济促进法', '央视网5月20日报道，《中华人民共和国民营经济促进法》当天施行。'), '央视网');
    assert.equal(issuer('十堰市低空经济高质量发展实施方案(2024-2026年)', '新华网3月2日报道，十堰将建设低空经济示范城市。'), '十堰市人民政府');
    assert.equal(issuer('回访记', '总书记5月21日刊发回访记。'), undefined);
  });

  it('heads a meeting\'s approval as the meeting\'s act, never its headline as a document\'s name', () => {
    assert.equal(isDocumentItself('国常会审议通过大规模设备更新和消费品以旧换新行动方案'), false);
    assert.equal(isDocumentItself('推动大规模设备更新和消费品以旧换新行动方案'), true);
    const report = copy(1, '国常会审议通过大规模设备更新和消费品以旧换新行动方案', '国务院总理李强3月1日主持国务院常务会议，审议通过《推动大规模设备更新和消费品以旧换新行动方案》，会议指出，推动设备更新是重大决策，要推进数字化转型、智能化升级。');
    const { brief, failed } = written(analyzeDay([report], directory, taxonomy, segmenter).candidates, [report]);
    assert.deepEqual(failed, []);
    assert.match(brief.items[0]!.headline, /^国务院常务会议审议通过《推动大规模设备更新和消费品以旧换新行动方案》/);
  });

  it('reads no body of ours in a foreign body\'s name, nor credits a foreign act to the body whose spokesperson answers it', () => {
    const rules = '据美国联邦公报，美国当地时间12月2日发布最新对华半导体出口管制措施，把136家中国实体列入“实体清单”。\n美国商务部工业与安全局的文件显示，名单包括多家半导体设备企业。\n中国商务部新闻发言人当天回应说，中方坚决反对。';
    assert.equal(issuer('美国将136家中国实体列入实体清单', rules), undefined);
    assert.equal(issuer('中方坚决反对', '中国商务部新闻发言人当天回应说，中方坚决反对美方把136家中国实体列入实体清单。'), '商务部');
  });

  it('drops a toneless gloss a mirror typed twice, as it drops one typed once', () => {
    assert.equal(normaliseText('兼顧效率與公(gong)(gong)平(ping)(ping),以促進公(gong)(gong)共(gong)(gong)數(shu)據流(liu)(liu)通'), '兼顾效率与公平,以促进公共数据流通');
    assert.equal(normaliseText('資本市場(chǎng)(chǎng)的'), '资本市场的');
  });

  it('heads a consultation by the draft its own title names, or by a draft its text marks as public, in Chinese brackets', () => {
    const notice = copy(1, '国家发展改革委关于《公共数据资源登记管理暂行办法（公开征求意见稿）》公开征求意见的公告', '为促进公共数据资源合规高效开发利用，我委起草了办法，现向社会公开征求意见。此次公开征求意见的时间为2024年10月12日至2024年11月11日。\n附件:公共数据资源登记管理暂行办法(公开征求意见稿)\n国家发展改革委\n2024年10月12日');
    const report = copy(2, '国家数据局公布公共数据资源授权运营实施规范征求意见稿', '科技日报北京10月14日电 国家数据局日前公布《公共数据资源授权运营实施规范（试行）》(公开征求意见稿)，10月12日至11月11日公开征求意见，推动数据要素开发利用。');
    for (const [doc, headline] of [[notice, /^国家发展改革委就《公共数据资源登记管理暂行办法（公开征求意见稿）》公开征求意见/], [report, /^国家数据局就《公共数据资源授权运营实施规范（试行）》（公开征求意见稿）公开征求意见/]] as const) {
      const { brief, failed } = written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]);
      assert.deepEqual(failed, []);
      assert.match(brief.items[0]!.headline, headline);
    }
  });

  it('credits a notice a body posts on its site, on a weekday and a date it names, to that body', () => {
    assert.equal(issuer('中国禁止对美出口镓、锗等两用物品', '中国商务部星期二（12月3日）在官网发布公告，宣布加强相关两用物项对美国出口管制。'), '商务部');
    assert.equal(issuer('中国禁止两用物项对美出口', '中国商务部12月3日在网站发布公告，加强相关两用物项对美国出口管制。'), '商务部');
  });

  it('dates a report below a copied info line by the earlier day it opens with, during an event or not', () => {
    const blurb = '发布时间:2024-12-01 04:12:16 来源: sp20241201\n3月5日全国两会期间，习近平总书记参加十四届全国人大二次会议江苏代表团审议时再次谈到新质生产力。';
    assert.equal(documentDate(blurb, null, '2024-12-03')?.date, '2024-03-05');
    assert.equal(documentDate('发布时间:2024-12-01 04:12:16 来源: sp20241201\n12月1日，工业和信息化部印发《…》。', null, '2024-12-03')?.date, '2024-12-01');
    assert.equal(documentDate('发布时间:2024-12-01 04:12:16 来源: sp20241201\n工业和信息化部印发《…》。', null, '2024-12-03')?.date, '2024-12-01');
  });

  it('reads a report\'s speaker from its lead under a headline that names him by post alone, and carries one event over the reports left out', () => {
    const report = (id: number, title: string, body: string) => ({ ...copy(id, title, body), publishedAt: '2026-03-05T12:00:00+08:00' });
    const byName = report(1, '阴和俊：推动人工智能发展', '科技部部长阴和俊在“部长通道”谈人工智能和大模型。');
    const byPost = report(2, '陆科技部长：芯片攻关取得新突破', '中国科技部部长阴和俊5日在人民大会堂“部长通道”表示，中国芯片攻关取得新突破。');
    const [a, b] = analyzeDay([byName, byPost], directory, taxonomy, segmenter).candidates;
    assert.notEqual(a!.relevance.themes[0]?.themeId, b!.relevance.themes[0]?.themeId);
    assert.equal(oneEvent(a!, b!), true);
    // A round-up of the event comes first; the report it repeats by theme passes on the speaker the third shares.
    const round = report(3, '首场部长通道：加快发展人工智能', '3月5日首场部长通道上，科技部部长阴和俊、工业和信息化部部长李乐成接受采访，谈人工智能、人工智能+、大模型和智能体，加快人工智能赋能千行百业。');
    const day = analyzeDay([round, byName, byPost], directory, taxonomy, segmenter).candidates;
    assert.equal(oneEvent(day.find((c) => c.document.id === 3)!, day.find((c) => c.document.id === 2)!), false);
    assert.equal(selectItems(day, { minItems: 1, maxItems: 7, minRelevance: 0 }).length, 1);
  });

  it('credits a text that opens with what the government work report says to the State Council, where it names no place', () => {
    assert.equal(issuer('两会2026︱首提“智能经济新形态”', '今年的政府工作报告首次提出“打造智能经济新形态”。报告起草组成员、国务院研究室副主任陈昌盛说，报告已连续三年部署“人工智能+”。'), '国务院');
    assert.notEqual(issuer('安徽两会：首提十大未来产业', '今年的政府工作报告首次提出布局十大未来产业。安徽省发展改革委主任说，将加快建设合肥综合性国家科学中心。'), '国务院');
  });

  it('counts a keyword in a headline though the body holds it only inside a longer one', () => {
    const relevance = scoreRelevance('2024世界机器人大会在亦庄开幕', '大会展出27款人形机器人。', taxonomy, segmenter);
    const terms = relevance.themes.flatMap((theme) => theme.terms.map((term) => `${term.term}@${term.where}`));
    assert.ok(terms.includes('机器人@title') && terms.includes('人形机器人@body') && !terms.includes('机器人@body'), terms.join(' '));
    const plus = scoreRelevance('推进AI+行动', '深入实施AI+行动。', taxonomy, segmenter).themes.flatMap((theme) => theme.terms.map((term) => term.term));
    assert.ok(plus.includes('AI+') && !plus.includes('AI'), plus.join(' '));
  });
});

describe('days AI to AL: a later paragraph\'s document, partners after 联同, a report quoting its department, sections that hold their source', () => {
  it('reads the document a later paragraph names as the news only when the headline speaks of it', () => {
    const body = '4月16日国新办介绍一季度国民经济运行情况，国家统计局副局长盛来运说，下一步要继续加快培育和发展新质生产力。\n文章随后列举各地动向：4月15日，上海科创金融联盟发布《上海金融助力新质生产力发展三年行动计划》，累计投放2万亿元。';
    assert.equal(issuedDocument('国家统计局：要继续加快培育和发展新质生产力', body), null);
    assert.equal(issuedDocument('上海金融助力新质生产力发展三年行动计划出台', body), '上海金融助力新质生产力发展三年行动计划');
    // In the first paragraph, a document is the news whatever the headline says (科创成长层, day-b).
    assert.equal(issuedDocument('国家统计局：要继续加快培育和发展新质生产力', body.replace('\n', '')), '上海金融助力新质生产力发展三年行动计划');
  });

  it('reads the partners a lead body issues with after 联同 or 与 as partners, not as the lead', () => {
    for (const join of ['聯同', '与', '会同']) {
      const found = readIssuer({ title: '三部門印發《輕工業數字化轉型實施方案》', body: normaliseText(`記者3月27日獲悉，工業和信息化部${join}教育部、市場監管總局近日印發《輕工業數字化轉型實施方案》。`), docNumber: null }, directory);
      assert.deepEqual([found?.name, found?.partners], ['工业和信息化部', '三'], join);
    }
  });

  it('keeps a report that tells the issuing first and quotes the department after with the document, and an official\'s opening presentation apart', () => {
    const issued = '记者从工业和信息化部了解到，工业和信息化部与教育部、市场监管总局共同印发了《轻工业数字化转型实施方案》。\n工信部消费品工业司有关负责人介绍，轻工业数字化转型起点较好。';
    assert.equal(isInterpretation('工信部等三部门联合印发《轻工业数字化转型实施方案》', issued), false);
    assert.equal(isInterpretation('轻工业数字化转型起点较好', '工信部消费品工业司有关负责人介绍，《轻工业数字化转型实施方案》提出四项行动。'), true);
    const groups = groupStories([
      { id: 1, title: '工信部等三部门联合印发《轻工业数字化转型实施方案》', body: issued, docNumber: null },
      { id: 2, title: '三部门印发《轻工业数字化转型实施方案》', body: '记者3月27日获悉，工业和信息化部联同教育部、市场监管总局近日印发《轻工业数字化转型实施方案》，推动数字技术赋能轻工业。', docNumber: null },
    ]);
    assert.deepEqual(groups, [[1, 2]]);
  });

  it('writes a section of a short source lean, with one more of its statements, rather than fail the overlap check', () => {
    const rules = copy(1, '扬州市人工智能算力券实施细则(试行)', '为规范人工智能算力券(以下简称算力券)发放、兑现、绩效管理和监督等行为,促进人工智能及算力产业高质量发展,根据《扬州市人工智能算力券实施意见(试行)》(扬府办发〔2024〕25号),制定本实施细则。\n一、职责与分工\n1、市数据局负责审核算力券兑现申请,提出资金分配使用方案,评估项目实施情况,按规定组织实施预算绩效管理,督促指导各县(市、区)、功能区做好项目复核及预算绩效管理。\n2、市财政局负责审核资金分配方案,按程序下达资金,对资金使用进行监管,指导全过程预算绩效管理工作。\n3、各县(市、区)、功能区数据部门负责本行政区域内算力券推广宣传,协助市数据局开展算力券兑现复核,会同本级财政部门及时拨付资金,开展预算绩效管理。\n4、各县(市、区)、功能区财政部门负责做好本行政区域内算力券资金拨付工作,开展预算绩效管理,对资金执行情况进行监督。\n5、“运河城市算力平台”(以下简称运河算力平台)服务方负责平台日常管理运营、算力资源接入和订购协调服务,并配合市数据局进行算力券的宣传推广、发放、兑现和核销等工作。');
    // Second in the issue, it opens its analysis the longer way (从发文层级和类型看…), which tipped it below the share.
    const plan = copy(2, '国务院关于深入实施“人工智能+”行动的意见', '各省、自治区、直辖市人民政府：\n为深入实施“人工智能+”行动，现提出如下意见。到2027年，新一代智能终端、智能体等应用普及率超70%。');
    const [first, second] = ['国务院', '扬州'].map((name) => analyzeDay([plan, rules], directory, taxonomy, segmenter).candidates.find((c) => c.origin.startsWith(name))!);
    const { brief, failed } = written([first!, second!], [plan, rules]);
    assert.deepEqual(failed, []);
    const lean = brief.items[1]!;
    assert.equal(lean.quotes.length >= 2, true, JSON.stringify(lean));
    assert.doesNotMatch(lean.paragraphs[1]!, /便于跟踪落地/);
  });

  it('converts a traditional text whatever traditional characters it holds, and knows a name a traditional source writes in 《》', () => {
    assert.equal(normaliseText('政府工作報告'), '政府工作报告');
    assert.equal(normaliseText('著名的瞭望東方周刊，慰藉'), '著名的瞭望东方周刊，慰藉');
    const source = { title: '兩會觀察', body: '國務院總理李強昨日作《政府工作報告》，排在第一的是「大力推進現代化產業體系建設」。', publishedAt: null, docNumber: null };
    assert.equal(titleKnown('政府工作报告', [source], []), true);
  });

  it('cuts the gambling spam a mirror injected into a headline, and its own 原创 mark', () => {
    assert.equal(cleanTitle('原创 全国科技工作会议:中国已汇聚起加新奥开奖结果怎么查询的到快推进科技强国建设强大合力'), '全国科技工作会议:中国已汇聚起加快推进科技强国建设强大合力');
    assert.equal(cleanTitle('原创 澳门六开彩开奖结果2021年全年资料低空经济如何发展?专家呼吁形成“全国一张网”'), '低空经济如何发展?专家呼吁形成“全国一张网”');
    assert.equal(cleanTitle('股票平台排行前十名:广州配资网-工信部就智能网联汽车组合驾驶辅助相关标准公开征求意见'), '工信部就智能网联汽车组合驾驶辅助相关标准公开征求意见');
    // So does a speaker's label no one can name: 专家：….
    assert.equal(cleanTitle('专家：在确保飞行保障服务的前提下 再深入开展低空经济应用场景推广'), '在确保飞行保障服务的前提下 再深入开展低空经济应用场景推广');
    assert.equal(cleanTitle('专家组成员名单公布'), '专家组成员名单公布');
    assert.equal(cleanTitle('上海将推动产业转型升级 大力培管家婆一码一肖资料免费大全育发展智能经济形态'), '上海将推动产业转型升级 大力培育发展智能经济形态');
    // Its words are an official headline's too where no anchor stands beside them.
    assert.equal(cleanTitle('广州发布2025年数据资料开放目录 结果将向社会公开'), '广州发布2025年数据资料开放目录 结果将向社会公开');
    // A title of spam alone stays as it is: cutting would leave nothing to read.
    assert.equal(cleanTitle('新澳门六开彩开奖结果资料大全'), '新澳门六开彩开奖结果资料大全');
  });

  it('reads no name out of an aside that closes before it, heads a consultation by what it consults on, and drops a headline\'s 今日', () => {
    assert.equal(issuer('六部门联合印发行动计划', '（页面发布于2024年5月7日，转自福建省工业和信息化厅）工业和信息化部、中央网信办、教育部六部门联合印发《算力基础设施高质量发展行动计划》。'), '工业和信息化部');
    assert.equal(issuedDocument('国家数据局就《可信数据空间发展行动计划（2024—2028年）》公开征求意见', ''), '可信数据空间发展行动计划（2024—2028年）');
    const consultation = copy(1, '国家数据局就《可信数据空间发展行动计划（2024—2028年）》公开征求意见', '为推进可信数据空间规范健康发展，国家数据局研究起草了《可信数据空间发展行动计划（2024—2028年）》，现向社会公开征求意见。到2028年，建成100个以上可信数据空间。');
    const { brief, failed } = written(analyzeDay([consultation], directory, taxonomy, segmenter).candidates, [consultation]);
    assert.deepEqual(failed, []);
    assert.match(brief.items[0]!.headline, /^国家数据局就《可信数据空间发展行动计划（2024—2028年）》公开征求意见/);
    assert.equal(asRunningText('第七届数字中国建设峰会今日在福州开幕'), '第七届数字中国建设峰会在福州开幕');
    assert.equal(asRunningText('回望今天的中国经济'), '回望今天的中国经济');
  });

  it('dates a report of an annual event by the year its headline names, and names a place written before its government once', () => {
    assert.deepEqual(eventYear('2022中国5G+工业互联网大会新闻发布会在武汉召开', '2025-11-20'), { date: null, year: 2022, how: 'event', evidence: '2022中国5G+工业互联网大会' });
    assert.equal(eventYear('2025中国5G+工业互联网大会新闻发布会在武汉召开', '2025-11-20'), null);
    assert.equal(eventYear('国务院关于印发2024年政府工作报告的通知', '2025-03-06'), null);
    const old = { ...copy(1, '张云明出席2024中国5G+工业互联网大会开幕式并致辞', '工业和信息化部副部长张云明出席大会开幕式并致辞，推动5G+工业互联网融合发展。'), publishedAt: '2025-11-20T10:00:00+08:00' };
    const [story] = analyzeDay([old], directory, taxonomy, segmenter).candidates;
    assert.ok(story!.significance.evidence.some((e) => e.factor === 'freshness'), JSON.stringify(story!.significance.evidence));
    assert.equal(issuer('江苏省省政府办公厅关于深入推进数字经济发展的意见', '各设区市人民政府：现提出如下意见。'), '江苏省人民政府办公厅');
  });

  it('reads an official\'s body past the unit he heads, a body\'s data as its release, and a medium opened by 据 without it', () => {
    assert.equal(issuer('发改委：低空经济是新质生产力代表', '经济通通讯社驻京记者17日报道，国家发展改革委政策研究室主任金贤东在国新办发布会上说，中国低空经济仍处于起步阶段。'), '国家发展和改革委员会');
    assert.equal(issuer('一季度全国制造业销售收入同比增长4.8%', '4月9日报道，国家税务总局公布的最新税收数据显示，一季度制造业销售收入持续增长。'), '国家税务总局');
    assert.equal(issuer('一季度国内生产总值同比增长5.3%', '国家统计局16日发布数据：初步核算，一季度国内生产总值296299亿元。'), '国家统计局');
    assert.equal(issuer('一季度数据', '本市数据局公布数据局名单。'), undefined);
    assert.equal(issuer('稳增长行动方案', '中新网9月4日电 工业和信息化部、市场监督管理总局近日印发《电子信息制造业2025-2026年稳增长行动方案》。'), '工业和信息化部');
    assert.equal(issuer('解读民营经济促进法', '据央视网5月20日报道，《中华人民共和国民营经济促进法》当天施行。'), '央视网');
  });

  it('credits a document whose copies name no issuer to the body another story of the day names for it, and reads 一 between digits as a dash', () => {
    assert.equal(normaliseText('可信数据空间发展行动计划(2024一2028年)'), '可信数据空间发展行动计划(2024—2028年)');
    const consultation = copy(1, '国家数据局就《可信数据空间发展行动计划（2024—2028年）》公开征求意见', '为推进可信数据空间规范健康发展，国家数据局起草了《可信数据空间发展行动计划（2024—2028年）》，现向社会公开征求意见。');
    const bare = copy(2, '可信数据空间发展行动计划(2024一2028年)', '可信数据空间是基于共识规则，联接多方主体，实现数据资源共享共用的一种数据流通利用基础设施。到2028年，建成100个以上可信数据空间。');
    const day = analyzeDay([consultation, bare], directory, taxonomy, segmenter).candidates;
    const plan = day.find((c) => c.document.id === 2)!;
    assert.equal(day.length, 2);
    assert.deepEqual([plan.origin, plan.tier, plan.issuer?.how], ['国家数据局', 'national', 'report']);
    // Alone, it is no one's; beside a consultation that names its drafter in the lead, the drafter's.
    assert.notEqual(analyzeDay([bare], directory, taxonomy, segmenter).candidates[0]!.origin, '国家数据局');
    const notice = copy(3, '可信数据空间发展行动计划公开征求意见', '国家数据局日前发布《可信数据空间发展行动计划（2024—2028年）》（征求意见稿），向社会公开征求意见。');
    assert.equal(analyzeDay([notice, bare], directory, taxonomy, segmenter).candidates.find((c) => c.document.id === 2)!.origin, '国家数据局');
    // A third party's reading of it stays its writer's.
    const reading = copy(4, '《可信数据空间发展行动计划》场景赋能深度解读', '国家数据局发布《可信数据空间发展行动计划（2024—2028年）》后，本文逐项解读其典型场景。');
    assert.notEqual(analyzeDay([consultation, reading], directory, taxonomy, segmenter).candidates.find((c) => c.document.id === 4)!.origin, '国家数据局');
  });

  it('ranks a document a month old below the window\'s news by half an old one\'s penalty, without making it old news', () => {
    const base = { title: '关于推动人工智能产业发展的实施意见', body: '提出如下意见。', tier: 'national' as const, reposterTiers: [], relevance: 10 };
    const at = (daysBefore: number) => scoreSignificance({ ...base, dated: { on: '2025-01-01', daysBefore } });
    const [fresh, month, aging, old] = [at(0), at(30), at(31), at(46)];
    assert.equal(month.score, fresh.score);
    assert.equal(aging.score, fresh.score - 2);
    assert.equal(isStale(aging), false);
    assert.equal(isStale(old), true);
  });

  it('heads a title that opens with its body and a colon as what the body said, and one an event heads by the body after the colon', () => {
    const heads = (title: string, body: string) => {
      const doc = copy(1, title, body);
      const { brief, failed } = written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]);
      assert.deepEqual(failed, []);
      return brief.items[0]!.headline;
    };
    assert.match(heads('国家统计局：要继续加快培育和发展新质生产力', '国家统计局副局长盛来运4月16日说，新兴产业继续加快发展，下一步要继续加快培育和发展新质生产力。'), /^国家统计局表示，要继续加快培育和发展新质生产力/);
    // A broadcaster's column (热解读) heads as the broadcaster's, not as the Party centre whose meeting it reads.
    assert.match(heads('热解读：中央经济工作会议部署开展“人工智能+”行动', '12月11日至12日，中央经济工作会议在北京举行。会议确定了2025年要抓好的九项重点任务，其中之一是开展“人工智能+”行动，以科技创新引领新质生产力发展。'), /^中央广播电视总台发布解读：中央经济工作会议部署开展“人工智能\+”行动/);
    assert.match(heads('2025工业互联网大会：工信部称将用好人工智能这个关键变量', '2025工业互联网大会6月4日在重庆开幕。工业和信息化部副部长表示，将用好人工智能这个关键变量，推动工业互联网和人工智能融合发展，加快新型工业化。'), /^工信部称将用好人工智能这个关键变量/);
  });
});

describe('days AW to BB: the rules their held-out runs asked for', () => {
  const issuerOf = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.name ?? null;

  it('credits a body that speaks in the first sentence, after the paper that reported it, and no foreign one', () => {
    assert.equal(issuerOf('政务服务接入DeepSeek 为全域数字化转型再添引擎', '据2月22日《西江日报》报道，肇庆市政务服务和数据管理局表示，国产大模型DeepSeek-R1已在肇庆市政务云正式部署上线。评论认为，近来不少城市都在部署。'), '肇庆市政务服务和数据管理局');
    assert.equal(issuerOf('芯片出口新规出台', '美国商务部表示，将进一步收紧对华芯片出口。此举引发业界关注。'), null);
    // Only the first sentence speaks for the story: a body quoted later is a witness.
    assert.equal(issuerOf('算力产业观察', '算力产业近年快速发展，多地加快布局智算中心。肇庆市数据局表示，将加快建设算力设施。'), null);
  });

  it('dates a year\'s work plan to its year, and not a report on one', () => {
    assert.equal(planYear('国务院2023年度立法工作计划', '2024-05-10')?.year, 2023);
    assert.equal(planYear('2024年数字乡村发展工作要点', '2025-03-01')?.year, 2024);
    assert.equal(planYear('国务院2024年度立法工作计划', '2024-05-10'), null);
    assert.equal(planYear('关于2024年数字乡村发展工作要点落实情况的报告', '2025-03-06'), null);
    // The day sees it: the plan reported 近日印发 in May 2024 is a year old at least.
    const report = copy(1, '国务院发布今年立法工作计划 将审议人工智能法草案', '香港经济日报报道，国务院办公厅近日印发《国务院2023年度立法工作计划》，人工智能法已列入计划，草案预备年内提请全国人大常委会审议。');
    const candidate = analyzeDay([{ ...report, publishedAt: '2024-05-10T10:00:00+08:00' }], directory, taxonomy, segmenter).candidates[0]!;
    assert.ok(isStale(candidate.significance), JSON.stringify(candidate.significance.evidence));
  });

  it('credits an official who speaks where he appears, a body the reporter heard from and a body whose report the text tells', () => {
    assert.equal(issuerOf('丁薛祥博鳌主旨演讲：人形机器人、大模型等创新成果提振市场信心', '3月27日上午，中共中央政治局常委、国务院副总理丁薛祥在海南博鳌出席博鳌亚洲论坛2025年年会开幕式，并发表题为《共迎全球挑战 共建亚洲家园》的主旨演讲。'), '国务院');
    assert.equal(issuerOf('中国发展高层论坛开幕', '3月23日，李强总理在北京出席中国发展高层论坛2025年年会开幕式并发表主旨演讲。'), '国务院');
    // Attending another's meeting is no act of his body's, nor is being cited in a plan's background.
    assert.equal(issuerOf('民企座谈会提振市场信心', '东吴证券首席经济学家撰文评论民营企业座谈会。当天上午，李强、丁薛祥出席，王沪宁主持。'), null);
    assert.notEqual(issuerOf('郑州市场景驱动人工智能创新发展行动方案政策解读', '一、起草背景\n人工智能是培育和发展新质生产力的重要引擎。李强总理在今年的政府工作报告中提出，要持续推进“人工智能+”行动。'), '国务院');
    assert.equal(issuerOf('今年前四个月我国通信业运行稳中有进', '央视《新闻联播》报道，记者从工业和信息化部了解到，今年1至4月我国通信业整体运行稳中有进。'), '工业和信息化部');
    assert.equal(issuerOf('陆国研中心：具身智慧2030年市场规模可达4000亿元', '大陆国务院发展研究中心发布的《中国发展报告2025》指出，具身智能产业处于起步期。'), '国务院发展研究中心');
  });

  it('names a local body as it signs: without the province before its city, and a Party committee\'s office with 中共', () => {
    assert.equal(issuerOf('辽宁省朝阳市人民政府办公室关于印发朝阳市低空经济发展行动方案的通知', '各县（市）区人民政府，市政府各部门：'), '朝阳市人民政府办公室');
    assert.equal(issuerOf('广东省委办公厅 广东省人民政府办公厅印发《广东省建设现代化产业体系2025年行动计划》', '近日，两部门印发行动计划。'), '中共广东省委办公厅');
    // A province's own body keeps its name, and so does a city the province has none of.
    assert.equal(issuerOf('广东省工业和信息化厅印发《广东省人工智能产业发展方案》', '近日，省工业和信息化厅印发方案。'), '广东省工业和信息化厅');
    assert.equal(issuerOf('广东省朝阳市人民政府印发《方案》', '近日印发方案。'), '广东省朝阳市人民政府');
  });

  it('does not take a report\'s headline that ends with a document\'s word for a document', () => {
    assert.equal(isDocumentItself('我国人工智能产业将新制定超50项国家和行业标准'), false);
    assert.equal(isDocumentItself('陆加速构建算力网 2027年拟订50项以上算力标准'), false);
    assert.equal(isDocumentItself('国家人工智能产业综合标准化体系建设指南'), true);
    assert.equal(isDocumentItself('关于将人工智能纳入基础教育课程的通知'), true);
  });

  it('joins reports of a notice by the year\'s campaign it deploys, credits the notice\'s bodies and heads it by what it does', () => {
    const lead = (verb: string) => `工业和信息化部、国家发展改革委、财政部等六部门近日联合印发通知，${verb}2024年度智能工厂梯度培育行动，分基础级、先进级、卓越级和领航级四个层级培育。`;
    const texts = [
      ['六部门开展本年度智能工厂梯度培育行动', `经济参考报记者10月29日从工业和信息化部了解到，${lead('部署开展')}`],
      ['我国将构建智能工厂梯度培育体系', '工信部等六部门日前联合印发通知，部署2024年度智能工厂梯度培育行动，引导企业对照要素条件建设提升，形成梯度培育体系。'],
      ['六部门部署2025年度智能工厂梯度培育行动', '六部门日前印发通知，部署2025年度智能工厂梯度培育行动，新增领航级智能工厂培育名额，鼓励地方配套支持。'],
      ['智能工厂建设观察', '各地加快建设智能工厂。2024年度智能工厂梯度培育行动成效初显，一批企业入选，有关通知要求加强指导。'],
      // A campaign without its year may be any year's.
      ['两部门推动人工智能赋能', '两部门印发通知，部署开展人工智能赋能新型工业化行动，推动重点行业智能化改造。'],
      ['人工智能赋能新型工业化行动启动', '多部门日前印发通知，部署开展人工智能赋能新型工业化行动，支持企业建设行业大模型。'],
    ] as const;
    assert.deepEqual(groupStories(texts.map(([title, body], i) => ({ id: i + 1, title, body, docNumber: null }))).map((g) => [...g].sort()).sort(), [[1, 2], [3], [4], [5], [6]]);
    assert.equal(deployedCampaign('', lead('部署')), '2024年智能工厂梯度培育行动');
    assert.equal(issuerOf('我国将构建智能工厂梯度培育体系', lead('部署')), '工业和信息化部');
    const notice = copy(1, '四部门部署开展智能网联汽车准入和上路通行试点', '一篇期刊摘要记载：11月17日，工业和信息化部、公安部、住房和城乡建设部、交通运输部四部门联合印发通知，部署开展智能网联汽车准入和上路通行试点。\n按照通知，四部门遴选具备量产条件的产品开展准入试点。');
    const { brief, failed } = written(analyzeDay([notice], directory, taxonomy, segmenter).candidates, [notice]);
    assert.equal(brief.items[0]!.headline, '工信部等四部门联合印发通知，部署开展智能网联汽车准入和上路通行试点');
    assert.deepEqual(failed, []);
  });

  it('credits a document a report tells of as out to the body its name opens with, and a body\'s Party committee to its tier', () => {
    assert.equal(issuerOf('我国力争2027年基本实现商业航天高质量发展', '新华社北京11月25日电 11月25日公布的《国家航天局推进商业航天高质量安全发展行动计划（2025—2027年）》提出，把商业航天纳入国家航天发展总体布局。'), '国家航天局');
    // A name cited, or one that is no document's, names no issuer.
    assert.equal(issuerOf('航天观察', '新华社北京11月25日电 为贯彻落实日前印发的《国家航天局推进商业航天高质量安全发展行动计划（2025—2027年）》，各地加快布局。'), '新华社');
    assert.equal(issuerOf('航天观察', '新华社北京11月25日电 日前发布的《国家航天局2025年大事记》显示，航天发射次数创新高。'), '新华社');
    // An interpretation of it stays its writer's.
    assert.notEqual(issuerOf('二十届三中全会决定解读：健全因地制宜发展新质生产力体制机制', '日前公布的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》提出，健全因地制宜发展新质生产力体制机制。'), '中共中央');
    assert.equal(directory.tierOf('国务院国资委党委'), 'national');
    assert.equal(directory.tierOf('工业和信息化部党组'), 'national');
  });

  it('does not take the digits of a cited site\'s name for a figure the text claims', () => {
    const repost = { ...copy(1, '国办印发《关于进一步促进民间投资发展的若干措施》', '国务院办公厅近日印发《关于进一步促进民间投资发展的若干措施》，提出支持民间资本参与新型基础设施建设，发展新质生产力。\n措施明确，鼓励民间资本参与算力、数据中心等项目。'), url: 'https://www.hk01.com/a/1.html', sourceId: 'web:www.hk01.com' };
    const { brief, failed } = written(analyzeDay([repost], directory, taxonomy, segmenter).candidates, [repost]);
    assert.match(brief.items[0]!.paragraphs.join(''), /香港01/);
    assert.deepEqual(failed, []);
  });

  it('credits a draft law put to a reading to the legislature it is put to', () => {
    assert.equal(issuerOf('我国拟修法明确：划分空域应当兼顾低空经济发展需要', '财联社2月24日电，民用航空法修订草案24日提请十四届全国人大常委会初次审议，明确保障低空经济发展对空域利用的合理需求。'), '全国人民代表大会常务委员会');
    assert.equal(issuerOf('民营经济促进法草案二审', '民营经济促进法草案25日提请十四届全国人大常委会第十四次会议第二次审议。'), '全国人民代表大会常务委员会');
  });
});

describe('days BF to BH: the rules their held-out runs asked for', () => {
  const issuerOf = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.name ?? null;
  const partnersOf = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.partners ?? null;

  it('cuts a gambling run out of a headline whole, digits and all, so no figure is made of its pieces', () => {
    assert.equal(withoutInjectedSpam('中国数据基础设施每年预计吸引直接投资约4000亿新澳2024管家婆资料元'), '中国数据基础设施每年预计吸引直接投资约4000亿元');
    assert.equal(withoutInjectedSpam('中国数据基础设施每年预计吸引2023年澳门今晚必开一肖一特直接投资约4000亿元'), '中国数据基础设施每年预计吸引直接投资约4000亿元');
    assert.equal(withoutInjectedSpam('如马会传真澳门何做到全国数据“一本账”'), '如何做到全国数据“一本账”');
    assert.equal(withoutInjectedSpam('期待同记者紧二四六好彩7777788888密合作'), '期待同记者紧密合作');
    // A year in a headline with no spam beside it stays.
    assert.equal(withoutInjectedSpam('2024年新澳合作论坛举办'), '2024年新澳合作论坛举办');
  });

  it('credits a document a lead tells of without 《》, or as compiled, and joins the report to the notice', () => {
    const report = '杭州市人民政府办公厅印发支持人工智能全产业链高质量发展若干措施。其中提出，扩容算力券发放。';
    assert.equal(issuerOf('杭州：扩容算力券发放', report), '杭州市人民政府办公厅');
    assert.equal(issuedDocument('杭州：扩容算力券发放', report), '支持人工智能全产业链高质量发展若干措施');
    assert.equal(issuedDocument('杭州：扩容算力券发放', '市政府出台相关支持人工智能产业发展的措施，鼓励企业购买算力。'), null);
    const notice = ['杭州市人民政府办公厅关于印发支持人工智能全产业链高质量发展若干措施的通知', '各区、县（市）人民政府：现印发给你们，请认真组织实施。'];
    assert.deepEqual(groupStories([{ id: 1, title: notice[0]!, body: notice[1]!, docNumber: null }, { id: 2, title: '杭州：扩容算力券发放', body: report, docNumber: null }]).map((g) => [...g].sort()), [[1, 2]]);
    const compiled = '日前，国家发展改革委、国家数据局、中央网信办、工业和信息化部、财政部、国家标准委组织编制了《国家数据标准体系建设指南》。';
    assert.equal(issuerOf('六部门编制：《国家数据标准体系建设指南》全文', compiled), '国家发展和改革委员会');
    assert.equal(partnersOf('六部门编制：《国家数据标准体系建设指南》全文', compiled), '六');
  });

  it('gives a body\'s research institution the body\'s tier and its own name, and reads a research office as the body\'s', () => {
    assert.equal(directory.tierOf('国务院国资委研究中心'), 'national');
    assert.equal(directory.tierOf('教育部基础教育教学指导委员会'), 'national');
    assert.equal(directory.tierOf('上海市经济和信息化委员会人工智能中心'), 'provincial');
    assert.equal(issuerOf('《中小学人工智能通识教育指南(2025年版)》正式发布!', '近日,教育部基础教育教学指导委员会正式发布《中小学人工智能通识教育指南(2025年版)》,一起来看全文。'), '教育部基础教育教学指导委员会');
    // A name that only starts like a body is none of its units.
    assert.equal(directory.tierOf('国务院研究'), null);
    assert.equal(issuerOf('《中央企业高质量发展报告（2023）》发布', '国务院国资委研究中心日前发布《中央企业高质量发展报告（2023）》，报告显示，央企加大投入。'), '国务院国资委研究中心');
    assert.equal(issuerOf('低空经济是新质生产力代表', '记者17日北京专电：国家发展改革委政策研究室主任金贤东在国新办发布会上说，低空经济服务领域广。'), '国家发展和改革委员会');
  });

  it('credits the first of bodies listed together, where the last two are joined by 和, and a body\'s account', () => {
    assert.equal(issuerOf('国新办吹风会：数码产品纳入以旧换新补贴', '1月8日，国务院新闻办公室举行政策例行吹风会，国家发展改革委、财政部、商务部、中国人民银行和市场监管总局负责人介绍了有关安排。'), '国家发展和改革委员会');
    const countryside = '5月15日，工业和信息化部办公厅、国家发展改革委办公厅、农业农村部办公厅、商务部办公厅和国家能源局综合司联合下发《五部门关于开展2024年新能源汽车下乡活动的通知》。';
    assert.equal(issuerOf('多方合力，促新能源汽车下乡', countryside), '工业和信息化部');
    assert.equal(partnersOf('多方合力，促新能源汽车下乡', countryside), '五');
    // 和 inside a name is no joint.
    assert.equal(issuerOf('工信部部署', '工业和信息化部联合下发《关于开展试点的通知》。'), '工业和信息化部');
    assert.equal(issuerOf('四部门确定9个试点联合体', '6月4日，工业和信息化部公众号发布消息，四部门确定9个联合体进入试点。'), '工业和信息化部');
    // Officials each with a post: the first; the Party centre's conference on a day it writes whole.
    assert.equal(issuerOf('大会新闻发布会在武汉召开', '11月16日下午，大会新闻发布会在武汉召开。工信部信息通信管理局一级巡视员王鹏、湖北省经济和信息化厅厅长刘海军、武汉市副市长党蓁出席并答问。'), '工业和信息化部');
    assert.equal(issuerOf('新闻发布会解读全会精神', '中共中央10月24日上午举行新闻发布会，中央财办副主任韩文秀、国家卫生健康委主任雷海潮介绍和解读全会精神。'), '中共中央');
  });

  it('joins a notice to reports of the campaign its title launches, and heads it by the campaign', () => {
    assert.equal(deployedCampaign('六部门关于开展2025年度智能工厂梯度培育行动的通知', '各省、自治区、直辖市工业和信息化主管部门：'), '2025年智能工厂梯度培育行动');
    const title = '工业和信息化部办公厅 国家发展改革委办公厅 财政部办公厅 国务院国资委办公厅 市场监管总局办公厅 国家数据局综合司关于开展2025年度智能工厂梯度培育行动的通知';
    const notice = copy(1, title, `${title}\n各省、自治区、直辖市工业和信息化主管部门：\n为加快推动制造业数字化转型智能化升级，工业和信息化部、国家发展改革委、财政部、国务院国资委、市场监管总局、国家数据局联合开展2025年度智能工厂梯度培育行动。`);
    const report = copy(2, '造底板锻尖峰 智能工厂四级培育精准施策', '工业和信息化部、国家发展改革委、财政部、国务院国资委、市场监管总局、国家数据局近日联合印发通知，部署开展2025年度智能工厂梯度培育行动，按四个层级培育。');
    const candidates = analyzeDay([notice, report], directory, taxonomy, segmenter).candidates;
    assert.equal(candidates.length, 1);
    const { brief, failed } = written(candidates, [notice, report]);
    assert.equal(brief.items[0]!.headline, '工信部等六部门部署开展2025年度智能工厂梯度培育行动');
    assert.deepEqual(failed, []);
  });

  it('credits a medium\'s column on a meeting to the medium, not the meeting\'s body', () => {
    assert.equal(issuerOf('切实规范新能源汽车产业竞争秩序', '新华财经北京7月16日电 专家认为，规范新能源汽车产业竞争秩序势在必行。'), '新华社');
    // A body's official interpreting under a column's name is the body's.
    assert.equal(issuerOf('《政务数据共享条例》解读 | 国家数据局张望：抓好条例落实', '国家数据局副局长张望表示，要抓好《政务数据共享条例》落实。'), '国家数据局');
    assert.equal(issuerOf('如何建设现代化人民城市？习近平在这次会议上指明方向', '7月14日至15日，中央城市工作会议在北京举行。《时政新闻眼》梳理了会议明确的重点任务。'), '中央广播电视总台');
    assert.equal(issuerOf('热解读：中央经济工作会议部署开展“人工智能+”行动', '中央经济工作会议12月11日至12日在北京举行。会议提出，开展“人工智能+”行动。'), '中央广播电视总台');
    // The meeting's own report stays the body's.
    assert.equal(issuerOf('国务院常务会议研究新能源汽车产业', '国务院总理李强7月16日主持召开国务院常务会议，听取规范新能源汽车产业竞争秩序情况汇报。'), '国务院');
  });

  it('credits a place\'s Party committee whose secretary receives a visiting body, not the visitor', () => {
    assert.equal(issuerOf('天津市委书记陈敏尔、市长张工与国家数据局局长刘烈宏一行座谈', '7月10日，天津市委书记陈敏尔，市委副书记、市长张工与来津出席论坛的国家数据局党组书记、局长刘烈宏一行座谈。'), '中共天津市委');
    // The visitor's own news of the visit stays the visitor's.
    assert.equal(issuerOf('国家数据局局长刘烈宏调研天津', '7月10日，国家数据局局长刘烈宏在天津调研，天津市委书记陈敏尔陪同。'), '国家数据局');
  });

  it('prints a body\'s name with Chinese brackets, as it signs', () => {
    assert.equal(issuerOf('浙江省制造业高质量发展(数字经济发展)领导小组办公室关于印发《浙江省智算云发展行动方案》的通知', '各市、县（市、区）人民政府：现印发给你们。'), '浙江省制造业高质量发展（数字经济发展）领导小组办公室');
  });

  it('takes a body one copy names over a medium two copies credit', () => {
    const at = '2024-12-28T10:00:00+08:00';
    const members = [
      // The report comes last: the tie goes to the body, not to the copy met first.
      { id: 1, site: '南方plus', repostOf: null, issuer: '中共中央', issuerHow: 'lead' as const, publishedAt: '2024-12-28T11:00:00+08:00' },
      { id: 2, site: 'infp888.me', repostOf: null, issuer: '中央广播电视总台', issuerHow: 'source' as const, publishedAt: at },
      { id: 3, site: 'infp888.me', repostOf: null, issuer: '中央广播电视总台', issuerHow: 'source' as const, publishedAt: at },
    ];
    assert.equal(resolveOrigin(members, directory).origin, '中共中央');
    // Copies that name no one are the site's, as before: three of them outweigh one reporter's lead.
    // A medium alone weighs as before: two wire copies over three of a bare site.
    const wire = [2, 3].map((id) => ({ id, site: 'mirror.com', repostOf: null, issuer: '中新社', issuerHow: 'source' as const, publishedAt: at }));
    const bare = [4, 5, 6].map((id) => ({ id, site: 'other.com', repostOf: null, issuer: null, publishedAt: at }));
    // (printed by the name the registry gives the agency: 中新社 is 中国新闻社)
    assert.equal(resolveOrigin([...wire, ...bare], directory).origin, '中国新闻社');
    const unnamed = [members[0]!, ...[2, 3, 4].map((id) => ({ id, site: 'infp888.me', repostOf: null, issuer: null, publishedAt: at }))];
    assert.equal(resolveOrigin(unnamed, directory).origin, 'infp888.me');
  });

  it('counts invention patents as the topic\'s', () => {
    const text = '国家知识产权局17日介绍，企业发明专利产业化率达53.3%，每万人口高价值发明专利拥有量达15.3件。';
    assert.ok(scoreRelevance('国新办发布会：发明专利有效量达501万件', text, taxonomy, segmenter).score >= 4);
  });
});

describe('days BL to BN: the rules their held-out runs asked for', () => {
  const issuerOf = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.name ?? null;

  it('gives an autonomous prefecture\'s short name (黔东南州) a prefecture\'s tier, and no bare place of it', () => {
    assert.equal(directory.tierOf('黔东南州人民政府办公室'), 'municipal');
    assert.equal(directory.tierOf('恩施州发展和改革委员会'), 'municipal');
    assert.deepEqual(leadingDivisions('延边州人民政府').map((d) => d.division.name), ['延边朝鲜族自治州']);
    // 海南州 is 青海's; 海南 alone stays the province's short name, not the prefecture's.
    assert.deepEqual(leadingDivisions('海南州人民政府').map((d) => d.division.level), ['prefecture']);
    assert.equal(directory.tierOf('海南省人民政府'), 'provincial');
  });

  it('joins a copy whose headline another copy prints whole with a subtitle, and not a shorter headline', () => {
    const doc = (id: number, title: string, body: string) => ({ id, title, body, docNumber: null });
    const groups = groupStories([
      doc(1, '乌镇峰会开启“下一个十年”', '11月19日至22日，2024年世界互联网大会乌镇峰会在浙江乌镇举办，今年是峰会第11年。'),
      doc(2, '烏鎮峰會開啟“下一個十年” 系列品牌活動今起亮相', '本屆峰會自11月19日起為期四天，至22日閉幕，分論壇增設人工智慧板塊。'),
      doc(3, '系列品牌活动亮相', '乌镇的博览会以人工智能为展示重点，设五大活动板块。'),
      // Nine characters held whole are too few to tell one story from another…
      doc(4, '国务院常务会议召开', '会议于2025年3月12日研究部署了有关工作。'),
      doc(5, '国务院常务会议召开 研究促进消费政策', '2025年3月12日的会议听取了关于扩大消费的汇报。'),
      // …and a slogan heads other news: a text that tells none of the same figures is another story (day-bc).
      doc(6, '因地制宜发展新质生产力', '2024年，徐麟在贵州调研时强调，因地制宜发展新质生产力。'),
      doc(7, '政府工作报告：因地制宜发展新质生产力 培育具身智能、6G等未来产业', '2025年政府工作报告提出，培育具身智能、6G等未来产业。'),
    ]);
    assert.deepEqual(groups.map((g) => [...g].sort()).sort(), [[1, 2], [3], [4], [5], [6], [7]]);
  });

  it('reads a signature a page ran into the last line, and no name before a date that is none', () => {
    assert.equal(issuerOf('关于开展2024年度卓越级智能工厂申报工作的通知', '各企业:根据《福建省工业和信息化厅等六部门关于开展2024年度智能工厂梯度培育行动的通知》(闽工信联函装备〔2024〕647号)要求,请于11月13日前报送我局,附件:1.实施方案(闽工信联函装备〔2024〕647号)福州市长乐区工业和信息化局2024年11月8日。'), '福州市长乐区工业和信息化局');
    assert.equal(issuerOf('会议在北京召开', '记者张三报道，会议在北京召开，与会代表交流了经验。2024年11月8日'), null);
  });

  it('credits the bodies whose document takes effect (…联合发布的《…》今天起正式施行), and an agency a copy cites after another\'s dateline', () => {
    assert.equal(issuerOf('陸AI生成內容標識辦法今起施行', '大陸國家互聯網信息辦公室等四部門聯合發布的《人工智能生成合成內容標識辦法》今天起正式施行，規定AI生成的文字都要加上標識。'), '中央网络安全和信息化委员会办公室');
    assert.equal(issuerOf('AI内容标识新规生效', '由国家互联网信息办公室、工业和信息化部、公安部、国家广播电视总局四部门联合发布的《人工智能生成合成内容标识办法》，由9月1日起正式施行。'), '中央网络安全和信息化委员会办公室');
    assert.equal(issuerOf('算力热度持续攀升', '中评社北京9月5日电／据新华社报导，近期算力热度持续升温，我国算力总规模居全球第二。'), '新华社');
    // A paper's reporter is no agency.
    assert.equal(issuerOf('算力热度持续攀升', '据记者报道，近期算力热度持续升温。'), null);
  });

  it('drops a finance forum\'s stock tag from a headline, so the body after it heads the copy', () => {
    assert.equal(cleanTitle('$北纬科技(SZ002148)$ 国家发改委:积极稳妥推动低空经济发展意义重大、前景光明'), '国家发改委:积极稳妥推动低空经济发展意义重大、前景光明');
    assert.equal(issuerOf('$北纬科技(SZ002148)$ 国家发改委:积极稳妥推动低空经济发展意义重大、前景光明', '国务院新闻办公室今天下午举行新闻发布会，介绍宏观经济形势。'), '国家发展和改革委员会');
    // Nor is a wire service's mark of its dispatches a document's name (day-bp had headed 国家发展改革委发布《驻京专电》解读).
    assert.equal(cleanTitle(normaliseText('《駐京專電》發改委:低空經濟是新質生產力代表,積極推動發展')), '发改委:低空经济是新质生产力代表,积极推动发展');
    // A price in dollars is no tag.
    assert.equal(cleanTitle('芯片售价$30 起 国产算力卡发布'), '芯片售价$30 起 国产算力卡发布');
  });

  it('names a medium one way however a copy credits it: its site, its app, its column', () => {
    assert.equal(directory.canonicalName('央视网'), '中央广播电视总台');
    assert.equal(directory.canonicalName('央视新闻'), '中央广播电视总台');
    assert.equal(directory.canonicalName('中国新闻网'), '中国新闻社');
    assert.equal(directory.canonicalName('发改委'), '国家发展和改革委员会');
    assert.equal(directory.canonicalName('某某商报'), '某某商报');
    const at = '2025-07-16T10:00:00+08:00';
    // A story met on the broadcaster's site and as its column on a mirror is the broadcaster's, under one name.
    const story = [
      { id: 1, site: '央视网', repostOf: null, issuer: null, publishedAt: at },
      { id: 2, site: 'mirror.com', repostOf: null, issuer: '中央广播电视总台', issuerHow: 'source' as const, publishedAt: at },
      { id: 3, site: 'other.com', repostOf: null, issuer: null, publishedAt: at },
    ];
    assert.equal(resolveOrigin(story, directory).origin, '中央广播电视总台');
    // A text citing 据央视新闻报道 names the broadcaster.
    assert.equal(issuerOf('城市更新有了新路线图', '据央视新闻报道，中央城市工作会议部署的重点任务引发关注。'), '中央广播电视总台');
  });

  it('counts cross-border data flows and market-value management as the topic\'s', () => {
    const score = (title: string, body: string) => scoreRelevance(title, body, taxonomy, segmenter).score;
    assert.ok(score('全球数据跨境流动合作倡议发布', '倡议建议各国政府鼓励以电子方式跨境传输数据，建立数据跨境流动管理负面清单。') > 2);
    assert.ok(score('证监会发布市值管理指引', '指引要求上市公司以提高质量为基础，提升经营效率和盈利能力，推动市值管理。') > 2);
  });
});

describe('all days: the lead\'s subject when no pattern of a document\'s form holds', () => {
  it('credits the body that a clause of the first sentences starts with and that acts in it', () => {
    // Copies of 66 stories on uncatalogued hosts named no issuer by any pattern and were credited to their hosts.
    assert.equal(issuer('關於資本市場服務科技企業高水平發展的十六項措施', '中國證監(jiān)會各派出機構(gòu)：\n為進一步健全資本市場功能，更大力度支持科技企業(yè)高水平發(fā)展，中國證監(jiān)會提出以下措施。'), '中国证券监督管理委员会');
    assert.equal(issuer('可信数据空间行动计划公开征求意见', '2024年10月18日，国家数据局就其起草的《可信数据空间发展行动计划（2024—2028年）》向社会公开征求意见。'), '国家数据局');
    assert.equal(issuer('嫦娥六号返回器着陆', '嫦娥六号返回器准确着陆。国家航天局将择机举行交接仪式。'), '国家航天局');
    // The longest name that acts, not one cut short (国务院 of 国务院发展研究中心), nor one run into its act.
    assert.equal(issuer('现代企业制度', '国务院发展研究中心部署课题研究。'), '国务院发展研究中心');
    assert.equal(issuer('政务系统接入大模型', '2月8日，深圳市龙岗区政务服务和数据管理局在政务外网部署上线大模型。'), '深圳市龙岗区政务服务和数据管理局');
    // A prefecture's body named by the city without 市 signs with it.
    assert.equal(issuer('低空经济促进条例征求意见', '2024年12月11日，苏州司法局发布公告，征求社会各界意见。'), '苏州市司法局');
  });

  it('credits no subject of a clause that recalls, cites, sets the time of what follows, or names a body by its level alone', () => {
    assert.equal(issuer('政策解读', '一、起草背景\n2024年以来，国务院和省政府出台多项政策，加快推动人工智能应用。'), undefined);
    assert.equal(issuer('专项行动', '国家数据局部署专项行动。'), '国家数据局');
    assert.equal(issuer('专项行动', '国家数据局部署专项行动后，各地陆续开展试点。'), undefined);
    assert.equal(issuer('实施细则', '为贯彻落实国家数据局部署，推动数据产业发展，制定本细则。'), undefined);
    assert.equal(issuer('名单公布', '本市数据局公布数据局名单。'), undefined);
    // The place its title names (fromPlace), not 中共为贯彻落实市委.
    assert.equal(issuer('十堰市低空经济发展实施方案', '为贯彻落实市委、市政府部署，推动低空经济高质量发展，制定本方案。'), '十堰市人民政府');
    // A medium's commentary is the medium's; a report of a named document takes its document's issuer, not this reading.
    assert.equal(issuer('让数据要素活起来', '国家数据局日前部署专项行动，各地数据局陆续开展试点。本报评论员认为，试点贵在落地。'), undefined);
    assert.equal(issuer('两部门印发能源高质量发展实施意见', '科技日报记者报道，国家发展改革委、国家能源局印发的《关于推进“人工智能+”能源高质量发展的实施意见》9月8日公布。'), undefined);
    // A medium's report is not read so: its lead's subject is what it reports on (its copies had run stories twice).
    assert.equal(issuer('专项行动', '科技日报记者报道，国家数据局部署专项行动。'), undefined);
    // Nor where another acts between the body and the verb: its official (day-aj's expo, opened by a secretary the
    // labels credit to the government), or a document it issued (day-at's 举措提出, whose copies then ran twice).
    assert.equal(issuer('工博会开幕', '9月19日，上海市委书记陈吉宁宣布开幕。'), undefined);
    assert.equal(issuer('科技金融', '科技部等七部门印发的科技金融政策举措提出，健全新股发行机制。'), undefined);
    // A working group named after its city without 市 is printed as it names itself.
    assert.equal(issuer('数据标注产业措施', '保定国家数据标注基地建设工作专班召开推进会。'), '保定国家数据标注基地建设工作专班');
    // Acting is doing: a body that only asks (要求) or is met (会见) is no subject of this reading.
    assert.equal(issuer('座谈会', '国家数据局要求，各地数据局牵头制定实施方案。'), undefined);
  });

  it('reads the issuer a page states in a field of its own (发文机关, 制定机关), its cell glued to the label or not', () => {
    assert.equal(issuer('關於深化科創板改革的意見', '來源: www.example.com 日期:2024-06-20\n發(fā)文機關(guān)中國證券監(jiān)督管理委員會\n發(fā)文日期2024年06月19日\n中國證監會各派出機構：'), '中国证券监督管理委员会');
    assert.equal(readIssuer({ title: '中华人民共和国能源法(草案二次审议稿)', body: '中华人民共和国能源法(草案二次审议稿)\n制定机关:全国人民代表大会常务委员会\n2024年9月', docNumber: null }, directory)?.how, 'field');
    assert.equal(issuer('关于深化科创板改革的意见', '发文机关：中国证券监督管理委员会 发文日期：2024年06月19日 时效性：现行有效'), '中国证券监督管理委员会');
    // A field naming no body is none.
    assert.equal(issuer('某某通知', '发文机关：详见附件\n各有关单位：'), undefined);
  });
});

describe('days BT and BU, and the twice of all days: a gathering\'s opening, a lead under highlights', () => {
  const grouped = (texts: [string, string][]) => groupStories(texts.map(([title, body], i) => ({ id: i + 1, title, body, docNumber: null }))).map((g) => [...g].sort()).sort();

  it('joins reports of one gathering\'s opening, each headed its own way, and keeps apart a notice of it, another edition and a story set at it', () => {
    const opening = (lead: string) => `${lead}主题为“释放数据要素价值”，设开幕式、主论坛和12个分论坛。\n体验区面积5.6万平方米，超过350家单位参展。`;
    assert.deepEqual(
      grouped([
        ['第七届数字中国建设峰会在福州开幕', opening('据中新网报道，第七届数字中国建设峰会5月24日在福建福州开幕，')],
        ['第七届数字中国建设峰会今日在福州开幕', opening('海峡导报5月24日报道，第七届数字中国建设峰会当天在福州开幕，')],
        ['数字中国峰会：企业嘉宾占比超六成', '5月24日上午，第七届数字中国建设峰会在福州开幕，企业代表嘉宾占比由往届的50%提高到65%以上。'],
        // Still to come: the briefing that announced it is news of its own.
        ['第七届数字中国建设峰会将于5月24日举行', '第七届数字中国建设峰会将于5月24日至25日在福州举行，主题是“释放数据要素价值”。'],
        // An edition of years before, reposted.
        ['第四届数字中国建设峰会开幕', '第四届数字中国建设峰会4月25日在福州开幕，主题为“激活数据要素潜能”。'],
        // The opening as the setting of another story, which the headline tells.
        ['黄仁勋：已收到大量芯片订单', '第七届数字中国建设峰会5月24日在福州开幕，一家芯片公司的首席执行官出席并透露已收到大量订单。'],
      ]),
      [[1, 2, 3], [4], [5], [6]],
    );
    assert.equal(openedGathering('乌镇峰会开启“下一个十年”', '据浙江日报11月19日报道，2024年世界互联网大会乌镇峰会11月19日至22日在乌镇举办，这是峰会的第11年。'), '2024世界互联网大会乌镇峰会');
    // A sentence whose subject is another body speaks of the gathering, not of its opening.
    assert.equal(openedGathering('国新办介绍数字中国建设峰会筹备情况', '国务院新闻办公室就第七届数字中国建设峰会举行发布会。'), null);
  });

  it('joins reports of one draft that name it in their lead, with its 征求意见稿 inside 《》 or not, and keeps the issued document apart', () => {
    const plan = '北京市促进低空经济产业高质量发展行动方案（2024—2027年）';
    assert.equal(issuedDocument('北京低空经济行动方案公开征求意见', `5月16日，《${plan}》公开征求意见（据北京市人民政府网站）。\n征求意见稿提出开放多元应用场景。`), plan);
    assert.deepEqual(
      grouped([
        ['北京低空经济行动方案公开征求意见', `5月16日，《${plan}》公开征求意见（据北京市人民政府网站）。\n征求意见稿提出开放多元应用场景，探索“无人机+公交”配送。`],
        ['北京：拟探索分体式飞行汽车城际通勤', `据IT之家5月16日消息，北京市经济和信息化局15日就《${plan.slice(0, -1)}）（征求意见稿）》公开征求意见。\n征求意见稿提出，力争用三年时间使低空经济相关企业数量突破5000家。`],
        [`北京市经济和信息化局关于印发《${plan}》的通知`, `各区人民政府：\n现将《${plan}》印发给你们，请认真贯彻落实。`],
      ]),
      [[1, 2], [3]],
    );
  });

  it('credits a briefing\'s transcript to the body whose head the host invites to present, in a Taiwan-usage copy too', () => {
    const transcript = '國務院新聞辦新聞局副局長、新聞發言人邢慧娜:\n女士們、先生們,大家下午好。歡迎出席國務院新聞辦新聞釋出會。今天我們舉行「推動高品質發展」系列主題新聞釋出會。我們邀請到國家數據局局長劉烈宏先生,請他介紹情況並回答大家關心的問題。';
    // 釋出會 is Taiwan's 发布会: the title alone, without the body's 數位, reads as a briefing.
    assert.match(normaliseText('國新辦舉行「推動高品質發展」系列主題新聞釋出會(國家數據局)'), /发布会/);
    assert.equal(issuer(normaliseText('國新辦舉行「推動高品質發展」系列主題新聞釋出會(國家數據局)'), normaliseText(transcript)), '国家数据局');
  });

  it('leaves an expert\'s reading a reporter arranged to its medium, not the body whose document it reads', () => {
    assert.equal(issuer('专家解读《关于加快公共数据资源开发利用的意见》', '今天（10月9日），中共中央办公厅、国务院办公厅正式公布《关于加快公共数据资源开发利用的意见》。记者第一时间请专家作了解读。'), undefined);
    assert.equal(issuer('“辅助驾驶”别当“自动驾驶” 专家谈两部门征求意见稿', '国家市场监督管理总局与工业和信息化部近期联合发布征求意见稿。专家表示，政策落地后有助于减少企业的无序升级。'), undefined);
    // A report of the document that quotes an expert after it is the document's news.
    assert.equal(issuer('四部门印发人工智能产业标准化体系建设指南 专家：标准应紧跟技术创新步伐', '工业和信息化部等四部门近日印发《国家人工智能产业综合标准化体系建设指南（2024版）》。专家表示，标准应紧跟技术创新步伐。'), '工业和信息化部');
    // Credited to no one, it still tells who issued the document a mirror carries bare (day-au).
    const reading = copy(1, '专家解读 | 关于《可信数据空间发展行动计划（2024—2028年）》的解读', '近日，国家数据局印发《可信数据空间发展行动计划（2024—2028年）》。专家表示，行动计划明确了发展目标。');
    const bare = copy(2, '可信数据空间发展行动计划(2024—2028年)', '可信数据空间是基于共识规则，联接多方主体，实现数据资源共享共用的一种数据流通利用基础设施。到2028年，建成100个以上可信数据空间。');
    const day = analyzeDay([reading, bare], directory, taxonomy, segmenter).candidates;
    assert.deepEqual(day.map((c) => [c.document.id, c.origin === '国家数据局']).sort(), [[1, false], [2, true]]);
  });

  it('reads a document a report names after the date of its release (10月28日《…》全文公布)', () => {
    const name = '中共中央关于制定国民经济和社会发展第十五个五年规划的建议';
    assert.equal(issuedDocument('“十五五”规划建议把建设现代化产业体系列为首要任务', `据21世纪经济报道，10月28日《${name}》全文公布。《建议》把建设现代化产业体系放在战略任务第一条。`), name);
    // A date before a name that is cited, not released, names nothing.
    assert.equal(issuedDocument('各地学习贯彻四中全会精神', `10月28日《${name}》学习座谈会在京举行。`), null);
  });

  it('reads the document a report names after the highlights a portal sets above its lead', () => {
    const highlights = '①高标准建设省具身智能机器人创新中心，引进和培育3—5家独角兽企业。\n②加快重大项目建设，补齐集成电路制造、先进封测等短板。\n';
    const lead = '近日，中共广东省委办公厅、广东省人民政府办公厅印发《广东省建设现代化产业体系2025年行动计划》并发出通知，要求各地区各部门结合实际认真贯彻落实。';
    assert.equal(issuedDocument('广东：加快启动布局人形机器人、低空经济、商业航天等重点领域研发项目', `${highlights}${lead}`), '广东省建设现代化产业体系2025年行动计划');
    assert.deepEqual(
      grouped([
        ['广东：加快启动布局人形机器人、低空经济、商业航天等重点领域研发项目', `${highlights}${lead}\n一、实施科技创新强基行动`],
        ['广东印发建设现代化产业体系2025年行动计划', '近日，省委办公厅、省政府办公厅印发《广东省建设现代化产业体系2025年行动计划》，提出实施八大行动。'],
      ]),
      [[1, 2]],
    );
  });

  it('counts a policy document of the Party Centre as the topic\'s whatever its words, not its meetings or news, nor another body\'s', () => {
    const opinion = copy(1, '中共中央 国务院关于实施就业优先战略促进高质量充分就业的意见', '就业是最基本的民生。为实施就业优先战略，促进高质量充分就业，现提出如下意见。');
    const meeting = copy(2, '中共中央举行新闻发布会 介绍党的二十届三中全会精神', '中共中央7月19日上午举行新闻发布会，介绍和解读党的二十届三中全会精神。');
    const other = copy(3, '国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见', '内蒙古是我国北方重要生态安全屏障。现提出如下意见。');
    const day = analyzeDay([opinion, meeting, other], directory, taxonomy, segmenter).candidates;
    const of = (id: number) => day.find((c) => c.document.id === id)!;
    assert.deepEqual([of(1).origin, of(1).relevance.scope, of(1).relevance.score >= 4], ['中共中央', { issuer: '中共中央', kind: '指导意见', points: 4 }, true]);
    assert.deepEqual([of(2).origin, of(2).relevance.scope], ['中共中央', undefined]);
    assert.equal(of(3).relevance.scope, undefined);
    // Picked among the day's items; explain says why it counts.
    assert.ok(selectItems(day, { minItems: 1, maxItems: 7, minRelevance: 4 }).some((c) => c.document.id === 1));
    assert.match(relevanceLine(of(1), 'zh'), /中共中央的指导意见，计入范围 \+4/);
    // Without the taxonomy's scope it scores by its words.
    assert.equal(analyzeDay([opinion], directory, { ...taxonomy, issuerScope: undefined }, segmenter).candidates[0]!.relevance.scope, undefined);
  });

  it('dates a notice of an event to come no later than the event, when the day it is met is past it', () => {
    const notice = '国家数据局局长刘烈宏5月10日在国新办新闻发布会上介绍，第七届数字中国建设峰会将于5月24日至25日在福州举行。';
    assert.deepEqual(announcedEvent(notice, '2026-08-28'), { date: '2026-05-24', year: 2026, how: 'event', evidence: '将于5月24日至25日在福州举行' });
    // Still ahead; or so far back that it is next year's (a notice of 1月5日 met on 20 December).
    assert.equal(announcedEvent(notice, '2026-05-20'), null);
    assert.equal(announcedEvent('年会将于1月5日在北京召开。', '2026-12-20'), null);
    assert.equal(announcedEvent('第七届数字中国建设峰会5月24日在福州开幕。', '2026-08-28'), null);
    // Met on 15 September, a notice of May's summit is old news: it only fills a thin day.
    const candidate = analyzeDay([copy(1, '数字中国建设峰会将于5月24日举行 聚焦数据要素和数字经济', notice.replace('举行。', '举行，聚焦数据要素、数字经济和人工智能+。'))], directory, taxonomy, segmenter).candidates[0]!;
    assert.equal(isStale(candidate.significance), true);
  });
});

describe('days BX to CA: Taiwan\'s authorities, reporters\' bylines and the energy transition', () => {
  it('credits no body of Taiwan\'s authorities as an official issuer: a report of one is its medium\'s', () => {
    const report = '鉅亨網記者張韶雯台北報導：國家發展委員會主任委員葉俊顯20日在立法院經濟委員會作上任後首次業務報告，表示政府將推動經濟創新升級，並讓台灣人工智慧實力躋身全球前5名。';
    assert.equal(issuer('國發新藍圖曝光！葉俊顯首秀：「五大信賴產業」與「AI新十大建設」', report), '巨亨网');
    assert.equal(issuer('行政院發布AI新十大建設', '行政院院會今天通過AI新十大建設推動方案，經濟部將編列預算。'), undefined);
    // The form of a national bureau is no national body's there, nor is a Taiwan city's government a city's here.
    assert.deepEqual([tierByForm('国家发展委员会'), tierByForm('台北市政府'), tierByForm('经济部产业发展署')], [null, null, null]);
    assert.deepEqual([tierByForm('国家数据局'), tierByForm('台州市人民政府')], ['national', 'municipal']);
    assert.equal(looksLikeBody('国家科学及技术委员会'), false);
  });

  it('counts a story of Taiwan\'s authorities a quarter, as another genre: Taiwan\'s own policy, or cross-strait politics', () => {
    const taiwan = scoreRelevance('叶俊显首秀：“五大信赖产业”与“AI新十大建设”', '国家发展委员会主任委员叶俊显20日在立法院作业务报告，将推动人工智能产业、数据中心建设，打造人工智能岛。', taxonomy, segmenter);
    const mainland = scoreRelevance('叶俊显首秀：“五大信赖产业”与“AI新十大建设”', '国家发展和改革委员会主任20日作报告，将推动人工智能产业、数据中心建设，打造人工智能高地。', taxonomy, segmenter);
    assert.ok(mainland.score >= 4);
    assert.equal(taiwan.score, Math.round(mainland.score * 0.25 * 100) / 100);
    assert.deepEqual(taiwan.discount, { why: 'taiwan', words: '国家发展委员会', factor: 0.25 });
    // explain says why, in the reader's language.
    const candidate = analyzeDay([copy(9, '叶俊显首秀：“五大信赖产业”与“AI新十大建设”', '国家发展委员会主任委员叶俊显20日在立法院作业务报告，将推动人工智能产业、数据中心建设，打造人工智能岛。')], directory, taxonomy, segmenter).candidates[0]!;
    assert.match(relevanceLine(candidate, 'zh'), /\[按 ×0\.25 计：台湾当局之事（国家发展委员会）\]/);
    assert.match(relevanceLine(candidate, 'en'), /\[counted ×0\.25: Taiwan's authorities \(国家发展委员会\)\]/);
    const line = (title: string, body: string) => relevanceLine(analyzeDay([copy(10, title, body)], directory, taxonomy, segmenter).candidates[0]!, 'zh');
    assert.match(line('材料题：低空经济与新质生产力', '材料一：低空经济是新质生产力的典型代表。'), /\[按 ×0\.25 计：标题属另一类文体（材料题）\]/);
    assert.match(line('千架无人机点亮江城夜空', '1000架无人机在东湖上空组成玉兔图案。'), /\[按 ×0\.5 计：只有日常用词（无人机），政策或产业用词 0 个\]/);
    assert.equal(scoreRelevance('国台办回应民进党当局禁用DeepSeek', '国台办发言人表示，人工智能大模型DeepSeek广受欢迎，推动人工智能产业发展。', taxonomy, segmenter).discount?.words, '民进党当局');
  });

  it('reads the medium from a reporter\'s byline when nothing else names one, an agency\'s under its register name', () => {
    assert.equal(issuer('AI应用撑盘 8月工业生产指数写同期新高', '（中央社記者曾智怡臺北24日電）人工智慧應用熱潮延續，8月工業生產指數為117.36。'), '中央社');
    assert.equal(directory.canonicalName('中央社'), '中央通讯社');
    assert.equal(issuer('从“黑灯产线”到无人集卡', '中国经营报记者曲忠芳北京报道：从叶片“黑灯产线”到无人驾驶集卡，智能化改造正在铺开。'), '中国经营报');
    // A byline is a fallback: the body a report's lead names issuing a document still comes first.
    assert.equal(issuer('民间投资13条出台', '中国商报记者王彤旭报道 国务院办公厅日前印发《关于进一步促进民间投资发展的若干措施》，提出13项措施。'), '国务院办公厅');
    assert.equal(issuer('智能化改造观察', '记者曲忠芳报道：智能化改造正在铺开。'), undefined);
  });

  it('reads a gov.cn host as its place\'s government\'s, so a relative name on it is that place\'s', () => {
    assert.deepEqual(['www.lyg.gov.cn', 'jtj.changzhou.gov.cn', 'www.pinghu.gov.cn', 'gd.gov.cn'].map((host) => divisionOfGovHost(host)?.name), ['连云港市', '常州市', '平湖市', '广东省']);
    // Two places spelt alike (苏州, 宿州; 广州, 贵州, 赣州), a ministry's host, a host outside gov.cn: none.
    assert.deepEqual(['www.suzhou.gov.cn', 'gz.gov.cn', 'www.miit.gov.cn', 'changzhou.com.cn'].map((host) => divisionOfGovHost(host)), [undefined, undefined, undefined, undefined]);
    const text = ['市交通运输局召开交通运输行业低空应用场景座谈会', '4月26日下午，市交通运输局组织召开交通运输行业低空应用场景座谈会，共谋低空经济发展新机遇。'] as const;
    const page = { ...copy(1, ...text), url: 'https://jtj.changzhou.gov.cn/html/jtj/2024/214934.html', sourceId: 'web:jtj.changzhou.gov.cn' };
    const candidate = analyzeDay([page], directory, taxonomy, segmenter).candidates[0]!;
    assert.deepEqual([candidate.origin, candidate.tier], ['常州市交通运输局', 'municipal']);
    // The same text on a mirror names no place.
    assert.notEqual(analyzeDay([copy(2, ...text)], directory, taxonomy, segmenter).candidates[0]!.origin, '常州市交通运输局');
  });

  it('splits local bodies a heading runs together, the first leading', () => {
    const body = '中共深圳市委办公厅深圳市人民政府办公厅关于印发《深圳市加快推动人工智能高质量发展高水平应用行动方案(2023—2024年)》的通知\n各区党委和人民政府，市直各单位：\n现印发给你们，请结合实际认真贯彻落实。';
    const reading = readIssuer({ title: '重磅发布!《深圳市加快推动人工智能高质量发展高水平应用行动方案(2023—2024年)》', body, docNumber: null }, directory);
    assert.deepEqual([reading?.name, reading?.partners], ['中共深圳市委办公厅', '二']);
    // Three run together are three; one body's name is not cut.
    assert.equal(readIssuer({ title: '嘉兴市印发若干措施', body: '中共嘉兴市委办公室嘉兴市人民政府办公室嘉兴市科学技术局关于印发《嘉兴市科技创新若干措施》的通知\n各县（市、区）：现印发给你们。', docNumber: null }, directory)?.partners, '三');
    assert.equal(issuer('深圳市人民政府办公厅关于印发若干措施的通知', '各区人民政府：现印发给你们。'), '深圳市人民政府办公厅');
  });

  it('names a national department that signs in its own name, and counts the reports that name its body for it', () => {
    assert.equal(issuer('国家能源局综合司关于组织开展能源领域氢能试点工作的通知', '各省（自治区、直辖市）能源局：现将有关事项通知如下。'), '国家能源局综合司');
    assert.equal(directory.tierOf('国家能源局综合司'), 'national');
    const notice = copy(1, '国家能源局综合司关于组织开展能源领域氢能试点工作的通知', '各省（自治区、直辖市）能源局：为推动氢能产业高质量发展，现组织开展能源领域氢能试点工作。');
    const reports = [2, 3].map((id) => copy(id, '国家能源局组织开展能源领域氢能试点工作', '国家能源局近日印发《关于组织开展能源领域氢能试点工作的通知》，推动氢能产业高质量发展。'));
    assert.deepEqual(analyzeDay([notice, ...reports], directory, taxonomy, segmenter).candidates.map((c) => c.origin), ['国家能源局综合司']);
    // Its official speaking at a briefing speaks for the body.
    assert.equal(issuer('国家能源局举行新闻发布会', '国家能源局能源节约和科技装备司副司长边广琦介绍，一季度新型储能装机规模稳步增长。'), '国家能源局');
    assert.deepEqual(['国家数据局综合司', '国家发展和改革委员会高技术司', '中国建设银行股份有限公司', '国家数据局'].map(bodyOfDepartment), ['国家数据局', '国家发展和改革委员会', '中国建设银行股份有限公司', '国家数据局']);
    // One body's reports of one event, one naming the department: one item (day-bw's 可信数据空间 pilots).
    const [a, b] = analyzeDay([
      copy(4, '部署可信数据空间试点 推动数据要素流通', '国家数据局综合司近日发布通知，部署可信数据空间创新发展试点工作，推动数据要素合规高效流通。'),
      copy(5, '可信数据空间试点启动 数据要素流通再提速', '国家数据局组织开展可信数据空间创新发展试点，推动数据要素合规高效流通。'),
    ], directory, taxonomy, segmenter).candidates;
    assert.deepEqual([a?.origin, b?.origin].sort(), ['国家数据局', '国家数据局综合司']);
    assert.equal(oneEvent(a!, b!), true);
  });

  it('reads the draft a consultation\'s headline names without 《》, and says it is consulted on', () => {
    assert.equal(issuedDocument('国家数据局公开征求国家数据基础设施建设指引意见', '国家数据局起草了指引，现向社会公开征求意见。'), '国家数据基础设施建设指引');
    const draft = copy(1, '國家數據局公開徵求國家數據基礎設施建設指引意見', '為推動國家數據基礎設施建設，國家數據局起草了國家數據基礎設施建設指引，現向社會公開徵求意見。');
    const { brief, failed } = written(analyzeDay([draft], directory, taxonomy, segmenter).candidates, [draft]);
    assert.deepEqual(failed, []);
    // Consulted on, not issued (day-cb: 国家数据局印发《国家数据局公开征求…意见》).
    assert.match(brief.items[0]!.headline, /^国家数据局(?:就《)?公开征求国家数据基础设施建设指引(?:》公开征求)?意见$|^国家数据局就《国家数据基础设施建设指引》公开征求意见$/);
  });

  it('counts the energy transition as the topic\'s, not a passing mention of new energy', () => {
    const score = (title: string, body: string) => scoreRelevance(title, body, taxonomy, segmenter).score;
    assert.ok(score('国家发展改革委等部门关于大力实施可再生能源替代行动的指导意见', '为加快推进可再生能源替代，推动能源绿色低碳转型，现提出如下意见。') >= 4);
    assert.ok(score('关于加快经济社会发展全面绿色转型的意见', '加快经济社会发展全面绿色转型，推动能源转型和产业结构升级。') >= 4);
    // 新能源 is an everyday word too: with the policy's words around it, it counts (day-r's Politburo study).
    assert.ok(score('以更大力度推动我国新能源高质量发展', '中共中央政治局就新能源技术与我国的能源安全进行集体学习。要统筹好新能源发展和国家能源安全，推动风电、光伏产业发展，加快建设新型能源体系。') >= 4);
    assert.ok(score('外交部发言人主持例行记者会', '发言人介绍了中方立场，并回答了有关新能源产品出口的提问。') < 4);
  });
});

describe('days CD and CE: the Party Centre\'s meetings on the economy, a meeting that fixes a later date', () => {
  const report = (id: number, title: string, body: string) => copy(id, title, body);

  it('counts the Party Centre\'s meeting on the economy as the topic\'s by its headline\'s word, not its press conferences, tours or other bodies\' meetings', () => {
    const politburo = report(1, '中共中央政治局召开会议 分析研究当前经济形势和经济工作', '中共中央政治局7月30日召开会议，分析研究当前经济形势，部署下半年经济工作。中共中央总书记习近平主持会议。');
    const ccfea = report(2, '习近平主持财经委会议：治理低价内卷 去落后产能', '中共中央总书记习近平7月1日下午主持召开中央财经委员会第六次会议，研究纵深推进全国统一大市场建设。');
    const press = report(3, '中共中央举行新闻发布会 介绍“十五五”规划建议', '中共中央10月24日上午举行新闻发布会，介绍和解读“十五五”规划建议，推动经济高质量发展。');
    const tour = report(4, '习近平在河南考察时强调 坚定信心推动高质量发展高效能治理', '中共中央总书记习近平5月19日至20日在河南考察，推动经济高质量发展。');
    const executive = report(5, '国务院常务会议研究经济形势', '国务院总理李强主持召开国务院常务会议，研究当前经济形势。');
    const day = analyzeDay([politburo, ccfea, press, tour, executive], directory, taxonomy, segmenter).candidates;
    const of = (id: number) => day.find((c) => c.document.id === id)!;
    assert.deepEqual([of(1).origin, of(1).relevance.scope, of(1).relevance.score >= 4], ['中共中央政治局', { issuer: '中共中央政治局', kind: '会议', points: 4, meeting: '经济' }, true]);
    assert.deepEqual([of(2).origin, of(2).relevance.scope?.meeting], ['中共中央', '财经委']);
    assert.deepEqual([of(3).origin, of(3).relevance.scope], ['中共中央', undefined]);
    assert.deepEqual([of(4).origin, of(4).relevance.scope], ['中共中央', undefined]);
    assert.equal(of(5).relevance.scope, undefined);
    // How others study a meeting's spirit is not the meeting.
    const study = analyzeDay([report(6, '坚定信心、开拓奋进——社会各界认真学习领会中央经济工作会议精神', '中央经济工作会议12月11日至12日在北京举行，会议精神在社会各界引发热烈反响。习近平出席会议并发表重要讲话。')], directory, taxonomy, segmenter).candidates[0]!;
    assert.deepEqual([study.origin, study.relevance.scope], ['中共中央', undefined]);
    // Nor is a preview of one not yet held.
    const preview = analyzeDay([report(7, '路透：习近平下周将主持民营企业座谈会', '路透社援引消息人士报道，中共中央总书记习近平下周将出席民营企业座谈会。')], directory, taxonomy, segmenter).candidates[0]!;
    assert.deepEqual([preview.origin, preview.relevance.scope], ['中共中央', undefined]);
    assert.match(relevanceLine(of(1), 'zh'), /中共中央政治局的会议（标题含“经济”），计入范围 \+4/);
    assert.match(relevanceLine(of(1), 'en'), /a meeting of 中共中央政治局 \(its title says 经济\), in scope \+4/);
    // Without meetings in the taxonomy's scope, the meeting scores by its words.
    const plain = { ...taxonomy, issuerScope: { names: taxonomy.issuerScope!.names, points: taxonomy.issuerScope!.points } };
    assert.equal(analyzeDay([politburo], directory, plain, segmenter).candidates[0]!.relevance.scope, undefined);
  });

  it('prints two reports of one symposium once, though neither has a theme of the topic', () => {
    const first = report(1, '民营企业座谈会在京召开', '中共中央总书记习近平17日上午出席民营企业座谈会并发表重要讲话。');
    const second = report(2, '中共中央总书记习近平出席民营企业座谈会', '民营企业座谈会2月17日上午在北京召开，习近平发表重要讲话。');
    const day = analyzeDay([first, second], directory, taxonomy, segmenter).candidates;
    assert.equal(day.length, 2);
    assert.deepEqual(day.map((c) => [c.relevance.themes.length, c.relevance.scope?.meeting]), [[0, '民营企业'], [0, '民营企业']]);
    assert.equal(oneEvent(day[0]!, day[1]!), true);
    assert.equal(selectItems(day, { minItems: 1, maxItems: 7, minRelevance: 4 }).length, 1);
    // A third report that speaks the topic's words (a theme of its own, no scope) names the same meeting.
    const worded = report(4, '解读：民營企業座談會為民營科技企業吃下“定心丸”', '中共中央总书记习近平2月17日出席民营企业座谈会，人工智能、新质生产力、科技创新企业代表发言，推动人工智能产业发展。');
    const both = analyzeDay([first, worded], directory, taxonomy, segmenter).candidates;
    const [scoped, themed] = [both.find((c) => c.document.id === 1)!, both.find((c) => c.document.id === 4)!];
    assert.deepEqual([scoped.relevance.themes.length, themed.relevance.themes.length > 0, themed.relevance.scope], [0, true, undefined]);
    assert.equal(oneEvent(themed, scoped), true);
    assert.equal(oneEvent(scoped, themed), true);
    // Another meeting of the Centre, on another word, is another story.
    const other = analyzeDay([first, report(3, '中共中央政治局召开会议 讨论政府工作报告', '中共中央政治局2月28日召开会议，讨论国务院拟提请十四届全国人大审议的政府工作报告。')], directory, taxonomy, segmenter).candidates;
    assert.equal(oneEvent(other[0]!, other[1]!), false);
  });

  it('credits a session the general secretary sits at among other leaders to its own body, not the Party Centre', () => {
    const npc = '新华社北京3月5日电 第十四届全国人民代表大会第三次会议5日上午在北京人民大会堂开幕。习近平、王沪宁、蔡奇、丁薛祥、李希、韩正等在主席台就座，赵乐际主持大会。';
    assert.notEqual(readIssuer({ title: '十四届全国人大三次会议在京开幕，聚焦政府工作报告与经济社会发展', body: npc, docNumber: null }, directory)?.name, '中共中央');
    // His own verb still makes it the Centre's meeting.
    assert.equal(readIssuer({ title: '民营企业座谈会在京召开', body: '中共中央总书记习近平17日上午在北京出席民营企业座谈会并发表重要讲话。', docNumber: null }, directory)?.name, '中共中央');
  });

  it('credits a commentary to the medium its headline names before the colon, when nothing official speaks in it', () => {
    const commentary = '“十五五”时期，要把因地制宜发展新质生产力摆在更加突出的位置，以科技创新引领产业创新。';
    const credit = (title: string, body = commentary) => readIssuer({ title, body, docNumber: null }, directory)?.name ?? null;
    assert.equal(credit('人民日報頭版：十五五須更突出發展新質生產力'), '人民日报');
    assert.equal(credit('【四中全會】人民日報：十五五時期，須更突出發展新質生產力戰略'), '人民日报');
    // A medium of the register by its short name, in 《》.
    assert.equal(credit('《瞭望》：具身智能離“全自主”還有多遠'), '瞭望新闻周刊');
    // A medium's analysis (快评) with no closing 来源 is the headline's medium's.
    assert.equal(credit('人民日报快评：以科技创新引领新质生产力发展'), '人民日报');
    // A company's grid and a speaker are no medium.
    assert.equal(credit('国家电网：加快构建新型电力系统'), null);
    assert.equal(credit('黄仁勋：已收到大量芯片订单'), null);
    // The body that issued the document a report tells of comes first.
    assert.equal(credit('人民日报：国务院印发《关于深入实施“人工智能+”行动的意见》', '国务院近日印发《关于深入实施“人工智能+”行动的意见》，提出到2027年率先实现人工智能与6个重点领域广泛深度融合。'), '国务院');
  });

  it('heads a paper\'s commentary with the paper, not its site\'s name twice', () => {
    const doc = copy(1, '大公網：具身智能迎來“聖杯時刻”？人形機器人大多仍處商業化早期', '具身智能和人形机器人产业发展迅速，人工智能大模型推动机器人走向应用，但多数企业仍处商业化早期。');
    const day = analyzeDay([doc], directory, taxonomy, segmenter).candidates;
    assert.equal(day[0]!.origin, '大公报');
    const { brief, failed } = written(day, [doc]);
    assert.doesNotMatch(brief.items[0]!.headline, /大公网/);
    assert.match(brief.items[0]!.headline, /^大公报表示，具身智能迎来/);
    assert.deepEqual(failed, []);
  });

  it('counts a quarter for the foreign ministry\'s press answers, read in the title or the first sentence only', () => {
    const title = '毛宁谈人形机器人运动会：机器人正在从实验室走向生活';
    const answer = '外交部发言人毛宁当天主持例行记者会，有记者问及世界人形机器人运动会。毛宁说，机器人正在从实验室走向生活，人形机器人、具身智能、人工智能产业发展迅速。';
    const full = scoreRelevance(title, answer.replace(/^[^。]*。/, '记者问及世界人形机器人运动会。'), taxonomy, segmenter);
    const cut = scoreRelevance(title, answer, taxonomy, segmenter);
    assert.ok(full.score >= 4);
    assert.deepEqual(cut.discount, { why: 'genre', words: '外交部发言人', factor: 0.25 });
    assert.equal(cut.score, Math.round(full.score * 0.25 * 100) / 100);
    // In the title alone (外交部：…) as well; a later sentence that quotes the ministry is no answer of its.
    assert.equal(scoreRelevance('外交部：中国的创新发展也将造福世界', '中国推动人工智能、具身智能和新质生产力发展。', taxonomy, segmenter).discount?.words, '外交部：');
    assert.equal(scoreRelevance(title, `${answer.replace(/^[^。]*。/, '世界人形机器人运动会闭幕。')}外交部发言人此前也作了介绍。`, taxonomy, segmenter).discount, undefined);
    // Without such words in the taxonomy, it counts in full.
    assert.equal(scoreRelevance(title, answer, { ...taxonomy, distractorLeads: [] }, segmenter).discount, undefined);
  });

  it('dates a meeting\'s report no later than the date it fixed for a later meeting, once that date is past', () => {
    const text = '中共中央政治局9月29日召开会议，研究制定国民经济和社会发展第十五个五年规划重大问题。会议决定，二十届四中全会于10月20日至23日在北京召开。';
    assert.deepEqual(announcedEvent(text, '2025-10-29'), { date: '2025-10-20', year: 2025, how: 'event', evidence: '决定，二十届四中全会于10月20日至23日在北京召开' });
    assert.equal(announcedEvent(text, '2025-10-01'), null);
    // A decision on something else than a date is no announcement.
    assert.equal(announcedEvent('会议决定，对相关企业于10月20日前完成整改情况进行通报。', '2025-10-29'), null);
  });
});

describe('days CF and CG: a reporter after the dateline, a joint local heading that names its place once', () => {
  const issuerOf = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory);

  it('reads the body a reporter learned from after a wire\'s dateline, not the reporter', () => {
    const lead = (reporter: string) => `新华社北京6月29日电 ${reporter}从北京市经济和信息化局获悉，近日发布的《北京市机器人产业创新发展行动方案》提出，到2025年机器人核心产业收入超300亿元。`;
    for (const reporter of ['记者', '记者29日', '本报记者']) {
      const found = issuerOf('北京：到2025年机器人核心产业收入超300亿元', lead(reporter));
      assert.equal(found?.name, '北京市经济和信息化局', reporter);
      assert.equal(directory.tierOf(found!.name), 'provincial');
    }
  });

  it('counts the national science and technology conference as a meeting of the Party Centre on the topic', () => {
    const conference = copy(1, '全国科技大会 国家科学技术奖励大会 两院院士大会在京召开', '全国科技大会、国家科学技术奖励大会、两院院士大会24日上午在人民大会堂隆重召开。中共中央总书记习近平出席大会，为国家最高科学技术奖获得者等颁奖并发表重要讲话。');
    const found = analyzeDay([conference], directory, taxonomy, segmenter).candidates[0]!;
    assert.deepEqual([found.origin, found.relevance.scope], ['中共中央', { issuer: '中共中央', kind: '会议', points: 4, meeting: '科技' }]);
    assert.equal(documentKind('十四届全国人大三次会议经济主题记者会举行').kind, '会议');
    assert.equal(documentKind('国家发展改革委举行记者会介绍有关情况').kind, '会议');
    // Not the Politburo's study session on science: a study session is no meeting.
    const study = copy(2, '中共中央政治局就科技创新进行集体学习', '中共中央政治局就加快科技创新进行第十次集体学习。中共中央总书记习近平在主持学习时强调，推动科技自立自强。');
    assert.equal(analyzeDay([study], directory, taxonomy, segmenter).candidates[0]!.relevance.scope, undefined);
  });

  it('reads a document named as its bodies\' that came out on a day, a notice put in quotes, and the work report put to the NPC', () => {
    const labelling = issuerOf('首份数据标注产业文件出炉', '国家发展改革委、国家数据局、财政部、人力资源社会保障部联合印发的《关于促进数据标注产业高质量发展的实施意见》13日公开发布，这是我国数据领域首份专门针对数据标注产业的文件。');
    assert.deepEqual([labelling?.name, labelling?.partners], ['国家发展和改革委员会', '四']);
    // Cited, not issued: the same phrase without its coming out.
    assert.equal(issuerOf('数据标注基地建设提速', '各地围绕国家发展改革委、国家数据局联合印发的《关于促进数据标注产业高质量发展的实施意见》展开部署，基地建设全面提速。')?.name ?? null, null);
    assert.equal(issuerOf('关于征求《苏州市低空经济促进条例(送审稿)》意见的公告', '2024年12月11日,苏州司法局发布“关于征求《苏州市低空经济促进条例(送审稿)》意见的公告”,将送审稿及起草说明全文公布。')?.name, '苏州市司法局');
    assert.equal(issuerOf('持续推进“人工智能+”行动', '2025年3月5日提请十四届全国人大三次会议审议的政府工作报告提出，持续推进“人工智能+”行动，支持大模型广泛应用。')?.name, '国务院');
    // A province's report goes to its own congress.
    assert.notEqual(issuerOf('持续推进“人工智能+”行动', '提请浙江省十四届人大三次会议审议的政府工作报告提出，持续推进“人工智能+”行动。')?.name, '国务院');
  });

  it('credits a regulation that names no place to the State Council, as administrative regulations are its', () => {
    const salad = '适用本条例9即时通信工具30国家网信部门负责统筹协调网络数据安全和相关监督管理工作\n个人信息保存期限和到期后的处理方式';
    assert.equal(issuerOf('受权发布丨网络数据安全管理条例', salad)?.name, '国务院');
    assert.equal(issuerOf('苏州市低空经济促进条例', '第一条 为了促进低空经济发展，制定本条例。')?.name, '苏州市人民代表大会常务委员会');
    // The Party's regulations are the Party Centre's business, and a draft is no regulation yet.
    assert.notEqual(issuerOf('中国共产党纪律处分条例', '第一条 为了维护党的章程和其他党内法规，制定本条例。')?.name, '国务院');
    assert.notEqual(issuerOf('网络数据安全管理条例（征求意见稿）', salad)?.name, '国务院');
  });

  it('takes no wire service\'s mark in 《》 for the document a briefing presented', () => {
    assert.deepEqual(['经济通通讯社驻京记者24日北京专电', '经济通通讯社31日专讯', '驻京专电', '中共中央关于制定国民经济和社会发展第十五个五年规划的建议'].map(isWireMark), [true, true, true, false]);
    const marked = (extra: string) => copy(1, '【四中全会】阴和俊：十五五全面实施“人工智能+”行动', `中共中央24日上午举行新闻发布会，介绍二十届四中全会精神。科技部部长阴和俊说，《建议》从四方面部署加快人工智能发展和新质生产力。\n《经济通通讯社驻京记者24日北京专电》${extra}`);
    const headline = (doc: StoredDocument) => written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]).brief.items[0]!.headline;
    assert.doesNotMatch(headline(marked('')), /专电/);
    // A document it names after the mark is still the one presented.
    assert.match(headline(marked('\n会上介绍了《人工智能赋能科技创新行动方案》。')), /介绍《人工智能赋能科技创新行动方案》/);
  });

  it('writes a report headed by its body\'s words as news, and a consultation it opens with as a draft', () => {
    const title = '工信部：到2027年制修订50项以上算力标准';
    assert.equal(isDocumentItself(title), false);
    assert.equal(isDocumentItself('算力标准体系建设指南'), true);
    const body = '10月21日，工业和信息化部就《算力标准体系建设指南（2025版）》（征求意见稿）公开征求意见，提出到2027年制修订50项以上算力领域标准，推动算力产业高质量发展。';
    assert.equal(isDraft(title, body), true);
    assert.equal(isDraft(title, body.replace('（征求意见稿）公开征求意见', '作出部署')), false);
    const doc = copy(1, title, body);
    const { brief, failed } = written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]);
    assert.match(brief.items[0]!.headline, /就《算力标准体系建设指南（2025版）》（征求意见稿）公开征求意见/);
    assert.doesNotMatch(brief.items[0]!.headline, /印发《工信部/);
    assert.deepEqual(failed, []);
  });

  it('credits a document the session passed and the agency put out to its body', () => {
    const lead = (verb: string) => `中共二十届四中全会上周闭幕，新华社28日${verb}《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》全文，以及习近平所作的说明。`;
    assert.equal(issuerOf('陆公布十五五规划建议全文 强调科技自立自强', lead('公布全会通过的'))?.name, '中共中央');
    // …and it is that document's story, as the copy that names its issuing is (day-q ran them twice).
    assert.equal(issuedDocument('新华社公布十五五规划建议全文', lead('播发全会通过的')), '中共中央关于制定国民经济和社会发展第十五个五年规划的建议');
    // Cited, not put out: 贯彻全会通过的… is no release.
    assert.notEqual(issuerOf('陆公布十五五规划建议全文 强调科技自立自强', lead('报道各地贯彻全会通过的'))?.evidence, '《中共中央关于制定国民经济和社会发展第十五个五年规划的建议》');
  });

  it('dates a document by the signature a mirror ran into its text, and a communiqué by the meeting it reports', () => {
    const flattened = '各省、自治区、直辖市人民政府,国务院各部委、各直属机构: 现将《推动大规模设备更新和消费品以旧换新行动方案》印发给你们,请认真贯彻执行。 国务院 2024年3月7日 (此件公开发布) 推动大规模设备更新和消费品以旧换新行动方案';
    assert.deepEqual([documentDate(flattened, null, '2024-07-31')?.date, documentDate(flattened, null, '2024-07-31')?.how], ['2024-03-07', 'closing']);
    // Without the portal's note a date in running text is no signature.
    assert.equal(documentDate(flattened.replace(' (此件公开发布)', ''), null, '2024-07-31')?.date ?? null, null);
    const communique = '中共中央总书记习近平主持会议\n中共中央政治局4月28日召开会议，分析研究当前经济形势和经济工作。中共中央总书记习近平主持会议。';
    assert.deepEqual([documentDate(communique, null, '2024-07-31')?.date, documentDate(communique, null, '2024-07-31')?.how], ['2024-04-28', 'dateline']);
    assert.equal(documentDate('中共中央政治局7月30日召开会议，分析研究当前经济形势和经济工作。', null, '2024-07-31')?.date, '2024-07-30');
    // Met three months on, it is old news; the meeting of the day before is not.
    const old = analyzeDay([{ ...copy(1, '中央政治局召开会议分析研究当前经济形势和经济工作', communique), publishedAt: '2024-07-31T10:00:00+08:00' }], directory, taxonomy, segmenter).candidates[0]!;
    assert.equal(isStale(old.significance), true);
    const fresh = analyzeDay([{ ...copy(1, '中央政治局召开会议分析研究当前经济形势和经济工作', communique.replace('4月28日', '7月30日')), publishedAt: '2024-07-31T10:00:00+08:00' }], directory, taxonomy, segmenter).candidates[0]!;
    assert.equal(isStale(fresh.significance), false);
  });

  it('cuts the porn keywords a mirror appends to a headline, spelt out with 一 between characters', () => {
    const title = '全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定|欧一美一色一伦一A片';
    assert.equal(withoutInjectedSpam(title), '全国人民代表大会常务委员会关于修改《中华人民共和国网络安全法》的决定');
    assert.equal(withoutInjectedSpam('国务院关于印发行动方案的通知 伦理片'), '国务院关于印发行动方案的通知');
    // An official headline's A股 is no spam.
    assert.equal(withoutInjectedSpam('证监会发布A股上市公司数字化转型指引'), '证监会发布A股上市公司数字化转型指引');
    const doc = copy(1, title, '中华人民共和国第十四届全国人民代表大会常务委员会第十八次会议决定对《中华人民共和国网络安全法》作如下修改：增加一条，作为第二十条：“国家支持人工智能基础理论研究和算法等关键技术研发，推进训练数据资源、算力等基础设施建设。”');
    const { brief, failed } = written(analyzeDay([doc], directory, taxonomy, segmenter).candidates, [doc]);
    assert.doesNotMatch(JSON.stringify(brief), /A片|欧一美/);
    // The verifier takes the reference's title, cut so, as the source's.
    assert.deepEqual(failed, []);
  });

  it('reads a joint local heading that gives the second body\'s level alone as two bodies of one place', () => {
    const addressed = '各盟市委、行政公署，自治区各有关部门：现将意见印发给你们，请结合实际认真贯彻落实。';
    assert.deepEqual(
      [issuerOf('内蒙古自治区党委自治区人民政府关于加快推进数字经济发展的意见', addressed)?.name, issuerOf('内蒙古自治区党委自治区人民政府关于加快推进数字经济发展的意见', addressed)?.partners],
      ['内蒙古自治区党委', '二'],
    );
    assert.deepEqual([issuerOf('广东省委省政府关于加快推进数字经济发展的意见', addressed)?.name, issuerOf('广东省委省政府关于加快推进数字经济发展的意见', addressed)?.partners], ['中共广东省委', '二']);
    // A body whose name starts 市场 does not take the city's name (北京市场监管局 is no division's).
    assert.equal(issuerOf('北京市经济和信息化局市场监管局关于开展试点的通知', addressed)?.partners ?? null, null);
  });
});

describe('days CJ and CK: the brands a spam mirror injects into a page', () => {
  it('cuts a gambling brand from the headline and the sentences, and keeps a county or a river of the same name', () => {
    const title = '《广东省人民政府关于加快建设通用人工智能产业创新引领地金沙体育的实施意见》新闻发布会在广州举行';
    assert.equal(withoutInjectedSpam(title), '《广东省人民政府关于加快建设通用人工智能产业创新引领地的实施意见》新闻发布会在广州举行');
    const page = `<html><head><title>${title}</title></head><body><h1>${title}</h1><div class="content">
      <p>金沙体育11月13日，广东省人民政府新闻办公室在广东大厦举行新闻发布会，介绍《实施意见》的总体目标和主要内容。</p>
      <p>王月琴介绍了《实施意见》的总体目标、主要内容和特色金沙体育。她说，广东将发挥算力基础设施、产业应用场景和数据资源优势，到2027年建成国家通用人工智能产业创新引领地。</p>
      <p>贵州省金沙县人民政府与金沙江流域各地签署合作协议，共同推进算力和数据要素产业发展，打造西部算力枢纽。</p>
    </div></body></html>`;
    const article = extractArticle(page, 'https://www.mirror1.com/1.html');
    const text = article.paragraphs.join('\n');
    assert.doesNotMatch(text, /金沙体育/);
    assert.match(text, /^11月13日，广东省人民政府新闻办公室/);
    assert.match(text, /金沙县人民政府与金沙江流域/);
    assert.equal(withoutSpamBrands('开云体育官网：大发888娱乐 XK星空体育'), '官网： ');
    // Official words stay: a venue, a planning zone, a notice against such sites.
    for (const official of ['金沙体育中心和金沙体育馆', '临港新片区A片区、B片区', '依法查处色情网站和成人视频']) assert.equal(withoutSpamBrands(official), official);
  });
});
