import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { extractFromXml } from '@extractus/feed-extractor';
import * as cheerio from 'cheerio';
import { JSDOM } from 'jsdom';
import type { Brief } from '../src/domain/brief.ts';
import { configSchema, docxFontsSchema, wechatSchema } from '../src/config/schema.ts';
import { writeIssue } from '../src/pipeline/render.ts';
import type { RenderAssets } from '../src/render/assets.ts';
import { defaultPdfTheme } from '../src/render/pdf.ts';
import { feedEntries, feedSlug, firstSentence, siteSettings, writeSite, type SiteSettings } from '../src/render/site.ts';
import { UserError } from '../src/util/errors.ts';
import { tempDir } from './helpers.ts';
import { briefWith, hostile } from './hostileBrief.ts';

const fontPaths = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/truetype'];
const atom = 'http://www.w3.org/2005/Atom';
const linkable = () => true;

/** The site settings of a brief served at `baseUrl` (none: the feed links to the out folder's files). */
function settings(baseUrl: string | null = 'https://brief.example.org/xinzhi/'): SiteSettings {
  return { title: '新质生产力每日动态', publisher: '新质生产力工作委员会', slug: 'xzsc', baseUrl };
}

function assets(formats: RenderAssets['formats'], site = settings()): RenderAssets {
  return { formats, fontPaths, qr: null, qrSetting: null, pdfTheme: defaultPdfTheme, site, docx: docxFontsSchema.parse({}), wechat: wechatSchema.parse({}) };
}

/** The issue of `date`: a plain brief with its own abstract of two sentences. */
function issue(date: string, extra = ''): Brief {
  return { ...briefWith(extra), date, title: `新质生产力每日动态${extra}`, abstract: `${date} 的线索以国家数据局为主${extra}。整体看，政策进入落地阶段。` };
}

/** Every file under `dir` (symlinks followed), by relative path, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    // An issue's version folder (.D.XXXXXX) is read through its link D: its name changes with every write.
    if (entry.startsWith('.')) continue;
    const path = join(dir, entry);
    try {
      files.set(entry, readFileSync(path));
    } catch {
      // A folder.
    }
  }
  return files;
}

/** The feed parsed by a strict, namespace-aware XML parser (jsdom's): a malformed feed fails here. */
function parseFeed(xml: string): Document {
  const doc = new new JSDOM('').window.DOMParser().parseFromString(xml, 'application/xml');
  assert.equal(doc.getElementsByTagName('parsererror').length, 0, 'well-formed XML');
  assert.equal(doc.documentElement.namespaceURI, atom);
  assert.equal(doc.documentElement.localName, 'feed');
  return doc;
}

/** The Atom children of an element with this name. */
const children = (element: Element, name: string) => [...element.children].filter((child) => child.namespaceURI === atom && child.localName === name);
const only = (element: Element, name: string) => {
  const found = children(element, name);
  assert.equal(found.length, 1, `one atom:${name} in atom:${element.localName}`);
  return found[0]!;
};
/** RFC 3339, as RFC 4287 §3.3 requires of atom:updated and atom:published. */
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Checks what RFC 4287 requires of a feed (§4.1.1) and its entries (§4.1.2): exactly one id, title and
 * updated each, ids absolute IRIs, an author on the feed or on every entry, an alternate link for an
 * entry without content. Returns the entries.
 */
function assertAtom(doc: Document): Element[] {
  const feed = doc.documentElement;
  for (const name of ['id', 'title', 'updated']) assert.ok(only(feed, name).textContent?.trim(), `feed ${name}`);
  assert.match(only(feed, 'updated').textContent!, rfc3339);
  assert.match(only(feed, 'id').textContent!, /^[a-z][a-z0-9+.-]*:\S+$/);
  const feedAuthor = children(feed, 'author').length > 0;
  if (feedAuthor) assert.ok(only(only(feed, 'author'), 'name').textContent?.trim());
  const entries = children(feed, 'entry');
  for (const entry of entries) {
    for (const name of ['id', 'title', 'updated']) assert.ok(only(entry, name).textContent?.trim(), `entry ${name}`);
    assert.match(only(entry, 'updated').textContent!, rfc3339);
    assert.match(only(entry, 'id').textContent!, /^[a-z][a-z0-9+.-]*:\S+$/);
    assert.ok(feedAuthor || children(entry, 'author').length > 0, 'an author');
    // Without atom:content an entry needs a link rel="alternate" (the default when rel is absent).
    const alternate = children(entry, 'link').filter((link) => (link.getAttribute('rel') ?? 'alternate') === 'alternate');
    assert.equal(alternate.length, 1);
    assert.match(alternate[0]!.getAttribute('href')!, /^[a-z][a-z0-9+.-]*:\/\//);
  }
  const ids = entries.map((entry) => only(entry, 'id').textContent);
  assert.equal(new Set(ids).size, ids.length, 'entry ids are unique');
  return entries;
}

describe('archive site: out/ is browsable', () => {
  it('lists the issues by month, newest first, each with its title, first sentence and files', async () => {
    const out = tempDir();
    await writeIssue(issue('2026-05-31'), out, assets(['json', 'html']), linkable);
    await writeIssue(issue('2026-06-19'), out, assets(['json', 'md', 'html', 'pdf']), linkable);
    await writeIssue(issue('2026-06-18'), out, assets(['json', 'md']), linkable);
    // What is not an issue folder is not listed: a file of a date's name, a staging folder, other folders.
    writeFileSync(join(out, '2026-06-01'), 'x');
    mkdirSync(join(out, '.xinzhi-tmp-abc'));
    mkdirSync(join(out, 'notes'));
    mkdirSync(join(out, '2026-06-02'));
    writeFileSync(join(out, '2026-06-02', 'other.txt'), 'x');
    // An issue may be a link to a versioned folder.
    mkdirSync(join(out, 'versions'));
    await writeIssue(issue('2026-06-17'), join(out, 'versions'), assets(['json', 'html']), linkable);
    symlinkSync(join(out, 'versions', '2026-06-17'), join(out, '2026-06-17'));
    writeSite(out, settings());

    const $ = cheerio.load(readFileSync(join(out, 'index.html'), 'utf8'));
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.match($('meta[name=viewport]').attr('content')!, /width=device-width/);
    assert.deepEqual($('section h2').map((_, h) => $(h).text()).get(), ['2026年6月', '2026年5月']);
    const listed = $('li.issue').map((_, li) => ({
      link: $(li).find('h3 a').attr('href'),
      title: $(li).find('h3').text(),
      date: $(li).find('.date').text(),
      abstract: $(li).find('.abstract').text(),
      files: $(li).find('.files a').map((__, a) => `${$(a).text()} ${$(a).attr('href')}`).get(),
    })).get();
    assert.deepEqual(listed.map((entry) => entry.link), ['2026-06-19/index.html', '2026-06-18/index.html', '2026-06-17/index.html', '2026-05-31/index.html']);
    assert.deepEqual(listed[0], {
      link: '2026-06-19/index.html',
      title: '新质生产力每日动态',
      date: '2026年6月19日',
      abstract: '2026-06-19 的线索以国家数据局为主。',
      files: ['PDF 2026-06-19/brief.pdf', 'HTML 2026-06-19/brief.html', 'Markdown 2026-06-19/brief.md', 'JSON 2026-06-19/brief.json'],
    });
    assert.deepEqual(listed[1]!.files, ['Markdown 2026-06-18/brief.md', 'JSON 2026-06-18/brief.json']);
    // Every link the index gives reaches a file.
    for (const href of $('a').map((_, a) => $(a).attr('href')).get()) assert.ok(existsSync(join(out, href)), href);
    assert.match($('link[rel=alternate]').attr('type')!, /atom/);
  });

  it('gives each issue its page, written with the issue: abstract, sections into the web edition, files', async () => {
    const out = tempDir();
    const folder = await writeIssue(issue('2026-06-19'), out, assets(['json', 'html']), linkable);
    const $ = cheerio.load(readFileSync(join(folder, 'index.html'), 'utf8'));
    assert.equal($('html').attr('lang'), 'zh-CN');
    assert.equal($('h1').text(), '新质生产力每日动态');
    assert.equal($('p.abstract').text(), issue('2026-06-19').abstract);
    assert.deepEqual($('ul li a').map((_, a) => `${$(a).text()} ${$(a).attr('href')}`).get(), ['一、标题  brief.html#s1', '二、第二条  brief.html#s2']);
    assert.deepEqual($('.files a').map((_, a) => $(a).attr('href')).get(), ['brief.html', 'brief.json']);
    assert.equal($('a').first().attr('href'), '../index.html');
    // The web edition holds the anchors the page links to.
    const html = readFileSync(join(folder, 'brief.html'), 'utf8');
    for (const n of [1, 2]) assert.ok(html.includes(`id="s${n}"`));
  });

  it('prints scraped and model-written text as text: titles and abstracts never become markup', async () => {
    const out = tempDir();
    const brief = { ...issue('2026-06-19', hostile), abstract: `${hostile}。后一句。` };
    const folder = await writeIssue(brief, out, assets(['json', 'html']), linkable);
    for (const page of [join(out, 'index.html'), join(folder, 'index.html')]) {
      const text = readFileSync(page, 'utf8');
      const $ = cheerio.load(text);
      assert.equal($('script, img, iframe, object, embed, link[rel=stylesheet]').length, 0, page);
      assert.equal($('style').length, 1);
      assert.equal($('[style], [onerror], [onload]').length, 0);
      // Links go only to the site's own files: no scheme, no host.
      for (const href of $('a').map((_, a) => $(a).attr('href')).get()) assert.match(href, /^(\.\.\/)?[\w./#-]+$/, href);
      assert.ok($('*').text().includes(firstSentence(brief.abstract).slice(0, 40)));
      // Nothing loads from elsewhere: the policy allows inline style alone.
      assert.match($('meta[http-equiv=Content-Security-Policy]').attr('content')!, /^default-src 'none'; style-src 'unsafe-inline'$/);
    }
    assert.equal(cheerio.load(readFileSync(join(folder, 'index.html'), 'utf8'))('h1').text(), brief.title);
  });
});

describe('archive site: the Atom feed', () => {
  it('is valid Atom 1.0: ids stable by brief and date, dated by the issue, absolute links under site.baseUrl', async () => {
    const out = tempDir();
    // Text no XML may hold (a control character from a scraped page) and markup.
    const dates = ['2026-06-17', '2026-06-18', '2026-06-19'];
    for (const date of dates) await writeIssue({ ...issue(date, `\u0001 ${hostile}`) }, out, assets(['json', 'html']), linkable);
    const doc = parseFeed(readFileSync(join(out, 'feed.xml'), 'utf8'));
    const entries = assertAtom(doc);
    const feed = doc.documentElement;
    assert.equal(only(feed, 'id').textContent, 'urn:xinzhi:xzsc');
    assert.equal(only(feed, 'title').textContent, '新质生产力每日动态');
    assert.equal(only(only(feed, 'author'), 'name').textContent, '新质生产力工作委员会');
    assert.deepEqual(children(feed, 'link').map((link) => `${link.getAttribute('rel')} ${link.getAttribute('href')}`), [
      'alternate https://brief.example.org/xinzhi/index.html',
      'self https://brief.example.org/xinzhi/feed.xml',
    ]);
    assert.deepEqual(entries.map((entry) => only(entry, 'id').textContent), ['urn:xinzhi:xzsc:2026-06-19', 'urn:xinzhi:xzsc:2026-06-18', 'urn:xinzhi:xzsc:2026-06-17']);
    // 06:00 in Shanghai on the issue's day, and the feed as of its newest issue.
    assert.deepEqual(entries.map((entry) => new Date(only(entry, 'updated').textContent!).toISOString()), ['2026-06-18T22:00:00.000Z', '2026-06-17T22:00:00.000Z', '2026-06-16T22:00:00.000Z']);
    assert.equal(new Date(only(feed, 'updated').textContent!).toISOString(), '2026-06-18T22:00:00.000Z');
    assert.equal(only(entries[0]!, 'link').getAttribute('href'), 'https://brief.example.org/xinzhi/2026-06-19/index.html');
    // A feed reader reads it too: the Atom parser the crawler uses for sources' feeds finds every issue.
    const read = extractFromXml(readFileSync(join(out, 'feed.xml'), 'utf8'), { getExtraEntryFields: (entry: { id?: string }) => ({ urn: entry.id }) });
    assert.deepEqual(read.entries?.map((entry) => [(entry as { urn?: string }).urn, entry.link]), [...dates].reverse().map((date) => [`urn:xinzhi:xzsc:${date}`, `https://brief.example.org/xinzhi/${date}/index.html`]));
    // type="html": the title, read as HTML, is the brief's text, markup and all, as text.
    const title = only(entries[0]!, 'title');
    assert.equal(title.getAttribute('type'), 'html');
    const shown = new JSDOM(`<p>${title.textContent}</p>`).window.document.querySelector('p')!;
    assert.equal(shown.children.length, 0, 'no element in the title');
    assert.equal(shown.textContent, `新质生产力每日动态 ${hostile} 2026年6月19日`);
    const summary = new JSDOM(`<p>${only(entries[0]!, 'summary').textContent}</p>`).window.document.querySelector('p')!;
    assert.equal(summary.children.length, 0);
    assert.ok(summary.textContent!.startsWith('2026-06-19 的线索以国家数据局为主 '));
  });

  it('derives the brief\'s slug from its title when the config sets none, and takes an http(s) baseUrl only', async () => {
    const config = (site: unknown) => configSchema.pick({ brief: true, site: true }).safeParse({
      brief: { title: '新质生产力 每日动态', topicName: 't', publisher: 'p', footer: {} },
      site,
    });
    const parsed = config({ baseUrl: 'https://brief.example.org/a' });
    assert.ok(parsed.success);
    assert.deepEqual(siteSettings(parsed.data), { title: '新质生产力 每日动态', publisher: 'p', slug: feedSlug('新质生产力 每日动态'), baseUrl: 'https://brief.example.org/a/' });
    assert.equal(feedSlug('新质生产力 每日动态'), '%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B-%E6%AF%8F%E6%97%A5%E5%8A%A8%E6%80%81');
    const noBase = config({ slug: 'xzsc' });
    assert.ok(noBase.success);
    assert.deepEqual(siteSettings(noBase.data), { title: '新质生产力 每日动态', publisher: 'p', slug: 'xzsc', baseUrl: null });
    for (const [key, value] of [['baseUrl', 'javascript:alert(1)'], ['baseUrl', 'file:///srv/out/'], ['baseUrl', 'not a url'], ['slug', 'Has Space'], ['slug', '../x']]) {
      const result = config({ [key!]: value });
      assert.ok(!result.success, `${key}: ${value}`);
      assert.deepEqual(result.error.issues[0]!.path, ['site', key]);
    }
  });

  it('links to the out folder\'s own file: addresses until site.baseUrl says where it is served', async () => {
    const out = tempDir();
    await writeIssue(issue('2026-06-19'), out, assets(['json'], settings(null)), linkable);
    const entries = assertAtom(parseFeed(readFileSync(join(out, 'feed.xml'), 'utf8')));
    assert.equal(only(entries[0]!, 'link').getAttribute('href'), pathToFileURL(join(out, '2026-06-19', 'index.html')).href);
    const $ = cheerio.load(readFileSync(join(out, 'index.html'), 'utf8'));
    assert.equal($('link[rel=alternate]').attr('href'), 'feed.xml');
    // Served: the same feed's links are under site.baseUrl.
    await writeIssue(issue('2026-06-19'), out, assets(['json']), linkable);
    assert.match(readFileSync(join(out, 'feed.xml'), 'utf8'), /href="https:\/\/brief\.example\.org\/xinzhi\/2026-06-19\/index\.html"/);
  });

  it('holds the newest issues only', async () => {
    const out = tempDir();
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    for (let i = 0; i <= feedEntries; i++) {
      mkdirSync(join(out, day(i)));
      writeFileSync(join(out, day(i), 'brief.json'), JSON.stringify(issue(day(i))));
      writeFileSync(join(out, day(i), 'index.html'), '');
    }
    writeSite(out, settings());
    const entries = assertAtom(parseFeed(readFileSync(join(out, 'feed.xml'), 'utf8')));
    assert.equal(entries.length, feedEntries);
    assert.equal(only(entries.at(-1)!, 'id').textContent, `urn:xinzhi:xzsc:${day(1)}`);
    // The index lists them all.
    assert.equal(cheerio.load(readFileSync(join(out, 'index.html'), 'utf8'))('li.issue').length, feedEntries + 1);
  });
});

describe('archive site: reproducible and whole', () => {
  it('re-renders byte-identical: every edition, every page, the feed', async () => {
    const out = tempDir();
    const briefs = [issue('2026-06-18'), issue('2026-06-19')];
    for (const brief of briefs) await writeIssue(brief, out, assets(['json', 'md', 'html', 'pdf']), linkable);
    const first = snapshot(out);
    assert.ok(first.has('feed.xml') && first.has('index.html') && first.has(join('2026-06-19', 'brief.pdf')));
    // Past a second boundary: a render time anywhere would show.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const brief of briefs.reverse()) await writeIssue(structuredClone(brief), out, assets(['json', 'md', 'html', 'pdf']), linkable);
    const second = snapshot(out);
    assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort());
    for (const [name, bytes] of first) assert.ok(bytes.equals(second.get(name)!), `${name} differs`);
  });

  it('writes its files whole or not at all, and names the one it cannot write', async () => {
    const out = tempDir();
    await writeIssue(issue('2026-06-19'), out, assets(['json']), linkable);
    // Hidden: only the issue's version folder, which out/2026-06-19 links to; no temporary file is left.
    assert.deepEqual(readdirSync(out).filter((name) => name.startsWith('.')), [readlinkSync(join(out, '2026-06-19'))]);
    // A folder where index.html goes: the rename fails, and nothing half-written is left.
    const blocked = tempDir();
    mkdirSync(join(blocked, 'index.html'));
    writeFileSync(join(blocked, 'index.html', 'x'), '');
    await assert.rejects(writeIssue(issue('2026-06-19'), blocked, assets(['json']), linkable), (err: unknown) => err instanceof UserError && err.message.startsWith(`无法写入文件 ${join(blocked, 'index.html')}`));
    assert.deepEqual(readdirSync(blocked).filter((name) => name.startsWith('.')), [readlinkSync(join(blocked, '2026-06-19'))]);
  });
});
