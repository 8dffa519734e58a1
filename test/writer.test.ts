import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDay } from '../src/analyze/day.ts';
import { SourceDirectory } from '../src/analyze/origin.ts';
import { domainWords } from '../src/analyze/relevance.ts';
import { createSegmenter } from '../src/analyze/segment.ts';
import { formatReference } from '../src/brief/references.ts';
import { themeDynamics, themeMovement, themeSharesOf } from '../src/brief/themeShares.ts';
import { composeExtractive, type EarlierIssue } from '../src/brief/writers/extractive.ts';
import { headlineOf, inBookQuotes } from '../src/brief/writers/phrasing.ts';
import { chooseQuotes, inQuotes } from '../src/brief/writers/quotes.ts';
import { loadConfig } from '../src/config/load.ts';
import { chineseNumber } from '../src/util/chineseNumerals.ts';
import { chineseFullDate, chineseMonthDay } from '../src/util/time.ts';

const { taxonomy } = loadConfig();

describe('house style', () => {
  it('writes dates as the brief does', () => {
    // No space is typed beside digits: the typesetter spaces them, alike in every format.
    assert.equal(chineseMonthDay('2026-06-08'), '6月8日');
    assert.equal(chineseFullDate('2026-06-19'), '2026年6月19日');
  });

  it('nests titles as 《…〈…〉…》', () => {
    assert.equal(inBookQuotes('关于印发《行动方案》的通知'), '《关于印发〈行动方案〉的通知》');
  });

  it('keeps a headline to one line, cut at a clause', () => {
    assert.equal(headlineOf('武汉', '提出全面实施人工智能行动'), '武汉提出全面实施人工智能行动');
    const long = headlineOf('国家数据局', '召开系列座谈会研究上半年数字经济形势，要求各地加强跟踪监测，及时总结新业态新模式的经验做法');
    assert.equal(long, '国家数据局召开系列座谈会研究上半年数字经济形势，要求各地加强跟踪监测');
  });

  it('formats a reference as origin / reposter转载, title, date and use', () => {
    assert.equal(
      formatReference({ id: 'R1', publisher: '上海证券交易所', reposter: '上海金融办', title: '关于《指引》的通知', date: '2026-06-18', url: 'https://x.cn/', usedFor: '用于科创板信息' }),
      '上海证券交易所 / 上海金融办转载，《关于〈指引〉的通知》，2026-06-18；用于科创板信息。',
    );
  });
});

describe('quotes', () => {
  const body = [
    '各区人民政府，各有关单位：',
    '为抢抓人工智能发展机遇，现将方案印发给你们。',
    '依托OPC成长社区发放“全栈资源包”，包含Token券（模型券）、算力券、数据券，对入驻企业提供免费试用和费用减免。',
    '要打造一批竞争力强的智能体，加快发展智能体矩阵。',
  ].join('\n');

  it('are verbatim spans of the body, never cutting a quotation in two, never the salutation or the title', () => {
    const quotes = chooseQuotes(body, '支持人工智能OPC创新发展行动方案', taxonomy, 3);
    assert.ok(quotes.length >= 2);
    for (const quote of quotes) {
      assert.ok(body.includes(quote), quote);
      // A quotation inside a quote is whole: as many “ as ”, each “ before its ”.
      assert.equal((quote.match(/“/g) ?? []).length, (quote.match(/”/g) ?? []).length, quote);
      assert.ok(!/”[^“]*$/.test(quote.replace(/“[^“”]*”/g, '')), quote);
      assert.ok(!quote.endsWith('：'), quote);
    }
    assert.ok(quotes.some((q) => q.includes('算力券')));
  });

  it('nest a quotation the source makes as ‘ ’, and the verifier reads it back as the source wrote it', () => {
    const source = '各地要深入实施“人工智能+”行动，推动大模型在制造业落地应用。';
    const [quote] = chooseQuotes(source, '', taxonomy, 1);
    assert.equal(quote, '各地要深入实施“人工智能+”行动，推动大模型在制造业落地应用');
    assert.equal(inQuotes(quote!), '“各地要深入实施‘人工智能+’行动，推动大模型在制造业落地应用”');
    assert.ok(!chooseQuotes('推动“人工智能+行动，支持大模型落地。', '', taxonomy, 1).some((q) => q.includes('“')), 'an unclosed quotation is never quoted');
  });

  it('never overlap, and follow the order of the text', () => {
    const quotes = chooseQuotes(body, '', taxonomy, 3);
    const positions = quotes.map((q) => body.indexOf(q));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions);
    for (let i = 1; i < quotes.length; i++) assert.ok(positions[i]! >= positions[i - 1]! + quotes[i - 1]!.length);
  });
});

describe('theme movement', () => {
  it('says converging, spreading or first, with the themes that rose and the new ones', () => {
    assert.equal(themeMovement({ 数据要素: 1 }, undefined).direction, 'first');
    const converging = themeMovement({ 数据要素: 0.8, 算力: 0.2 }, { 数据要素: 0.4, 算力: 0.3, 量子: 0.3 });
    assert.deepEqual(converging, { direction: 'converging', top: ['数据要素', '算力'], rising: ['数据要素'], new: [] });
    const spreading = themeMovement({ 数据要素: 0.4, 算力: 0.3, 智能体: 0.3 }, { 数据要素: 0.9, 算力: 0.1 });
    assert.deepEqual(spreading, { direction: 'spreading', top: ['数据要素', '算力'], rising: ['算力'], new: ['智能体'] });
  });
});

describe('the extractive writer', () => {
  const { sources, bodies, config } = loadConfig();
  const directory = new SourceDirectory(sources, bodies);
  const body = '国家数据局首次提出建设数据标注基地，支持企业参与数据标注。\n到2027年，建成10个左右国家级数据标注基地，发放数据券支持中小企业采购服务。';
  const document = { id: 1, url: 'https://www.nda.gov.cn/1.html', sourceId: 'nda', title: '国家数据局关于数据标注基地的意见', publishedAt: '2026-09-15T10:00:00+08:00', publisher: null, repostOf: null, docNumber: null, siteName: null, body, attachments: [] };
  const candidates = analyzeDay([document], directory, taxonomy, createSegmenter(domainWords(taxonomy))).candidates;
  const compose = (history: EarlierIssue[]) =>
    composeExtractive({
      issueDate: '2026-09-16',
      items: candidates,
      directory,
      taxonomy,
      brief: config.brief,
      themeShares: themeSharesOf(candidates),
      dynamics: themeDynamics(themeSharesOf(candidates), history.map((issue) => issue.themeShares)),
      history,
      stats: { window: { start: '', end: '' }, documents: 1, candidates: 1, storyGroups: 1, themeShares: {} },
    });

  it('adds what is new to the headline when it fits the line', () => {
    const headline = compose([]).items[0]!.headline;
    assert.ok(headline.startsWith('国家数据局'), headline);
    assert.ok(headline.length <= 40, headline);
    assert.match(headline, /，/);
  });

  it('says which earlier item the story continues, and nothing about history when there is none', () => {
    assert.ok(!/往期|本系统|之前|天前/.test(compose([]).items[0]!.paragraphs[1]!), compose([]).items[0]!.paragraphs[1]);
    const theme = candidates[0]!.relevance.themes[0]!.themeName;
    const issue = (date: string, themes: string[], headline = '某市发布消息'): EarlierIssue => ({ issueDate: date, themeShares: Object.fromEntries(themes.map((t) => [t, 1 / themes.length])), items: [{ headline, themes }] });
    const history = [
      issue('2026-09-15', ['算力']),
      issue('2026-09-14', [theme], '国家数据局发布数据标注试点名单'),
      issue('2026-09-13', [theme]),
      ...['09-12', '09-11', '09-10', '09-09', '09-08'].map((day) => issue(`2026-${day}`, ['算力'])),
    ];
    const analysis = compose(history).items[0]!.paragraphs[1]!;
    assert.match(analysis, new RegExp(`两天前的一期已报道国家数据局在${theme.replace('+', '\\+')}方面的动态，本条是其延续。`));
    assert.ok(!/\d/.test(analysis.slice(analysis.indexOf('天前的一期'))), 'counts of our issues are not written as source numbers');
    assert.match(compose(history).abstract, new RegExp(`“${theme.replace('+', '\\+')}”高于近七期的平均水平`));
    assert.ok(!compose([]).abstract.includes('近七期'), 'no week to compare with, no claim about it');
  });
});

describe('chineseNumber', () => {
  it('writes 0–99 as running text does, and refuses the rest', () => {
    assert.deepEqual([0, 2, 10, 12, 20, 30, 99].map(chineseNumber), ['零', '二', '十', '十二', '二十', '三十', '九十九']);
    assert.throws(() => chineseNumber(100), /outside 0–99/);
  });
});
