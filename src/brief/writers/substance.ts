import { instrumentPattern } from '../../analyze/significance.ts';
import { sentenceFindings } from '../untrusted.ts';
import { clauseSpans, overlaps, sentenceSpans, worthQuoting } from './quotes.ts';

/**
 * What an analysis can say from a source's own words: its quantified targets with their years, the
 * instruments it names and the clause that names them, its scope, and a clause marked as new. Every
 * string is a verbatim substring of the body, so a sentence built on it states only what the source does.
 */
export interface Substance {
  /** Clauses from 到20XX年 on that carry a figure: 到2027年，…普及率超70%. */
  targets: string[];
  /** Instruments named: 算力券, 模型券. */
  instruments: string[];
  /** The first clause naming an instrument or an amount (…发放1000万元算力券). */
  instrumentClause: string | null;
  /** Scope phrases: 6大重点行动, 覆盖12个行业, 16条措施. */
  scope: string[];
  /** A clause marked as new (首次, 正式, 首个…). */
  novelty: string | null;
  /** A clause in which the source says what the step is for or what it changes (有利于, 旨在, 标志着…). */
  purpose: string | null;
}

const MAX_CLAUSE = 56;
/** The body's sentences that may stand in a brief: not an address, a call to the reader or a planted instruction (untrusted.ts). */
const sentences = (body: string) => sentenceSpans(body).map((s) => body.slice(s.start, s.end).trim()).filter((s) => s !== '' && sentenceFindings(s).length === 0);

/** A clause cut at a comma so that it stays within MAX_CLAUSE characters; null when no cut leaves one long enough. */
function clauseWithin(text: string, min = 10): string | null {
  if (text.length <= MAX_CLAUSE) return text.length >= min ? text : null;
  const cut = Math.max(...clauseSpans(text).map((c) => c.end).filter((end) => end <= MAX_CLAUSE), 0);
  return cut >= min ? text.slice(0, cut) : null;
}

/** The first clause of a sentence that passes `test`, with the one before it, as the sentence writes them (its own comma kept). */
function withPrevious(sentence: string, test: (clause: string) => boolean): { pair: string; alone: string } | null {
  const clauses = clauseSpans(sentence);
  const at = clauses.findIndex((c) => test(sentence.slice(c.start, c.end)));
  if (at < 0) return null;
  const from = clauses[Math.max(0, at - 1)]!.start;
  return { pair: sentence.slice(from, clauses[at]!.end), alone: sentence.slice(clauses[at]!.start, clauses[at]!.end) };
}

const target = /到\s*20\d{2}\s*年/;
const amount = /\d+(?:\.\d+)?\s*(?:亿|万)?元/;
const scopePatterns = [
  /(?:覆盖|涵盖|涉及)[^，。；、]{0,8}?\d+个[^，。；、\d]{1,6}/g,
  /(?:\d+|[一二三四五六七八九十]+)(?:大|项|条|个方面)(?:重点|重大|具体)?(?:行动|任务|举措|措施|工程|政策)/g,
];
const noveltyMarkers = /首次|首个|首批|正式|试行|填补/;
const purposeMarkers = /有利于|有助于|旨在|标志着|意味着|为.{2,16}提供|助力/;

/** The substance of a source body, leaving out spans already quoted and spans that only restate the title. */
export function substanceOf(body: string, title: string, alreadyQuoted: readonly string[] = []): Substance {
  const fresh = (text: string) => worthQuoting(text, title) && !alreadyQuoted.some((q) => overlaps(q, text));
  const all = sentences(body);
  const targets: string[] = [];
  for (const sentence of all) {
    const at = sentence.search(target);
    if (at < 0) continue;
    const clause = clauseWithin(sentence.slice(at));
    // A target has a figure besides its year.
    if (!clause || !/\d/.test(clause.replace(target, ''))) continue;
    if (fresh(clause) && targets.length < 2) targets.push(clause);
  }
  const instruments = [...new Set(body.match(instrumentPattern) ?? [])];
  let instrumentClause: string | null = null;
  for (const sentence of all) {
    const found = withPrevious(sentence, (c) => new RegExp(instrumentPattern.source).test(c) || amount.test(c));
    if (!found) continue;
    const clause = clauseWithin(found.pair) ?? clauseWithin(found.alone, 6);
    if (clause && fresh(clause)) {
      instrumentClause = clause;
      break;
    }
  }
  // Counts of one kind met twice (3项任务 in one part, 7项任务 in another) are parts, not the whole: neither is the scope.
  const counted = [...new Set(scopePatterns.flatMap((pattern) => body.match(pattern) ?? []))];
  const unitOf = (span: string) => span.replace(/^[^\d一二三四五六七八九十]*(?:\d+|[一二三四五六七八九十]+)/, '');
  const scope = counted.filter((span) => counted.filter((other) => unitOf(other) === unitOf(span)).length === 1).slice(0, 3);
  // The clause that holds the marker, with the one before it: 为经济回升提供支撑 needs what it is said of.
  const clauseWith = (marker: RegExp) => {
    for (const sentence of all) {
      const found = withPrevious(sentence, (c) => marker.test(c));
      const clause = found ? (clauseWithin(found.pair) ?? clauseWithin(found.alone)) : null;
      if (clause && fresh(clause)) return clause;
    }
    return null;
  };
  return { targets, instruments, instrumentClause, scope, novelty: clauseWith(noveltyMarkers), purpose: clauseWith(purposeMarkers) };
}
