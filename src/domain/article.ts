// The extractor's record of a page, as the store keeps it and the crawler joins its continuation pages.

/** A document a page links to as an attachment (PDF, Word, OFD …): its link text and its absolute address. */
export interface Attachment {
  name: string;
  url: string;
}

/**
 * What extraction read from one page: its kind (an article, or a list, index or error page that is not
 * one), title, date, the body it names as its source, 文号, site name, body paragraphs and attachments.
 */
export interface ExtractedArticle {
  kind: 'article' | 'not-article';
  title: string;
  /** ISO 8601 with its offset, or null when the page gives no date. */
  publishedAt: string | null;
  /** The body the page names as its source (来源), as printed; null when it names none or the site itself (本站). */
  publisher: string | null;
  /** The body a reposted text came from, when it is not the site's own. */
  repostOf: string | null;
  docNumber: string | null;
  /** The name the site gives itself on the page (og:site_name, 主办 footer, <title> suffix), when it does. */
  siteName: string | null;
  paragraphs: string[];
  attachments: Attachment[];
}
