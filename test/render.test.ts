import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as cheerio from 'cheerio';
import { isTag, type AnyNode } from 'domhandler';
import { formatReference } from '../src/brief/references.ts';
import { docxFontsSchema, wechatSchema } from '../src/config/schema.ts';
import { imageDataUri, type ConfigImage, type RenderAssets } from '../src/render/assets.ts';
import { escapeHtml, linkTarget } from '../src/util/escape.ts';
import { assertCjkFont } from '../src/render/fonts.ts';
import { renderHtml } from '../src/render/html.ts';
import { defaultPdfTheme } from '../src/render/pdf.ts';
import { escapeMarkdown, renderMarkdown } from '../src/render/markdown.ts';
import { sectionNumber } from '../src/domain/brief.ts';
import { writeIssue } from '../src/pipeline/render.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { hostile, hostileBrief, hostileLines, hostileUrls, htmlTricks, markdownTricks, typstTricks } from './hostileBrief.ts';

const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];
/** The config's QR code, as renderAssets hands it to the editions. */
const qr: ConfigImage = { key: 'brief.footer.qrImage', kind: 'png', bytes: Buffer.from('89504e470d0a1a0a', 'hex') };
/** Every http(s) address may link: what the pipeline says of stored documents' addresses. */
const linkable = () => true;

describe('link targets and HTML escaping', () => {
  it('escapes the five characters that end text or a quoted attribute', () => {
    assert.equal(escapeHtml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&#39;f');
    assert.equal(escapeHtml('&amp;'), '&amp;amp;');
  });

  it('links only http and https addresses, written as the URL standard writes them', () => {
    assert.equal(linkTarget(hostileUrls.escaped), hostileUrls.escaped);
    assert.equal(linkTarget(hostileUrls.unescaped), 'https://www.gov.cn/%E6%94%BF%E7%AD%96/%E6%96%87%E4%BB%B6%20%E4%B8%80.htm');
    assert.equal(linkTarget(hostileUrls.quoted), 'https://a.gov.cn/x?a=1&b=%222%22%3Cx%3E%27%20onmouseover=1');
    assert.equal(linkTarget('http://a.gov.cn'), 'http://a.gov.cn/');
    for (const url of [hostileUrls.script, hostileUrls.scriptUpper, hostileUrls.data, 'file:///etc/passwd', 'ftp://a.gov.cn/x', 'vbscript:x', '/relative', 'not a url']) assert.equal(linkTarget(url), null, url);
  });
});

/** Every node under a parsed page, depth first. */
function allNodes($: cheerio.CheerioAPI): AnyNode[] {
  const nodes: AnyNode[] = [];
  const walk = (node: AnyNode) => {
    nodes.push(node);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk($.root().get(0)!);
  return nodes;
}

describe('HTML edition: scraped text never becomes markup', () => {
  const brief = hostileBrief();
  const html = renderHtml(brief, { qr, linkable });
  const $ = cheerio.load(html);

  it('prints every field of the brief as the very text it was given', () => {
    assert.equal($('title').text(), `${brief.title} 2026年6月19日`);
    assert.equal($('h1').text(), brief.title);
    assert.equal($('.publisher').text(), brief.publisher);
    assert.equal($('.producers').text(), brief.producers);
    assert.equal($('.date').text(), '2026年6月19日');
    assert.equal($('.abstract p').text(), brief.abstract);
    assert.deepEqual($('nav li').toArray().map((li) => $(li).text()), [`一、${brief.items[0]!.headline}`, `二、${brief.items[1]!.headline}`, '参考文献']);
    assert.deepEqual($('nav a').toArray().map((a) => $(a).attr('href')), ['#s1', '#s2', '#refs']);
    assert.deepEqual($('main > section[id^=s]').toArray().map((s) => [$(s).attr('id'), $(s).find('h2').text(), $(s).find('p').toArray().map((p) => $(p).text())]), [
      ['s1', `一、${brief.items[0]!.headline}`, brief.items[0]!.paragraphs],
      ['s2', `二、${brief.items[1]!.headline}`, brief.items[1]!.paragraphs],
    ]);
    assert.deepEqual($('.refs li').toArray().map((li) => [$(li).attr('id'), $(li).contents().first().text()]), brief.references.map((r) => [r.id, `${formatReference(r)}${linkTarget(r.url) ? ' ' : ''}`]));
    assert.deepEqual($('footer p').toArray().map((p) => $(p).text()), [brief.footer.account, brief.footer.platform, brief.footer.disclaimer]);
    assert.equal($('footer img').attr('alt'), brief.footer.account);
    assert.equal($('footer img').attr('src'), 'data:image/png;base64,iVBORw0KGgo=');
  });

  it('holds only the page\'s own elements and attributes: no script, comment or handler from the text', () => {
    const elements = new Set($('*').toArray().filter(isTag).map((element) => element.name));
    assert.deepEqual([...elements].sort(), ['a', 'body', 'footer', 'h1', 'h2', 'head', 'header', 'html', 'img', 'li', 'main', 'meta', 'nav', 'ol', 'p', 'section', 'style', 'title', 'ul']);
    assert.deepEqual(allNodes($).filter((node) => node.type === 'comment' || node.type === 'script'), []);
    const attributes = new Set($('*').toArray().filter(isTag).flatMap((element) => Object.keys(element.attribs)));
    assert.deepEqual([...attributes].sort(), ['alt', 'charset', 'class', 'content', 'href', 'http-equiv', 'id', 'lang', 'name', 'rel', 'src']);
    // Outside the security policy's own quoting, no quote of either kind is left raw.
    assert.ok(!html.split('</head>')[1]!.includes("'"));
    assert.ok(!html.split('</head>')[1]!.includes('"q"'));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
    // Between the page's own elements there is no text but white space.
    for (const container of $('html, head, body, main, header, nav, ol, ul, section, footer').toArray()) {
      for (const child of $(container).contents().toArray()) if (child.type === 'text') assert.match($(child).text(), /^\s*$/, `text in <${container.name}>`);
    }
  });

  it('links a reference only to an http(s) address; javascript: and data: addresses are no links', () => {
    const links = $('.refs a').toArray().map((a) => [$(a).closest('li').attr('id'), $(a).attr('href'), $(a).attr('rel'), $(a).text()]);
    assert.deepEqual(links, [
      ['R1', linkTarget(hostileUrls.quoted), 'noopener noreferrer nofollow', '原文'],
      ['R5', hostileUrls.escaped, 'noopener noreferrer nofollow', '原文'],
      ['R6', linkTarget(hostileUrls.unescaped), 'noopener noreferrer nofollow', '原文'],
    ]);
    // No handler or style attribute anywhere, and every address is the page's own, http(s) or a data: image.
    for (const element of $('*').toArray().filter(isTag)) {
      for (const [name, value] of Object.entries(element.attribs)) {
        assert.doesNotMatch(name, /^on|^style$/i, `<${element.name} ${name}>`);
        if (name === 'href' || name === 'src') assert.match(value, /^(?:#|https?:\/\/|data:image\/png;base64,)/, `<${element.name} ${name}=${value}>`);
      }
    }
  });

  it('links a reference only when the pipeline says its address is a stored document\'s', () => {
    const page = cheerio.load(renderHtml(brief, { qr, linkable: (url) => url === hostileUrls.escaped }));
    assert.deepEqual(page('a[href^=http]').toArray().map((a) => page(a).attr('href')), [hostileUrls.escaped]);
  });

  it('prints each HTML trick (event handler, javascript: link, <style>, style=) as the very text it is', () => {
    for (const piece of htmlTricks.split(' ')) assert.ok($('.abstract p').text().includes(piece), piece);
    assert.equal($('img').length, 1, 'the QR code alone');
    assert.equal($('style').length, 1, 'the page\'s own style alone');
    assert.equal($('[style], [onerror], p > a, p > img, p > b').length, 0);
  });

  it('embeds the config\'s image as a data: address of its own kind', () => {
    const svg: ConfigImage = { key: 'brief.footer.qrImage', kind: 'svg', bytes: Buffer.from('<svg/>') };
    assert.equal(cheerio.load(renderHtml(brief, { qr: svg, linkable }))('footer img').attr('src'), 'data:image/svg+xml;base64,PHN2Zy8+');
    assert.equal(imageDataUri({ ...qr, kind: 'jpeg' }), 'data:image/jpeg;base64,iVBORw0KGgo=');
  });

  it('prints no producers line, QR code or empty footer line when the brief has none', () => {
    const plain = { ...hostileBrief(), producers: '', footer: { account: '公众号', qrImage: null, platform: '', disclaimer: '免责声明' } };
    const page = cheerio.load(renderHtml(plain, { linkable }));
    assert.equal(page('.producers').length, 0);
    assert.equal(page('img').length, 0);
    assert.deepEqual(page('header').children().toArray().map((child) => child.name), ['h1', 'p', 'p']);
    assert.deepEqual(page('footer').contents().toArray().map((child) => child.type === 'tag' ? child.name : child.type), ['p', 'p']);
    assert.deepEqual(page('footer p').toArray().map((p) => page(p).text()), ['公众号', '免责声明']);
  });

  it('carries its house style inline, the only style the page\'s policy allows', () => {
    const style = $('style').text();
    assert.match(style, /h1\{font-size:2em;letter-spacing:\.12em;color:#9b1c1c/);
    assert.match(style, /footer img\{width:8em\}/);
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.equal($('meta[charset]').attr('charset'), 'utf-8');
  });
});

/**
 * The text a CommonMark reader shows for an escaped block; fails when a character would be read as
 * syntax: a Markdown character not escaped, a backslash before something that is not ASCII punctuation
 * (the reader would print it), or a line that starts a list, heading, quote or underline.
 */
function shownText(block: string): string {
  for (const line of block.split('\n')) assert.doesNotMatch(line, /^\s*(?:[-+=>#]|\d+[.)])/, `a line starts with markup: ${line}`);
  let shown = '';
  for (let i = 0; i < block.length; i++) {
    const c = block[i]!;
    if (c === '\\') {
      const next = block[++i] ?? '';
      assert.match(next, /^[!-/:-@[-`{-~]$/, `a backslash before ${next} would be printed`);
      shown += next;
    } else {
      assert.doesNotMatch(c, /[\\`*_{}[\]<>#|~&$@]/, `${c} unescaped in ${block}`);
      shown += c;
    }
  }
  return shown;
}

describe('Markdown edition: scraped text never becomes markup', () => {
  const brief = hostileBrief();
  const md = renderMarkdown(brief, { linkable });
  const blocks = md.trimEnd().split('\n\n');

  it('prints every field of the brief escaped, each reading back as the very text it was given', () => {
    const [titleLine, publisher, producers, date, abstractHeading, abstract, tocHeading, toc, firstHeading, first, lines, secondHeading, second, refsHeading, refs, rule, account, platform, disclaimer, ...rest] = blocks;
    assert.deepEqual(rest, []);
    assert.ok(titleLine!.startsWith('# '));
    assert.equal(shownText(titleLine!.slice(2)), brief.title);
    assert.equal(shownText(publisher!), brief.publisher);
    assert.equal(shownText(producers!), brief.producers);
    assert.deepEqual([date, abstractHeading, tocHeading, refsHeading, rule], ['2026年6月19日', '## 摘要', '## 目录', '## 参考文献', '---']);
    assert.equal(shownText(abstract!), brief.abstract);
    const tocLines = toc!.split('\n');
    assert.deepEqual(tocLines.map((line) => line.slice(0, 2)), ['- ', '- ', '- ']);
    assert.deepEqual(tocLines.map((line) => shownText(line.slice(2))), [`一、${brief.items[0]!.headline}`, `二、${brief.items[1]!.headline}`, '参考文献']);
    assert.equal(shownText(firstHeading!.replace(/^## /, '')), `一、${brief.items[0]!.headline}`);
    assert.equal(shownText(secondHeading!.replace(/^## /, '')), `二、${brief.items[1]!.headline}`);
    assert.deepEqual([first, lines, second].map((block) => shownText(block!)), [brief.items[0]!.paragraphs[0], hostileLines, brief.items[1]!.paragraphs[0]]);
    assert.deepEqual([account, platform, disclaimer].map((block) => shownText(block!)), [brief.footer.account, brief.footer.platform, brief.footer.disclaimer]);
    assert.deepEqual(refs!.split('\n').map((line) => shownText(line.slice(2).replace(/ <https?:\/\/[^\s<>]+>$/, ''))), brief.references.map(formatReference));
  });

  it('escapes a line\'s start by its punctuation, never by a backslash the reader would print', () => {
    assert.equal(
      escapeMarkdown(hostileLines),
      '\\- 列表\n\\# 标题\n1\\. 编号\n2\\) 编号\n\\+ 加\n\\> 引用\n\\===\n  \\- 缩进\n\\[1\\]: http\\://evil.example/ref\n\\<script\\>alert(3)\\</script\\>\n\\= Typst 标题\n/ 术语: 说明',
    );
    assert.equal(escapeMarkdown('2026年 = 1. 不在行首'), '2026年 = 1. 不在行首');
    assert.equal(escapeMarkdown('12. 十二'), '12\\. 十二');
    assert.equal(escapeMarkdown('  3) 缩进'), '  3\\) 缩进');
    assert.equal(escapeMarkdown('第1. 项\n第2) 项'), '第1. 项\n第2) 项');
  });

  it('links a reference only to an http(s) address, as an autolink nothing in it can end early', () => {
    const refLines = md.split('## 参考文献\n\n')[1]!.split('\n\n')[0]!.split('\n');
    assert.deepEqual(refLines.map((line) => /<([^<>]*)>$/.exec(line)?.[1] ?? null), [linkTarget(hostileUrls.quoted), null, null, null, hostileUrls.escaped, linkTarget(hostileUrls.unescaped)]);
    // Outside the references' own autolinks, no scheme's colon is left for a reader to link.
    assert.doesNotMatch(md.replace(/ <https?:\/\/[^\s<>]+>$/gm, ''), /[A-Za-z]:|www\.|[^\\][@$]/i);
    const only = renderMarkdown(brief, { linkable: (url) => url === hostileUrls.escaped });
    assert.deepEqual([...only.matchAll(/ <(https?:[^\s<>]+)>$/gm)].map((m) => m[1]), [hostileUrls.escaped]);
  });

  it('prints each Markdown trick (image, reference link and definition, autolinks, bare addresses, mail, HTML) as text', () => {
    for (const trick of [markdownTricks, htmlTricks, typstTricks]) assert.equal(shownText(escapeMarkdown(trick)), trick);
    assert.equal(escapeMarkdown(markdownTricks), '!\\[\\](http\\://evil.example/t.png) \\[引\\]\\[1\\] \\<https\\://evil.example/a\\> https\\://evil.example/b www\\.evil.example a\\@evil.example \\<b\\>粗\\</b\\>');
    // A reference definition at a line's start is no definition: its bracket is escaped.
    assert.match(escapeMarkdown(hostileLines), /^\\\[1\\\]: http\\:\/\/evil\.example\/ref$/m);
  });

  it('leaves out an empty producers or footer line', () => {
    const md2 = renderMarkdown({ ...hostileBrief(), producers: '', footer: { account: '', qrImage: null, platform: '平台', disclaimer: '' } }, { linkable });
    assert.ok(!md2.includes('编辑部'));
    assert.ok(md2.startsWith(`# ${escapeMarkdown(hostileBrief().title)}\n\n${escapeMarkdown(hostileBrief().publisher)}\n\n2026年6月19日\n\n## 摘要\n\n`));
    assert.ok(md2.endsWith('---\n\n平台\n'));
  });

  it('numbers sections the Chinese way, then in digits past ten', () => {
    assert.equal(Array.from({ length: 12 }, (_, i) => sectionNumber(i + 1)).join(''), '一、二、三、四、五、六、七、八、九、十、11、12、');
  });
});

describe('CJK fonts', () => {
  it('finds a CJK font up to three folders down, and refuses a PDF without one, naming where it looked', () => {
    const root = tempDir();
    const deep = join(root, 'a', 'b', 'c');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'DejaVuSans.ttf'), '');
    writeFileSync(join(deep, 'NotoSerifCJK-Regular.ttc'), '');
    assert.doesNotThrow(() => assertCjkFont([join(root, 'missing'), root]));
    assert.doesNotThrow(() => assertCjkFont([join(root, 'a')]));
    // Four folders down is too deep; a folder named like a font is not a font; a font that is not CJK is none.
    const tooDeep = tempDir();
    mkdirSync(join(tooDeep, '1', '2', '3', '4'), { recursive: true });
    writeFileSync(join(tooDeep, '1', '2', '3', '4', 'SourceHanSans.otf'), '');
    mkdirSync(join(tooDeep, 'wqy-zenhei.ttc'));
    writeFileSync(join(tooDeep, 'DejaVuSans.ttf'), '');
    assert.throws(() => assertCjkFont([tooDeep, join(root, 'missing')]), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.message, `未找到中文字体（查找了 ${tooDeep}、${join(root, 'missing')}）：请安装 fonts-noto-cjk 或在配置 render.fontPaths 中指定字体目录`);
      assert.equal(err.en, `no CJK font found in ${tooDeep}, ${join(root, 'missing')}: install fonts-noto-cjk or set render.fontPaths in the config`);
      return true;
    });
    for (const name of ['wqy-microhei.ttc', 'SimSun.TTF', 'HanSerif-Bold.otf', 'STSong.ttf', 'SimHei.ttf']) {
      const dir = tempDir();
      writeFileSync(join(dir, name), '');
      assert.doesNotThrow(() => assertCjkFont([dir]), name);
    }
    for (const name of ['NotoSansCJK.woff2', 'CJK-readme.txt', 'NotoSansCJK-Regular.ttc.part']) {
      const dir = tempDir();
      writeFileSync(join(dir, name), '');
      assert.throws(() => assertCjkFont([dir]), UserError, name);
    }
  });
});

describe('writeIssue', () => {
  const site = { title: '新质生产力每日动态', publisher: '工作委员会', slug: 'test', baseUrl: null };
  const assets = (formats: RenderAssets['formats']): RenderAssets => ({ formats, fontPaths, qr: null, qrSetting: null, pdfTheme: defaultPdfTheme, site, docx: docxFontsSchema.parse({}), wechat: wechatSchema.parse({}) });

  it('writes the configured formats as one folder, replacing an earlier render whole', async () => {
    const out = tempDir();
    const brief = hostileBrief();
    const folder = await writeIssue(brief, out, assets(['json', 'md', 'html']), linkable);
    assert.deepEqual(JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')), brief);
    assert.equal(readFileSync(join(folder, 'brief.md'), 'utf8'), renderMarkdown(brief, { linkable }));
    assert.equal(readFileSync(join(folder, 'brief.html'), 'utf8'), renderHtml(brief, { linkable }));
    brief.abstract = '第二版';
    await writeIssue(brief, out, assets(['json']), linkable);
    // The issue is a link to its one version folder (writeFolderAtomically): the first render's is gone.
    // Beside it, the archive site's index and feed; in it, the issue's page (test/site.test.ts).
    assert.deepEqual(execFileSync('ls', ['-A', out], { encoding: 'utf8' }).trim().split('\n').sort(), [readlinkSync(folder), '2026-06-19', 'feed.xml', 'index.html'].sort());
    assert.deepEqual(execFileSync('ls', [folder], { encoding: 'utf8' }).trim().split('\n'), ['brief.json', 'index.html']);
  });
});

// The hostile text itself must hold every kind of markup the tests claim to try.
it('the hostile text holds the markup of HTML, Markdown and Typst', () => {
  for (const piece of ['<script>', "'", '"', '&amp;', '<!--', '#read', '#{', '[', ']', '$', '*', '_', '`', '@', '<lab>', '\\', '~', '|', '{']) assert.ok(hostile.includes(piece), piece);
  for (const piece of ['onerror=', 'javascript:', '<style>', 'style=', '![](http', '][1]', '<https://', ' https://', 'www.', '@evil', '#import', '#include', '#image', '#set', '#show', '#eval']) assert.ok(hostile.includes(piece), piece);
  for (const piece of ['[1]: http', '\n<script>', '\n= ']) assert.ok(hostileLines.includes(piece), piece);
});
