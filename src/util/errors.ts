import type { Lang } from './i18n.ts';

/**
 * An error a user can act on: one line that names the thing at fault (a file, a key, a URL, a source),
 * in Chinese and English. The CLI prints the line in the user's language and exits non-zero.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly en: string;
  constructor(zh: string, en?: string) {
    super(zh);
    this.en = en ?? zh;
  }
}

/**
 * The exit code of a brief that was written and needs review: a section failed a check and was withheld
 * from the published formats, or a check of the whole brief failed (too few items). Distinct from 0
 * (published as it stands) and from 1 (an error: nothing written).
 */
export const EXIT_NEEDS_REVIEW = 3;

/**
 * The exit code of `xinzhi publish` when a channel failed after its retries while the others were sent or
 * skipped: distinct from 1 (an error before anything was sent: a bad config, a missing brief.json).
 */
export const EXIT_PUBLISH_FAILED = 4;

/** The one-line text of any thrown value, in the user's language when it is a UserError. */
export function errorLine(err: unknown, lang: Lang = 'zh'): string {
  const text = err instanceof UserError ? (lang === 'en' ? err.en : err.message) : err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * A piece of outside text — a parser's message, a key or a value from a file — as a UserError may quote
 * it: on one line, and cut to `max` characters (…), since a parser may quote the whole bad input back.
 */
export function linePart(text: string, max = 160): string {
  const line = text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
