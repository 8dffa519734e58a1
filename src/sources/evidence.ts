import type { EntryPoint, Source } from '../config/schema.ts';

/** How far public evidence carries an entry point (docs/catalog.md says what each verdict means). */
export type Verdict = 'CONFIRMED' | 'LIKELY' | 'DISABLED';

/** One entry point of the catalog, judged by the evidence written beside it. */
export interface EntryVerdict {
  sourceId: string;
  url: string;
  type: EntryPoint['type'];
  verdict: Verdict;
  /** Why LIKELY, why DISABLED, or a CONFIRMED address's caveats; empty when there is nothing to add. */
  note: string;
  /** Kinds and fields this entry needs beyond `list`, `rss` and a dotted `api` path (see docs/catalog.md). */
  needs: string[];
}

/** The text after `prefix` of every item that starts with it, trimmed. */
function prefixed(evidence: readonly string[], prefix: string): string[] {
  return evidence.filter((item) => item.startsWith(prefix)).map((item) => item.slice(prefix.length).trim());
}

/** What an entry point needs that the first catalog had not: the newer kinds, a top-level JSON array, a browser. */
function needsOf(source: Source, entry: EntryPoint): string[] {
  const needs: string[] = [];
  if (entry.type !== 'list' && entry.type !== 'rss' && entry.type !== 'api') needs.push(entry.type);
  if (entry.type === 'api' && entry.items === '.') needs.push('api items "."');
  if (source.fetch === 'browser') needs.push('fetch: browser');
  return needs;
}

/**
 * Each entry point's verdict, read from its evidence and its source's: DISABLED when the source is
 * disabled (the note is its reason), LIKELY when an evidence item starts `likely:` (the note says why,
 * then its caveats), else CONFIRMED (the note gathers its `caveat:` items).
 */
export function entryVerdicts(sources: readonly Source[]): EntryVerdict[] {
  return sources.flatMap((source) =>
    source.entries.map((entry) => {
      const evidence = [...(entry.evidence ?? []), ...(source.evidence ?? [])];
      const likely = prefixed(evidence, 'likely:');
      const base = { sourceId: source.id, url: entry.url, type: entry.type, needs: needsOf(source, entry) };
      if (source.disabled !== undefined) return { ...base, verdict: 'DISABLED' as const, note: source.disabled };
      const caveats = prefixed(evidence, 'caveat:');
      if (likely.length > 0) return { ...base, verdict: 'LIKELY' as const, note: [...likely, ...caveats.map((c) => `caveat: ${c}`)].join('; ') };
      return { ...base, verdict: 'CONFIRMED' as const, note: caveats.join('; ') };
    }),
  );
}

/** A table cell: one line, no pipe to break the row. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

/**
 * The catalog's verdicts as Markdown: the counts, then one row per entry point. `npm run catalog:evidence`
 * writes it into docs/catalog.md, and a test holds the two together.
 */
export function evidenceSummary(sources: readonly Source[]): string {
  const verdicts = entryVerdicts(sources);
  const count = (verdict: Verdict) => verdicts.filter((v) => v.verdict === verdict).length;
  const disabledSources = sources.filter((s) => s.disabled !== undefined).length;
  const needing = verdicts.filter((v) => v.verdict !== 'DISABLED' && v.needs.length > 0).length;
  const lines = [
    `${sources.length} sources, ${verdicts.length} entry points; ${disabledSources} sources disabled. ${needing} enabled entry points need a newer kind or field (column *needs*).`,
    '',
    '| verdict | entry points |',
    '|---|---|',
    ...(['CONFIRMED', 'LIKELY', 'DISABLED'] as const).map((verdict) => `| ${verdict} | ${count(verdict)} |`),
    '',
    '| source | entry point | kind | verdict | note | needs |',
    '|---|---|---|---|---|---|',
    ...verdicts.map((v) => `| ${v.sourceId} | ${cell(v.url)} | ${v.type} | ${v.verdict} | ${cell(v.note)} | ${cell(v.needs.join(', '))} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The lines of docs/catalog.md between which `npm run catalog:evidence -- --write` puts the summary. */
export const summaryMarkers = {
  begin: '<!-- catalog:evidence begin: written by `npm run catalog:evidence -- --write` -->',
  end: '<!-- catalog:evidence end -->',
} as const;

/** The summary part of a document between the markers, without the blank lines around it; null without markers. */
export function summaryIn(document: string): string | null {
  const begin = document.indexOf(summaryMarkers.begin);
  const end = document.indexOf(summaryMarkers.end);
  if (begin === -1 || end < begin) return null;
  return document.slice(begin + summaryMarkers.begin.length, end).replace(/^\n+|\n+$/g, '');
}
