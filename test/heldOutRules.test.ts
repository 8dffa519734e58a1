/**
 * Rules the held-out real days led to in the session after day G (day-f looked at again, then days H and I),
 * each on texts of our own that break it the way those days did: a report dated by the year of the event it
 * names, an interpretation as old as the document it explains, and a press briefing credited to the body
 * that presents at it rather than the press office that hosts it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDay } from '../src/analyze/day.ts';
import { documentDate } from '../src/analyze/documentDate.ts';
import { briefingPresenter, readIssuer } from '../src/analyze/issuer.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { groupStories } from '../src/analyze/storyGroups.ts';
import { loadConfig } from '../src/config/load.ts';
import type { Candidate } from '../src/domain/candidate.ts';
import type { StoredDocument } from '../src/domain/document.ts';
import { writtenBrief } from './writtenBrief.ts';
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
