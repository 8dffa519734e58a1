/**
 * The WeCom (企业微信) group robot. From its documentation, 群机器人配置说明
 * (developer.work.weixin.qq.com/document/path/91770):
 * - POST JSON to the robot's webhook address `…/cgi-bin/webhook/send?key=KEY`; the key is the only
 *   credential (no signing), so the whole address is kept as a secret;
 * - `{"msgtype":"markdown","markdown":{"content":…}}`, content at most **4096 bytes** of UTF-8 (longer is
 *   refused with errcode 40058 "markdown.content exceed max length 4096");
 * - its Markdown is a subset: headings (# to ######), **bold**, [links](url), `code`, > quotes, and
 *   <font color="info|comment|warning">; `<@userid>` mentions a member (markdownRobotText makes none of
 *   these possible in the brief's text);
 * - the answer is `{"errcode":0,"errmsg":"ok"}`, an error another errcode with HTTP 200; at most 20
 *   messages a minute per robot (errcode 45009, api freq out of limit: retried after the backoff).
 * Pure functions.
 */
import type { Brief } from '../domain/brief.ts';
import { maskedAddress, robotAnswerFailure, type DeliveryFailure, type HttpAnswer, type PreparedRequest } from './delivery.ts';
import { fullRobotMarkdown, headlinesRobotMarkdown } from './robotMarkdown.ts';
import { fitMessage, utf8Bytes, type MessageForm } from './robotText.ts';

/** The documented limit of `markdown.content`, in bytes of UTF-8. */
export const WECOM_CONTENT_MAX_BYTES = 4096;

/** errcode 45009: the robot's rate limit (20 messages a minute). */
const transientCodes = new Set([45009]);

/** The WeCom message's body for a brief: the whole brief when it fits in 4096 bytes, else the abstract and headlines with the link. */
export function wecomPayload(brief: Brief, link: string): { payload: { msgtype: 'markdown'; markdown: { content: string } }; form: MessageForm } {
  const { message, form } = fitMessage(fullRobotMarkdown(brief, link), (abstract) => headlinesRobotMarkdown(brief, link, abstract), brief.abstract, utf8Bytes, WECOM_CONTENT_MAX_BYTES);
  return { payload: { msgtype: 'markdown', markdown: { content: message } }, form };
}

/** The request to the robot at `address` (the secret webhook URL) carrying the brief. */
export function wecomRequest(brief: Brief, link: string, address: URL): PreparedRequest {
  const { payload, form } = wecomPayload(brief, link);
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  return { message: { url: address, headers, body, shown: { url: maskedAddress(address), headers, body } }, form, content: body };
}

/** The robot's answer as a failure, or null when errcode is 0. */
export function wecomAnswerFailure(answer: HttpAnswer): DeliveryFailure | null {
  return robotAnswerFailure(answer, ['errcode'], ['errmsg'], transientCodes);
}
