import type { CheerioAPI } from 'cheerio';
import { oneLine } from './text.ts';
import { resolveUrl } from '../util/url.ts';
import type { Attachment } from '../domain/article.ts';

/** Document formats a government page attaches: PDF, Word, Excel, PowerPoint, WPS (wps, et, dps), OFD, archives. */
const attachmentExt = /\.(pdf|docx?|xlsx?|pptx?|csv|wps|et|dps|ofd|zip|rar|7z)(?:$|[?#])/i;
const attachmentName = /\.(pdf|docx?|xlsx?|pptx?|csv|wps|et|dps|ofd|zip|rar|7z)\s*$/i;

/** The last path segment, decoded where it can be: a malformed %-escape stays as written. */
function fileNameOf(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() || url;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Links to attached documents, made absolute against the page's address: by the file's extension in
 * the link, or, for a download script (/download.jsp?id=…), in the link's text or title.
 */
export function extractAttachments($: CheerioAPI, pageUrl: string): Attachment[] {
  const seen = new Set<string>();
  const attachments: Attachment[] = [];
  $('a[href]').each((_, element) => {
    const href = $(element).attr('href') ?? '';
    const text = oneLine($(element).text());
    const title = oneLine($(element).attr('title') ?? '');
    if (!attachmentExt.test(href) && !attachmentName.test(text) && !attachmentName.test(title)) return;
    const url = resolveUrl(href, pageUrl);
    if (!url || !/^https?:$/.test(url.protocol) || seen.has(url.href)) return;
    seen.add(url.href);
    // The text is the name unless only the title names the file (<a title="申报表.wps">下载</a>).
    const name = !attachmentName.test(text) && attachmentName.test(title) ? title : text || title || fileNameOf(url.href);
    attachments.push({ name, url: url.href });
  });
  return attachments;
}
