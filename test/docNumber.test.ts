import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractDocNumber } from '../src/extract/docNumber.ts';

describe('document numbers (文号)', () => {
  it('reads 机关代字〔年份〕序号号 in every bracket in use, with or without 第, spaces removed', () => {
    const cases: [string, string][] = [
      ['国办发〔2024〕12号', '国办发〔2024〕12号'],
      ['国办发［2024］12号', '国办发［2024］12号'],
      ['国办函﹝2023﹞120号', '国办函﹝2023﹞120号'],
      ['京政办发【2024】3号', '京政办发【2024】3号'],
      ['国办发[2024]12号', '国办发[2024]12号'],
      ['国办发(2024)12号', '国办发(2024)12号'],
      ['国办发（2024）12号', '国办发（2024）12号'],
      ['国家数据局公告〔2024〕第1号', '国家数据局公告〔2024〕第1号'],
      ['各省、自治区：工信部联规 〔 2024 〕 第 3 号 现印发', '工信部联规〔2024〕第3号'],
      ['国发〔1999〕1号', '国发〔1999〕1号'],
      ['财税〔2024〕1234号', '财税〔2024〕1234号'],
    ];
    for (const [text, number] of cases) assert.equal(extractDocNumber('', text), number, text);
  });

  it('reads full-width digits as ASCII ones', () => {
    assert.equal(extractDocNumber('', '国办发〔２０２４〕１２号'), '国办发〔2024〕12号');
    assert.equal(extractDocNumber('国数政策〔２０２３〕１１号', ''), '国数政策〔2023〕11号');
    assert.equal(extractDocNumber('', '国家数据局公告２０２４年第５号'), '国家数据局公告2024年第5号');
  });

  it('reads a ministry\'s order (令第12号) and a numbered announcement (公告2024年第5号)', () => {
    assert.equal(extractDocNumber('', '中华人民共和国国家发展和改革委员会令第12号 《产业结构调整指导目录》已经…'), '中华人民共和国国家发展和改革委员会令第12号');
    assert.equal(extractDocNumber('', '交通运输部令 2024 年 第 5 号'), '交通运输部令2024年第5号');
    assert.equal(extractDocNumber('', '国家数据局公告2024年第5号 为贯彻落实…'), '国家数据局公告2024年第5号');
    assert.equal(extractDocNumber('', '公告 2024 年第 5 号'), '公告2024年第5号');
    assert.equal(extractDocNumber('', '交通运输部令2024年第5号'), '交通运输部令2024年第5号');
    assert.equal(extractDocNumber('', '国家数据局公告2024年 第15号'), '国家数据局公告2024年第15号');
  });

  it('reads nothing that is not a 文号: a bare 第12号, a typhoon, a warning, a year out of range, a five-digit number', () => {
    for (const text of ['第12号', '第5号台风今天登陆，2024年第3号预警发布。', '国办发〔2024〕', '国办发〔1899〕12号', '国办发〔2100〕12号', '国办发〔2024〕12345号', '国办发〔24〕12号', '令第5号', '']) {
      assert.equal(extractDocNumber('', text), null, text);
    }
  });

  it('prefers the CMS\'s FileNumber tag, else the first number of its own in the first 3000 characters', () => {
    assert.equal(extractDocNumber('国数政策〔2023〕11号', '正文提到国办发〔2022〕1号'), '国数政策〔2023〕11号');
    assert.equal(extractDocNumber('无', '国办发〔2022〕1号'), '国办发〔2022〕1号');
    assert.equal(extractDocNumber('', '国家数据局公告2024年第5号，依据国办发〔2024〕1号'), '国家数据局公告2024年第5号');
    assert.equal(extractDocNumber('', '国办发〔2024〕1号。国家数据局公告2024年第5号'), '国办发〔2024〕1号');
    assert.equal(extractDocNumber('', '交通运输部令第5号。国办发〔2024〕1号'), '交通运输部令第5号');
    assert.equal(extractDocNumber('', `${'。'.repeat(2990)}国办发〔2024〕1号`), null);
    assert.equal(extractDocNumber('', `${'。'.repeat(2980)}国办发〔2024〕1号`), '国办发〔2024〕1号');
  });

  it('skips a number the text cites: after a 《title》 or inside a sentence\'s parentheses', () => {
    assert.equal(extractDocNumber('', '根据《国务院关于推进数据要素的意见》（国发〔2024〕10号）要求'), null);
    assert.equal(extractDocNumber('', '根据《意见》(国发〔2024〕10号)，现印发：国数政策〔2026〕2号'), '国数政策〔2026〕2号');
    assert.equal(extractDocNumber('', '按照国务院有关规定（国发〔2024〕10号）执行'), null);
    assert.equal(extractDocNumber('', '按照规定，（国发〔2024〕10号）执行'), null);
    assert.equal(extractDocNumber('', '按照规定、(国发〔2024〕10号)执行'), null);
    // A number that stands on its own line, or opens the text, is the document's.
    assert.equal(extractDocNumber('', '（国发〔2024〕10号）\n各省、自治区'), '国发〔2024〕10号');
    assert.equal(extractDocNumber('', '通知\n（国发〔2024〕10号）'), '国发〔2024〕10号');
    assert.equal(extractDocNumber('', '通知\n \u3000（国发〔2024〕10号）'), '国发〔2024〕10号');
    // Only the line the number opens counts: a line break earlier in the sentence does not.
    assert.equal(extractDocNumber('', '依据\n（一）按照规定（国发〔2024〕10号）', '很长的标题也不会让窗口变短'), null);
  });

  it('takes a number in parentheses under the page\'s own title as its own, however the title is spaced', () => {
    const title = '国务院关于推进数据要素市场化配置综合改革的意见';
    assert.equal(extractDocNumber('', `${title}（国发〔2025〕11号）`, title), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', `${title}  \n  (国发〔2025〕11号)`, title), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', `国务院关于推进 数据要素市场化配置综合改革的意见（国发〔2025〕11号）`, title), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', `其他文件的意见（国发〔2025〕11号）`, title), null);
    assert.equal(extractDocNumber('', `印发：${title}（国发〔2025〕11号）`, title), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', '关于推进数据要素的意见（国发〔2025〕11号）', '关于推进 数据要素的意见'), '国发〔2025〕11号');
    assert.equal(extractDocNumber('', '关于(试行)办法(国发〔2025〕11号)', '关于(试行)办法'), '国发〔2025〕11号');
    // Without a title, the same reads as a citation.
    assert.equal(extractDocNumber('', `${title}（国发〔2025〕11号）`), null);
  });
});
