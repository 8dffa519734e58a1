import type { CheerioAPI } from 'cheerio';
import { oneLine } from './text.ts';

/** `<title>` usually ends in the site's name: 标题_国家数据局, 标题 - 中国政府网. */
function withoutSiteSuffix(title: string): string {
  const parts = title.split(/\s*(?:_|\||｜|——|-{1,2}|—)\s*/).filter((p) => p.length > 0);
  if (parts.length <= 1) return title;
  return parts.reduce((best, part) => (part.length > best.length ? part : best), '');
}

export function extractTitle($: CheerioAPI): string {
  const candidates = [
    $('meta[name="ArticleTitle"]').attr('content'),
    $('meta[property="og:title"]').attr('content'),
    $('.article-title, .article_title, .title_text, #title, h1').first().text(),
  ];
  for (const candidate of candidates) {
    const title = oneLine(candidate ?? '');
    if (title.length >= 4) return title;
  }
  return withoutSiteSuffix(oneLine($('title').text()));
}
