import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Feed } from 'feed';
import { briefSchema, sectionNumber, type Brief } from '../domain/brief.ts';
import type { Config } from '../config/schema.ts';
import { writeFileAtomically } from '../util/atomicFile.ts';
import { chineseFullDate } from '../util/time.ts';
import { correctionLines, CORRECTIONS_HEADING } from './corrections.ts';
import { escapeHtml as e } from '../util/escape.ts';

/**
 * The archive site: out/ as static pages a browser opens from disk or any web server. out/index.html
 * lists the issues by month, newest first; out/<date>/index.html is one issue's page (written with the
 * issue, see issuePage); out/feed.xml is an Atom 1.0 feed of the issues when the config says where
 * out/ is served. Every text from a brief is escaped: titles and abstracts are scraped or model-written.
 * Nothing here reads the clock, so the same issues give the same bytes.
 */

/** What the site takes from the config: the masthead it is named by, the feed's name and where out/ is served. */
export interface SiteSettings {
  /** brief.title: the site's name and the feed's title. */
  title: string;
  /** brief.publisher: the feed's author. */
  publisher: string;
  /** site.slug, or one derived from the title (feedSlug): the stable part of the feed's ids. */
  slug: string;
  /** site.baseUrl, ending in /; null when the config names none (then no feed.xml is written). */
  baseUrl: string | null;
}

/**
 * The files an issue folder may hold, in the order the site lists them, with the label a reader sees.
 * Only these are linked: a file of another name in the folder is not the site's to show.
 */
export const issueFiles: readonly { name: string; label: string }[] = [
  { name: 'brief.pdf', label: 'PDF' },
  { name: 'brief.docx', label: 'Word' },
  { name: 'brief.html', label: 'HTML' },
  { name: 'brief.wechat.html', label: '公众号版' },
  { name: 'brief.md', label: 'Markdown' },
  { name: 'brief.json', label: 'JSON' },
];

/** The page of one issue, in its folder. */
export const issuePageName = 'index.html';

/** The feed's entries: the newest issues, about two months of a daily. */
export const feedEntries = 60;

/**
 * The part of the feed's ids that names the brief when the config sets no site.slug: its title, white
 * space as -, percent-encoded, so urn:xinzhi:<slug>:<date> is an ASCII URI (新质生产力每日动态 gives
 * %E6%96%B0…). It changes with the title: site.slug keeps the ids when a brief is renamed.
 */
export function feedSlug(title: string): string {
  return encodeURIComponent(title.normalize('NFC').trim().replace(/\s+/g, '-'));
}

/** The site's settings from the config's brief (title, publisher) and site (baseUrl, slug) sections. */
export function siteSettings(config: Pick<Config, 'brief' | 'site'>): SiteSettings {
  const base = config.site.baseUrl ? new URL(config.site.baseUrl) : null;
  if (base && !base.pathname.endsWith('/')) base.pathname += '/';
  return {
    title: config.brief.title,
    publisher: config.brief.publisher,
    slug: config.site.slug ?? feedSlug(config.brief.title),
    baseUrl: base ? base.href : null,
  };
}

/** One issue as the site lists it: its date, the files its folder holds, and its brief when brief.json reads. */
export interface ArchivedIssue {
  /** YYYY-MM-DD: the folder's name. */
  date: string;
  /** Names from issueFiles present in the folder, in that order. */
  files: string[];
  /** Whether the folder holds its page (issuePageName): folders written before the site have none. */
  hasPage: boolean;
  /** brief.json, checked against the brief's schema; null when the folder has none or it does not read. */
  brief: Brief | null;
}

/** A YYYY-MM-DD name: an issue folder. Staging folders (.xinzhi-tmp-…) and site files are not. */
const issueFolderName = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a path is a regular file, symlinks followed. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The brief of an issue folder, or null when its brief.json is missing or is not a brief. */
function readBrief(folder: string): Brief | null {
  try {
    const parsed = briefSchema.safeParse(JSON.parse(readFileSync(join(folder, 'brief.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The issues in `outDir`, newest first: every entry named YYYY-MM-DD that is a folder (a symlink to
 * one counts: an issue may be a link to a versioned folder) and holds a known file or its page.
 * Reads what is there, assuming no layout beyond that; a folder it cannot read is left out.
 */
export function readIssues(outDir: string): ArchivedIssue[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  const issues: ArchivedIssue[] = [];
  for (const date of names.filter((name) => issueFolderName.test(name)).sort().reverse()) {
    const folder = join(outDir, date);
    try {
      if (!statSync(folder).isDirectory()) continue;
    } catch {
      continue;
    }
    const files = issueFiles.map((file) => file.name).filter((name) => isFile(join(folder, name)));
    const hasPage = isFile(join(folder, issuePageName));
    if (files.length === 0 && !hasPage) continue;
    issues.push({ date, files, hasPage, brief: files.includes('brief.json') ? readBrief(folder) : null });
  }
  return issues;
}

/** The first sentence of a text (up to 。！？ or a line's end), at most `max` characters, … when cut. */
export function firstSentence(text: string, max = 120): string {
  const sentence = /^[^。！？!?\n]*[。！？!?]?/.exec(text.trim())?.[0] ?? '';
  return sentence.length > max ? `${sentence.slice(0, max - 1)}…` : sentence;
}

const style = `
body{margin:0;background:#f4f1ea;color:#1d1d1f;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;line-height:1.8}
main{max-width:46em;margin:0 auto;background:#fff;padding:2em 2.5em;min-height:100vh;box-sizing:border-box}
header{border-bottom:3px double #9b1c1c;padding-bottom:.8em;margin-bottom:1em}
h1{font-size:1.6em;color:#9b1c1c;margin:.2em 0;letter-spacing:.05em}
h2{font-size:1.15em;border-left:4px solid #9b1c1c;padding-left:.5em;margin:1.6em 0 .6em}
a{color:#7a1515}
ul{list-style:none;padding:0;margin:0}
.issue{padding:.7em 0;border-bottom:1px solid #eee}
.issue h3{font-size:1.05em;margin:0}
.date,.note{color:#666;font-size:.9em}
.files{margin-top:.3em;font-size:.9em}
.files a{display:inline-block;margin-right:.8em;padding:.05em .5em;border:1px solid #d8c9c9;border-radius:3px;text-decoration:none}
.abstract{text-align:justify}
@media (max-width:600px){main{padding:1em}h1{font-size:1.3em}}
`;

/**
 * A page of the site: its head (UTF-8, zh-CN, a phone's width, a policy that loads and runs nothing:
 * the style is inline) and the body given. `title` is escaped here; `body` is markup made by escaping.
 */
function page(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(title)}</title>${head}<style>${style}</style></head>
<body><main>
${body}
</main></body></html>
`;
}

/** The links to an issue's files, `prefix` before each name (the issue's folder, seen from the page). */
function fileLinks(files: readonly string[], prefix: string): string {
  const links = issueFiles.filter((file) => files.includes(file.name)).map((file) => `<a href="${prefix}${file.name}">${e(file.label)}</a>`);
  return links.length ? `<div class="files">${links.join('')}</div>` : '';
}

/**
 * out/<date>/index.html: one issue's page, written with the issue. `files` are the names its folder
 * holds; the sections link into brief.html when there is one. Returns the page's source.
 */
export function issuePage(brief: Brief, files: readonly string[], settings: Pick<SiteSettings, 'title'>): string {
  const hasHtml = files.includes('brief.html');
  const sections = brief.items
    .map((item) => {
      const headline = `${sectionNumber(item.n)}${e(item.headline)}`;
      return `<li>${hasHtml ? `<a href="brief.html#s${item.n}">${headline}</a>` : headline}</li>`;
    })
    .join('');
  const date = chineseFullDate(brief.date);
  const corrections = correctionLines(brief);
  const correctionBlock = corrections.length > 0 ? `<h2>${CORRECTIONS_HEADING}</h2>${corrections.map((line) => `<p class="note">${e(line)}</p>`).join('')}\n` : '';
  const body = `<header><p class="note"><a href="../index.html">← ${e(settings.title)} · 全部各期</a></p>
<h1>${e(brief.title)}</h1><p class="date">${e(date)}</p>${fileLinks(files, '')}</header>
${correctionBlock}<h2>摘要</h2><p class="abstract">${e(brief.abstract)}</p>
<h2>本期条目</h2><ul>${sections}</ul>`;
  return page(`${brief.title} ${date}`, body);
}

/** The month an issue is listed under: 2026年6月. */
function monthOf(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`;
}

/** Where an issue's title links: its page, else its web edition, else nowhere. */
function issueLink(issue: ArchivedIssue): string | null {
  if (issue.hasPage) return `${issue.date}/${issuePageName}`;
  return issue.files.includes('brief.html') ? `${issue.date}/brief.html` : null;
}

/**
 * out/index.html: the issues (readIssues' order, newest first) under their months, each with its
 * title, date, its abstract's first sentence and links to its files. Returns the page's source.
 */
export function siteIndex(issues: readonly ArchivedIssue[], settings: SiteSettings): string {
  const months: string[] = [];
  let month = '';
  let entries: string[] = [];
  const close = () => {
    if (entries.length) months.push(`<section><h2>${e(month)}</h2><ul>${entries.join('\n')}</ul></section>`);
  };
  for (const issue of issues) {
    if (monthOf(issue.date) !== month) {
      close();
      month = monthOf(issue.date);
      entries = [];
    }
    const title = e(issue.brief?.title ?? settings.title);
    const link = issueLink(issue);
    const abstract = issue.brief ? `<p class="abstract">${e(firstSentence(issue.brief.abstract))}</p>` : '';
    entries.push(
      `<li class="issue"><h3>${link ? `<a href="${link}">${title}</a>` : title}</h3><p class="date">${e(chineseFullDate(issue.date))}</p>${abstract}${fileLinks(issue.files, `${issue.date}/`)}</li>`,
    );
  }
  close();
  const feed = settings.baseUrl ? `<link rel="alternate" type="application/atom+xml" href="feed.xml" title="${e(settings.title)}">` : '';
  const feedNote = settings.baseUrl ? `<p class="note"><a href="feed.xml">订阅（Atom）</a></p>` : '';
  const body = `<header><h1>${e(settings.title)}</h1><p class="note">${e(settings.publisher)} · 共 ${issues.length} 期</p>${feedNote}</header>
${months.join('\n') || '<p class="note">尚无各期。</p>'}`;
  return page(`${settings.title} · 全部各期`, body, feed);
}

/** Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE/FFFF): scraped text may hold them. */
// eslint-disable-next-line no-control-regex -- these control characters are what the pattern removes
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text fit for an XML document. */
function xmlText(text: string): string {
  return text.replace(notXml, '');
}

/** When an issue counts as updated in the feed: its date at 06:00 Shanghai time, never the time it was rendered. */
export function issueInstant(date: string): Date {
  return new Date(`${date}T06:00:00+08:00`);
}

/**
 * out/feed.xml: an Atom 1.0 feed (RFC 4287) of the newest `feedEntries` issues, built by the feed
 * package. The feed's id is urn:xinzhi:<slug> and each entry's urn:xinzhi:<slug>:<date>; an entry is
 * updated (and published) at issueInstant of its date and the feed at its newest entry's, so
 * re-rendering changes no byte. Links are absolute under settings.baseUrl. Titles and summaries are
 * HTML-escaped (the package marks them type="html"). Returns null when there is no baseUrl (Atom links
 * must resolve, and out/ alone does not say where it is served) or no issue.
 */
export function atomFeed(issues: readonly ArchivedIssue[], settings: SiteSettings): string | null {
  const base = settings.baseUrl;
  const listed = issues.filter((issue) => issueLink(issue) !== null).slice(0, feedEntries);
  if (!base || listed.length === 0) return null;
  const author = { name: xmlText(settings.publisher || settings.title) };
  const feed = new Feed({
    id: `urn:xinzhi:${settings.slug}`,
    title: xmlText(settings.title),
    updated: issueInstant(listed[0]!.date),
    generator: 'xinzhi',
    link: new URL(issuePageName, base).href,
    feedLinks: { atom: new URL('feed.xml', base).href },
    author,
  });
  for (const issue of listed) {
    const title = `${issue.brief?.title ?? settings.title} ${chineseFullDate(issue.date)}`;
    feed.addItem({
      id: `urn:xinzhi:${settings.slug}:${issue.date}`,
      title: e(xmlText(title)),
      link: new URL(issueLink(issue)!, base).href,
      date: issueInstant(issue.date),
      published: issueInstant(issue.date),
      description: issue.brief ? e(xmlText(issue.brief.abstract)) : undefined,
      author: [issue.brief?.publisher ? { name: xmlText(issue.brief.publisher) } : author],
    });
  }
  return `${feed.atom1()}\n`;
}

/**
 * Writes out/index.html and out/feed.xml from the issue folders in `outDir` (readIssues), each
 * atomically. Without site.baseUrl the feed's links are the out folder's own `file:` addresses: a feed a
 * reader on this machine can open (the sample day's), until the config says where out/ is served.
 * Call it after an issue is written. Throws a UserError naming a file that cannot be written.
 */
export function writeSite(outDir: string, settings: SiteSettings): void {
  const located = settings.baseUrl ? settings : { ...settings, baseUrl: pathToFileURL(`${resolve(outDir)}${sep}`).href };
  const issues = readIssues(outDir);
  writeFileAtomically(join(outDir, 'index.html'), siteIndex(issues, located));
  const feed = atomFeed(issues, located);
  if (feed) writeFileAtomically(join(outDir, 'feed.xml'), feed);
  else rmSync(join(outDir, 'feed.xml'), { force: true });
}
