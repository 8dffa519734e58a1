// The brief's record, whole: its zod schema and the types inferred from it. The schema moved here with the
// types rather than leaving a hand-written copy of them beside it, so the type the store and the desk hold
// and the schema that checks brief.json cannot drift; zod is the one package the domain may import.
import { z } from 'zod';
import { sourceTiers } from './tier.ts';

/**
 * brief.json: the contract between composing a brief and everything after it (renderers, the verifier,
 * the editor). A change here is a change for every reader: add fields, never repurpose them.
 */
export const quoteSchema = z.object({ text: z.string().min(1), ref: z.string().min(1) }).strict();

export const itemSchema = z.object({
  n: z.number().int().positive(),
  headline: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  quotes: z.array(quoteSchema),
  refs: z.array(z.string().min(1)),
  tier: z.enum(sourceTiers),
  themes: z.array(z.string()),
}).strict();

export const referenceSchema = z.object({
  id: z.string().min(1),
  publisher: z.string().min(1),
  reposter: z.string().nullable(),
  title: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  url: z.string().url(),
  usedFor: z.string(),
}).strict();

const themeMovementSchema = z.object({
  direction: z.enum(['first', 'converging', 'spreading', 'steady']),
  top: z.array(z.string()),
  rising: z.array(z.string()),
  new: z.array(z.string()),
}).strict();

export const checkSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  item: z.number().int().nullable(),
  detail: z.string(),
}).strict();

export const briefSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.string().min(1),
  publisher: z.string(),
  producers: z.string(),
  abstract: z.string().min(1),
  items: z.array(itemSchema).min(1),
  references: z.array(referenceSchema).min(1),
  footer: z.object({ account: z.string(), qrImage: z.string().nullable(), platform: z.string(), disclaimer: z.string() }).strict(),
  writer: z.string(),
  checks: z.array(checkSchema),
  /**
   * Sections that failed a check and are kept out of every published format, with the findings, for an
   * editor to mend (added after the first release).
   */
  withheld: z.array(z.object({ item: itemSchema, reasons: z.array(z.string()) }).strict()).optional(),
  /**
   * The corrections this edition carries, oldest first, every earlier one kept: when each went out (`at`,
   * ISO 8601 in Beijing time with its +08:00 offset, to the second) and the editor's note. Filled by the
   * desk when it publishes a correction; every format prints them as a 更正说明 block. The note is editor
   * text, printed escaped like the rest; it is no claim about the sources, and the verifier does not read
   * it (added after the first release).
   */
  corrections: z.array(z.object({
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
    note: z.string().min(1),
  }).strict()).optional(),
  stats: z.object({
    window: z.object({ start: z.string(), end: z.string() }).strict(),
    documents: z.number().int(),
    candidates: z.number().int(),
    storyGroups: z.number().int(),
    themeShares: z.record(z.string(), z.number()),
    /** Today's themes against the previous issue and the last seven (added after the first release). */
    /** What the LLM writer did, when it ran: calls, tokens, their cost, and the sections that fell back. */
    llm: z.object({
      model: z.string(),
      calls: z.number().int(),
      promptTokens: z.number().int(),
      completionTokens: z.number().int(),
      cost: z.number(),
      currency: z.string(),
      fallbacks: z.array(z.object({ item: z.number().int().nullable(), reason: z.string() }).strict()),
    }).strict().optional(),
    themeDynamics: z.object({
      entropy: z.number(),
      topShare: z.number(),
      previous: themeMovementSchema,
      week: themeMovementSchema.extend({ issues: z.number().int() }),
    }).strict().optional(),
  }).strict(),
}).strict();

export type Brief = z.infer<typeof briefSchema>;
export type BriefItem = z.infer<typeof itemSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type Check = z.infer<typeof checkSchema>;

/** The numerals of a brief's first ten section numbers; from the eleventh on, the number in digits. */
const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The section number as the brief writes it, for section `n` (1 for the first): 一、二、三… */
export function sectionNumber(n: number): string {
  return `${chineseNumerals[n - 1] ?? String(n)}、`;
}
