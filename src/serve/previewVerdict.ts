import type { EntryCheck } from '../pipeline/sourceCheck.ts';
import type { Lang } from '../util/i18n.ts';
import { sourcesText, type SourcesWord } from './sourcesText.ts';

/**
 * What the add form's preview says about the check of its address, for an editor: a head (通过检查, 无法访问,
 * 内网地址，不予访问 …), one sentence, and a technical line (error code, the address that failed) shown small.
 * The check's own `detail` opens with the words of its finding (域名无法解析：host（ENOTFOUND，…）), so the
 * head is never the finding's name followed by that detail: the sentence is written here for the network
 * and private findings, and the detail follows a head that does not repeat it for the others.
 */
export interface PreviewVerdict {
  /** ok: green; fail: red. */
  tone: 'ok' | 'fail';
  head: string;
  sentence: string;
  /** Error code and the address it happened at; null when the sentence says all. */
  technical: string | null;
}

/** The host an entry's failure happened at: the failing address's (robots.txt, a redirect's target) or the entry's. */
function failedHost(check: EntryCheck): string {
  return new URL(check.failedAt ?? check.url).hostname.replace(/^\[|\]$/g, '');
}

/** The technical line: the parts given, or null when there are none. */
function technical(lang: Lang, parts: (string | null | undefined)[]): string | null {
  const given = parts.filter((part): part is string => typeof part === 'string' && part !== '');
  return given.length === 0 ? null : sourcesText(lang, 'technical', given.join(lang === 'en' ? ', ' : '，'));
}

/**
 * The verdict on a preview's check in `lang`. The desk cannot set `allowPrivate`, so a private address says
 * that the desk previews public sites only and who configures a LAN site, not the catalog key to set.
 */
export function previewVerdict(check: EntryCheck, lang: Lang): PreviewVerdict {
  const say = (key: SourcesWord, ...args: (string | number)[]) => sourcesText(lang, key, ...args);
  const at = check.failedAt ? say('technical.at', check.failedAt) : null;
  switch (check.finding) {
    case 'ok':
      return { tone: 'ok', head: say('verdict.ok'), sentence: check.detail, technical: null };
    case 'dns':
    case 'connect':
    case 'timeout':
    case 'tls': {
      const plain = check.plainHttp?.finding === 'ok' ? say('say.plainHttp', check.plainHttp.url, check.plainHttp.datedLinks) : '';
      return { tone: 'fail', head: say('verdict.unreachable'), sentence: say(`say.${check.finding}`, failedHost(check)) + plain, technical: technical(lang, [check.code, at]) };
    }
    case 'private':
      return { tone: 'fail', head: say('verdict.private'), sentence: say('say.private', failedHost(check)), technical: technical(lang, [check.address ?? say('technical.resolves'), at ?? say('technical.at', check.url)]) };
    case 'disallowed':
      return { tone: 'fail', head: say('verdict.disallowed'), sentence: say('say.disallowed'), technical: technical(lang, [at]) };
    case 'http':
    case 'challenge':
    case 'empty':
    case 'error':
      return { tone: 'fail', head: say(`verdict.${check.finding}`), sentence: check.detail, technical: null };
  }
}
