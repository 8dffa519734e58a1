import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The add form's proof that a preview passed: the preview page carries a token, signed with the desk's key
 * (data/desk.key, csrfKey in app.ts), saying which list address passed, when, and with how many dated links.
 * Adding then needs no second fetch of the site, and a POST cannot claim a preview it never had: the
 * address it adds must be the one signed. The key is the CSRF key's, derived for this one use, so a token of
 * one kind never passes for the other.
 */

/** How long a passing preview lets its address be added without previewing again, in hours. */
export const PREVIEW_TOKEN_HOURS = 24;

/** What a valid token says: when the preview ran and the dated links its check found. */
export interface PreviewPass {
  at: Date;
  datedLinks: number;
}

/** Why a token does not let an address be added: none given; not for this address (or not signed by this desk); too old. */
export type PreviewRefusal = 'missing' | 'other' | 'expired';

/** The key preview tokens are signed with: the desk's key, through HMAC with this use's name. */
function tokenKey(deskKey: Buffer): Buffer {
  return createHmac('sha256', deskKey).update('xinzhi desk: source preview token, v1').digest();
}

function signature(deskKey: Buffer, url: string, atMs: number, datedLinks: number): Buffer {
  return createHmac('sha256', tokenKey(deskKey)).update(`${url}\n${atMs}\n${datedLinks}`).digest();
}

/**
 * The token of a preview of list address `url` (as the entry will be written: URL.href) that passed with
 * `datedLinks` dated links at `at`: `<ms>.<links>.<HMAC-SHA256, base64url>`.
 */
export function previewToken(deskKey: Buffer, url: string, datedLinks: number, at: Date): string {
  return `${at.getTime()}.${datedLinks}.${signature(deskKey, url, at.getTime(), datedLinks).toString('base64url')}`;
}

/**
 * Reads a token posted with an address to add: the preview it stands for, or why it does not count. A
 * token from the future (beyond a minute's clock skew) or older than PREVIEW_TOKEN_HOURS is refused.
 */
export function readPreviewToken(deskKey: Buffer, token: string, url: string, now: Date): { pass: PreviewPass } | { refused: PreviewRefusal } {
  if (token === '') return { refused: 'missing' };
  const match = /^(\d{1,15})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { refused: 'other' };
  const atMs = Number(match[1]);
  const datedLinks = Number(match[2]);
  const given = Buffer.from(match[3]!, 'base64url');
  const expected = signature(deskKey, url, atMs, datedLinks);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { refused: 'other' };
  const age = now.getTime() - atMs;
  if (age < -60_000) return { refused: 'other' };
  if (age > PREVIEW_TOKEN_HOURS * 3600_000) return { refused: 'expired' };
  return { pass: { at: new Date(atMs), datedLinks } };
}
