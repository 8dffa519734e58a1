import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { cleanText } from './text.ts';

/** Body containers of the CMSs that Chinese government sites run (TRS, Hanweb, UCAP and others). */
const knownContainers = ['.TRS_Editor', '.TRS_UEDITOR', '#zoom', '.article-content', '.article_content', '.pages_content', '#UCAP-CONTENT', '.article_con', '#con_con', '.view.TRS_UEDITOR', '.con_text', 'article'];

const noise = 'script, style, noscript, iframe, nav, header, footer, form, button, select, .share, .bdsharebuttonbox, .print, .close, .related, .xgwz';

/** Lines that are page furniture rather than text: print/close links, share bars, font-size switches. */
const furniture = /^(?:【?\s*(?:打印本页|关闭窗口|打印|关闭|字号|字体)[:：】\s]|分享到|扫一扫|上一篇|下一篇|相关链接|责任编辑|【字体|【打印|\[打印|\[关闭)|(?:打印本页|关闭窗口)\s*$/;
const metaLine = /^(?:来源|发布时间|发布日期|作者|浏览次数|访问量|信息来源)\s*[:：]/;

const blockTags = new Set(['p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'table', 'blockquote', 'ul', 'ol', 'dd', 'dt', 'pre']);

const cjk = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const breakBetweenCjk = new RegExp(`([${cjk}])[ \\t\\r]*\\n\\s*(?=[${cjk}])`, 'g');

/** A line break in the HTML source is not a paragraph: between Chinese characters it is nothing, elsewhere a space. */
function sourceLineBreaks(text: string): string {
  return text.replace(breakBetweenCjk, '$1').replace(/\s*\n\s*/g, ' ');
}

/** The text of a container as paragraphs: block boundaries and <br> end a paragraph. */
function paragraphsOf(container: Cheerio<AnyNode>): string[] {
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(sourceLineBreaks(node.data));
      else if (node.type === 'tag') {
        const tag = node.name.toLowerCase();
        if (tag === 'br') parts.push('\n');
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
  return cleanText(parts.join(''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !furniture.test(line) && !(metaLine.test(line) && line.length < 80));
}

function textLength($: CheerioAPI, element: AnyNode): number {
  return $(element).text().replace(/\s+/g, '').length;
}

function linkTextLength($: CheerioAPI, element: Element): number {
  return $(element).find('a').text().replace(/\s+/g, '').length;
}

/**
 * When no known container holds the text: the block whose own paragraphs carry the most
 * punctuated, unlinked text wins (text density with a link-density penalty).
 */
function densestBlock($: CheerioAPI): Cheerio<Element> | undefined {
  let best: Element | undefined;
  let bestScore = 0;
  $('div, section, td, article, main').each((_, element) => {
    const ownParagraphs = $(element).children('p, span, font');
    const text = ownParagraphs.length > 0 ? ownParagraphs.text() : $(element).clone().children('div, section, table').remove().end().text();
    const chars = text.replace(/\s+/g, '').length;
    if (chars < 30) return;
    const punctuation = (text.match(/[，。；：、！？]/g) ?? []).length;
    const total = textLength($, element);
    const linkDensity = total > 0 ? linkTextLength($, element) / total : 1;
    const score = (chars + punctuation * 10) * (1 - linkDensity);
    if (score > bestScore) {
      bestScore = score;
      best = element;
    }
  });
  return best ? $(best) : undefined;
}

/** The article's paragraphs, without navigation, share bars, print/close links, related links or footers. */
export function extractBody($: CheerioAPI): string[] {
  $(noise).remove();
  for (const selector of knownContainers) {
    const container = $(selector).first();
    if (container.length > 0 && textLength($, container.get(0)!) >= 40) return paragraphsOf(container);
  }
  const block = densestBlock($);
  return block ? paragraphsOf(block) : [];
}
