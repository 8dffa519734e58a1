import type { Taxonomy } from '../config/schema.ts';
import { createSegmenter, SegmentedText, type Segmenter } from './segment.ts';
import type { Relevance, ThemeHit } from '../domain/candidate.ts';
import { escapeRegExp } from '../util/escape.ts';
import { taiwanAuthorityActs } from './bodies.ts';

/** A keyword in the title says more about a document than one in its body. */
const TITLE_WEIGHT = 3;
/** Repetition in a body adds evidence, with diminishing returns. */
const MAX_BODY_COUNT = 3;
/**
 * A document whose only theme words are everyday ones (无人机 at a light show, 人工智能 in a fraud case)
 * counts half, unless it speaks of policy or industry: at least this many of the taxonomy's context words.
 */
const MIN_CONTEXT_WORDS = 2;
const BROAD_ONLY_FACTOR = 0.5;
/** A title of another genre (a fraud warning, a ban, a show) leaves a quarter of the topic's evidence. */
const DISTRACTOR_FACTOR = 0.25;

/**
 * Occurrences of a keyword that are words of the text: 数据集 counts in 建设行业数据集 but not in
 * 大数据集团, where the segmenter reads 大数据/集团. Latin keywords (AI, OPC, Token) match whole words
 * only, so AI does not match inside MAIL; nor inside a `longer` keyword that holds it (AI in AI+), which
 * counts for itself.
 */
function countOccurrences(segmented: SegmentedText, term: string, longer: readonly string[] = []): number {
  const { text } = segmented;
  const inLonger = (at: number) => longer.some((word) => word !== term && word.includes(term) && text.startsWith(word, at - word.indexOf(term)));
  const latin = /^[A-Za-z][A-Za-z0-9 +]*$/.test(term);
  if (latin) {
    const escaped = escapeRegExp(term);
    return [...text.matchAll(new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`, 'g'))].filter((match) => !inLonger(match.index)).length;
  }
  let count = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) {
    if (segmented.isWord(at, term.length) && !inLonger(at)) count++;
  }
  return count;
}

/** Every word the segmenter must keep whole for the taxonomy to be read: keywords, aliases, the dictionary. */
export function domainWords(taxonomy: Taxonomy): string[] {
  return [...taxonomy.dictionary, ...taxonomy.themes.flatMap((theme) => [...theme.keywords, ...theme.aliases, ...theme.broad])];
}

const segmenters = new WeakMap<Taxonomy, Segmenter>();

/**
 * The segmenter of a taxonomy (createSegmenter over its domainWords), made once per taxonomy object: a run's
 * analysis and its search index, or the desk's searches, cut alike without loading jieba's dictionary twice.
 */
export function taxonomySegmenter(taxonomy: Taxonomy): Segmenter {
  let segmenter = segmenters.get(taxonomy);
  if (!segmenter) {
    segmenter = createSegmenter(domainWords(taxonomy));
    segmenters.set(taxonomy, segmenter);
  }
  return segmenter;
}

/** A taxonomy as scoring reads it: each theme's words, longest first, and the everyday words. */
interface PreparedTaxonomy {
  keywords: Map<string, string[]>;
  broad: Set<string>;
}

// Scoring runs once per story group, tens of thousands a day: the taxonomy is prepared once per taxonomy.
const prepared = new WeakMap<Taxonomy, PreparedTaxonomy>();

function prepare(taxonomy: Taxonomy): PreparedTaxonomy {
  let ready = prepared.get(taxonomy);
  if (!ready) {
    ready = {
      keywords: new Map(taxonomy.themes.map((theme) => [theme.id, [...new Set([...theme.keywords, ...theme.aliases, ...theme.broad])].sort((a, b) => b.length - a.length)])),
      broad: new Set(taxonomy.themes.flatMap((theme) => theme.broad)),
    };
    prepared.set(taxonomy, ready);
  }
  return ready;
}

/** A headline of a meeting still to come: 下周将主持…座谈会, 拟于…召开. */
const preview = /(?:将|拟)[^，,。：:]{0,8}?(?:主持|召开|举行|出席)/;

/** The kinds of document (significance.documentKind) that set policy: what an issuer in scope makes the topic's. */
const POLICY_KINDS = new Set(['条例', '规划', '方案', '指导意见', '指引', '决定']);

/**
 * A story's relevance with the points of its issuer's scope (taxonomy issuerScope) added, when the story is a
 * policy document (kind, as significance names it: 指导意见, 方案…) of a body in scope (origin, its canonical
 * name), or a meeting in scope: a report of a meeting (kind 会议, or the plan it studied) held by one of
 * `issuerScope.meetings.names`, its headline (title, normalised) holding one of its words. The real days'
 * editors picked 9 of the 11 documents of 中共中央 and 中共中央办公厅 whose words scored under the threshold, and ran
 * the Party Centre's meetings on the economy (the Politburo's, the 财经委's, a region's development symposium)
 * though they say little in the topic's words (docs/quality.md). Returns the relevance unchanged otherwise.
 */
export function withIssuerScope(relevance: Relevance, origin: string, kind: string, title: string, taxonomy: Taxonomy): Relevance {
  const scope = taxonomy.issuerScope;
  if (!scope) return relevance;
  const points = (found: NonNullable<Relevance['scope']>): Relevance => ({ ...relevance, score: Math.round((relevance.score + scope.points) * 100) / 100, scope: found });
  if (scope.names.includes(origin) && POLICY_KINDS.has(kind)) return points({ issuer: origin, kind, points: scope.points });
  // A meeting's report, or of the plan it studied (研究“十五五”规划): not a press conference's reading nor other news of
  // it, nor how others study its spirit (社会各界认真学习领会中央经济工作会议精神, days am and cb), nor a preview of
  // one not yet held (路透：习近平下周将主持民营企业座谈会, day aw).
  const meeting = (kind === '会议' || POLICY_KINDS.has(kind)) && !title.includes('精神') && !preview.test(title);
  const word = meeting && scope.meetings?.names.includes(origin) ? scope.meetings.titles.find((w) => title.includes(w)) : undefined;
  return word ? points({ issuer: origin, kind: '会议', points: scope.points, meeting: word }) : relevance;
}

/** One copy of a story as relevance reads it: its title and body, normalised. */
export interface RelevanceCopy {
  title: string;
  body: string;
}

/**
 * How much a document is about the brief's topic, theme by theme, with the evidence: each keyword
 * found and where. A keyword inside a longer one (算力 in 算力券) is no word of its own there (countOccurrences).
 */
export function scoreRelevance(title: string, body: string, taxonomy: Taxonomy, segmenter: Segmenter): Relevance {
  return scoreStoryRelevance([{ title, body }], taxonomy, segmenter);
}

/**
 * How much a story is about the topic, read from all its copies, the representative first: a copy may
 * carry only a part of a document (a mirror cut at its third item) and a report may name what that copy
 * left out, so each keyword counts as often as the copy that has it most, in a title and in a body. A
 * title of another genre is the representative's (its first copy's); context words are any copy's.
 */
export function scoreStoryRelevance(copies: readonly RelevanceCopy[], taxonomy: Taxonomy, segmenter: Segmenter): Relevance {
  const segmented = copies.map((copy) => ({ title: new SegmentedText(copy.title, segmenter), body: new SegmentedText(copy.body, segmenter) }));
  const most = (count: (copy: (typeof segmented)[number]) => number) => segmented.reduce((max, copy) => Math.max(max, count(copy)), 0);
  const { keywords: themeWords, broad } = prepare(taxonomy);
  const themes: ThemeHit[] = [];
  for (const theme of taxonomy.themes) {
    const terms: ThemeHit['terms'] = [];
    let score = 0;
    const keywords = themeWords.get(theme.id)!;
    for (const keyword of keywords) {
      // Occurrences are words of the text, so 机器人 inside 人形机器人 is not one (the segmenter keeps every
      // keyword whole), and 机器人 in 世界机器人大会开幕 counts though the body's 人形机器人 did too (day-aa's
      // headline had scored nothing for its 机器人 when a longer keyword's match skipped the shorter one).
      const inTitle = most((copy) => countOccurrences(copy.title, keyword, keywords));
      const inBody = most((copy) => countOccurrences(copy.body, keyword, keywords));
      if (inTitle + inBody === 0) continue;
      if (inTitle > 0) terms.push({ term: keyword, where: 'title', count: inTitle });
      if (inBody > 0) terms.push({ term: keyword, where: 'body', count: inBody });
      score += (Math.min(inTitle, 1) * TITLE_WEIGHT + Math.min(inBody, MAX_BODY_COUNT)) * theme.weight;
    }
    if (score > 0) themes.push({ themeId: theme.id, themeName: theme.name, score: Math.round(score * 100) / 100, terms });
  }
  themes.sort((a, b) => b.score - a.score || a.themeId.localeCompare(b.themeId));
  const total = themes.reduce((sum, hit) => sum + hit.score, 0);
  const title = copies[0]?.title ?? '';
  const lead = `${title}\n${/^[^。！？\n]*/.exec((copies[0]?.body ?? '').trimStart())![0]}`;
  const distractor = taxonomy.distractors.find((word) => title.includes(word)) ?? taxonomy.distractorLeads.find((word) => lead.includes(word));
  // A discounted score keeps its themes and says why, and by what factor.
  const discounted = (discount: NonNullable<Relevance['discount']>): Relevance => ({ score: Math.round(total * discount.factor * 100) / 100, themes, discount });
  if (distractor && total > 0) return discounted({ why: 'genre', words: distractor, factor: DISTRACTOR_FACTOR });
  const taiwan = taiwanAuthorityActs.exec(lead);
  if (taiwan && total > 0) return discounted({ why: 'taiwan', words: taiwan[0], factor: DISTRACTOR_FACTOR });
  const onlyBroad = themes.length > 0 && themes.every((hit) => hit.terms.every((term) => broad.has(term.term)));
  const context = taxonomy.context.filter((word) => copies.some((copy) => copy.title.includes(word) || copy.body.includes(word)));
  if (onlyBroad && context.length < MIN_CONTEXT_WORDS) {
    const words = [...new Set(themes.flatMap((hit) => hit.terms.map((term) => term.term)))].join('、');
    return discounted({ why: 'everyday', words, context: context.length, factor: BROAD_ONLY_FACTOR });
  }
  return { score: Math.round(total * 100) / 100, themes };
}
