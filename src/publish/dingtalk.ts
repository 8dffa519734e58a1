/**
 * The DingTalk custom robot (自定义机器人). From its documentation, 自定义机器人接入 / 自定义机器人安全设置
 * (open.dingtalk.com/document/robots/custom-robot-access, …/customize-robot-security-settings):
 * - POST JSON to `https://oapi.dingtalk.com/robot/send?access_token=TOKEN`; the token is the credential,
 *   so the address is a secret;
 * - 加签: append `&timestamp=T&sign=S`, T in **milliseconds** (within an hour of the server's clock), S =
 *   urlEncode(Base64(HMAC-SHA256 with the secret as key over `T + "\n" + secret`)), UTF-8 throughout
 *   (errcode 310000, sign not match, otherwise);
 * - `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`: title is what the chat list shows, text a
 *   Markdown subset (headings, > quotes, **bold**, *italic*, [links](url), ![images](url), lists);
 * - the body may be at most **20 000 bytes** (errcode 460101, "message too long, exceed 20000 bytes");
 *   20 messages a minute per robot (errcode 130101, send too fast: retried after the backoff);
 * - success is `{"errcode":0,"errmsg":"ok"}`, an error another errcode with HTTP 200.
 * Pure functions.
 */
import { createHmac } from 'node:crypto';
import type { Brief } from '../domain/brief.ts';
import { chineseFullDate } from '../util/time.ts';
import { MASK, maskedAddress, robotAnswerFailure, type DeliveryFailure, type HttpAnswer, type PreparedRequest } from './delivery.ts';
import { fullRobotMarkdown, headlinesRobotMarkdown } from './robotMarkdown.ts';
import { fitMessage, plainRobotText, utf8Bytes } from './robotText.ts';

/** The documented limit of the request body, in bytes. */
export const DINGTALK_BODY_MAX_BYTES = 20_000;

/** errcode 130101: sent too fast. */
const transientCodes = new Set([130101]);

/** The signature of 加签 before URL encoding: Base64(HMAC-SHA256(key = secret, `${timestamp}\n${secret}`)); timestamp in milliseconds. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot's address with timestamp and sign added; URLSearchParams URL-encodes the Base64 (+, /, =). */
export function signedAddress(address: URL, timestampMs: number, sign: string): URL {
  const url = new URL(address);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', sign);
  return url;
}

/**
 * The request to the robot at `address` (secret) signed with `secret` at `nowMs` (milliseconds since the
 * epoch). The text is the whole brief when the body fits in 20 000 bytes, else the abstract and headlines
 * with the link. The shown copy masks the address and the sign, and shows the timestamp.
 */
export function dingtalkRequest(brief: Brief, link: string, address: URL, secret: string, nowMs: number): PreparedRequest {
  const title = plainRobotText(`${brief.title} ${chineseFullDate(brief.date)}`);
  const payload = (text: string) => ({ msgtype: 'markdown', markdown: { title, text } });
  const size = (text: string) => utf8Bytes(JSON.stringify(payload(text)));
  const { message: text, form } = fitMessage(fullRobotMarkdown(brief, link), (abstract) => headlinesRobotMarkdown(brief, link, abstract), brief.abstract, size, DINGTALK_BODY_MAX_BYTES);
  const body = JSON.stringify(payload(text));
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  const shown = { url: `${maskedAddress(address)}&timestamp=${nowMs}&sign=${MASK}`, headers, body };
  return { message: { url: signedAddress(address, nowMs, dingtalkSign(secret, nowMs)), headers, body, shown }, form, content: body };
}

/** The robot's answer as a failure (errcode not 0), or null on success. */
export function dingtalkAnswerFailure(answer: HttpAnswer): DeliveryFailure | null {
  return robotAnswerFailure(answer, ['errcode'], ['errmsg'], transientCodes);
}
