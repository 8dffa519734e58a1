import type { CheerioAPI } from 'cheerio';
import { isTag, type Element } from 'domhandler';
import { sourceField, sourceLabel } from './infoLine.ts';
import { oneLine, spacedText } from './text.ts';
import { insideAny, textReader } from './tree.ts';

/** Words a 来源 line adds to a body's name: 国家数据局网站, 上交所官网, 长江日报微信公众号. */
const channelSuffix = /(?:门户网站|官方网站|网站|官网|微信公众号|公众号|客户端|官方微博)$/;

const labelledSource = new RegExp(sourceLabel);

/** A source tag may keep its label and a note on the text: 来源：人民网-文化频道 原创稿. */
const leadingLabel = new RegExp(String.raw`^(?:${sourceLabel})\s*`);
const textNote = /\s+(?:原创稿?|供稿|转载|独家)$/;

/**
 * A name without the brackets round it (【人民网】, (新华社)) or a bracket left unpaired at an end; a bracket a
 * name pairs inside (深圳人大網(wǎng), a mirror's injected gloss; 中国（上海）) is the name's and stays.
 */
function withoutOuterBrackets(name: string): string {
  const opening = /[【[（(]/gu;
  const closing = /[】\]）)]/gu;
  const wrapped = /^[【[（(]([^【[（(】\]）)]*)[】\]）)]$/u.exec(name);
  if (wrapped) return wrapped[1]!;
  const opens = (name.match(opening) ?? []).length;
  const closes = (name.match(closing) ?? []).length;
  if (opens > closes && /^[【[（(]/u.test(name)) return name.slice(1);
  if (closes > opens && /[】\]）)]$/u.test(name)) return name.slice(0, -1);
  return name;
}

/** A body's name as a 来源 field prints it, without its label, a note on the text, brackets or a channel word. */
export function normalisePublisher(name: string): string {
  return withoutOuterBrackets(oneLine(name).replace(leadingLabel, '').replace(textNote, '')).replace(channelSuffix, '').trim();
}

/**
 * The body that published the text: ContentSource, then the source field of the info line (read by
 * infoLine.ts), a source element, then the site's own name tag. An empty field (来源：  发布时间：…) names no one.
 */
export function extractPublisher($: CheerioAPI): string | null {
  // One walk for the three tags and <body> rather than a query each; each tag is its first element, as a query's .attr reads it.
  let contentSource: Element | undefined;
  let source: Element | undefined;
  let siteName: Element | undefined;
  let body: Element | undefined;
  for (const element of $('meta, body').toArray()) {
    if (element.name === 'body') body ??= element;
    else if (element.attribs.name === 'ContentSource') contentSource ??= element;
    else if (element.attribs.name === 'source') source ??= element;
    else if (element.attribs.name === 'SiteName') siteName ??= element;
  }
  const meta = contentSource?.attribs.content ?? source?.attribs.content;
  if (meta && oneLine(meta)) return normalisePublisher(meta);
  const labelled = $(innermostLabelled($, body));
  // The label may stand in its own element, the name in the next (<span>来源：</span><span><a>澎湃新闻</a></span>): then the parent holds both.
  for (const scope of [labelled, labelled.parent()]) {
    const field = sourceField(spacedText(scope.get(0)));
    if (field) return normalisePublisher(field);
  }
  const named = sourceElement($);
  if (named) return named;
  const site = siteName?.attribs.content;
  return site ? normalisePublisher(site) : null;
}

/**
 * The first element in the page, within <body>, that holds a source label and has no child that holds one,
 * so the name ends where its element ends. An element's text holds its children's, so a label in a child
 * is in the parent too: the search goes down from <body> through the first child holding one, reading the
 * texts of one path's children, each text joined once (textReader).
 */
function innermostLabelled($: CheerioAPI, body: Element | undefined): Element | undefined {
  let found: Element | undefined;
  const text = textReader();
  let scope = body;
  for (;;) {
    const child = scope?.children.find((node): node is Element => isTag(node) && labelledSource.test(text(node)));
    if (!child) return found;
    found = child;
    scope = child;
  }
}

/** A name, not a sentence or a count: 参考消息, 北京日报, 澎湃新闻·澎湃号. */
const bodyName = /^[\p{L}\p{N}·・\-－ ]{2,30}$/u;

/**
 * Portals print the source without a label, in an element of its own beside the date (新浪:
 * <div class="date-source">…<a class="source">参考消息</a>). The teaser lists of the same portals mark
 * each teaser's source alike, so an element inside a list, a footer or a recommendation does not count.
 */
function sourceElement($: CheerioAPI): string | null {
  const inTeasers = insideAny($, 'li, footer, [class*="footer"], [class*="list"], [class*="recommend"], [class*="related"]');
  for (const element of $('[class~="source"], #source').toArray()) {
    if (inTeasers(element)) continue;
    const name = normalisePublisher($(element).text());
    if (bodyName.test(name)) return name;
  }
  return null;
}
