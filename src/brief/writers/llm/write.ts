import type { Candidate } from '../../../analyze/day.ts';
import type { SourceDirectory } from '../../../analyze/origin.ts';
import type { Config } from '../../../config/schema.ts';
import type { Brief, BriefItem } from '../../model.ts';
import { quotedSpans, verifyItem, type SourceRecord } from '../../verify.ts';
import { askChat, ChatError, type ChatMessage, type ChatReply, type ChatSettings } from './chat.ts';
import { correctionMessages, parseSection, storyPrompt, systemPrompt } from './prompt.ts';

export type LlmSettings = NonNullable<Config['writer']['llm']>;

export interface LlmContext {
  directory: SourceDirectory;
  brief: Config['brief'];
  sourceOf: (url: string) => SourceRecord | undefined;
  /** The API key, read from the environment by the caller. */
  apiKey: string | undefined;
}

type Fallback = NonNullable<Brief['stats']['llm']>['fallbacks'][number];

/** A section as the model wrote it, with the quotes it holds, citing what the draft cited. */
function sectionItem(draft: BriefItem, headline: string, paragraphs: string[]): BriefItem {
  const ref = draft.refs[0]!;
  return { ...draft, headline, paragraphs, quotes: [...new Set(quotedSpans(paragraphs.join('\n')))].map((text) => ({ text, ref })) };
}

/**
 * One section by the model: asked once, checked with the verifier, asked again once with the findings,
 * and given up for the extractive draft when it still fails, the API fails or the answer is not a section.
 */
async function writeSection(
  candidate: Candidate,
  draft: BriefItem,
  draftBrief: Brief,
  settings: LlmSettings,
  context: LlmContext,
  onCall: (reply: ChatReply | null) => void,
): Promise<{ item: BriefItem; fallback?: Fallback }> {
  const chat: ChatSettings = { ...settings, apiKey: context.apiKey };
  const references = new Map(draftBrief.references.map((reference) => [reference.id, reference]));
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(context.brief) },
    { role: 'user', content: storyPrompt(candidate, draft, context.directory, settings.maxSourceChars) },
  ];
  let findings: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    let reply: ChatReply;
    try {
      reply = await askChat(chat, messages, onCall);
    } catch (err) {
      if (err instanceof ChatError) return { item: draft, fallback: { item: draft.n, reason: err.message } };
      throw err;
    }
    try {
      const section = parseSection(reply.content);
      const item = sectionItem(draft, section.headline, section.paragraphs);
      findings = verifyItem(item, references, context.sourceOf, context.directory.knownBodies()).map((check) => check.detail);
      if (findings.length === 0) return { item };
    } catch (err) {
      findings = [(err as Error).message];
    }
    messages.push(...correctionMessages(reply.content, findings));
  }
  return { item: draft, fallback: { item: draft.n, reason: `checks failed twice: ${findings.join('; ')}` } };
}

/**
 * Rewrites the sections of an extractive brief with a model behind an OpenAI-compatible API. References,
 * the abstract, and every section the model could not write to the verifier's satisfaction stay as the
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
  for (const [i, draft] of draftBrief.items.entries()) {
    const written = await writeSection(candidates[i]!, draft, draftBrief, settings, context, onCall);
    items.push(written.item);
    if (written.fallback) fallbacks.push(written.fallback);
  }
  const { prices } = settings;
  const cost = (usage.promptTokens * prices.inputPerMillion + usage.completionTokens * prices.outputPerMillion) / 1_000_000;
  return {
    ...draftBrief,
    items,
    writer: fallbacks.length === items.length ? 'extractive' : `llm:${settings.model}`,
    stats: { ...draftBrief.stats, llm: { model: settings.model, ...usage, cost: Math.round(cost * 1e6) / 1e6, currency: prices.currency, fallbacks } },
  };
}
