/**
 * Story groups (src/analyze/storyGroups.ts): which copies are one story and which are not. Copies join
 * by a shared 文号, a shared normalised title, a shared document name, or most of their text; an
 * interpretation, a draft for comment, another place's look-alike plan and the meeting that approved a
 * plan each stay a story of their own. Each case is written from the rule's comment and fails when the
 * rule is broken.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentKey, documentSubject, groupStories, normaliseTitle, titleKey, type GroupableDocument } from '../src/analyze/storyGroups.ts';

const doc = (id: number, title: string, body: string, docNumber: string | null = null): GroupableDocument => ({ id, title, body, docNumber });
/** The group holding a document, and whether two documents are one story. */
const grouped = (documents: GroupableDocument[]) => {
  const groups = groupStories(documents);
  const of = (id: number) => groups.find((g) => g.includes(id));
  return { groups, of, together: (a: number, b: number) => of(a) === of(b) };
};

// A provincial plan, three paragraphs, each long enough to be a candidate key by itself.
const plan = [
  '为加快培育数据要素市场，现将有关事项通知如下。各地要建立公共数据资源开发利用工作机制，推动数据资源有序开放。',
  '支持建设行业高质量数据集，鼓励企业参与数据标注和数据交易，培育壮大数据产业，形成一批典型应用场景。',
  '到2027年，全省数据产业规模超过1000亿元，建成10个以上高质量数据集，发放算力券和数据券支持中小企业。',
];
const planText = plan.join('\n');
const traditionalPlan = [
  '為加快培育數據要素市場，現將有關事項通知如下。各地要建立公共數據資源開發利用工作機制，推動數據資源有序開放。',
  '支持建設行業高質量數據集，鼓勵企業參與數據標註和數據交易，培育壯大數據產業，形成一批典型應用場景。',
  '到2027年，全省數據產業規模超過1000億元，建成10個以上高質量數據集，發放算力券和數據券支持中小企業。',
].join('\n');

describe('the keys copies share', () => {
  it('reads a title without spacing, punctuation and a 北京： style prefix', () => {
    assert.equal(normaliseTitle('北京：发布《数据产业行动方案》 到2027年规模超千亿！'), '发布数据产业行动方案到2027年规模超千亿');
    assert.equal(normaliseTitle('内蒙古自治区： 数据产业发展行动方案'), '数据产业发展行动方案');
    // Only a place-like head of two to eight characters is a prefix; a longer run is the title.
    assert.equal(normaliseTitle('国家发展和改革委员会办公厅：关于数据产业的通知'), '国家发展和改革委员会办公厅关于数据产业的通知');
    assert.equal(normaliseTitle('京：数据产业'), '京数据产业');
    assert.equal(normaliseTitle('关于数据产业的通知：全文'), '关于数据产业的通知全文');
    assert.equal(normaliseTitle('“人工智能+”行动＋方案'), '人工智能行动方案');
  });

  it('reads one story\'s titles across sites and scripts as one key, in simplified characters', () => {
    assert.equal(titleKey('浙江省數據產業發展行動方案'), '浙江省数据产业发展行动方案');
    assert.equal(titleKey('杭州： 浙江省数据产业发展行动方案'), titleKey('浙江省数据产业发展行动方案'));
  });

  it('names a document by its name from 关于 on, without punctuation and the function words a reporter drops', () => {
    assert.equal(documentKey('国务院办公厅关于推动脑机接口产业创新发展的实施意见'), '脑机接口产业创新发展实施意见');
    assert.equal(documentKey('《关于脑机接口产业创新发展的实施意见》'), '脑机接口产业创新发展实施意见');
    assert.equal(documentKey('关于进一步促进加快推进数据产业发展的意见'), '数据产业发展意见');
    assert.equal(documentKey('江西省数据条例'), '江西省数据条例');
    assert.notEqual(documentKey('江西省数据条例'), documentKey('江苏省数据条例'));
  });

  it('says what a document is about: its name from 关于 on without its 有关事项 and its kind, when that is specific', () => {
    assert.equal(documentSubject('工业和信息化部等十一部门关于推动新型信息基础设施协调发展有关事项的通知'), '推动新型信息基础设施协调发展');
    assert.equal(documentSubject('关于做好人工智能赋能新型工业化有关工作的通知'), '做好人工智能赋能新型工业化');
    assert.equal(documentSubject('关于做好人工智能赋能新型工业化相关工作的通知'), '做好人工智能赋能新型工业化');
    for (const kind of ['意见', '实施意见', '指导意见', '决定', '公告', '通告', '批复', '函']) {
      assert.equal(documentSubject(`国务院关于推动低空经济高质量发展的${kind}`), '推动低空经济高质量发展', kind);
    }
    // Only the kind at the end goes: a document it implements keeps its own 的意见.
    assert.equal(documentSubject('关于贯彻落实《国务院关于深入实施“人工智能+”行动的意见》的实施意见'), '贯彻落实国务院关于深入实施人工智能行动的意见');
    // Seven characters tell one document from another too seldom; eight are enough.
    assert.equal(documentSubject('关于做好防汛工作的通知'), null);
    assert.equal(documentSubject('关于发展低空经济产业的通知'), '发展低空经济产业');
    assert.equal(documentSubject('关于发展低空经济的通知'), null);
  });
});

describe('copies that are one story', () => {
  it('joins copies that share a 文号 however their titles and texts differ', () => {
    const { groups } = grouped([
      doc(11, '关于做好防汛抗旱工作的通知（转发）', '请认真贯彻落实。', '国办发〔2026〕18号'),
      doc(12, '国务院办公厅关于做好防汛抗旱工作的通知', '各省、自治区、直辖市人民政府：现就做好汛期防汛抗旱工作通知如下。', '国办发〔2026〕18号'),
      doc(13, '国务院办公厅关于做好森林防火工作的通知', '各省、自治区、直辖市人民政府：现就做好森林草原防灭火工作通知如下。', '国办发〔2026〕19号'),
    ]);
    assert.deepEqual(groups, [[11, 12], [13]]);
  });

  it('joins by the 文号 alone when nothing else is shared, and through one copy joins all', () => {
    const { groups } = grouped([
      doc(14, '国办发〔2026〕18号文件全文', '各省、自治区、直辖市人民政府：现就做好汛期防汛抗旱工作通知如下。', '国办发〔2026〕18号'),
      doc(15, '汛期将至 国务院办公厅部署防汛抗旱', '请各地认真贯彻执行。'),
      doc(16, '汛期将至 国务院办公厅部署防汛抗旱', '附件：防汛抗旱工作要点。', '国办发〔2026〕18号'),
      doc(17, '国办发〔2026〕19号文件全文', '各省、自治区、直辖市人民政府：现就做好森林草原防灭火工作通知如下。', '国办发〔2026〕19号'),
      doc(18, '国务院办公厅关于做好森林防火工作的通知', '', null),
    ]);
    // 16 shares the 文号 with 14 and the title with 15: all three are one story; 17 is another 文号.
    assert.deepEqual(groups, [[14, 15, 16], [17], [18]]);
  });

  it('joins copies whose titles are one once spacing, punctuation, a place prefix and traditional characters are read away', () => {
    const { groups } = grouped([
      doc(21, '浙江省数据产业发展行动方案', '方案全文见附件。'),
      doc(22, '浙江： 浙江省数据产业发展行动方案', '详见浙江省人民政府网站。'),
      doc(23, '浙江省數據產業發展行動方案', '全文請見附件。'),
      doc(24, '【转载】浙江省数据产业发展行动方案（全文）', '来源：浙江省数据局'),
    ]);
    assert.deepEqual(groups, [[21, 22, 23, 24]]);
  });

  it('does not join by a title of fewer than eight characters: 工作动态 is every site\'s', () => {
    const { groups } = grouped([
      doc(31, '工作动态', '市数据局召开党组会议，传达学习有关会议精神。'),
      doc(32, '工作动态', '区科技局赴企业调研人工智能应用场景建设情况。'),
      doc(33, '数据局工作动态', '省数据局开展公共数据授权运营专题培训。'),
      doc(34, '数据局工作动态', '市数据局召开低空经济项目推进调度会。'),
    ]);
    assert.deepEqual(groups, [[31], [32], [33], [34]]);
  });

  it('joins by an eight-character title', () => {
    assert.deepEqual(groupStories([doc(41, '低空经济发展大会', '大会在合肥开幕。'), doc(42, '低空经济发展大会', '与会嘉宾围绕产业生态展开研讨。')]), [[41, 42]]);
  });

  it('joins copies worded each their own way that name the document they carry', () => {
    const { groups } = grouped([
      doc(51, '国务院关于深入实施“人工智能+”行动的意见', '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：现就深入实施“人工智能+”行动提出如下意见。'),
      doc(52, '重磅！国务院印发《关于深入实施“人工智能+”行动的意见》', '新华社北京8月26日电 日前，国务院印发《关于深入实施“人工智能+”行动的意见》。'),
      doc(53, '“人工智能+”行动迎来顶层设计', '国务院日前印发《关于深入实施“人工智能+”行动的意见》，提出到2027年率先实现人工智能与6大重点领域广泛深度融合。'),
      doc(54, '国务院关于推动低空经济高质量发展的意见', '各省、自治区、直辖市人民政府：现就推动低空经济高质量发展提出如下意见。'),
    ]);
    assert.deepEqual(groups, [[51, 52, 53], [54]]);
  });

  it('joins a notice issuing a document with a headline naming that document', () => {
    const { groups } = grouped([
      doc(61, '工业和信息化部等七部门关于印发《人形机器人创新发展行动计划》的通知', '各省、自治区、直辖市工业和信息化主管部门：现将《人形机器人创新发展行动计划》印发给你们。'),
      doc(62, '七部门联合发布《人形机器人创新发展行动计划》', '记者获悉，工业和信息化部等七部门近日联合发布行动计划，提出到2027年形成安全可靠的产业链供应链体系。'),
    ]);
    assert.deepEqual(groups, [[61, 62]]);
  });

  it('joins by a document name of eight characters', () => {
    const { groups } = grouped([
      doc(73, '武汉印发《数字经济发展规划》', '市发展改革委将组织开展宣传解读。'),
      doc(74, '《数字经济发展规划》出台 武汉加快数字化转型', '规划提出加快建设数字基础设施。'),
    ]);
    assert.deepEqual(groups, [[73, 74]]);
  });

  it('does not join by a document name of fewer than eight characters', () => {
    const { groups } = grouped([
      doc(71, '市政府印发《数据条例》', '市数据局将组织开展宣传培训。'),
      doc(72, '区政府印发《数据条例》', '区数据局召开专题会议部署落实。'),
    ]);
    assert.deepEqual(groups, [[71], [72]]);
  });

  it('joins reports of one interpretation, a press briefing and a Q&A, by the document they explain', () => {
    const { groups } = grouped([
      doc(81, '国家发展改革委有关负责人就《关于深入实施“人工智能+”行动的意见》答记者问', '近日，国务院印发意见。国家发展改革委有关负责人接受采访，回答了记者提问。'),
      doc(82, '一图读懂丨《关于深入实施“人工智能+”行动的意见》政策解读', '图解内容见下方。'),
      doc(83, '《关于推动低空经济高质量发展的意见》政策解读', '一图读懂低空经济意见。'),
      doc(84, '《数字经济发展规划》解读', '一图读懂规划要点。'),
      doc(85, '《数字经济发展规划》答记者问', '市发展改革委负责人回答记者提问。'),
      // Two interpretations of documents named by too few characters to tell them apart stay apart.
      doc(86, '《数据条例》解读', '一图读懂条例要点。'),
      doc(87, '《数据条例》答记者问', '条例共六章四十条，自公布之日起施行。'),
    ]);
    assert.deepEqual(groups, [[81, 82], [83], [84, 85], [86], [87]]);
  });

  it('joins a repost with its own headline and a lead added, by most of its text', () => {
    const { groups } = grouped([
      doc(91, '浙江省数据产业发展行动方案', planText),
      doc(92, '浙江：数据产业规模到2027年将超千亿', `记者从省数据局获悉，这份文件近日出台。\n${planText}`),
      doc(93, '浙江省数據產業發展行動方案', traditionalPlan),
    ]);
    assert.deepEqual(groups, [[91, 92, 93]]);
  });

  it('finds a partial copy by a shared paragraph, though the rest of the long text differs', () => {
    // Two of the plan's paragraphs inside a long report: a small share of the report, most of the copy.
    const report = Array.from({ length: 30 }, (_, i) => `第${i + 1}项，各地区各部门要结合实际，围绕重点任务${i * 7 + 3}项细化分工，定期调度第${i + 11}批项目进展情况。`).join('\n');
    const { together } = grouped([
      doc(101, '全省数字经济发展情况的报告', `${report}\n${plan[1]}\n${plan[2]}`),
      doc(102, '浙江数据产业发展目标', `${plan[1]}\n${plan[2]}`),
    ]);
    assert.ok(together(101, 102));
    // Whichever comes first, the share is of the smaller text.
    const first = grouped([doc(103, '浙江数据产业发展目标', `${plan[1]}\n${plan[2]}`), doc(104, '全省数字经济发展情况的报告', `${report}\n${plan[1]}\n${plan[2]}`)]);
    assert.ok(first.together(103, 104));
  });

  it('finds a copy that shares no paragraph line for line, by the MinHash of its text', () => {
    // A mirror that ran the plan's paragraphs into one and set its own punctuation.
    const reflowed = plan.join('').replace(/，/g, ' ').replace(/。/g, '；');
    const { groups } = grouped([doc(105, '浙江省数据产业发展行动方案', planText), doc(106, '数据产业迎来新政', reflowed), doc(107, '附件下载', '')]);
    assert.deepEqual(groups, [[105, 106], [107]]);
  });

  it('does not join a text that shares one paragraph but is mostly its own', () => {
    const own = '会议听取了全省防汛抗旱工作情况汇报，研究部署下一阶段重点任务，要求各地压实责任、加强值守，确保人民群众生命财产安全，并就安全生产、森林防火和城市内涝治理等工作作出安排。';
    const { groups } = grouped([doc(108, '浙江省数据产业发展行动方案', planText), doc(109, '省政府召开专题会议', `${own}\n${plan[2]}`)]);
    assert.deepEqual(groups, [[108], [109]]);
  });
});

describe('copies that are not one story', () => {
  it('keeps apart texts that share only common phrases', () => {
    const { groups } = grouped([
      doc(111, '浙江省数据产业发展行动方案', planText),
      doc(112, '关于做好防汛工作的通知', '各地要压紧压实防汛责任，加强雨情水情监测预报预警，做好堤防水库巡查防守，确保安全度汛。'),
      doc(113, '省数据局召开数据产业工作会', `会议强调，要支持建设行业高质量数据集。\n${plan[0]!.slice(0, 20)}`),
    ]);
    assert.deepEqual(groups, [[111], [112], [113]]);
  });

  it('keeps an interpretation apart from its document, however much of it it quotes', () => {
    const { groups } = grouped([
      doc(121, '浙江省数据产业发展行动方案', planText),
      doc(122, '《浙江省数据产业发展行动方案》解读', `一图读懂。\n${planText}`),
      doc(123, '浙江印发数据产业行动方案', `省数据局负责人就方案出台背景进行了解读。\n${planText}`),
    ]);
    assert.deepEqual(groups, [[121], [122, 123]]);
  });

  it('keeps a draft for comment apart from the document issued later from it', () => {
    const { groups } = grouped([
      doc(131, '浙江省数据产业发展行动方案', planText),
      doc(132, '浙江省数据产业发展行动方案（征求意见稿）', planText),
      doc(133, '关于浙江省数据产业发展行动方案的公示', `现公开征求意见，时间为30天。\n${planText}`),
    ]);
    assert.deepEqual(groups, [[131], [132, 133]]);
  });

  it('keeps two places\' look-alike plans apart, and one place\'s copies together', () => {
    const { groups } = grouped([
      doc(141, '十堰市人工智能产业发展行动方案', planText, null),
      doc(142, '襄阳市人工智能产业发展行动方案', planText, null),
      doc(143, '湖北十堰：人工智能产业发展行动方案印发', `十堰市数据局日前印发方案。\n${planText}`),
    ]);
    assert.deepEqual(groups, [[141, 143], [142]]);
    // Two provinces' plans of one template and one 文号 pattern stay apart even under one title key.
    const provinces = grouped([doc(144, '江苏省数据产业发展行动方案', planText), doc(145, '安徽省数据产业发展行动方案', planText)]);
    assert.deepEqual(provinces.groups, [[144], [145]]);
  });

  it('keeps apart two places\' documents that share a 文号 pattern or a document name', () => {
    const { groups } = grouped([
      doc(151, '江苏省关于印发《数据产业高质量发展若干措施》的通知', '各设区市人民政府：现将若干措施印发给你们。', '苏政发〔2026〕1号'),
      doc(152, '安徽省关于印发《数据产业高质量发展若干措施》的通知', '各市人民政府：现将若干措施印发给你们。'),
    ]);
    assert.deepEqual(groups, [[151], [152]]);
  });
});

describe('a meeting and the document it approved', () => {
  // The meeting's report quotes two of the plan's paragraphs after its own words.
  const meetingText = `会议指出，要抓好落实，压实责任，确保各项任务落地见效。\n${plan[1]}\n${plan[2]}`;

  it('keeps the meeting apart when a portal\'s copy of the plan matches both: the closest copies join first', () => {
    const { groups } = grouped([
      doc(161, '省政府常务会议审议通过浙江省数据产业发展行动方案', meetingText),
      doc(162, '浙江省数据产业发展行动方案', planText),
      doc(163, '数据产业迎来新政 到2027年规模超千亿', `记者从省数据局获悉。\n${planText}`),
    ]);
    assert.deepEqual(groups, [[161], [162, 163]]);
  });

  it('keeps the plan apart when a portal\'s copy of the meeting report matches both', () => {
    const { groups } = grouped([
      doc(171, '浙江省数据产业发展行动方案', planText),
      doc(172, '省政府常务会议审议通过浙江省数据产业发展行动方案', meetingText),
      doc(173, '浙江部署数据产业 到2027年规模超千亿', meetingText),
    ]);
    assert.deepEqual(groups, [[171], [172, 173]]);
  });

  it('takes a headline that names the plan in 《》 for the document, kept apart from the meeting', () => {
    const { groups } = grouped([
      doc(164, '省政府常务会议审议通过数据产业有关工作', meetingText),
      doc(165, '浙江发布《数据产业发展行动方案》 到2027年规模超千亿', planText),
    ]);
    assert.deepEqual(groups, [[164], [165]]);
  });

  it('joins the meeting with portal copies of its report, whose headlines name the plan in passing', () => {
    const { groups } = grouped([
      doc(174, '省政府部署数据产业方案落实工作', meetingText),
      doc(175, '浙江部署数据产业发展 到2027年规模超千亿', meetingText),
      doc(176, '省政府常务会议研究数据产业发展', meetingText),
    ]);
    assert.deepEqual(groups, [[174, 175, 176]]);
  });

  it('keeps apart a meeting and a document that share a 文号 or a title key', () => {
    const byNumber = grouped([
      doc(181, '市政府常务会议研究数据产业工作', '会议研究了数据产业发展有关事项。', '杭政〔2026〕5号'),
      doc(182, '杭州市数据产业发展实施方案', '各区县人民政府：现将实施方案印发给你们。', '杭政〔2026〕5号'),
      doc(183, '杭州市数据产业发展实施方案（转发）', '请认真贯彻执行。', '杭政〔2026〕5号'),
    ]);
    assert.deepEqual(byNumber.groups, [[181], [182, 183]]);
  });
});

describe('boilerplate', () => {
  it('does not make one story of many pages that hold nothing but a site\'s boilerplate', () => {
    const footer = '主办单位：某某市人民政府办公室承办单位：某某市大数据中心网站标识码3300000000备案号浙ICP备00000000号公安机关备案号33000002000000';
    const subjects = Array.from({ length: 65 }, (_, i) => `第${i + 1}号`);
    const groups = groupStories(subjects.map((subject, i) => doc(200 + i, `关于${subject}事项的说明`, footer)));
    assert.equal(groups.length, 65);
  });

  it('still makes one story of a plan sixty-four sites carried under headlines of their own', () => {
    const sites = Array.from({ length: 64 }, (_, i) => doc(300 + i, `转载第${i + 1}站：数据产业迎来新政`, planText));
    assert.equal(groupStories(sites).length, 1);
  });
});

describe('the groups returned', () => {
  it('hold document ids in input order, groups ordered by first member', () => {
    const groups = groupStories([
      doc(903, '国务院关于推动低空经济高质量发展的意见', '现就推动低空经济高质量发展提出如下意见。'),
      doc(901, '浙江省数据产业发展行动方案', planText),
      doc(907, '重磅！国务院印发《关于推动低空经济高质量发展的意见》', '国务院日前印发意见。'),
      doc(902, '浙江：数据产业规模到2027年将超千亿', `记者获悉。\n${planText}`),
    ]);
    assert.deepEqual(groups, [[903, 907], [901, 902]]);
    assert.deepEqual(groupStories([]), []);
  });
});
