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
import { readIssuer } from '../src/analyze/issuer.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { loadConfig } from '../src/config/load.ts';
import type { StoredDocument } from '../src/domain/document.ts';

const { sources, bodies, taxonomy } = loadConfig();
const directory = new SourceDirectory(sources, bodies);
const segmenter = createSegmenter(domainWords(taxonomy));
const issuer = (title: string, body: string) => readIssuer({ title, body, docNumber: null }, directory)?.name;

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
