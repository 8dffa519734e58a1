/**
 * The generic webhook: a JSON summary of the issue with the link to it, signed so the receiver can tell it
 * came from this brief's operator. The scheme is GitHub's webhook signature: `X-Xinzhi-Signature:
 * sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`, checked by the receiver over the bytes it
 * received, before parsing. The time sent is in the `X-Xinzhi-Timestamp` header (seconds since the epoch)
 * and, the same, in the signed body, so a replayed body cannot be given a fresh time. The receiver must
 * treat every string of the summary as text (it comes from scraped pages). Any 2xx is success. Pure functions.
 */
import { createHmac } from 'node:crypto';
import type { Brief } from '../domain/brief.ts';
import { MASK, maskedAddress, statusFailure, type DeliveryFailure, type HttpAnswer, type PreparedRequest } from './delivery.ts';

/** The header carrying `sha256=<hex HMAC of the raw body>`. */
export const SIGNATURE_HEADER = 'x-xinzhi-signature';
/** The header carrying the time sent, seconds since the epoch (also `timestamp` in the body). */
export const TIMESTAMP_HEADER = 'x-xinzhi-timestamp';

/** The summary sent: the masthead, abstract, headlines and the full issue's address. */
export interface WebhookSummary {
  event: 'issue.published';
  date: string;
  title: string;
  publisher: string;
  abstract: string;
  items: { n: number; headline: string; themes: string[] }[];
  /** The full issue: <linkBase>/<date>/brief.html. */
  link: string;
}

/** The brief's summary for a webhook. */
export function webhookSummary(brief: Brief, link: string): WebhookSummary {
  return {
    event: 'issue.published',
    date: brief.date,
    title: brief.title,
    publisher: brief.publisher,
    abstract: brief.abstract,
    items: brief.items.map((item) => ({ n: item.n, headline: item.headline, themes: item.themes })),
    link,
  };
}

/** `sha256=` and the hex HMAC-SHA256 of the raw body with the secret as key. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The signed request to `address` (secret) at `nowMs` (milliseconds since the epoch; the headers take seconds). */
export function webhookRequest(brief: Brief, link: string, address: URL, secret: string, nowMs: number): PreparedRequest {
  const timestamp = Math.floor(nowMs / 1000);
  const summary = webhookSummary(brief, link);
  const body = JSON.stringify({ ...summary, timestamp });
  const headers = { 'content-type': 'application/json; charset=utf-8', [TIMESTAMP_HEADER]: String(timestamp), 'x-xinzhi-event': summary.event };
  const shown = { url: maskedAddress(address), headers: { ...headers, [SIGNATURE_HEADER]: `sha256=${MASK}` }, body };
  return { message: { url: address, headers: { ...headers, [SIGNATURE_HEADER]: webhookSignature(secret, body) }, body, shown }, form: 'summary', content: JSON.stringify(summary) };
}

/** The receiver's answer as a failure (not 2xx), or null. */
export function webhookAnswerFailure(answer: HttpAnswer): DeliveryFailure | null {
  return statusFailure(answer);
}
