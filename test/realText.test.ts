/**
 * The rules that make the brief right on real text: the normalisation for analysis, the registry of
 * issuing bodies, the issuer read from a text, sites named without ids, titles as portals dress them,
 * and the writer's house style. Each rule has a case that fails when the rule is broken, and a second
 * variant of our own besides the case that showed the fault.
 */
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { describe, it } from 'node:test';
import { isPrintableName, siteNameOf, tierByForm } from '../src/analyze/bodies.ts';
import { isRelativeName, readIssuer } from '../src/analyze/issuer.ts';
import { storyPrompt } from '../src/brief/writers/llm/prompt.ts';
import { findingsOf } from '../src/brief/writers/llm/write.ts';
import { addressDate, daysBefore, documentDate } from '../src/analyze/documentDate.ts';
import { differentPlaces, placesIn } from '../src/analyze/places.ts';
import { chinesePunctuation, normaliseText, withoutGlosses } from '../src/util/normalise.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { documentKey, groupStories } from '../src/analyze/storyGroups.ts';
import { cleanTitle, isDocumentItself, isDraft, isInterpretation, issuedDocument, issuedDocuments, issuingNotice } from '../src/analyze/titles.ts';
import { isStale, scoreSignificance } from '../src/analyze/significance.ts';
import { titleKnown, verifyBrief, verifyItem } from '../src/brief/verify.ts';
import type { Brief, BriefItem, Reference } from '../src/domain/brief.ts';
import type { Candidate } from '../src/domain/candidate.ts';
import { asRunningText } from '../src/brief/writers/phrasing.ts';
import { reposterList } from '../src/brief/writers/extractive.ts';
import { usedForOf } from '../src/brief/references.ts';
import { selectItems } from '../src/brief/select.ts';
import { chooseQuotes, clauseSpans, inQuotes, overlaps, quoteCandidates, worthQuoting } from '../src/brief/writers/quotes.ts';
import { loadConfig } from '../src/config/load.ts';
import { extractDocNumber } from '../src/extract/docNumber.ts';
import { extractSiteName } from '../src/extract/siteName.ts';
import { withholdFailing } from '../src/pipeline/compose.ts';
import { analyzeDay } from '../src/analyze/day.ts';
import { domainWords, scoreRelevance } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { composeExtractive } from '../src/brief/writers/extractive.ts';
import { themeDynamics, themeSharesOf } from '../src/brief/themeShares.ts';

const { sources, bodies, taxonomy: themeFile } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
/** The theme names the abstract may give in “ ”, as `brief` and `verify` pass them to the verifier. */
const themeNames = themeFile.themes.map((theme) => theme.name);
const issuer = (title: string, body = '', docNumber: string | null = null) => readIssuer({ title, body, docNumber }, directory);


/** The extractive brief of one day's candidates, issued 2026-09-16 with the bundled brief settings. */
function writeDay(candidates: Candidate[]) {
  const shares = themeSharesOf(candidates);
  const { taxonomy, config } = loadConfig();
  return composeExtractive({ issueDate: '2026-09-16', items: candidates, directory, taxonomy, brief: config.brief, themeShares: shares, dynamics: themeDynamics(shares, []), history: [], stats: { window: { start: '', end: '' }, documents: 1, candidates: 1, storyGroups: 1, themeShares: {} } });
}

describe('one normalisation for analysis', () => {
  it('reads traditional, glossed, full-width and zero-width copies as the simplified original', () => {
    assert.equal(normaliseText('國務(wù)院關(guān)于印發(fā)《資本市場(chǎng)》'), '国务院关于印发《资本市场》');
    assert.equal(normaliseText('國務（wù）院'), '国务院');
    // Toneless glosses go where a text carries three glosses or two marked ones.
    assert.equal(normaliseText('國務(wu)院常務(wu)會(hui)議'), '国务院常务会议');
    assert.equal(normaliseText('實(shí)施與(yǔ)推進(de)'), '实施与推进');
    assert.equal(normaliseText('２０２５年ＡＩ\u200b大模型「人工智能＋」'), '2025年AI大模型“人工智能+”');
    assert.equal(normaliseText('數據─資源'), '数据—资源');
  });

  it('leaves prose in parentheses, and a clean simplified text, as they are', () => {
    assert.equal(withoutGlosses('人工智能(AI)与大模型(LLM)'), '人工智能(AI)与大模型(LLM)');
    assert.equal(withoutGlosses('口语词(de)的用法'), '口语词(de)的用法');
    assert.equal(normaliseText('国务院关于深入实施“人工智能+”行动的意见'), '国务院关于深入实施“人工智能+”行动的意见');
    assert.notEqual(normaliseText('國務院關於深入實施'), '國務院關於深入實施');
  });
});

describe('the registry of issuing bodies', () => {
  it('knows ministries, regulators, exchanges and the 31 provincial governments by every name', () => {
    assert.equal(directory.byName('发改委')?.name, '国家发展和改革委员会');
    assert.equal(directory.byName('金融监管总局')?.tier, 'regulator');
    assert.equal(directory.byName('深交所')?.tier, 'exchange');
    assert.equal(directory.byName('新疆维吾尔自治区人民政府办公厅')?.tier, 'provincial');
    assert.equal(directory.byName('广东省政府')?.name, '广东省人民政府');
  });

  it('reads the issuer from a 文号 by its longest 机关代字: 国办发 is the General Office, not the State Council', () => {
    assert.equal(directory.bodyByDocCode('国办发')?.name, '国务院办公厅');
    assert.equal(directory.bodyByDocCode('国发')?.name, '国务院');
    assert.equal(directory.bodyByDocCode('粤府办')?.name, '广东省人民政府办公厅');
    assert.equal(issuer('关于加快推进的意见', '各地：', '国办发〔2025〕31号')?.name, '国务院办公厅');
    assert.equal(issuer('关于印发方案的通知', '', '京政发〔2025〕3号')?.name, '北京市人民政府');
  });

  it('gives a name the registry lacks its tier by its form: province, prefecture, county', () => {
    const cases: [string, string | null][] = [
      ['江西省教育厅', 'provincial'],
      ['北京市经济和信息化局', 'provincial'],
      ['北京市海淀区人民政府', 'county'],
      ['盐城市人民政府办公室', 'municipal'],
      ['江苏省苏州市工业和信息化局', 'municipal'],
      ['杭州市余杭区人民政府', 'county'],
      ['广西壮族自治区人民政府', 'provincial'],
      ['市场监管总局', null],
      // What the suffixes cannot tell, the GB/T 2260 list does: a county-level city, a prefecture without 市.
      ['海宁市人民政府', 'county'],
      ['浙江省海宁市经济和信息化局', 'county'],
      ['仙桃市人民政府', 'county'],
      ['保定国家数据标注基地建设工作专班', 'municipal'],
      ['恩施土家族苗族自治州人民政府', 'municipal'],
      ['大同世界', null],
      // A Party committee is of its place's level.
      ['中共北京市委', 'provincial'],
      ['中共杭州市委', 'municipal'],
      ['中国共产党浙江省委员会', 'provincial'],
    ];
    for (const [name, tier] of cases) assert.equal(tierByForm(name), tier, name);
  });
});

describe('the issuer read from the text', () => {
  it('from the title, a joint title, and a title a portal dressed or wrote in traditional characters', () => {
    assert.equal(issuer('国家数据局关于开展试点的通知')?.name, '国家数据局');
    const joint = issuer('国家数据局等17部门关于印发《“数据要素×”三年行动计划》的通知');
    assert.deepEqual([joint?.name, joint?.partners], ['国家数据局', '17']);
    assert.equal(issuer('重磅！國務院關於深入實施“人工智能+”行動的意見')?.name, '国务院');
    assert.equal(issuer('盐城市人民政府办公室关于印发盐城市算力券管理办法的通知')?.name, '盐城市人民政府办公室');
    // The bodies of a joint title, spaced as the document spaces them or glued together by a mirror.
    for (const title of ['国家发展改革委 国家数据局 财政部 自然资源部关于深化智慧城市发展的指导意见', '国家发展改革委国家数据局财政部自然资源部关于深化智慧城市发展的指导意见']) {
      const joint4 = issuer(title);
      assert.deepEqual([joint4?.name, joint4?.partners], ['国家发展和改革委员会', '四'], title);
    }
    // A verb inside 《》 is the cited document's: the title's head names no body.
    assert.equal(issuer('《关于印发某方案的通知》解读要点'), null);
  });

  it('from the signature above the closing date, the first of several signers, wherever the signature stands', () => {
    assert.equal(issuer('关于开展试点的通知', '各地：现将有关事项通知如下。\n国家数据局\n2026年6月18日')?.name, '国家数据局');
    const signed = issuer('关于促进数据产业高质量发展的指导意见', '为促进数据产业发展，提出如下意见。\n国家数据局 国家发展改革委 工业和信息化部\n二〇二四年十二月二十七日');
    // Counted, not written: in Chinese numerals, so no figure of ours is taken for the source's.
    assert.deepEqual([signed?.name, signed?.partners], ['国家数据局', '三']);
    const consultation = issuer('关于征求意见的公告', '现公开征求意见。\n六安市数据资源管理局\n2025年6月24日\n起草说明\n一、起草背景。');
    assert.equal(consultation?.name, '六安市数据资源管理局');
  });

  it('from a news copy\'s lead, past a dateline, 日前 and 对外; never a fragment cut out of a relative name', () => {
    assert.equal(issuer('人工智能+重磅文件出台', '新华社北京8月26日电 国务院日前印发《关于深入实施“人工智能+”行动的意见》。')?.name, '国务院');
    assert.equal(issuer('科创板迎新规', '上海证券交易所日前对外发布《科创板上市公司自律监管指引第5号》等规则。')?.name, '上海证券交易所');
    const joint = issuer('七部门部署脑机接口产业', '据报道，工业和信息化部等七部门日前联合印发《关于推动脑机接口产业创新发展的实施意见》。');
    assert.deepEqual([joint?.name, joint?.partners], ['工业和信息化部', '七']);
    // The whole count: 等十一部门 is eleven, not the 一 after 十.
    const eleven = issuer('工业和信息化部关于推动新型信息基础设施协调发展有关事项的通知', '近日，工业和信息化部等十一部门联合印发通知，推动新型信息基础设施协调发展。');
    assert.deepEqual([eleven?.name, eleven?.partners], ['工业和信息化部', '十一']);
    // 市数管局 is named relative to the reader's city: its tail 数管局 is no body.
    assert.equal(issuer('关于征求意见的公告', '结合我市实际，市数管局牵头起草了《公共数据授权运营方案》，现公开征求意见。'), null);
  });

  it('an interpretation is the interpreting body\'s, whatever document its headline names', () => {
    const body = '国务院近日印发《关于深入实施“人工智能+”行动的意见》，国家发展改革委相关负责人就文件的背景作了解读。';
    assert.equal(isInterpretation('国务院印发《关于深入实施“人工智能+”行动的意见》', body), true);
    assert.equal(issuer('国务院印发《关于深入实施“人工智能+”行动的意见》', body)?.name, '国家发展和改革委员会');
    assert.equal(issuer('证监会新闻发言人就《关于在科创板设置科创成长层的意见》答记者问', '')?.name, '中国证券监督管理委员会');
    assert.equal(isInterpretation('国务院印发《意见》', '国务院近日印发《意见》，明确了六大行动。'), false);
    // An official's interview on the document explains it.
    assert.equal(isInterpretation('国家数据局：加快构建全国一体化算力网', '五部门联合印发《实施意见》后，国家数据局主要负责同志接受了新华社记者专访。'), true);
    assert.equal(isInterpretation('算力网建设提速', '记者专访了一家算力企业的负责人。'), false);
  });

  it('a body named relative to its place is that place\'s; a meeting is its host\'s; 会同 puts the lead first', () => {
    assert.equal(issuer('建设省级数据标注基地河南7地先行先试', '启动仪式在郑州举行。\n仪式上，省数据局负责人颁发了任务书。')?.name, '河南省数据局');
    assert.equal(issuer('盐城市推进算力发展', '近日，市数据局印发《盐城市算力券管理办法》。')?.name, '盐城市数据局');
    assert.equal(issuer('山东解读低空经济三年行动方案', '山东省政府新闻办11月8日举行政策例行吹风会，解读《方案》。')?.name, '山东省人民政府新闻办公室');
    assert.equal(issuer('关于算力券的通知', '各县区：\n现将有关事项通知如下。\n廊坊市发改委\n2025年1月3日')?.name, '廊坊市发展和改革委员会');
    const led = issuer('首次界定国家数据基础设施', '国家数据局会同国家发展和改革委员会、工业和信息化部日前起草了《国家数据基础设施建设指引》。');
    assert.equal(led?.name, '国家数据局');
    const counted = issuer('数据产业新规', '国家数据局会同国家发展改革委、工业和信息化部等3部门日前印发《关于促进数据产业高质量发展的指导意见》。');
    assert.deepEqual([counted?.name, counted?.partners], ['国家数据局', '3']);
    // Two provinces in the title: 省 is neither's.
    assert.equal(issuer('河南山东两省合作', '仪式上，省数据局负责人颁发了任务书。'), null);
  });

  it('a report is the body whose official speaks first in it; a mayor\'s meeting is the government\'s', () => {
    assert.equal(issuer('推动新型信息基础设施建设协调发展', '本报综合消息 工业和信息化部总工程师、新闻发言人赵志国4月20日在国新办发布会上说，工信部将研究出台政策措施。')?.name, '工业和信息化部');
    assert.equal(issuer('我国已建成全球规模最大的网络基础设施', '新华社济南7月30日电 在济南开幕的2022中国算力大会上传出消息。\n工业和信息化部副部长张云明说，算力基础设施持续夯实。')?.name, '工业和信息化部');
    assert.equal(issuer('王永辉主持召开低空经济发展工作专题会', '十堰广电讯 5月22日，十堰市委副书记、市长王永辉主持召开低空经济发展工作专题会，研究政策措施。')?.name, '十堰市人民政府');
    // An official quoted after another body's document is named speaks about that document: not the issuer.
    const quoted = issuer('中央鼓励依法有序开放公共数据', '中共中央办公厅、国务院办公厅发出文件，鼓励依法有序开放公共数据。\n国家数据局局长刘烈宏表示，一批高质量公共数据将陆续推出。');
    assert.notEqual(quoted?.name, '国家数据局');
    // A 市委书记 chairs for the Party committee, not the government.
    assert.notEqual(issuer('专题会召开', '十堰市委书记胡亚波主持召开专题会，研究低空经济发展。')?.name, '十堰市人民政府');
  });

  it('a relative name in a directly governed municipality\'s text is that municipality\'s', () => {
    const held = issuer('市政府新闻发布会介绍《上海市进一步推进新型基础设施建设行动方案(2023-2026年)》有关情况', '10月19日上午，市政府新闻办举行新闻发布会，介绍行动方案。');
    assert.equal(held?.name, '上海市人民政府');
    assert.equal(tierByForm(held!.name), 'provincial');
  });

  it('a document that names no body is its interpreter\'s, or its place\'s government; a held executive meeting is the government\'s', () => {
    // 本办法由…负责解释 names the department, relative to the place the title names.
    assert.equal(issuer('廊坊市人工智能算力券实施细则（试行）', '第一条 目的。\n第二十条 本细则由市发展改革委负责解释。')?.name, '廊坊市发展和改革委员会');
    // No body at all: the people's government of the innermost place the title starts with.
    assert.deepEqual(
      [issuer('十堰市低空经济高质量发展实施方案(2024-2026年)', '为贯彻落实市委、市政府决策部署，制定本实施方案。')?.name, issuer('十堰市低空经济高质量发展实施方案')?.how],
      ['十堰市人民政府', 'place'],
    );
    assert.equal(issuer('浙江省海宁市数字经济发展实施方案', '一、总体要求')?.name, '海宁市人民政府');
    assert.equal(issuer('十堰市低空经济发展情况', '近日，十堰市多个项目开工。'), null);
    // The meeting's city is the one place of its level the report names, short or full.
    assert.equal(issuer('李军主持召开九届市政府第65次常务会议', '4月28日，市长李军主持召开九届市政府第65次常务会议，要求结合嘉兴实际抓好落实。')?.name, '嘉兴市人民政府');
    assert.equal(issuer('李军主持召开市政府常务会议', '会议研究了嘉兴、湖州两地合作事项。'), null);
    // Approved at a meeting is not held by the one who reports it: the lead body stays.
    assert.equal(issuer('山东低空经济三年行动方案解读', '山东省政府新闻办11月8日举行政策例行吹风会。《方案》已经省政府常务会议审议通过。')?.name, '山东省人民政府新闻办公室');
  });

  it('reads a copy\'s own heading under a news headline, a relative title by the place its text names, and a sentence\'s subject', () => {
    const heading = issuer('推动银行业保险业进一步加强科技型企业全生命周期金融服务', '国家金融监督管理总局关于加强科技型企业全生命周期金融服务的通知\n为深入贯彻中央金融工作会议精神，现就有关事项通知如下：');
    assert.deepEqual([heading?.name, heading?.how], ['国家金融监督管理总局', 'title']);
    // A word-salad copy's heading (对于…施行意见) is not of the official form.
    assert.equal(issuer('事关脑机接口家当立异倒退', '工业和信息化部 国度倒退改造委对于推进脑机接口家当立异倒退的施行意见\n各省'), null);
    assert.equal(issuer('《国家金融监督管理总局关于加强科技型企业全生命周期金融服务的通知》全文')?.name, '国家金融监督管理总局');
    assert.equal(issuer('市政府关于加快培育发展未来产业的指导意见', '各县（市、区）人民政府：\n构筑扬州新型工业化竞争新优势。')?.name, '扬州市人民政府');
    assert.equal(issuer('市政府关于加快培育发展未来产业的指导意见', '支持扬州与泰州两地协同。'), null);
    const subject = issuer('关于《湖北省公共数据授权运营管理办法(试行)》的说明', '为规范公共数据开发利用，湖北省数据局积极调研全国实践经验，结合本省实际，起草了《湖北省公共数据授权运营管理办法(试行)》。');
    assert.equal(subject?.name, '湖北省数据局');
  });

  it('two cities\' plans from one template are two places; a city and its short name are one', () => {
    const different = (a: string, b: string) => differentPlaces(placesIn(a), placesIn(b));
    assert.equal(different('十堰市低空经济高质量发展实施方案', '襄阳市低空经济高质量发展实施方案'), true);
    assert.equal(different('十堰市低空经济高质量发展实施方案', '湖北十堰出台低空经济实施方案'), false);
    assert.equal(different('海宁市数字经济实施方案', '桐乡市数字经济实施方案'), true);
    assert.equal(different('河南省数据标注基地建设', '郑州市数据标注基地建设'), true);
    assert.equal(different('国务院关于深入实施“人工智能+”行动的意见', '北京市贯彻“人工智能+”行动的措施'), false);
  });

  it('a draft for comment is its drafter\'s; a unit of a body stands for the body, a national department signs in its own name', () => {
    assert.equal(issuer('关于再次征求《湖州市人工智能三年行动计划(征求意见稿)》意见建议的函', '如有意见，请于7月10日前反馈至湖州市经济和信息化局数字经济处(人工智能处)。地址：凤凰路')?.name, '湖州市经济和信息化局');
    assert.equal(issuer('《数字中国建设2025年行动方案》发布', '国家数据局综合司近期印发《数字中国建设2025年行动方案》。')?.name, '国家数据局综合司');
  });

  it('takes a 文号 the page only cites for no one\'s', () => {
    assert.equal(extractDocNumber('', '为贯彻《国务院关于加强监管的若干意见》（国发〔2024〕10号），现提出意见。'), null);
    assert.equal(extractDocNumber('', '根据《意见》(中办发〔2024〕67号)和《实施意见》(国数资源〔2024〕125号)等文件'), null);
    assert.equal(extractDocNumber('', '国务院关于深入实施的意见\n国发〔2025〕11号\n各省'), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', '首页国务院关于深入实施的意见（国发〔2025〕11号）各省', '国务院关于深入实施的意见'), '国发〔2025〕11号');
  });

  it('credits a commentary to the paper its closing 来源 names, not to the body whose document it discusses', () => {
    const lead = '工信部等6部门日前联合印发《算力基础设施高质量发展行动计划》，从6个方面部署重点任务。';
    assert.equal(issuer('夯實算力高質量發展基礎', `${lead}\n評論認為，算力是新型生產力。\n產業生態初步形成。(來源:經濟日報)`)?.name, '经济日报');
    assert.equal(issuer('算力时评：筑牢数字底座', `${lead}\n算力是新型生产力。\n来源：新华网`)?.name, '新华网');
    // A commentary whose 来源 names no paper, and a news copy with the same 来源, are read as before.
    assert.equal(issuer('夯实算力高质量发展基础', `${lead}\n评论认为，算力是新型生产力。（来源：本网）`)?.name, '工业和信息化部');
    assert.equal(issuer('六部门印发算力基础设施高质量发展行动计划', `${lead}\n（来源：经济日报）`)?.name, '工业和信息化部');
  });
});

describe('sites outside the catalog', () => {
  it('are named by their page: og:site_name, the 主办 footer, the <title> suffix', () => {
    const page = (head: string, footer: string) => load(`<html><head>${head}</head><body><h1>标题</h1><div class="footer">${footer}</div></body></html>`);
    assert.equal(extractSiteName(page('<meta property="og:site_name" content="网易新闻">', ''), '标题'), '网易新闻');
    assert.equal(extractSiteName(page('<title>标题</title>', '主办：江西省人民政府办公厅 承办：江西省信息中心'), '标题'), '江西省人民政府办公厅');
    assert.equal(extractSiteName(page('<title>标题_中国经济网</title>', '网站地图'), '标题'), '中国经济网');
    assert.equal(extractSiteName(page('<title>标题</title>', '网站地图'), '标题'), null);
  });

  it('else by the registry\'s name for their domain, else by the domain, which no prose ever prints', () => {
    assert.equal(siteNameOf('https://www.163.com/dy/article/1.html', bodies.sites), '网易');
    assert.equal(siteNameOf('http://news.sina.com.cn/c/1.shtml', bodies.sites), '新浪');
    assert.equal(siteNameOf('https://www.jiangxi.gov.cn/art/1.html', bodies.sites), 'jiangxi.gov.cn');
    assert.equal(isPrintableName('jiangxi.gov.cn'), false);
    // A <title> suffix that repeats the domain's label is no name either; a Chinese name with Latin letters is.
    assert.equal(isPrintableName('FZAAI'), false);
    assert.equal(isPrintableName('IT之家'), true);
    assert.equal(reposterList(['中国政府网', '5588vip.com', '10100.com'], directory), '中国政府网等三家网站');
    assert.equal(reposterList(['5588vip.com', '10100.com'], directory), null);
    assert.equal(reposterList(['上海市地方金融管理局'], directory), '上海金融办');
  });
});

describe('a story no copy names an issuer of, on a site known only by its domain', () => {
  it('is credited to 网络来源 in every part of the brief, and its domain is printed nowhere', () => {
    const { taxonomy } = loadConfig();
    const body = '大模型与智能体正在加快进入制造、医疗等行业，人工智能+应用不断拓展。\n多地发放算力券、模型券，支持中小企业使用智能算力。';
    const doc = { id: 1, url: 'https://www.xyz123.com/a.html', sourceId: 'web:www.xyz123.com', title: '智能体应用观察：人工智能+走进千行百业', publishedAt: '2026-09-15T10:00:00+08:00', publisher: 'www.xyz123.com', repostOf: null, docNumber: null, siteName: null, body, attachments: [] };
    const candidates = analyzeDay([doc], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
    assert.equal(candidates[0]!.origin, 'xyz123.com');
    const brief = writeDay(candidates);
    const prose = [brief.abstract, ...brief.items.flatMap((i) => [i.headline, ...i.paragraphs]), brief.references[0]!.publisher, brief.references[0]!.reposter ?? ''];
    assert.ok(prose.every((text) => !/xyz123|web:/.test(text)), prose.join('\n'));
    assert.match(brief.items[0]!.paragraphs[0]!, /^网络来源/);
  });
});

describe('a page whose 来源 names a body by its level alone', () => {
  const { taxonomy } = loadConfig();
  const analyse = (docs: Parameters<typeof analyzeDay>[0]) => analyzeDay(docs, directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
  const page = { id: 1, url: 'https://www.lyg.gov.cn/zglygzfmhwz/a.html', sourceId: 'web:www.lyg.gov.cn', title: '关于推进人工智能+数据要素应用的若干措施', publishedAt: '2026-09-15T10:00:00+08:00', publisher: '市数据局', repostOf: '市数据局', docNumber: null, siteName: '连云港市人民政府', body: '为加快人工智能+数据要素应用，推动公共数据资源开发利用，制定以下措施。\n一、建设行业高质量数据集，支持企业开展大模型训练。', attachments: [] };

  it('is the body of the place of the site that carried it, ranked by its form, and that portal is no reposter', () => {
    const [story] = analyse([page]);
    assert.equal(story!.origin, '连云港市数据局');
    assert.equal(story!.tier, 'municipal');
    assert.deepEqual(story!.reposters, []);
    // A province's portal carrying the city's document does repost it.
    const provincial = { ...page, id: 2, url: 'https://www.jiangsu.gov.cn/art/b.html', sourceId: 'web:www.jiangsu.gov.cn', siteName: '江苏省人民政府', repostOf: '连云港市数据局', publishedAt: '2026-09-15T12:00:00+08:00' };
    assert.deepEqual(analyse([page, provincial])[0]!.reposters, ['江苏省人民政府']);
  });

  it('is no one\'s name where no place resolves it, and never printed bare', () => {
    const [story] = analyse([{ ...page, url: 'https://www.abc-mirror.com/a.html', sourceId: 'web:www.abc-mirror.com', siteName: null }]);
    assert.notEqual(story!.origin, '市数据局');
    assert.ok(!writeDay([story!]).items[0]!.paragraphs[0]!.startsWith('市数据局'));
    assert.equal(isRelativeName('市数据局'), true);
    assert.equal(isRelativeName('省政府办公厅'), true);
    assert.equal(isRelativeName('市场监管总局'), false);
    assert.equal(isRelativeName('区块链产业联盟'), false);
  });
});

describe('a lead written from a title alone', () => {
  const { taxonomy } = loadConfig();
  const body = '一、支持企业建设行业大模型，对使用智能算力的中小企业发放算力券。\n二、到2027年，培育10家以上人工智能领军企业，打造100个人工智能+制造典型场景。';
  const write = (title: string) => {
    const doc = { id: 1, url: 'https://www.abc-mirror.com/a.html', sourceId: 'web:www.abc-mirror.com', title, publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: '某资讯网', body, attachments: [] };
    const brief = writeDay(analyzeDay([doc], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates);
    const checks = verifyBrief({ ...brief, stats: { ...brief.stats, window: { start: '2026-09-14T16:00:00.000Z', end: '2026-09-15T16:00:00.000Z' } } }, () => doc, directory.knownBodies(), { themes: themeNames });
    assert.ok(checks.length > 0);
    assert.deepEqual(checks.filter((c) => !c.ok), []);
    return { headline: brief.items[0]!.headline, fact: brief.items[0]!.paragraphs[0]! };
  };

  it('heads a notice that 公布s a list by the list, names it as a document in the facts, and sets a joint title\'s partners apart by a space', () => {
    const joint = write('江苏省工业和信息化厅 江苏省数据局关于公布2026年人工智能+制造场景名单的通知');
    // Not 发布《关于公布…名单的通知》: the verb said twice (day-l).
    assert.equal(joint.headline, '江苏省工信厅等两部门公布2026年人工智能+制造场景名单');
    assert.match(joint.fact, /^江苏省工业和信息化厅等两部门9月15日发布《关于公布2026年人工智能\+制造场景名单的通知》。/);
    assert.equal(isDocumentItself('关于发布2026年度数据要素典型案例的通知'), true);
    assert.equal(isDocumentItself('国务院印发关于深入实施人工智能+行动的意见'), false);
  });

  it('says a body issued what its headline says it issued, without 据…消息 round it', () => {
    const { fact } = write('工信部等七部门印发关于推动未来产业创新发展的实施意见');
    assert.match(fact, /^工业和信息化部等七部门9月15日印发关于推动未来产业创新发展的实施意见。/);
  });

  it('has a site that names no issuer 刊发 a document it carries, never 印发 it', () => {
    const headline = write('山东省印发《关于深化改革创新促进数字经济高质量发展的若干措施》');
    assert.equal(headline.headline, '某资讯网刊发《关于深化改革创新促进数字经济高质量发展的若干措施》');
    assert.match(headline.fact, /^某资讯网9月15日刊发《关于深化改革创新促进数字经济高质量发展的若干措施》。/);
  });

  it('has a site that names no issuer 刊发 a document by its own title, and 发布消息 of a headline', () => {
    const notice = write('市工信局关于组织申报2026年人工智能+专项资金的通知');
    assert.equal(notice.headline, '某资讯网刊发《市工信局关于组织申报2026年人工智能+专项资金的通知》');
    assert.match(notice.fact, /^某资讯网9月15日刊发《市工信局关于组织申报2026年人工智能\+专项资金的通知》。/);
    assert.match(write('人工智能+制造：一批典型场景加快落地').fact, /^某资讯网9月15日发布消息：人工智能\+制造：一批典型场景加快落地。/);
  });
});

describe('a story only another copy dates, months before the page the brief cites', () => {
  it('is written as issued earlier, with no day of its page, and its reposts not as of that day', () => {
    const { taxonomy } = loadConfig();
    const title = '国务院关于深入实施“人工智能+”行动的意见';
    const text = '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n为深入实施“人工智能+”行动，推动人工智能与经济社会各行业各领域广泛深度融合，现提出如下意见。\n到2027年，率先实现人工智能与6大重点领域广泛深度融合。';
    const portal = { id: 1, url: 'https://www.abc-mirror.com/a.html', sourceId: 'web:www.abc-mirror.com', title, publishedAt: '2026-09-15T08:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: '某某资讯网', body: text, attachments: [] };
    const signed = { ...portal, id: 2, url: 'https://www.def-news.com/b.html', sourceId: 'web:www.def-news.com', siteName: '某某新闻网', publishedAt: '2026-09-15T09:00:00+08:00', body: `${text}\n国务院\n2026年7月31日` };
    const [story] = analyzeDay([portal, signed], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
    assert.equal(story!.document.id, 1);
    assert.deepEqual(story!.issuedOn, { date: null, how: 'earlier' });
    const fact = writeDay([story!]).items[0]!.paragraphs[0]!;
    assert.match(fact, /^国务院此前印发《/);
    assert.doesNotMatch(fact, /9月15日|当日/);
    assert.match(fact, /近日转载/);
    // The model is told the document's date apart from its page's.
    const prompt = storyPrompt(story!, writeDay([story!]).items[0]!, directory, 2000);
    assert.match(prompt, /刊登日期：9月15日\n/);
    assert.match(prompt, /文件日期：此前印发/);
  });
});

describe('a document a portal reposts after it was signed', () => {
  it('is dated by its closing date (印发), checked against the source; a copy of the day by its page (发布)', () => {
    const { taxonomy } = loadConfig();
    const body = '各市人民政府：\n《安徽省未来产业发展行动方案》已经省政府同意，现印发给你们，请认真贯彻落实。\n安徽省人民政府办公厅\n2026年8月30日\n到2030年，形成未来产业发展的长效机制，培育人工智能、数据要素等未来产业。';
    const write = (text: string) => {
      const doc = { id: 1, url: 'https://www.abc-mirror.com/a.html', sourceId: 'web:www.abc-mirror.com', title: '安徽省人民政府办公厅关于印发安徽省未来产业发展行动方案的通知', publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body: text, attachments: [] };
      const candidates = analyzeDay([doc], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
      const brief = writeDay(candidates);
      const checks = verifyBrief({ ...brief, stats: { ...brief.stats, window: { start: '2026-09-14T16:00:00.000Z', end: '2026-09-15T16:00:00.000Z' } } }, () => doc, directory.knownBodies(), { themes: themeNames });
      return { fact: brief.items[0]!.paragraphs[0]!, failed: checks.filter((c) => !c.ok) };
    };
    const old = write(body);
    assert.match(old.fact, /^安徽省人民政府办公厅8月30日印发《安徽省未来产业发展行动方案》/);
    assert.deepEqual(old.failed, []);
    assert.match(write(body.replace('2026年8月30日', '2026年9月15日')).fact, /^安徽省人民政府办公厅9月15日发布《/);
    // Signed in an earlier year: the year is written.
    assert.match(write(body.replace('2026年8月30日', '2025年12月30日')).fact, /^安徽省人民政府办公厅2025年12月30日印发《/);
  });
});

describe('what a reference says it was used for, and how it names a traditional copy', () => {
  it('names the facts taken and the subject its quotes hold, never an empty 原文表述', () => {
    const { taxonomy } = loadConfig();
    const body = '到2027年，建成10个以上高质量数据集，发放算力券支持中小企业使用智能算力。\n推动数据要素市场化配置改革。';
    const doc = { id: 1, url: 'https://www.zz.gov.cn/a.html', sourceId: 'web:www.zz.gov.cn', title: '國務院關於加快高質量數據集建設的意見', publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [] };
    const [candidate] = analyzeDay([doc], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
    assert.match(usedForOf(candidate!, { targets: true, scope: false, instruments: true, quotes: ['建成10个以上高质量数据集'] }), /^用于高质量数据集[^。]*相关的发展目标和支持工具信息$/);
    assert.equal(usedForOf(candidate!, { targets: false, scope: false, instruments: false, quotes: [] }).includes('原文表述'), false);
    const brief = writeDay([candidate!]);
    // The title as the brief reads it, and the verifier takes it for the stored one.
    assert.equal(brief.references[0]!.title, '国务院关于加快高质量数据集建设的意见');
    const checks = verifyBrief({ ...brief, stats: { ...brief.stats, window: { start: '2026-09-14T16:00:00.000Z', end: '2026-09-15T16:00:00.000Z' } } }, () => doc, directory.knownBodies(), { themes: themeNames });
    assert.deepEqual(checks.filter((c) => !c.ok), []);
    // The analysis names the kind its document's name says, and no theme label of ours.
    assert.match(brief.items[0]!.paragraphs[1]!, /国家层面的意见/);
    assert.ok(!brief.items[0]!.paragraphs[1]!.includes('主题涉及'));
  });
});

describe('selection on real copies', () => {
  it('prints a briefing that explains the day\'s document as an item beside it (editors picked the 解读 on days a and e)', () => {
    const { taxonomy, config } = loadConfig();
    const docs = [
      { id: 1, url: 'https://a.example.cn/1.html', sourceId: 'web:a.example.cn', title: '国家发展改革委 国家数据局 财政部 自然资源部关于深化智慧城市发展 推进城市全域数字化转型的指导意见', body: '各省、自治区、直辖市人民政府：\n到2027年，全国城市全域数字化转型取得明显成效，形成一批横向打通、纵向贯通的数字城市，数据要素价值充分释放。\n推动公共数据开发利用，建设城市数据资源体系和城市智能中枢，支持大模型与智能体在城市治理中应用。', publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, attachments: [] },
      { id: 2, url: 'https://b.example.cn/2.html', sourceId: 'web:b.example.cn', title: '国家数据局举行专题新闻发布会 介绍《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》相关情况', body: '国家数据局举行专题新闻发布会，数字经济司负责人介绍了《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》相关情况。\n发布会指出，要推进数据要素和公共数据开发利用，支持大模型、智能体在城市场景应用。', publishedAt: '2026-09-15T15:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, attachments: [] },
    ];
    const { candidates } = analyzeDay(docs, directory, taxonomy, createSegmenter(domainWords(taxonomy)));
    assert.equal(candidates.length, 2, 'a briefing and its document are two stories');
    const picked = selectItems(candidates, { ...config.selection, minRelevance: 0 });
    assert.deepEqual(picked.map((c) => c.document.id), [1, 2]);
  });
});

describe('titles as portals dress them', () => {
  it('lose their dressing: 【…】, 重磅！, 转自X：, 最新印发!', () => {
    assert.equal(cleanTitle('【转载】国务院关于深入实施“人工智能+”行动的意见'), '国务院关于深入实施“人工智能+”行动的意见');
    assert.equal(cleanTitle('重磅！国务院印发《意见》'), '国务院印发《意见》');
    assert.equal(cleanTitle('转自江西省教育厅：关于开展人工智能教育的通知'), '关于开展人工智能教育的通知');
    assert.equal(cleanTitle('最新印发!江西省数据条例'), '江西省数据条例');
    assert.equal(cleanTitle('【国家数据局副局长：计划布局建设一批数据产业集聚区】'), '国家数据局副局长：计划布局建设一批数据产业集聚区');
  });

  it('name the document they issue, in 《》 or not, and copies of one document share its key', () => {
    assert.deepEqual(issuingNotice('江西省人民政府关于印发《江西省数据条例》的通知'), { issuer: '江西省人民政府', document: '江西省数据条例' });
    assert.deepEqual(issuingNotice('嘉兴市人民政府办公室关于印发嘉兴市推进“人工智能+”行动计划的通知'), { issuer: '嘉兴市人民政府办公室', document: '嘉兴市推进“人工智能+”行动计划' });
    assert.equal(issuedDocument('国务院关于深入实施“人工智能+”行动的意见', ''), '关于深入实施“人工智能+”行动的意见');
    assert.equal(issuedDocument('《数字中国建设2025年行动方案》发布，明确目标', ''), '数字中国建设2025年行动方案');
    assert.equal(issuedDocument('七部门部署脑机接口产业', '工信部等七部门近日联合印发关于推动脑机接口产业创新发展的实施意见，提出目标。'), '关于推动脑机接口产业创新发展的实施意见');
    assert.equal(documentKey('关于推动脑机接口产业创新发展的实施意见'), documentKey('《关于脑机接口产业创新发展的实施意见》'));
    assert.notEqual(documentKey('江西省数据条例'), documentKey('江苏省数据条例'));
  });

  it('join a report of two documents issued together to the copies of each', () => {
    assert.deepEqual(issuedDocuments('山东出台系列政策', '山东省政府办公厅近日印发《关于加快人工智能赋能重点领域高质量发展的推进方案》和《关于支持人工智能全产业链创新发展的若干政策措施》，从两端布局。'), ['关于加快人工智能赋能重点领域高质量发展的推进方案', '关于支持人工智能全产业链创新发展的若干政策措施']);
    // A document only mentioned later in the text was not issued with it.
    assert.deepEqual(issuedDocuments('山东出台推进方案', '山东省政府办公厅近日印发《关于加快人工智能赋能重点领域高质量发展的推进方案》。此前，《山东省数字经济发展规划》已经实施。'), ['关于加快人工智能赋能重点领域高质量发展的推进方案']);
    const groups = groupStories([
      { id: 1, title: '山东省人民政府办公厅关于印发关于支持人工智能全产业链创新发展的若干政策措施的通知', body: '各市人民政府：\n现将《关于支持人工智能全产业链创新发展的若干政策措施》印发给你们。\n一、支持算力券。', docNumber: null },
      { id: 2, title: '山东出台系列政策 加快布局人工智能发展', body: '山东省政府办公厅近日印发《关于加快人工智能赋能重点领域高质量发展的推进方案》和《关于支持人工智能全产业链创新发展的若干政策措施》，从应用推进和产业支撑两端布局。', docNumber: null },
    ]);
    assert.deepEqual(groups, [[1, 2]]);
  });

  it('keep a commentary apart from the news copies of the document it discusses', () => {
    const lead = '工业和信息化部等6部门日前联合印发《算力基础设施高质量发展行动计划》，从综合供给、高效运载、存力保障、赋能行业、绿色低碳和安全保障6个方面部署重点任务。';
    assert.deepEqual(groupStories([
      { id: 1, title: '六部门印发算力基础设施高质量发展行动计划', body: `${lead}\n到2025年，算力规模超过300 EFLOPS。`, docNumber: null },
      { id: 2, title: '夯实算力高质量发展基础', body: `${lead}\n评论认为，算力是新型生产力。（来源：经济日报）`, docNumber: null },
      { id: 3, title: '六部门联合印发行动计划 推动算力基础设施高质量发展', body: `${lead}\n到2025年，算力规模超过300 EFLOPS。`, docNumber: null },
      { id: 4, title: '经济日报时评：算力是新质生产力', body: `${lead}\n算力是新型生产力。`, docNumber: null },
    ]), [[1, 3], [2, 4]]);
  });

  it('join copies worded their own way, and keep an interpretation apart', () => {
    const groups = groupStories([
      { id: 1, title: '国务院关于深入实施“人工智能+”行动的意见', body: '各省、自治区、直辖市人民政府：现提出如下意见。到2027年，智能体等应用普及率超70%。', docNumber: '国发〔2025〕11号' },
      { id: 2, title: '人工智能+重磅文件出台', body: '国务院日前印发《关于深入实施“人工智能＋”行动的意见》。文件提出六大行动。', docNumber: null },
      { id: 3, title: '國務院印發《關於深入實施“人工智能+”行動的意見》', body: '國務院近日印發《關於深入實施“人工智能+”行動的意見》，部署六大行動。', docNumber: null },
      { id: 4, title: '国务院印发《关于深入实施“人工智能+”行动的意见》', body: '国务院近日印发《关于深入实施“人工智能+”行动的意见》，国家发展改革委相关负责人作了解读。', docNumber: null },
    ]);
    assert.deepEqual(groups, [[1, 2, 3], [4]]);
    // A report that mentions a draft (上交所起草了《…（征求意见稿）》) is no draft itself; a consultation is.
    assert.equal(isDraft('科创板32家未盈利公司将纳入科创成长层', '证监会6月18日发布《意见》。上交所起草了《指引（征求意见稿）》。'), false);
    assert.equal(isDraft('关于公开征求意见的公告', ''), true);
    assert.equal(isDraft('数据基础设施指引发布', '为加快建设，现向社会公开征求意见。'), true);
    // A report names the document in its opening's second sentence: it joins the document still.
    assert.deepEqual(groupStories([
      { id: 1, title: '关于在科创板设置科创成长层 增强制度包容性适应性的意见', body: '为深化科创板改革，提出如下意见。一、总体要求。坚持服务科技创新。', docNumber: null },
      { id: 2, title: '科创板32家未盈利公司将纳入科创成长层', body: '科创板迎来新一轮改革。证监会6月18日发布《关于在科创板设置科创成长层 增强制度包容性适应性的意见》，记者注意到相关安排。', docNumber: null },
    ]), [[1, 2]]);
    // Two reports of one briefing that explains a document are one story.
    assert.deepEqual(groupStories([
      { id: 1, title: '权威发布|三年行动方案出炉', body: '山东省政府新闻办11月8日举行政策例行吹风会，对《山东省低空经济高质量发展三年行动方案》进行解读。据介绍，方案由省交通运输厅会同有关部门起草。', docNumber: null },
      { id: 2, title: '山东解读低空经济三年行动方案', body: '发布会介绍，到2023年底全省相关企业有417家。\n吹风会上解读了《山东省低空经济高质量发展三年行动方案》的主要目标。', docNumber: null },
    ]), [[1, 2]]);
    // A draft for comment and the document issued from it are two stories, however alike their text.
    const text = '为加快建设国家数据基础设施，制定本指引。到2029年，基本建成国家数据基础设施主体结构，数据流通利用体系基本完善。';
    assert.deepEqual(groupStories([
      { id: 1, title: '国家数据基础设施建设指引', body: text, docNumber: null },
      { id: 2, title: '国家数据基础设施建设指引（征求意见稿）', body: text, docNumber: null },
      { id: 3, title: '关于公开征求意见的公告', body: `现公开征求意见。${text}`, docNumber: null },
    ]), [[1], [2, 3]]);
  });
});

describe('relevance of another genre', () => {
  it('counts an exam\'s material question a quarter, however many of the topic\'s words it holds', () => {
    const { taxonomy } = loadConfig();
    const segmenter = createSegmenter(domainWords(taxonomy));
    const body = '材料一：低空经济是新质生产力的典型代表，无人机物流、低空旅游等新业态加快发展。\n问题：结合材料，分析发展低空经济对培育新质生产力的意义。';
    const exam = scoreRelevance('材料题：低空经济与新质生产力', body, taxonomy, segmenter);
    const news = scoreRelevance('低空经济与新质生产力', body, taxonomy, segmenter);
    assert.equal(exam.score, Math.round(news.score * 0.25 * 100) / 100);
    assert.deepEqual(exam.discount, { why: 'genre', words: '材料题', factor: 0.25 });
    assert.ok(exam.score < 4 && news.score >= 4, `${exam.score} ${news.score}`);
  });
});

describe('significance on real copies', () => {
  const score = (title: string, extra: Partial<Parameters<typeof scoreSignificance>[0]> = {}) => scoreSignificance({ title, body: '', tier: 'municipal', reposterTiers: [], relevance: 10, ...extra });
  it('counts a draft for comment below the document issued, and reads the kind from a traditional title', () => {
    assert.ok(score('某市人工智能三年行动计划（征求意见稿）').score < score('某市人工智能三年行动计划').score);
    assert.equal(score('某市關於加快數據產業發展的意見').kind, '指导意见');
    assert.equal(score('七部门发力！十五项举措支持科技金融', { issued: '加快构建科技金融体制的若干政策举措' }).kind, '指引');
    assert.ok(score('关于科技金融的若干措施', { partners: '七' }).score > score('关于科技金融的若干措施').score);
  });

  it('counts a drafter\'s 起草说明 as an interpretation, not as the rules it explains', () => {
    assert.equal(score('关于《湖北省公共数据授权运营管理办法（试行）》的起草说明').kind, '解读');
    assert.equal(isInterpretation('关于《某市数据条例》的编制说明', ''), true);
  });

  it('puts an old document a portal reposts today below a fresh one, a month old still fresh, six weeks aging', () => {
    const plan = '某省未来产业发展行动方案';
    const fresh = score(plan, { dated: { on: '2024-09-14', daysBefore: 28 } }).score;
    assert.equal(fresh, score(plan).score);
    const old = score(plan, { dated: { on: '2023-12-31', daysBefore: 286 } });
    assert.ok(old.score < fresh - 3, 'old news weighs as already covered');
    assert.match(old.evidence.at(-1)!.why, /2023-12-31/);
    // Exactly at the limit it is not old yet, only aging: below a fresh one by half an old one's penalty.
    const aging = score(plan, { dated: { on: '2024-08-28', daysBefore: 45 } });
    assert.equal(aging.score, fresh - 2);
    assert.equal(isStale(aging), false);
  });
});

describe('a document\'s own date', () => {
  it('is its closing date on a line of its own, in Arabic or Chinese numerals, or in brackets under a Party title', () => {
    assert.equal(documentDate('现印发给你们。\n安徽省人民政府办公厅\n2024年9月30日\n附件', null, '2024-10-12')?.date, '2024-09-30');
    assert.equal(documentDate('国务院\n二〇二三年十二月三十一日', null, '2024-10-12')?.date, '2023-12-31');
    assert.equal(documentDate('关于加快公共数据资源开发利用的意见\n（2024年9月21日）\n各级党政机关', null, '2024-10-12')?.date, '2024-09-21');
    // A date inside a sentence is not a closing date.
    assert.equal(documentDate('征求意见的时间为2024年10月12日至2024年11月11日。', null, '2024-10-12'), null);
  });

  it('else a report\'s dateline, in the latest year not after the day met; else its 文号\'s year', () => {
    assert.equal(documentDate('经济日报北京1月29日讯 工业和信息化部等7个部门近日印发', null, '2024-10-12')?.date, '2024-01-29');
    assert.equal(documentDate('7月5日，国务院总理李强主持召开国务院常务会议', null, '2024-10-12')?.date, '2024-07-05');
    assert.equal(documentDate('新华社北京12月30日电 国家数据局印发', null, '2025-01-02')?.date, '2024-12-30');
    assert.equal(documentDate('为扩大公共数据供给，在10月10日的发布会上', null, '2024-10-12'), null);
    // A photo caption's date is the photo's.
    assert.equal(documentDate('7月28日，在2025世界人工智能大会上，参观者拍摄机器人。', null, '2025-08-26'), null);
    const byNumber = documentDate('各省、自治区：', '国数政策〔2023〕11号', '2024-10-12')!;
    assert.deepEqual([byNumber.date, byNumber.year, daysBefore(byNumber, '2024-10-12')], [null, 2023, 286]);
    assert.equal(daysBefore(documentDate('国务院\n2024年10月12日', null, '2024-10-12')!, '2024-10-12'), 0);
  });

  it('is no later than the date a copy\'s address carries: a full date, or a month folder by its last day', () => {
    assert.equal(addressDate('http://m.im88.cn/a/202310/12/WS65274b44a310d5acd8769850.html')?.date, '2023-10-12');
    assert.equal(addressDate('http://sd.people.com.cn/BIG5/n2/2025/0513/c364532-41225460.html')?.date, '2025-05-13');
    assert.equal(addressDate('https://zyrm.hnjjbs.com/jingji/202312/68007.html')?.date, '2023-12-31');
    assert.equal(addressDate('https://zyrm.hnjjbs.com/jingji/202402/68007.html')?.date, '2024-02-29');
    assert.equal(addressDate('https://95yunying.com/792.html'), null);
    assert.equal(addressDate('http://sufaa.com/show-202412.html'), null);
  });

  it('makes an old document old by any copy\'s address, and the story is written as issued earlier', () => {
    const { taxonomy } = loadConfig();
    const text = '为推动算力基础设施高质量发展，制定本行动计划。\n到2025年，算力规模超过300 EFLOPS，智能算力占比达到35%。';
    const copy = { id: 1, url: 'https://www.abc-mirror.com/a.html', sourceId: 'web:www.abc-mirror.com', title: '算力基础设施高质量发展行动计划', publishedAt: '2026-09-15T08:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: '某某资讯网', body: text, attachments: [] };
    const dated = { ...copy, id: 2, url: 'http://m.im88.cn/a/202310/12/WS65274b44.html', sourceId: 'web:m.im88.cn', siteName: '某某新闻网', publishedAt: '2026-09-15T09:00:00+08:00' };
    const [story] = analyzeDay([copy, dated], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
    assert.equal(story!.members.length, 2);
    assert.ok(story!.significance.evidence.some((e) => e.factor === 'freshness'), JSON.stringify(story!.significance.evidence));
    assert.deepEqual(story!.issuedOn, { date: null, how: 'earlier' });
  });
});

describe('the house style', () => {
  it('sets derived text as running text: no comma round a bar, no typed space beside digits, nothing to start a line with +', () => {
    assert.equal(asRunningText('上交所发布审核指引 | 全文'), '上交所发布审核指引，全文');
    assert.equal(asRunningText('国办印发意见 到2028年培育100个以上标杆应用'), '国办印发意见，到2028年培育100个以上标杆应用');
    assert.equal(asRunningText('支持人工智能 OPC 创新发展'), '支持人工智能OPC创新发展');
    assert.equal(asRunningText('全面实施“人工智能 +”行动'), '全面实施“人工智能+”行动');
    // A document's name in 《》 keeps its own spaces: it is checked as the source writes it.
    assert.equal(asRunningText('国家数据局举行新闻发布会 介绍《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》'), '国家数据局举行新闻发布会，介绍《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》');
  });

  it('quotes the source\'s own words: not a reporter\'s framing, a connective, a preamble or the act of issuing', () => {
    const title = '关于促进数据标注产业高质量发展的实施意见';
    for (const span of ['人民日报报道，工业和信息化部等七个部门日前联合印发', '文件判断，我国数据基础设施目前仍处在起步建设阶段', '同时要培育一批有影响力的科技型数据标注企业', '为贯彻落实市委、市政府决策部署,进一步推动我市低空经济高质量发展', '国家数据局近日印发《可信数据空间发展行动计划》', '且日均流量超过30GB的新建5G基站，省财政给予每个最高5000元补贴', '但对新开工项目实行备案管理']) {
      assert.equal(worthQuoting(span, title), false, span);
    }
    assert.equal(worthQuoting('到2027年，数据标注产业规模年均复合增长率超过20%', title), true);
    // A numbered heading is no statement.
    for (const heading of ['(一)“人工智能+”科学技术', '（二）推进工业全要素智能化发展', '3.加快农业数智化转型升级']) assert.equal(worthQuoting(heading, title), false, heading);
    // Nor is a preamble, whichever piece of it: 为…，现提出如下意见.
    const preamble = '为把握新一轮科技革命和产业变革机遇，推动脑机接口产业高质量发展，加快形成新质生产力，现提出如下意见。';
    assert.deepEqual(quoteCandidates(preamble, '标题', loadConfig().taxonomy), []);
  });

  it('never cuts a quote from the year its claim holds for, prefers a sentence\'s start, and never says twice what a quote said', () => {
    const body = '到2035年，我国全面步入智能经济和智能社会发展新阶段，为基本实现社会主义现代化提供有力支撑。随着大模型应用规模持续扩大，词元计价等数据要素新业态初显。';
    const quotes = quoteCandidates(body, '标题', loadConfig().taxonomy).map((c) => c.text);
    assert.ok(quotes.length > 0);
    assert.ok(quotes.every((q) => !q.startsWith('我国全面步入')), quotes.join(' | '));
    const best = chooseQuotes(body, '标题', loadConfig().taxonomy, 1)[0]!;
    assert.ok(best.startsWith('随着') || best.startsWith('到2035年'), best);
    assert.equal(overlaps('培育壮大数据产业，为经济持续回升向好提供有力支撑', '推动公共数据资源有序开放，培育壮大数据产业'), true);
    assert.equal(overlaps('推动公共数据资源有序开放', '为经济持续回升向好提供有力支撑'), false);
  });

  it('quotes whole statements before pieces cut from a sentence\'s middle, and pieces only where nothing whole is offered', () => {
    const taxonomy = loadConfig().taxonomy;
    const body = '上海证券交易所日前对外发布一组配套业务规则，用以落实深化科创板改革的安排，支持科技型企业上市。\n个人投资者参与科创板成长层股票交易的门槛维持不变。';
    for (const quote of chooseQuotes(body, '标题', taxonomy, 2)) assert.ok(!quote.startsWith('用以') && !quote.startsWith('支持'), quote);
    // The piece that scores best on its words still yields to a statement with its subject.
    const meeting = '会议强调，各地区各部门要认真贯彻落实中央部署和有关工作安排，加快数据要素市场化配置改革和高质量数据集建设。\n公共数据资源开发利用取得积极进展。';
    for (const quote of chooseQuotes(meeting, '标题', taxonomy, 2)) assert.ok(!quote.startsWith('加快'), quote);
    assert.ok(quoteCandidates(body, '标题', taxonomy).some((c) => c.fragment && c.text.startsWith('用以落实')));
    const onlyPieces = '上海证券交易所日前对外发布一组配套业务规则，支持科技型企业在科创板上市融资。';
    assert.equal(chooseQuotes(onlyPieces, '标题', taxonomy, 1).length, 1);
    for (const span of ['记者统计，科创板至今共有54家未盈利企业上市', '上海证券交易所起草了《科创板上市公司自律监管指引第5号》', '近日，武汉市召开专题会议，部署全面实施行动', '计划提出，到2028年建成100个以上可信数据空间', '《条例》旨在推进政务数据安全有序高效共享利用']) assert.equal(worthQuoting(span, '标题'), false, span);
  });

  it('splits clauses at the source\'s own punctuation, half-width included, but not inside 1,000', () => {
    const sentence = '统筹推进,打造4.0版:提高便利性，规模1,000亿元';
    assert.deepEqual(clauseSpans(sentence).map((c) => sentence.slice(c.start, c.end)), ['统筹推进', '打造4.0版', '提高便利性', '规模1,000亿元']);
  });
});

describe('the verifier on converted and renamed sources', () => {
  const source = { title: '國務院關於深入實施“人工智能+”行動的意見', body: '到2027年，新一代智能終端、智能體等應用普及率超70%。', publishedAt: '2025-08-26T09:00:00+08:00', docNumber: null };
  const reference: Reference = { id: 'R1', publisher: '国务院', reposter: null, title: source.title, date: '2025-08-26', url: 'https://example.cn/1', usedFor: '用于目标信息' };
  const item = (paragraph: string): BriefItem => ({ n: 1, headline: '国务院印发意见', paragraphs: [paragraph], quotes: [], refs: ['R1'], tier: 'national', themes: [] });
  const check = (paragraph: string) => verifyItem(item(paragraph), new Map([['R1', reference]]), () => source, directory.knownBodies());

  it('checks a quote of a traditional copy in simplified characters, and records that it converted', () => {
    const checks = check('国务院8月26日印发《关于深入实施“人工智能+”行动的意见》。文件提出：“新一代智能终端、智能体等应用普及率超70%”。');
    assert.deepEqual(checks.filter((c) => !c.ok), []);
    assert.ok(checks.some((c) => c.ok && c.name === 'quotes' && /繁简转换/.test(c.detail)));
    assert.ok(check('文件提出：“智能体应用普及率超80%”。').some((c) => !c.ok && c.name === 'quotes'));
    // The model is asked to correct failures only, never the record of a conversion.
    assert.deepEqual(findingsOf(checks), []);
    const failing = check('文件提出：“智能体应用普及率超80%”。');
    assert.deepEqual(findingsOf(failing), failing.filter((c) => !c.ok).map((c) => c.detail));
    assert.ok(findingsOf(failing).length > 0);
  });

  it('prints a mirror\'s half-width marks as Chinese ones, and reads them back as the source wrote them', () => {
    assert.equal(chinesePunctuation('到2027年,率先实现1,000亿元:目标;(2024~2026年) 10:30 (AI)'), '到2027年，率先实现1,000亿元：目标；（2024～2026年） 10:30 (AI)');
    const typed = { ...source, title: '苏州市低空经济高质量发展实施方案(2024~2026年)', body: '到2026年,建成1~2个通用机场和200个以上垂直起降点。' };
    const checkTyped = (paragraph: string) => verifyItem(item(paragraph), new Map([['R1', reference]]), () => typed, directory.knownBodies());
    assert.deepEqual(checkTyped(`发布${'《苏州市低空经济高质量发展实施方案（2024～2026年）》'}。文件提出：${inQuotes('到2026年,建成1~2个通用机场和200个以上垂直起降点')}。`).filter((c) => !c.ok), []);
    assert.ok(checkTyped('文件提出：“到2026年，建成3个通用机场”。').some((c) => !c.ok && c.name === 'quotes'));
  });

  it('reads a quotation nested as ‘ ’ back as the source wrote it, “ ”', () => {
    const nested = { ...source, body: '各地要深入实施“人工智能+”行动，推动大模型落地。' };
    const checkNested = (paragraph: string) => verifyItem(item(paragraph), new Map([['R1', reference]]), () => nested, directory.knownBodies());
    assert.deepEqual(checkNested('文件提出：“各地要深入实施‘人工智能+’行动”。').filter((c) => !c.ok), []);
    assert.ok(checkNested('文件提出：“各地要深入实施‘人工智能’行动”。').some((c) => !c.ok && c.name === 'quotes'));
  });

  it('names a document by its title without its issuer, but not by a piece of it', () => {
    assert.equal(titleKnown('关于深入实施“人工智能+”行动的意见', [source], directory.knownBodies()), true);
    assert.equal(titleKnown('“人工智能+”行动的意见', [source], directory.knownBodies()), false);
    assert.equal(titleKnown('人工智能+行动', [source], directory.knownBodies()), false);
  });

  it('names a joint document without the bodies its heading lists by spaces, in traditional characters too', () => {
    const joint = { ...source, title: '工業和信息化部 中央網信辦 教育部 財政部 自然資源部 住房城鄉建設部 農業農村部 國家衛生健康委 中國人民銀行 國務院國資委 國鐵集團關於推動新型信息基礎設施協調發展有關事項的通知' };
    assert.equal(titleKnown('关于推动新型信息基础设施协调发展有关事项的通知', [joint], directory.knownBodies()), true);
    // A heading of something else than bodies is no issuer to drop.
    const other = { ...joint, title: '工业和信息化部 一批新规关于推动新型信息基础设施协调发展有关事项的通知' };
    assert.equal(titleKnown('关于推动新型信息基础设施协调发展有关事项的通知', [other], directory.knownBodies()), false);
  });
});

describe('withholding a section that fails a check', () => {
  const brief = (items: string[]): Brief => ({
    date: '2026-06-19',
    title: 't',
    publisher: 'p',
    producers: '',
    abstract: items.join('；'),
    items: items.map((headline, i) => ({ n: i + 1, headline, paragraphs: [headline], quotes: [], refs: [`R${i + 1}`], tier: 'national', themes: [] })),
    references: [],
    footer: { account: '', qrImage: null, platform: '', disclaimer: '' },
    writer: 'extractive',
    checks: items.map((headline, i) => ({ name: 'numbers', ok: !headline.includes('坏'), item: i + 1, detail: `第 ${i + 1} 条：${headline}` })),
    stats: { window: { start: '', end: '' }, documents: 0, candidates: 0, storyGroups: 0, themeShares: {} },
  });

  it('writes the brief again without it, keeps it with its findings, and numbers the rest anew', async () => {
    const written: string[][] = [];
    const { brief: result, items } = await withholdFailing(['甲', '坏乙', '丙'], async (chosen) => {
      written.push(chosen);
      return brief(chosen);
    });
    assert.deepEqual(written, [['甲', '坏乙', '丙'], ['甲', '丙']]);
    assert.deepEqual(items, ['甲', '丙']);
    assert.deepEqual(result.items.map((i) => [i.n, i.headline]), [[1, '甲'], [2, '丙']]);
    assert.deepEqual(result.withheld?.map((w) => [w.item.headline, w.reasons]), [['坏乙', ['第 2 条：坏乙']]]);
  });

  it('writes once when every check passes, and refuses a brief of which every section failed', async () => {
    let calls = 0;
    const { brief: result } = await withholdFailing(['甲'], async (chosen) => (calls++, brief(chosen)));
    assert.equal(calls, 1);
    assert.equal(result.withheld, undefined);
    await assert.rejects(withholdFailing(['坏甲'], async (chosen) => brief(chosen)), /每一条都未通过核查/);
  });
});
