import type { Cheerio, CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type Element } from 'domhandler';
import { infoFieldAtStart } from './infoLine.ts';
import { elementsInBody, findIn, removeAll } from './tree.ts';
import { cleanText, foldText as fold, spacedText } from './text.ts';

/**
 * Body containers of the CMSs that Chinese government sites run (TRS, Hanweb, UCAP and others): where
 * one holds text, it is the body. Other pages go to scoring.
 */
const knownContainers = ['.TRS_Editor', '.TRS_UEDITOR', '#zoom', '#UCAP-CONTENT', '#vsb_content', '.v_news_content', '.pages_content', '#con_con', '.con_text', '#detailContent', '.article_con'];

const namedBodies = ['[itemprop="articleBody"]', '.entry-content'];

const noise = 'script, style, noscript, iframe, nav, footer, aside, button, select, textarea';
/** Captions and credits of pictures: what a picture shows and who took it, not what the article says. */
const pictureNotes = '[class*="credit"], [class*="copyright-img"]';
/** A block this long named for a credit is a wrapper around the article, not a credit. */
const MAX_PICTURE_NOTE = 300;
/**
 * A form with little text is a search box or a login; a large one, or one around a CMS's body or another
 * form, is the page itself (ASP.NET wraps every page in one, 博达 VSB wraps the article).
 */
const MAX_FORM_TEXT = 300;
/**
 * Class or id words of page furniture; a word of content in the same name keeps the element. print,
 * close and xgwz (相关文章) are the print button, the close link and the related list of government CMSs.
 */
const unlikely = /comment|liuyan|pinglun|gentie|footer|foot|nav|menu|sidebar|side-bar|share|related|recommend|copyright|breadcrumb|crumb|advert|banner|hot-?news|hot-list|rank|toolbar|login|popup|qrcode|subscribe|player|consent|cookie|gdpr|dsgvo|privacy|^print$|^close$|xgwz/i;
const likely = /article|content|main|body|text|detail|post|entry|story|news_txt|zoom/i;
/**
 * A BEM modifier or element naming furniture (detail-content__content--recommend) says what the block
 * is, whatever the block's own name: the word after -- or __ is the specific one.
 */
const furnitureModifier = /(?:--|__)(?:recommend|related|comment|share|hot|rank|ad|ads|advert)(?![a-z])/i;

/** Class or id words of a comments section (评论, 留言, 跟帖 in pinyin too): readers' words, never the page's. */
const commentsNamed = /comment|liuyan|pinglun|gentie/i;

/** Whether a class-and-id name marks page furniture rather than the article. */
function namedAsFurniture(name: string): boolean {
  return furnitureModifier.test(name) || (unlikely.test(name) && !likely.test(name));
}

/** Lines that are page furniture rather than text: print/close links, share bars, font-size switches. */
const furniture = /^(?:【?\s*(?:打印本页|关闭窗口|打印|关闭|字号|字体|纠错)[:：】\s]|分享到|扫一扫|上一篇|下一篇|相关链接|[（(]?责任编辑|[（(]编辑[:：]|【字体|【打印|\[打印|\[关闭|返回搜狐|平台声明[:：]|内容举报$|阅读\s*[（(]\d|上一条[:：]|下一条[:：]|【?(?:返回顶部|返回列表|返回首页|返回)】?$|展开全文$|(?:点击)?加载更多$)|(?:打印本页|关闭窗口)\s*$/;
/** A line that only credits a picture: Foto: dpa, (Photo: ABr), Crédits photos : Bestimage, Augusta National/Getty Images. */
const pictureCredit = /^[（(]?\s*(?:fotos?|photos?|bild|credits?|crédits? photos?|crédito|titelbild|image)\s*:.{0,60}$|^.{0,40}\/\s*(?:getty images|istock|dpa|afp|reuters|imago)[\w.]*\)?$|^(?:istock\.com|getty images)\b.{0,40}$/i;
/** A line that is a control of the page in a Western language: Rezept drucken, zurück, Wird geladen, Advertisement. */
const controlLine = /^(?:rezept drucken|zurück(?: zur (?:listenansicht|übersicht)| zum inhaltsverzeichnis| nach oben)?|nach oben|back to (?:top|contents)|wird geladen\.*|loading\.*|inhaltsverzeichnis|table of contents|quellen (?:ausblenden|anzeigen)|war der artikel nützlich\?|möchten sie den artikel teilen\?|empfohlener redaktioneller inhalt|advertisement:?|anzeige)$/i;
/** A line that is only a date and time: the dateline printed under a headline. */
const datelineOnly = /^(?:20\d{2}|19\d{2})[-年/.]\d{1,2}[-月/.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
/** Headings after which a news page lists other stories: the article ends there. */
const endOfArticle = /^(?:其他人也在看|你可能[还還]想看|相[关關](?:阅读|閱讀|新闻|新聞|文章|报道|報道)|推[荐薦][阅閱][读讀]|延伸[阅閱][读讀]|[热熱]门推[荐薦]|猜你喜[欢歡]|更多精彩|[为為]你推[荐薦]|精彩推[荐薦]|[标標][签籤]|related (?:stories|articles|posts|news)|read (?:more|next)|more (?:stories|from)|you may also like|mehr zum thema|mehr themen|das könnte sie auch interessieren|weitere artikel|neueste artikel|ähnliche beiträge|lesen sie auch|auch lesen|schon gelesen\??|vorschau auf den nächsten artikel|te puede interesar|más noticias)\s*[:：]?/i;

/** Blocks end a paragraph; so do table cells, which would otherwise run into each other (序号企业名称). */
const blockTags = new Set(['p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'td', 'th', 'caption', 'table', 'blockquote', 'ul', 'ol', 'dd', 'dt', 'pre']);

/**
 * Portal statements set under a user's post (网易号, 搜狐号: 特别声明：以上内容…为自媒体平台用户上传并发布, and its
 * English twin Notice: The content above…) and editors' credit lines (责编：…, （责任编辑：…）): the platform's
 * words and the newsroom's, not the text's.
 */
const portalStatement = /^(?:特别声明|免责声明|郑重声明)\s*[:：]|^notice:\s*the content above/i;
const editorCredit = /^[（(【[]?\s*(?:责编|责任编辑|编辑|审核|审校|校对|监制)\s*[:：][^。！？]{0,40}$/;
/** The same credit closing a paragraph: …保障外资企业国民待遇。（责编：王五、赵六） */
const closingCredit = /\s*[（(](?:责编|责任编辑|编辑)\s*[:：][^（）()。]{1,30}[）)]$/;

/** Cells of a row of a data table are set apart by a tab: 1\t某某精密机械有限公司\t甲市. */
const cellSeparator = '\t';
/** Stands for the tab while the text is cleaned (cleanText folds tabs into spaces): a private-use character. */
const cellMark = '\uE000';
const cellMarks = new RegExp(String.raw`\s*${cellMark}\s*`, 'g');
/** A cell longer than this is a page's layout (the article in a cell), not a datum. */
const MAX_CELL_CHARS = 300;

/** The <tr> rows of a table, through its <thead>/<tbody>, and each row's <td>/<th> cells. */
function rowsOf(table: Element): Element[][] {
  const rows: Element[][] = [];
  const visit = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      if (child.name === 'tr') rows.push(child.children.filter((cell): cell is Element => cell.type === 'tag' && (cell.name === 'td' || cell.name === 'th')));
      else if (child.name !== 'table') visit(child);
    }
  };
  visit(table);
  return rows;
}

/**
 * A table of data (a 公示 list, a 名单, a metadata table) rather than of layout: no table inside it, a
 * row of two cells or more, and no cell holding more than a line's worth of text. Null for a layout table.
 */
function dataRows(table: Element): string[][] | null {
  const rows = rowsOf(table);
  if (rows.length === 0 || !rows.some((cells) => cells.length >= 2)) return null;
  const texts = rows.map((cells) => cells.map((cell) => spacedText(cell)));
  const nested = rows.some((cells) => cells.some((cell) => hasTable(cell)));
  return nested || texts.some((cells) => cells.some((text) => text.length > MAX_CELL_CHARS)) ? null : texts;
}

function hasTable(node: Element): boolean {
  return node.children.some((child) => child.type === 'tag' && (child.name === 'table' || hasTable(child)));
}

const cjk = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const breakBetweenCjk = new RegExp(`([${cjk}])[ \\t\\r]*\\n\\s*(?=[${cjk}])`, 'g');

/** A line break in the HTML source is not a paragraph: between Chinese characters it is nothing, elsewhere a space. */
function sourceLineBreaks(text: string): string {
  return text.replace(breakBetweenCjk, '$1').replace(/\s*\n\s*/g, ' ');
}

/**
 * The text of a container as paragraphs: block boundaries and <br> end a paragraph. The headline and
 * the dateline under it are the article's metadata, not its body: leading lines equal to the title go.
 */
function paragraphsOf(container: Cheerio<AnyNode>, title: string): string[] {
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(sourceLineBreaks(node.data));
      else if (node.type === 'tag') {
        const tag = node.name.toLowerCase();
        const rows = tag === 'table' ? dataRows(node) : null;
        if (tag === 'br') parts.push('\n');
        // A data table is rows of cells, one row a line: a 名单 read as a list, not as one run of words.
        else if (rows) for (const cells of rows) parts.push('\n', cells.join(cellMark), '\n');
        else {
          const block = blockTags.has(tag);
          if (block) parts.push('\n');
          walk(node.children);
          if (block) parts.push('\n');
        }
      }
    }
  };
  walk(container.get().flatMap((node) => ('children' in node ? node.children : [])));
  const lines = cleanText(parts.join(''))
    .split('\n')
    .map((line) => line.replace(cellMarks, cellSeparator).trim().replace(closingCredit, ''))
    .filter((line) => line.replaceAll(cellSeparator, '').length > 0 && !furniture.test(line) && !portalStatement.test(line) && !editorCredit.test(line) && !pictureCredit.test(line) && !controlLine.test(line) && !(infoFieldAtStart.test(line) && line.length < 80))
    // A dateline stands above the text or carries a time; a closing date under a signature (2025年6月24日)
    // is the document's own, and the signature above it names the issuer.
    // A date under a notice's 现将…印发给你们。 is the notice's own, however near the top.
    .filter((line, i, all) => !datelineOnly.test(line) || ((i >= 3 || /。$/.test(all[i - 1] ?? '')) && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(line)));
  // A kicker, a photo credit or a date may stand above the headline: short lines, dropped with it. A
  // sentence or an addressee line (各区人民政府，市政府各部门：) above it is a notice that prints the title
  // of the plan it issues again (GB/T 9704 公文 form): the notice is the text's, and it stays.
  const headline = fold(title);
  const at = headline ? lines.slice(0, 4).findIndex((line) => fold(line) === headline) : -1;
  if (at >= 0 && lines.length > at + 1 && lines.slice(0, at).every((line) => line.length < 80 && !/。|[：:]$/.test(line))) lines.splice(0, at + 1);
  // Only a short line without a sentence in it is such a heading: a paragraph may begin 相关新闻报道指出，…
  const end = lines.findIndex((line, i) => i > 0 && line.length <= 40 && !/[，。！？]/.test(line) && endOfArticle.test(line));
  return end > 0 ? lines.slice(0, end) : lines;
}

/** Tags whose presence in a link makes it a card around a block (a teaser), not a link of navigation. */
const linkBlockTags = new Set(['p', 'div', 'article', 'section', 'h1', 'h2', 'h3', 'h4', 'ul', 'table']);
/** Children that hold a paragraph of their own: an element's own text is what is outside them. */
const ownTextExcluded = new Set(['div', 'section', 'table', 'ul', 'ol', 'p']);

interface Counts {
  /** Characters of the node's text, whitespace left out. */
  chars: number;
  /** Punctuation marks in that text. */
  marks: number;
  /** Characters inside links strictly within the node, links wrapping a block left out. */
  linkChars: number;
  /** Whether a block (linkBlockTags) stands strictly within the node. */
  holdsBlock: boolean;
  /** Characters of the <p> elements strictly within the node, a <p> inside a <p> counted in both. */
  paragraphChars: number;
  /** Nodes in the node's subtree, itself included: what reading its text costs. */
  nodes: number;
}

const punctuation = /[，。；、！？：,.;!?]/g;

/**
 * Text lengths, link-text lengths and punctuation of nodes, each node's computed once from its children's:
 * scoring reads them for every block of the page, and reading each block's text() instead costs the page's
 * size once per level of nesting. A count holds while its subtree is unchanged, so each pass that removes
 * elements takes new counts; within a pass, an element is read before anything inside it is removed.
 */
class TextCounts {
  private readonly memo = new Map<AnyNode, Counts>();

  of(node: AnyNode): Counts {
    const known = this.memo.get(node);
    if (known) return known;
    const counts: Counts = { chars: 0, marks: 0, linkChars: 0, holdsBlock: false, paragraphChars: 0, nodes: 1 };
    if (node.type === 'text') {
      counts.chars = node.data.replace(/\s+/g, '').length;
      counts.marks = node.data.match(punctuation)?.length ?? 0;
    } else if ('children' in node) {
      for (const child of node.children) {
        const inner = this.of(child);
        counts.chars += inner.chars;
        counts.nodes += inner.nodes;
        counts.marks += inner.marks;
        counts.linkChars += inner.linkChars;
        counts.paragraphChars += inner.paragraphChars;
        const tag = child.type === 'tag' ? child.name : '';
        if (tag === 'a' && !inner.holdsBlock) counts.linkChars += inner.chars;
        if (tag === 'p') counts.paragraphChars += inner.chars;
        counts.holdsBlock ||= inner.holdsBlock || linkBlockTags.has(tag);
      }
    }
    this.memo.set(node, counts);
    return counts;
  }

  /** Characters of the element's text, whitespace left out: $(element).text() without spaces. */
  length(node: AnyNode): number {
    return this.of(node).chars;
  }

  /** Text inside links — but not links that wrap a whole block (a card around a teaser): those are content, not navigation. */
  linkLength(node: AnyNode): number {
    return this.of(node).linkChars;
  }

  /** Characters of the paragraphs (<p>) inside the element: $(element).find('p') measured. */
  paragraphLength(node: AnyNode): number {
    return this.of(node).paragraphChars;
  }

  /** Characters and punctuation of the text in this element, not in its block children: its paragraph. */
  own(element: Element): { chars: number; marks: number } {
    let chars = 0;
    let marks = 0;
    for (const child of element.children) {
      // Comments count nothing: TextCounts gives them no characters.
      if (child.type === 'tag' && ownTextExcluded.has(child.name)) continue;
      const inner = this.of(child);
      chars += inner.chars;
      marks += inner.marks;
    }
    return { chars, marks };
  }
}

/** Above this share of link text, the chosen text is a list of links. */
const MAX_LINK_DENSITY = 0.5;
const MIN_BODY_SCORE = 8;
const paragraphLike = new Set(['p', 'td', 'pre', 'blockquote', 'section', 'div', 'span', 'font', 'li']);

/**
 * When no known container holds the text, Readability's idea adapted to Chinese: each paragraph-like
 * block scores by its punctuation and length (Chinese packs more per character, so the thresholds are
 * lower); its parent gets the score, its grandparent half; link-heavy blocks are discounted. The best
 * container wins, with those of its siblings that score near it (articles split over sibling blocks).
 */
function scoredBlocks($: CheerioAPI, counts: TextCounts): Cheerio<Element> | undefined {
  const scores = new Map<Element, number>();
  for (const element of elementsInBody($)) {
    if (!paragraphLike.has(element.tagName.toLowerCase())) continue;
    // A paragraph is text in this element, not in its block children.
    const own = counts.own(element);
    if (own.chars < 10) continue;
    const score = 1 + own.marks + Math.min(own.chars / 40, 4);
    const parent = element.parent?.type === 'tag' ? element.parent : undefined;
    const grandparent = parent?.parent?.type === 'tag' ? parent.parent : undefined;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    if (grandparent) scores.set(grandparent, (scores.get(grandparent) ?? 0) + score / 2);
  }
  let best: Element | undefined;
  let bestScore = 0;
  const adjusted = new Map<Element, number>();
  for (const [element, raw] of scores) {
    const total = counts.length(element);
    const linkDensity = total > 0 ? counts.linkLength(element) / total : 1;
    const name = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
    // <body>'s classes name the page's layout (pageLayout--related), not a block of it.
    const named = element.tagName !== 'body' && namedAsFurniture(name) ? 0.5 : likely.test(name) ? 1.25 : unlikely.test(name) ? 0.5 : 1;
    const score = raw * (1 - linkDensity) * named;
    adjusted.set(element, score);
    if (score > bestScore) [best, bestScore] = [element, score];
  }
  // A page whose best block scores this low has no prose: a list, an index, a landing page.
  if (!best || bestScore < MIN_BODY_SCORE) return undefined;
  // Readability's sibling rule: blocks scoring a fifth of the best, and paragraphs of prose.
  const joins = (sibling: Element) => {
    const length = counts.length(sibling);
    if (counts.linkLength(sibling) >= length * 0.2) return false;
    if ((adjusted.get(sibling) ?? 0) >= Math.max(10, bestScore * 0.2)) return true;
    return sibling.tagName === 'p' && (length > 80 || /[.。!?！？]$/.test($(sibling).text().trim()));
  };
  const parts = best.parent ? $(best.parent).children().toArray().filter((sibling) => sibling === best || joins(sibling)) : [best];
  const sections = sectionsLike($, best, parts, joins);
  return $(sections.length > 0 ? [...parts, ...sections].sort(documentOrder($)) : parts);
}

/** How far up from the best block an article's other sections are looked for. */
const SECTION_LEVELS = 3;

/**
 * An article laid out in sections (a row per section, an ad between them) puts each section's text
 * in a block of the same tag and class as the best one, as a cousin rather than a sibling: those
 * blocks, under the same ancestor a few levels up, are the article too when they would join as siblings.
 */
function sectionsLike($: CheerioAPI, best: Element, parts: Element[], joins: (block: Element) => boolean): Element[] {
  const signature = `${best.tagName}.${best.attribs.class ?? ''}`;
  if (!best.attribs.class) return [];
  let ancestor: Element = best;
  for (let level = 0; level < SECTION_LEVELS && ancestor.parent?.type === 'tag' && ancestor.parent.tagName !== 'body'; level++) ancestor = ancestor.parent;
  // A block that is a part, holds one or stands in one is taken already: looked up, not compared with each part.
  const taken = new Set<AnyNode>(parts);
  const holdsPart = new Set<AnyNode>(parts.flatMap((part) => ancestorsOf(part)));
  // Compared by name, not queried: a page's tag name (a[, <div) is no selector.
  return findIn($, [ancestor], '*')
    .toArray()
    .filter((block) => `${block.tagName}.${block.attribs.class ?? ''}` === signature && !taken.has(block) && !holdsPart.has(block) && !ancestorsOf(block).some((above) => taken.has(above)) && joins(block));
}

/** The elements holding a node, innermost first. */
function ancestorsOf(node: AnyNode): AnyNode[] {
  const above: AnyNode[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) above.push(parent);
  return above;
}

/** Sorts elements as they stand in the page. */
function documentOrder($: CheerioAPI): (a: Element, b: Element) => number {
  const all = $('*').toArray();
  const position = new Map(all.map((element, index) => [element, index]));
  return (a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0);
}

/**
 * Whether a node is still in the page: not in a block removed from it, nor in one marked to go (`going`).
 * A step that removes many blocks marks them and removes them at its end, all at once (tree.ts removeAll).
 */
function inDocument(node: AnyNode, going: ReadonlySet<AnyNode> = new Set()): boolean {
  let top = node;
  for (; top.parent; top = top.parent) if (going.has(top)) return false;
  return top.type === 'root' && !going.has(top);
}

/**
 * Removes blocks named like furniture (sidebar, comments, share bars…) unless the name also says content,
 * or the block holds most of the page's text or of its paragraphs: a wrapper called page-with-sidebar,
 * or a layout cell named for a banner, is the page itself.
 */
function dropFurniture($: CheerioAPI): void {
  const counts = new TextCounts();
  const body = $('body');
  const pageText = counts.length(body.get(0) ?? $.root().get(0)!);
  const pageParagraphs = findIn($, body, 'p').toArray().reduce((n, p) => n + counts.length(p), 0);
  // In page order, a block before what it holds: what a block holds is still there when the block is judged.
  const going = new Set<AnyNode>();
  for (const element of $('[class], [id]').toArray()) {
    const name = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
    // Inside a block already going, removing changes nothing.
    if (!namedAsFurniture(name) || element.tagName === 'body' || element.tagName === 'html' || !inDocument(element, going)) continue;
    // A BEM modifier is explicit: a recommended article goes however long it is, unless it holds the headline.
    // So is a comments section: readers' comments may outweigh a short official reply (政民互动).
    const explicit = (furnitureModifier.test(name) || commentsNamed.test(name)) && findIn($, [element], 'h1').length === 0;
    if (!explicit && counts.length(element) >= pageText * 0.3) continue;
    if (!explicit && pageParagraphs > 0 && counts.paragraphLength(element) >= pageParagraphs * 0.5) continue;
    going.add(element);
  }
  removeAll(going);
}

/**
 * Headings that open a comments section, whatever its markup is named: 网友评论, 网友留言, 我要留言, 发表评论,
 * 最新评论, 评论区, 跟帖(12). A bare 留言 is not one: 政民互动 pages label the letter answered 留言内容.
 */
const commentsHeading = /^(?:(?:网友|網友|读者|讀者|我要|发表|發表|最新|热门|熱門|全部)(?:评论|評論|留言|跟帖)|(?:评论|評論|留言)(?:区|區|列表)|(?:评论|評論|跟帖)\s*[（(]\d+[）)])\s*[:：]?$/;
/** The most characters a comments heading has, its count included: 网友评论（12345）; and the most nodes it is made of. */
const MAX_COMMENTS_HEADING = 40;
const headingTags = 'h2, h3, h4, h5, h6, div, span, p, strong, b, dt, em';

/**
 * Removes readers' comments: the block a comments heading opens, or the heading and what follows it in
 * its block. A block holding the headline is the page itself and stays; only what follows the heading goes.
 */
function dropComments($: CheerioAPI): void {
  const counts = new TextCounts();
  // In page order; a heading inside what an earlier one took is gone with it.
  const going = new Set<AnyNode>();
  for (const heading of $(headingTags).toArray()) {
    // A heading is a few words (评论（12）) in a few elements: a longer text or a larger subtree is a block, and
    // reading every block's text costs a pass each (markup nested 200 deep over thousands of <br>s, 200 passes).
    if (!heading.parent || counts.length(heading) > MAX_COMMENTS_HEADING || counts.of(heading).nodes > MAX_COMMENTS_HEADING || !inDocument(heading, going) || !commentsHeading.test($(heading).text().trim())) continue;
    const block = heading.parent;
    const opens = $(block).children().toArray().find((child) => !going.has(child)) === heading;
    if (opens && block.type === 'tag' && !['body', 'html'].includes(block.tagName) && findIn($, [block], 'h1').length === 0) going.add(block);
    else for (let node: AnyNode | null = heading; node; node = node.next) if (isTag(node)) going.add(node);
  }
  removeAll(going);
}

/** The article's paragraphs, without navigation, share bars, print/close links, related links or footers. */
export function extractBody($: CheerioAPI, title = ''): string[] {
  // One pass over the page finds what the first steps remove. An element already gone with one removed
  // before it is removed again from a detached tree, which changes nothing.
  const candidates = $(`${noise}, ${pictureNotes}, form, header`);
  removeAll(candidates.filter(noise).toArray());
  // Each removal changes the counts of what held the removed: each step counts afresh.
  let counts = new TextCounts();
  removeAll(candidates.filter(pictureNotes).filter((_, note) => counts.length(note) < MAX_PICTURE_NOTE).toArray());
  counts = new TextCounts();
  // A form holding another is the page's (ASP.NET's around a search box), whatever its size: browsers
  // close it at the inner form's end, htmlparser2 nests the two.
  removeAll(candidates.filter('form').filter((_, form) => counts.length(form) < MAX_FORM_TEXT && findIn($, [form], `form, ${knownContainers.join(', ')}`).length === 0).toArray());
  counts = new TextCounts();
  // A page's header is furniture; an article's <header> may hold its lead paragraph.
  removeAll(candidates.filter('header').filter((_, header) => !findIn($, [header], 'p').toArray().some((p) => counts.length(p) >= 80)).toArray());
  counts = new TextCounts();
  // One pass over the page finds every container; each selector, in order of trust, then picks from those.
  const containers = $(knownContainers.join(', '));
  for (const selector of knownContainers) {
    const container = containers.filter(selector).first();
    if (container.length > 0 && counts.length(container.get(0)!) >= 40) return paragraphsOf(container, title);
  }

  dropComments($);
  dropFurniture($);
  counts = new TextCounts();
  // Markup that names the article body (schema.org, WordPress) is trusted when the page has one such
  // body; teaser lists inside it go, unless the post is itself a list of links.
  const named = $(namedBodies.join(', '));
  for (const selector of namedBodies) {
    const container = named.filter(selector);
    if (container.length !== 1) continue;
    const length = counts.length(container.get(0)!);
    if (length < 200) continue;
    if (counts.linkLength(container.get(0)!) <= length * MAX_LINK_DENSITY) dropLinkLists($, container);
    return withLead($, container, title);
  }
  const blocks = scoredBlocks($, counts);
  if (!blocks) return [];
  // Text that is mostly links is a list, an index or a navigation page, not an article.
  const total = blocks.toArray().reduce((n, block) => n + counts.length(block), 0);
  const linked = blocks.toArray().reduce((n, block) => n + counts.linkLength(block), 0);
  if (total > 0 && linked / total > MAX_LINK_DENSITY) return [];
  dropLinkLists($, blocks);
  return withLead($, blocks, title);
}

/** A lead paragraph is prose of this size; longer, the element is a block of the article itself. */
const LEAD_CHARS = { min: 60, max: 800 };

/**
 * The body's paragraphs, led by the lead (standfirst, 导语) when the page sets it beside the headline,
 * outside the container chosen for the body: the first paragraph of prose among the headline's next
 * few siblings.
 */
function withLead($: CheerioAPI, body: Cheerio<AnyNode>, title: string): string[] {
  const paragraphs = paragraphsOf(body, title);
  const headline = fold(title);
  if (headline.length < 4) return paragraphs;
  const heading = $('h1, h2').toArray().find((h) => fold($(h).text()).includes(headline));
  if (!heading || body.toArray().some((block) => block === heading || $(block).find(heading).length > 0)) return paragraphs;
  const counts = new TextCounts();
  const lead = $(heading).nextAll().slice(0, 3).toArray().find((sibling) => {
    const length = counts.length(sibling);
    return ['p', 'div'].includes(sibling.tagName) && length >= LEAD_CHARS.min && length <= LEAD_CHARS.max && counts.linkLength(sibling) < length * 0.2 && findIn($, [sibling], 'p, div, ul, table').length === 0;
  });
  const leadText = lead ? cleanText($(lead).text()).replace(/\s*\n\s*/g, ' ') : '';
  // A summary box (摘要：…) often repeats the first paragraph: then it is not a lead of its own.
  const leadWords = fold(leadText.replace(/^(?:摘要|导语|内容提要|核心提示)\s*[:：]\s*/, ''));
  if (!leadWords || paragraphs.some((p) => fold(p).includes(leadWords))) return paragraphs;
  return [leadText, ...paragraphs];
}

/**
 * Inside a chosen article, a block that is mostly links is a teaser list (related stories, more from
 * the section), as Readability's conditional cleaning finds them.
 */
function dropLinkLists($: CheerioAPI, blocks: Cheerio<AnyNode>): void {
  const counts = new TextCounts();
  removeAll(
    findIn($, blocks, 'ul, ol, div, section, table, dl').filter((_, element) => {
      const length = counts.length(element);
      return length > 0 && counts.linkLength(element) > length * MAX_LINK_DENSITY;
    }).toArray(),
  );
}
