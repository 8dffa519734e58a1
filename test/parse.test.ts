import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'cheerio';
import { extractArticle } from '../src/extract/article.ts';
import { parseHtml } from '../src/extract/parse.ts';

const prose = (n: number) => Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：国家数据局表示，将加快推进数据要素市场化配置改革，支持各地开展试点，并做好评估工作。</p>`).join('');

describe('parseHtml: htmlparser2 with the tree a browser builds where the extractor reads it', () => {
  it('closes a heading opened inside another, as browsers do: the inner heading and what follows it move out', () => {
    const $ = load(parseHtml('<body><h1 class="t1"><h2 class="headline">23.01.2022 - Wierer jubelt</h2>nach</h1><p>Text</p></body>'));
    assert.equal($('h1').text(), '');
    assert.deepEqual($('body').children().toArray().map((e) => e.tagName), ['h1', 'h2', 'p']);
    assert.equal($('body').text(), '23.01.2022 - Wierer jubeltnachText');
    assert.equal($('h2').next().get(0)?.tagName, 'p');
    const deeper = load(parseHtml('<body><h1>甲<h2>乙<h3>丙</h3></h2></h1></body>'));
    assert.deepEqual(deeper('body').children().toArray().map((e) => `${e.tagName}:${deeper(e).text()}`), ['h1:甲', 'h2:乙', 'h3:丙']);
  });

  it('keeps a heading inside a block of a heading, which browsers nest too', () => {
    const $ = load(parseHtml('<body><h1><span><h2>标题</h2></span></h1></body>'));
    assert.equal($('h1 h2').text(), '标题');
  });

  it('closes a link opened directly inside another, as browsers do: the text after the inner link is no link', () => {
    const $ = load(parseHtml('<body><h2><div><a name="toc"><a class="anchor"></a>1. Skinfold Calipers</a></div></h2></body>'));
    assert.equal($('a').text(), '');
    assert.equal($('div').text(), '1. Skinfold Calipers');
    const second = load(parseHtml('<body><p><a href="/a">甲<a href="/b">乙</a>丙</a></p></body>'));
    assert.deepEqual(second('a').toArray().map((a) => second(a).text()), ['甲', '乙']);
    assert.equal(second('p').text(), '甲乙丙');
  });

  it('keeps <template> content out of the page, as browsers do: a client-side template is no text', () => {
    const $ = load(parseHtml('<body><p>正文</p><template v-if="post.opinion"><div>{{ post.date }} Columna de Opinión</div></template></body>'));
    assert.equal($('body').text(), '正文');
    assert.equal($('template').length, 1);
  });

  it('drops ruby glosses: 子<rt>こども</rt> is 子', () => {
    assert.equal(load(parseHtml('<body><p><ruby>国<rp>(</rp><rt>guó</rt><rp>)</rp></ruby>务院</p></body>'))('p').text(), '国务院');
  });

  it('reads a headline a page sets in an h2 inside its h1, without the date before it in <title>', () => {
    const page = `<html><head><title>23.01.2022 - 数据要素试点工作部署会召开 - 某某网</title></head><body><h1 class="t1"><h2 class="headline">23.01.2022 - 数据要素试点工作部署会召开</h2></h1><div class="text">${prose(3)}</div></body></html>`;
    assert.equal(extractArticle(page, 'https://example.cn/a.html').title, '数据要素试点工作部署会召开');
  });

  it('keeps an ASP.NET page form around a search form, which htmlparser2 nests and browsers close', () => {
    const page = `<html><head><title>数据要素试点</title></head><body><form id="form1"><form action="/search"><input name="q"><span>搜索</span></form><div class="detail">${prose(2)}</div></form></body></html>`;
    const article = extractArticle(page, 'https://example.gov.cn/a.aspx');
    assert.equal(article.paragraphs.length, 2);
    assert.ok(!article.paragraphs.some((p) => p.includes('搜索')));
  });
});
