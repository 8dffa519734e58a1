import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReference } from '../src/brief/references.ts';
import { themeMovement } from '../src/brief/themeShares.ts';
import { headlineOf, inBookQuotes } from '../src/brief/writers/phrasing.ts';
import { chooseQuotes } from '../src/brief/writers/quotes.ts';
import { loadConfig } from '../src/config/load.ts';
import { chineseFullDate, chineseMonthDay } from '../src/util/time.ts';

const { taxonomy } = loadConfig();

describe('house style', () => {
  it('writes dates as the brief does', () => {
    assert.equal(chineseMonthDay('2026-06-08'), '6 月 8 日');
    assert.equal(chineseFullDate('2026-06-19'), '2026 年 6 月 19 日');
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

  it('are verbatim spans of the body, never nesting “ ”, never the salutation or the title', () => {
    const quotes = chooseQuotes(body, '支持人工智能OPC创新发展行动方案', taxonomy, 3);
    assert.ok(quotes.length >= 2);
    for (const quote of quotes) {
      assert.ok(body.includes(quote), quote);
      assert.ok(!/[“”]/.test(quote), quote);
      assert.ok(!quote.endsWith('：'), quote);
    }
    assert.ok(quotes.some((q) => q.includes('算力券')));
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
