// A document as the store keeps it and analysis reads it.
import type { Attachment } from './article.ts';

/** A stored article: what extraction found, with where and when it was fetched. */
export interface StoredDocument {
  id: number;
  url: string;
  sourceId: string;
  title: string;
  publishedAt: string | null;
  publisher: string | null;
  repostOf: string | null;
  docNumber: string | null;
  /** The name the page gives its site (og:site_name, 主办 footer), when it gives one. */
  siteName: string | null;
  /** Paragraphs joined by "\n". */
  body: string;
  attachments: Attachment[];
}
