/**
 * The two extractors the evaluation and the benchmark compare, behind one signature: xinzhi's own, and
 * Mozilla Readability on jsdom (the reference most article extractors are measured against).
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../src/extract/article.ts';

export interface Extraction {
  title: string;
  body: string;
  /** YYYY-MM-DD, or null. */
  date: string | null;
}

export type Extractor = (html: string, url: string) => Extraction;

export const xinzhi: Extractor = (html, url) => {
  const article = extractArticle(html, url);
  return { title: article.title, body: article.paragraphs.join('\n'), date: article.publishedAt?.slice(0, 10) ?? null };
};

// jsdom reports every CSS and script problem of a real page on the console; the comparison needs none of it.
const quiet = new VirtualConsole();

export const readability: Extractor = (html, url) => {
  const dom = new JSDOM(html, { url, virtualConsole: quiet });
  try {
    const parsed = new Readability(dom.window.document).parse();
    return { title: parsed?.title ?? '', body: parsed?.textContent ?? '', date: parsed?.publishedTime?.slice(0, 10) ?? null };
  } finally {
    dom.window.close();
  }
};
