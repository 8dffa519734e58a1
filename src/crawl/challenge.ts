import { load } from 'cheerio';

/**
 * The forms of "prove you run JavaScript" pages that Chinese government sites answer a plain HTTP client
 * with instead of the page asked for:
 * - `rivers`: 瑞数 (Rivers Security): an inline `$_ts=window['$_ts']` … `$_ts.cd=` script, or the
 *   `<meta id="9DhefwqGPrzGxEp9hPaoag">` of older versions; usually HTTP 412 or 202, sometimes 200;
 * - `jiasule`: 加速乐 (Knownsec): a script writing the `__jsl_clearance` cookie; usually HTTP 521;
 * - `aliyun-waf`: Alibaba Cloud WAF: a script computing the `acw_sc__v2` cookie from `var arg1='…'`;
 * - `wzws`: 360 网站卫士: the `wzwschallenge` / `wzwsconfirm` script;
 * - `yunsuo`: 云锁: the `yunsuo_session_verify` / `security_verify_data` check;
 * - `cloudflare`: the `cf-mitigated: challenge` header or the challenge platform script;
 * - `cookie-script`: any page with almost no text whose script sets `document.cookie` and reloads or moves
 *   to another address (how these services and home-made checks all work);
 * - `script-status`: HTTP 202, 412 or 521 — the statuses these services answer with — whose body is a
 *   script and almost no text;
 * - `enable-js`: a page with almost no text that asks to turn JavaScript on (请开启JavaScript).
 */
export type ChallengeForm = 'rivers' | 'jiasule' | 'aliyun-waf' | 'wzws' | 'yunsuo' | 'cloudflare' | 'cookie-script' | 'script-status' | 'enable-js';

export interface Challenge {
  form: ChallengeForm;
  /** What gave the page away ($_ts, __jsl_clearance, HTTP 412 …), for the report. */
  mark: string;
}

/** The marks of named services in a page's markup: strings their scripts need, so no real list carries them. */
const serviceMarks: { form: ChallengeForm; mark: string; pattern: RegExp }[] = [
  { form: 'rivers', mark: '$_ts', pattern: /\$_ts\s*=\s*window\[\s*['"]\$_ts['"]\s*\]|\$_ts\.(?:nsd|cd)\s*=/ },
  { form: 'rivers', mark: 'meta 9DhefwqGPrzGxEp9hPaoag', pattern: /\bid\s*=\s*["']?9DhefwqGPrzGxEp9hPaoag\b/ },
  { form: 'jiasule', mark: '__jsl_clearance', pattern: /__jsl_clearance/ },
  { form: 'aliyun-waf', mark: 'acw_sc__v2', pattern: /acw_sc__v2|\bvar\s+arg1\s*=\s*['"][0-9A-F]{40}['"]/i },
  { form: 'wzws', mark: 'wzwschallenge', pattern: /wzwschallenge|wzwsconfirm|WZWS_CONFIRM_PREFIX_LABEL/ },
  { form: 'yunsuo', mark: 'yunsuo_session_verify', pattern: /yunsuo_session_verify|security_verify_data/ },
  { form: 'cloudflare', mark: 'cdn-cgi/challenge-platform', pattern: /\/cdn-cgi\/challenge-platform\/|window\._cf_chl_opt/ },
];

/** The statuses anti-bot services answer a first visit with: 202 and 412 (瑞数), 521 (加速乐). */
const challengeStatuses = new Set([202, 412, 521]);

/** Visible text shorter than this is "almost none": a challenge page shows nothing, or one line. */
const TINY_TEXT = 300;

const setsCookie = /\bdocument\.cookie\s*=/;
const movesOn = /\blocation\s*\.\s*(?:reload|replace|assign)\s*\(|\blocation(?:\s*\.\s*href)?\s*=[^=]|\bwindow\s*\.\s*location\s*=[^=]/;
const asksForScript = /(?:请|需要|须|必须)\s*(?:您\s*)?(?:开启|启用|打开|允许|支持)\s*(?:浏览器(?:的)?\s*)?(?:JavaScript|JS|脚本)|(?:enable|turn\s+on)\s+JavaScript/i;

/**
 * Whether a response is a JavaScript challenge or cookie check instead of the page asked for, and which
 * form (see ChallengeForm). Named services are recognised by the marks their scripts need wherever the
 * page stands; the generic forms only on a page with almost no visible text, so a real page that sets a
 * cookie or mentions JavaScript is never one. Meant for a page that gave no links: a page with its links
 * and a service's script beside them was served, whatever the script does.
 */
export function detectChallenge(status: number, headers: Record<string, string>, html: string): Challenge | null {
  if (headers['cf-mitigated']?.toLowerCase() === 'challenge') return { form: 'cloudflare', mark: 'cf-mitigated: challenge' };
  for (const { form, mark, pattern } of serviceMarks) if (pattern.test(html)) return { form, mark };
  const $ = load(html);
  const scripts = $('script').toArray().map((script) => $(script).text()).join('\n');
  const hasScript = $('script').length > 0;
  const notice = $('noscript').text();
  $('script, style, noscript, template').remove();
  const text = $.root().text().replace(/\s+/g, '');
  if (text.length >= TINY_TEXT) return null;
  if (setsCookie.test(scripts) && movesOn.test(scripts)) return { form: 'cookie-script', mark: 'document.cookie' };
  if (challengeStatuses.has(status) && hasScript) return { form: 'script-status', mark: `HTTP ${status}` };
  // An application shell prints "enable JavaScript" inside <noscript> and answers 200: that page is built
  // by its script (an empty list, not a challenge). Printed as the page itself, or with an error status, it
  // is the check.
  if (asksForScript.test(text) || (status !== 200 && asksForScript.test(notice))) return { form: 'enable-js', mark: '请开启 JavaScript' };
  return null;
}
