import type { CheerioAPI } from 'cheerio';
import { oneLine } from './text.ts';
import { resolveUrl } from '../util/url.ts';

export interface Attachment {
  name: string;
  url: string;
}

const attachmentExt = /\.(pdf|docx?|xlsx?|wps|ofd|zip|rar|et)(?:$|[?#])/i;

/** Links to attached documents, made absolute against the page's address. */
export function extractAttachments($: CheerioAPI, pageUrl: string): Attachment[] {
  const seen = new Set<string>();
  const attachments: Attachment[] = [];
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    if (!attachmentExt.test(href)) return;
    const url = resolveUrl(href, pageUrl)?.href;
    if (!url || seen.has(url)) return;
    seen.add(url);
    attachments.push({ name: oneLine($(element).text()) || decodeURIComponent(url.split('/').pop() ?? url), url });
  });
  return attachments;
}
