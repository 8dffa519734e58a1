import type { Brief } from '../src/domain/brief.ts';

/** HTML that would run or restyle something in a page: an event handler, a javascript: link, CSS. */
export const htmlTricks = `<img src=x onerror=alert(1)> <a href="javascript:alert(2)">链</a> <style>body{display:none}</style> <p style="color:red">红</p>`;

/**
 * Markdown that would link or load something: an image from another host, a reference-style link, an
 * autolink, addresses and a mail address GFM links bare, raw HTML.
 */
export const markdownTricks = `![](http://evil.example/t.png) [引][1] <https://evil.example/a> https://evil.example/b www.evil.example a@evil.example <b>粗</b>`;

/**
 * Typst code that would read a file, import, include, restyle or evaluate, if the template ran text as
 * markup; #eval would print 求值, as #{…} would print 注入.
 */
export const typstTricks = `#import "/etc/passwd": * #include "/etc/passwd" #image("/etc/passwd") #set text(size: 40pt) #show: none #eval("\\"求\\" + \\"值\\"")`;

/**
 * Text a scraped page or a model could hand the renderers: the markup of HTML, Markdown and Typst
 * (tags, comments, character references, quotes of both kinds, links, emphasis, code, math, labels,
 * references, escapes, Typst's # code and [content]). "fi" and "fl" are left out: a PDF's ligatures
 * would read back as other characters.
 */
export const hostile = `<script>alert('x')</script> &amp; &lt;b&gt; "q" 'q' #read("/etc/passwd") #{"注" + "入"} #let x = 1 ] [x](javascript:alert(1)) ![i](data:x) *粗体* _斜_ $x^2$ @ref <lab> \\ <!-- --> \`code\` ~删~ |表| {花} = - + ${htmlTricks} ${markdownTricks} ${typstTricks}`;

/** The same at lines' starts, where Markdown reads lists, headings, quotes and underlines. */
export const hostileLines = '- 列表\n# 标题\n1. 编号\n2) 编号\n+ 加\n> 引用\n===\n  - 缩进\n[1]: http://evil.example/ref\n<script>alert(3)</script>\n= Typst 标题\n/ 术语: 说明';

/** Addresses a scraped page could give a reference: only http(s) may become links. */
export const hostileUrls = {
  quoted: `https://a.gov.cn/x?a=1&b="2"<x>' onmouseover=1`,
  script: 'javascript:alert(1)',
  scriptUpper: ' JAVASCRIPT:alert(1)',
  data: 'data:text/html,<script>alert(1)</script>',
  escaped: 'https://www.gov.cn/zhengce/%E6%96%87%E4%BB%B6.htm',
  unescaped: 'https://www.gov.cn/政策/文件 一.htm',
};

/** A brief with hostile text in every field a renderer prints, and hostile addresses in its references. */
export function hostileBrief(): Brief {
  return briefWith(hostile);
}

/** A brief with `text` after the words of every field a renderer prints. */
export function briefWith(text: string): Brief {
  const references = Object.entries(hostileUrls).map(([name, url], i) => ({
    id: `R${i + 1}`,
    publisher: `机构${name} ${text}`,
    reposter: i === 0 ? `转载方 ${text}` : null,
    title: `文件 ${text}`,
    date: '2026-06-18',
    url,
    usedFor: `用于信息 ${text}`,
  }));
  return {
    date: '2026-06-19',
    title: `新质生产力每日动态 ${text}`,
    publisher: `工作委员会 ${text}`,
    producers: `编辑部 ${text}`,
    abstract: `摘要 ${text}`,
    items: [
      { n: 1, headline: `标题 ${text}`, paragraphs: [`正文 ${text}`, hostileLines], quotes: [], refs: ['R1'], tier: 'national', themes: [] },
      { n: 2, headline: `第二条 ${text}`, paragraphs: [`又一段 ${text}`], quotes: [], refs: ['R2'], tier: 'national', themes: [] },
    ],
    references,
    footer: { account: `公众号 ${text}`, qrImage: null, platform: `平台 ${text}`, disclaimer: `免责声明 ${text}` },
    writer: 'extractive',
    checks: [],
    stats: { window: { start: '2026-06-17T16:00:00.000Z', end: '2026-06-18T16:00:00.000Z' }, documents: 1, candidates: 1, storyGroups: 1, themeShares: {} },
  };
}
