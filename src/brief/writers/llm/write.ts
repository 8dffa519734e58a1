import type { Candidate } from '../../../domain/candidate.ts';
import type { SourceDirectory } from '../../../analyze/origin.ts';
import type { Config } from '../../../config/schema.ts';
import type { Brief, BriefItem, Check } from '../../../domain/brief.ts';
import { quotedSpans, verifyAbstract, verifyItem, type KnownBody, type SourceRecord } from '../../verify.ts';
import { askChat, ChatError, type ChatMessage, type ChatReply, type ChatSettings } from './chat.ts';
import { abstractPrompt, correctionMessages, parseAbstract, parseSection, storyPrompt, systemPrompt } from './prompt.ts';

export type LlmSettings = NonNullable<Config['writer']['llm']>;

/**
 * What the model is asked to correct: the failed checks only. verifyItem also returns a passed check for
 * a quote matched once its traditional source was converted, which is a record, not a fault.
 */
export function findingsOf(checks: readonly Check[]): string[] {
  return checks.filter((check) => !check.ok).map((check) => check.detail);
}

export interface LlmContext {
  directory: SourceDirectory;
  brief: Config['brief'];
  sourceOf: (url: string) => SourceRecord | undefined;
  /** The API key, read from the environment by the caller. */
  apiKey: string | undefined;
  /** The taxonomy's theme names, which the abstract may give in “ ” (verifyAbstract). */
  themes: readonly string[];
}

type Fallback = NonNullable<Brief['stats']['llm']>['fallbacks'][number];

/**
 * A section as the model wrote it, with the quotes it holds, citing what the draft cited: the model gives
 * text only, and its number, references, tier and themes are the draft's, whatever else it answers.
 */
function sectionItem(draft: BriefItem, headline: string, paragraphs: string[]): BriefItem {
  const ref = draft.refs[0]!;
  return { ...draft, headline, paragraphs, quotes: [...new Set(quotedSpans(paragraphs.join('\n')))].map((text) => ({ text, ref })) };
}

/**
 * Asks the model, checks the answer, and asks once more with the findings when it fails; gives the
 * reason when the call fails or the second answer fails too.
 */
async function askChecked<T>(
  chat: ChatSettings,
  messages: ChatMessage[],
  read: (content: string) => T,
  check: (value: T) => string[],
  onCall: (reply: ChatReply | null) => void,
): Promise<{ value: T } | { reason: string }> {
  let findings: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    let reply: ChatReply;
    try {
      reply = await askChat(chat, messages, onCall);
    } catch (err) {
      if (err instanceof ChatError) return { reason: err.message };
      throw err;
    }
    try {
      const value = read(reply.content);
      findings = check(value);
      if (findings.length === 0) return { value };
    } catch (err) {
      findings = [(err as Error).message];
    }
    messages.push(...correctionMessages(reply.content, findings));
  }
  return { reason: `checks failed twice: ${findings.join('; ')}` };
}

/**
 * One section by the model, checked by the verifier against the sources it cites and against `others`,
 * the brief's other sections as they stand (a near-copy of one is refused).
 */
async function writeSection(
  candidate: Candidate,
  draft: BriefItem,
  draftBrief: Brief,
  others: readonly BriefItem[],
  chat: ChatSettings,
  settings: LlmSettings,
  context: LlmContext,
  bodies: readonly KnownBody[],
  onCall: (reply: ChatReply | null) => void,
) {
  const references = new Map(draftBrief.references.map((reference) => [reference.id, reference]));
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(context.brief) },
    { role: 'user', content: storyPrompt(candidate, draft, context.directory, settings.maxSourceChars) },
  ];
  return askChecked(
    chat,
    messages,
    (content) => {
      const section = parseSection(content);
      return sectionItem(draft, section.headline, section.paragraphs);
    },
    (item) => findingsOf(verifyItem(item, references, context.sourceOf, bodies, { others })),
    onCall,
  );
}

/**
 * The abstract by the model, from the sections as written. It is checked as the verifier checks the
 * abstract of every brief (verifyAbstract): as a section citing every reference.
 */
async function writeAbstract(brief: Brief, chat: ChatSettings, context: LlmContext, bodies: readonly KnownBody[], onCall: (reply: ChatReply | null) => void) {
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(context.brief) },
    { role: 'user', content: abstractPrompt(brief) },
  ];
  return askChecked(chat, messages, parseAbstract, (abstract) => findingsOf(verifyAbstract(abstract, brief.items, brief.references, context.sourceOf, bodies, context.themes)), onCall);
}

/**
 * Rewrites the sections and the abstract of an extractive brief with a model behind an OpenAI-compatible
 * API. References, and every part the model could not write to the verifier's satisfaction, stay as the
 * extractive writer made them; what happened is recorded in `stats.llm`.
 */
export async function rewriteWithLlm(draftBrief: Brief, candidates: readonly Candidate[], settings: LlmSettings, context: LlmContext): Promise<Brief> {
  const usage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  const onCall = (reply: ChatReply | null) => {
    usage.calls++;
    usage.promptTokens += reply?.promptTokens ?? 0;
    usage.completionTokens += reply?.completionTokens ?? 0;
  };
  const items: BriefItem[] = [];
  const fallbacks: Fallback[] = [];
  const chat: ChatSettings = { ...settings, apiKey: context.apiKey };
  const bodies = context.directory.knownBodies();
  for (const [i, draft] of draftBrief.items.entries()) {
    // The sections written so far as they stand, and the drafts of those to come.
    const others = [...items, ...draftBrief.items.slice(i + 1)];
    const written = await writeSection(candidates[i]!, draft, draftBrief, others, chat, settings, context, bodies, onCall);
    if ('value' in written) items.push(written.value);
    else {
      items.push(draft);
      fallbacks.push({ item: draft.n, reason: written.reason });
    }
  }
  const abstract = await writeAbstract({ ...draftBrief, items }, chat, context, bodies, onCall);
  if ('reason' in abstract) fallbacks.push({ item: null, reason: `abstract: ${abstract.reason}` });
  const { prices } = settings;
  const cost = (usage.promptTokens * prices.inputPerMillion + usage.completionTokens * prices.outputPerMillion) / 1_000_000;
  return {
    ...draftBrief,
    abstract: 'value' in abstract ? abstract.value : draftBrief.abstract,
    items,
    writer: fallbacks.length === items.length + 1 ? 'extractive' : `llm:${settings.model}`,
    stats: { ...draftBrief.stats, llm: { model: settings.model, ...usage, cost: Math.round(cost * 1e6) / 1e6, currency: prices.currency, fallbacks } },
  };
}

/**
 * One section of `brief` (number `n`) written again by the model for the editor's desk, from its story
 * `candidate` and the section as it stands (the draft the model is shown), checked against its sources and
 * against the brief's other sections as writing the whole brief checks it. Resolves to the section, or to
 * the reason the model could not write one that passes (the caller keeps the extractive text). Throws
 * what the chat client throws beyond a ChatError (a bug, not a provider's failure).
 */
export async function rewriteSectionWithLlm(brief: Brief, n: number, candidate: Candidate, settings: LlmSettings, context: LlmContext): Promise<{ item: BriefItem } | { reason: string }> {
  const draft = brief.items[n - 1];
  if (!draft) return { reason: `no section ${n}` };
  const others = brief.items.filter((item) => item !== draft);
  const written = await writeSection(candidate, draft, brief, others, { ...settings, apiKey: context.apiKey }, settings, context, context.directory.knownBodies(), () => {});
  return 'value' in written ? { item: written.value } : { reason: written.reason };
}

/** The abstract of `brief` written again by the model from its sections (rewriteWithLlm's abstract), or the reason it could not be. */
export async function rewriteAbstractWithLlm(brief: Brief, settings: LlmSettings, context: LlmContext): Promise<{ abstract: string } | { reason: string }> {
  const written = await writeAbstract(brief, { ...settings, apiKey: context.apiKey }, context, context.directory.knownBodies(), () => {});
  return 'value' in written ? { abstract: written.value } : { reason: written.reason };
}
