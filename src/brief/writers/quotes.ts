import { chinesePunctuation } from '../../util/normalise.ts';
import { instrumentPattern } from '../../analyze/significance.ts';
import type { Taxonomy } from '../../config/schema.ts';
import { sentenceFindings } from '../untrusted.ts';

/** Words that mark a statement as saying something new or concrete; they weigh more than a theme keyword. */
const salientMarkers = ['首次', '正式', '明确', '探索', '构建', '打造', '至少', '包含', '初显', '迈入', '发放'];

const MIN_QUOTE = 14;
const MAX_QUOTE = 64;
/** Per character: of two spans that say the same, the shorter is the better quote. */
const LENGTH_COST = 0.02;
/** A whole sentence reads better in “ ” than a piece cut out of one… */
const WHOLE_SENTENCE_BONUS = 1;
/** …and a piece that starts where its sentence starts better than one cut from its middle. */
const MID_SENTENCE_COST = 1.5;
/** What may stand before a span in its sentence without the span losing its subject: 座谈会指出，, 其中，. */
const MAX_LEAD_IN = 10;
/** A clause that sets a span's time or condition: the span after it says nothing true without it. */
const condition = /^\s*(?:到|至|截至|预计到?)\s*20\d{2}\s*年(?:底|末)?\s*$/;
/** Share of a span's character pairs that the title holds, above which the span only restates the title. */
const RESTATES_TITLE = 0.6;

/** The distinct pairs of adjacent characters in a text. */
function bigrams(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) pairs.add(text.slice(i, i + 2));
  return pairs;
}

/** Whether a span says little more than the title: most of its character pairs are the title's. */
function restates(span: string, titlePairs: Set<string>): boolean {
  const pairs = bigrams(span);
  let shared = 0;
  for (const pair of pairs) if (titlePairs.has(pair)) shared++;
  return pairs.size > 0 && shared / pairs.size > RESTATES_TITLE;
}

/**
 * Sentences of a text, as spans [start, end): ended by 。！？； or a line, and by their half-width
 * forms, which many official pages use (…服务,制定本方案;).
 */
export function sentenceSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/[^。！？；!?;\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * Clauses of a sentence, as spans [start, end) within it: separated by ，： and their half-width forms,
 * except a comma between digits (1,000).
 */
export function clauseSpans(sentence: string): { start: number; end: number }[] {
  return [...sentence.matchAll(/(?:[^，：,:]|(?<=\d)[,:](?=\d))+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

export interface QuoteCandidate {
  text: string;
  /**
   * Cut out of its sentence after more than a short lead-in (…，用以落实改革安排): it lacks its subject, and
   * is quoted only where the text offers nothing whole.
   */
  fragment: boolean;
  /** Offset in the body: quotes are given in the order of the text and never overlap. */
  at: number;
  score: number;
}

/**
 * Whether a verbatim span can stand in “ ”: the quotations it holds are whole (they are nested as ‘ ’) and it
 * holds no ‘ ’ of its own, defines nothing (以下简称), is not a numbered heading, does not start or end inside a phrase
 * (…的, 和…), and says more than the title does.
 */
/**
 * A verbatim span as it stands inside the brief's “ ”: its own “ ” become ‘ ’, as Chinese typography nests
 * quotation marks, and half-width marks typed by a mirror become Chinese ones (GB/T 15834). The verifier
 * reads both back as the source wrote them.
 */
export function inQuotes(span: string): string {
  return `“${chinesePunctuation(withoutStraySpaces(span)).replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/**
 * A span without the spaces a page typed beside Chinese characters and marks (促进科技创新 ， 助力发展 新质生产力):
 * spacing is the typesetter's, and the verifier reads quotes without whitespace. Spaces between Latin words
 * or figures stay (Token 计价 becomes Token计价; AI Agent stays).
 */
function withoutStraySpaces(span: string): string {
  return span.replace(/\s+(?=[\p{Script=Han}，。、；：！？“”‘’《》（）])|(?<=[\p{Script=Han}，。、；：！？“”‘’《》（）])\s+/gu, '').trim();
}

/** Whether every “ in a span is closed by a ” after it, and no ” comes first: a span that cuts no quotation in two. */
function balancedQuotes(text: string): boolean {
  let open = 0;
  for (const ch of text) {
    if (ch === '“') open++;
    else if (ch === '”' && --open < 0) return false;
  }
  return open === 0;
}

export function worthQuoting(text: string, title: string, titlePairs = bigrams(title)): boolean {
  // A reporter's attribution (人民日报报道，新华社北京8月26日电) and the act of issuing (…印发《…》) are the facts' lead, not the source's words.
  // …nor a leader's article's (中评社北京11月11日电／何立峰同志在人民日报发表文章《…》).
  if (/^[^，,]{0,16}(?:报道|电|讯|获悉|消息)[，,：:\s／/]|^记者|(?:印发|发布|出台|起草)了?《|发表(?:署名)?(?:重要)?文章[《“]/.test(text)) return false;
  // A reporter's framing (文件判断，据介绍) or a connective (同时, 此外, and 且 or 但, which cut off the
  // condition before them: 且日均流量超过30GB的…) opens no quote; a preamble (为贯彻…制定本方案) says nothing.
  if (/^(?:文件|文章|方案|计划|意见|条例|规则|指引|办法|措施|报道|稿件|会议|座谈会|发布会|据|《[^》]{1,12}》)(?:判断|提出|明确|指出|称|介绍|显示|强调|认为|统计|要求|规定|旨在|注意到)|^(?:同时|此外|另外|并且|而且|其中|以及|目的是|且|但|然而|否则)|^(?:近日|日前|近期|今天|今日|昨天|昨日)[，,]/.test(text)) return false;
  if (/^为(?:深入|全面|认真|进一步)*(?:贯彻|落实)|制定本|特制定|现提出|如下$/.test(text)) return false;
  // Nor the guiding ideology every document states (…要以习近平新时代中国特色社会主义思想为指导), nor a line
  // that is a document's own title (北京市经济和信息化局关于印发…实施方案的通知, day-n).
  if (/以习近平新时代中国特色社会主义思想为指导|^[^，。；]{0,40}关于[^，。；]{4,80}的(?:通知|意见|决定|公告|批复|函)$/.test(text)) return false;
  // Nor a transmittal's formula (现将《…》印发给你们，请认真遵照执行), a host's welcome (我们非常高兴邀请到…),
  // an article's number (第二条 本办法适用于…) or the law a text rests on (根据《中华人民共和国数据安全法》).
  // Nor an enumeration's step (二是发挥财政性资金的引导作用) or a report's dated lead (1月3日，…正式对外公布).
  if (/印发给你们|请(?:认真)?(?:遵照|贯彻)?执行|请结合实际|^我们(?:非常)?高兴|^欢迎|^第[一二三四五六七八九十百]+条|^(?:根据|依据|按照)《[^》]+》$|^[一二三四五六七八九十]+是|^\d{1,2}月\d{1,2}日[，,]/.test(text)) return false;
  return balancedQuotes(text) && !/[‘’]|以下简称/.test(text) && !/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．]|\d+\.(?!\d))/.test(text) && !title.includes(text) && !/^[的和与及并或、]|[的和与及、]$/.test(text) && !restates(text, titlePairs);
}

/**
 * Verbatim spans worth quoting: runs of whole clauses within one sentence, scored by theme keywords,
 * markers of novelty and named instruments, less a cost for length. Every span is a substring of the
 * body. Left out: spans holding “ ” (a quote cannot nest the marks that delimit it), spans the title
 * already says, and definitions (以下简称).
 */
export function quoteCandidates(body: string, title: string, taxonomy: Taxonomy): QuoteCandidate[] {
  const keywords = [...new Set(taxonomy.themes.flatMap((t) => t.keywords))];
  const titlePairs = bigrams(title);
  const candidates: QuoteCandidate[] = [];
  for (const span of sentenceSpans(body)) {
    const sentence = body.slice(span.start, span.end);
    // A preamble (为…，现提出如下意见) says why the text exists, not what it says; an attachment line or a lead-in is no statement.
    if (/^附件|[：:]$/.test(sentence.trim()) || /制定本|现提出|现就|特制定|提出如下|制定如下/.test(sentence)) continue;
    // A contact line, a call to the reader or a sentence planted for a model is no statement of policy,
    // and the verifier refuses it in any sentence of the brief (untrusted.ts).
    if (sentenceFindings(sentence).length > 0) continue;
    const sentenceText = sentence.trimEnd();
    const clauses = clauseSpans(sentence);
    for (let first = 0; first < clauses.length; first++) {
      // 我国全面步入智能经济新阶段 is not what the source says: it says so 到2035年.
      if (first > 0 && condition.test(sentence.slice(clauses[first - 1]!.start, clauses[first - 1]!.end))) continue;
      for (let last = first; last < clauses.length; last++) {
        const start = clauses[first]!.start;
        const end = clauses[last]!.end;
        const text = sentence.slice(start, end);
        if (text.length > MAX_QUOTE) break;
        if (text.length < MIN_QUOTE || !worthQuoting(text, title, titlePairs)) continue;
        const themeHits = keywords.filter((k) => text.includes(k)).length;
        if (themeHits === 0) continue;
        const markerHits = salientMarkers.filter((m) => text.includes(m)).length;
        const instruments = new Set(text.match(instrumentPattern) ?? []).size;
        const whole = first === 0 && end >= sentenceText.length ? WHOLE_SENTENCE_BONUS : 0;
        const cut = first === 0 ? 0 : MID_SENTENCE_COST;
        const score = themeHits + markerHits * 1.5 + instruments + whole - cut - text.length * LENGTH_COST;
        const fragment = sentence.slice(0, start).replace(/[\s，,：:]+$/, '').trim().length > MAX_LEAD_IN;
        candidates.push({ text, at: span.start + start, score, fragment });
      }
    }
  }
  return candidates;
}

/** Whether two spans share a run of eight characters or more: one says in part what the other does. */
export function overlaps(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 8) return long.includes(short);
  for (let i = 0; i + 8 <= short.length; i++) if (long.includes(short.slice(i, i + 8))) return true;
  return false;
}

/** The best quotes (at most `max`), in the order they stand in the text, never overlapping; fragments only where nothing whole is offered. */
export function chooseQuotes(body: string, title: string, taxonomy: Taxonomy, max = 2): string[] {
  const all = quoteCandidates(body, title, taxonomy);
  const whole = all.filter((c) => !c.fragment);
  const ranked = (whole.length > 0 ? whole : all).sort((a, b) => b.score - a.score || a.at - b.at);
  const chosen: QuoteCandidate[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= max) break;
    // Nor the same words met again further on (a page that repeats a paragraph).
    const overlaps = chosen.some((c) => (candidate.at < c.at + c.text.length && c.at < candidate.at + candidate.text.length) || c.text.includes(candidate.text) || candidate.text.includes(c.text));
    if (!overlaps) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.at - b.at).map((c) => c.text);
}
