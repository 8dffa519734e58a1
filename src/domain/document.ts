// A document as the store keeps it and analysis reads it.
import type { ExtractedArticle } from './article.ts';

/**
 * A stored article: what extraction found (ExtractedArticle's fields, the paragraphs joined), with its
 * row, its address and the source it was fetched for.
 */
export interface StoredDocument extends Pick<ExtractedArticle, 'title' | 'publishedAt' | 'publisher' | 'repostOf' | 'docNumber' | 'siteName' | 'attachments'> {
  id: number;
  url: string;
  sourceId: string;
  /** Paragraphs joined by "\n". */
  body: string;
}
