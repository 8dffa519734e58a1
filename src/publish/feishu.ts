/**
 * The Feishu / Lark custom bot (自定义机器人). From its documentation, 自定义机器人使用指南
 * (open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, also open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN):
 * - POST JSON to `…/open-apis/bot/v2/hook/<id>`; the id is the credential, so the address is a secret;
 * - 签名校验: `timestamp` (seconds, within an hour of the server's clock) and `sign` go in the body; sign is
 *   Base64 of HMAC-SHA256 whose **key** is `timestamp + "\n" + secret` over an **empty** message (code
 *   19021 "sign match fail or timestamp is not within one hour from current time" otherwise);
 * - the request body may be at most **20 KB** (code 9499 Bad Request otherwise); 100 requests a minute and
 *   5 a second per bot (code 11232, frequency limited: retried after the backoff);
 * - success is `{"code":0,"msg":"success"}` (older answers carry `StatusCode` 0), an error another code.
 * The brief goes as a `post` (富文本): a title and paragraphs of `text` elements, which the client shows as
 * plain text (no Markdown is read in them), and one `a` element, the link to the full issue. Pure functions.
 */
import { createHmac } from 'node:crypto';
import type { Brief } from '../domain/brief.ts';
import { chineseFullDate } from '../util/time.ts';
import { MASK, maskedAddress, robotAnswerFailure, type DeliveryFailure, type HttpAnswer, type PreparedRequest } from './delivery.ts';
import { fitMessage, numberedHeadline, plainRobotText as p, utf8Bytes } from './robotText.ts';

/** The documented limit of the request body; read as 20 000 bytes, the stricter reading of "20 KB". */
export const FEISHU_BODY_MAX_BYTES = 20_000;

/** code 11232: frequency limited. */
const transientCodes = new Set([11232]);

type PostElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string };
/** The `post` content: a title and paragraphs, each a list of elements. */
export interface FeishuPost {
  msg_type: 'post';
  content: { post: { zh_cn: { title: string; content: PostElement[][] } } };
}

/** The signature of 签名校验: Base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, empty message)); timestamp in seconds. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

const text = (value: string): PostElement => ({ tag: 'text', text: p(value) });

function post(brief: Brief, paragraphs: PostElement[][], link: string): FeishuPost {
  const title = p(`${brief.title} ${chineseFullDate(brief.date)}`);
  const content = [[text(brief.publisher)], ...paragraphs, [{ tag: 'a' as const, text: '阅读全文', href: link }]];
  return { msg_type: 'post', content: { post: { zh_cn: { title, content } } } };
}

/** The whole brief as a post: the abstract, each section's headline and paragraphs. */
export function fullFeishuPost(brief: Brief, link: string): FeishuPost {
  const sections = brief.items.flatMap((item) => [[text(numberedHeadline(item.n, item.headline))], ...item.paragraphs.map((paragraph) => [text(paragraph)])]);
  return post(brief, [[text(`摘要：${brief.abstract}`)], ...sections], link);
}

/** The short post: the abstract given (whole or cut) and the headlines. */
export function headlinesFeishuPost(brief: Brief, link: string, abstract: string): FeishuPost {
  return post(brief, [[text(`摘要：${abstract}`)], [text('本期要目')], ...brief.items.map((item) => [text(numberedHeadline(item.n, item.headline))])], link);
}

/** The signed body: timestamp and sign first, then the post, as the documentation's examples write it. */
function signedBody(payload: FeishuPost, timestamp: string, sign: string): string {
  return JSON.stringify({ timestamp, sign, ...payload });
}

/**
 * The request to the bot at `address` (secret) signed with `secret` at `nowMs` (milliseconds since the
 * epoch; the signature takes whole seconds). The post is the whole brief when the body fits in 20 000
 * bytes, else the abstract and headlines with the link. The shown copy masks the address and the sign.
 */
export function feishuRequest(brief: Brief, link: string, address: URL, secret: string, nowMs: number): PreparedRequest {
  const timestamp = Math.floor(nowMs / 1000);
  const sign = feishuSign(secret, timestamp);
  const size = (payload: FeishuPost) => utf8Bytes(signedBody(payload, String(timestamp), sign));
  const { message: payload, form } = fitMessage(fullFeishuPost(brief, link), (abstract) => headlinesFeishuPost(brief, link, abstract), brief.abstract, size, FEISHU_BODY_MAX_BYTES);
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  const body = signedBody(payload, String(timestamp), sign);
  const shown = { url: maskedAddress(address), headers, body: signedBody(payload, String(timestamp), MASK) };
  return { message: { url: address, headers, body, shown }, form, content: JSON.stringify(payload) };
}

/** The bot's answer as a failure (code, else StatusCode, not 0), or null on success. */
export function feishuAnswerFailure(answer: HttpAnswer): DeliveryFailure | null {
  return robotAnswerFailure(answer, ['code', 'StatusCode'], ['msg', 'StatusMessage'], transientCodes);
}
