import type { Source } from '../config/schema.ts';
import type { SourceTier } from '../domain/tier.ts';
import type { SourceRun } from '../store/store.ts';
import { sourceHealth, type SourceHealth, type SourceHistory } from './health.ts';

/**
 * A source's state at a glance, from its catalog entry and its latest run (source_runs), the first that
 * holds in this order:
 * - `disabled`: the catalog says `disabled: <reason>`; runs pass it by;
 * - `never`: no run has read it yet;
 * - `failing`: none of its entry points answered in the latest run (network, HTTP error, robots.txt);
 * - `empty`: its entry points answered but gave no article links (the crawl's "empty run");
 * - `layout`: the shape of its list's link block differs from the last run that read it (a redesign: the
 *   crawl's `structure` alert, src/pipeline/crawl.ts);
 * - `partial`: the lists were read but some requests failed (an article, a further page);
 * - `quiet`: read without errors, nothing new (an unchanged list, or only known links);
 * - `ok`: read without errors, with new documents.
 */
export const sourceStatuses = ['failing', 'empty', 'layout', 'partial', 'never', 'quiet', 'ok', 'disabled'] as const;
/** See sourceStatuses; that list is also the order of severity a table sorts by, worst first. */
export type SourceStatus = (typeof sourceStatuses)[number];

/** A change of a list's layout between two runs: the element paths of its link block before and after. */
export interface LayoutChange {
  from: string;
  to: string;
  /** When the run that first saw the new layout finished (ISO 8601 UTC). */
  at: string;
}

/** One row of the desk's health table: `xinzhi sources status`'s figures, and what the table adds. */
export interface SourceRow extends SourceHealth {
  tier: SourceTier;
  homepage: string;
  status: SourceStatus;
  /** When the latest run finished (ISO 8601 UTC), null before any. */
  lastRunAt: string | null;
  /** Runs in the record (at most the last 30, as sourceHealth reads). */
  runs: number;
  /** Layout changes between consecutive runs of the record, newest first. */
  layoutChanges: LayoutChange[];
}


/** Changes of list shape between consecutive runs (newest first); a run with no shape (nothing read) is skipped over. */
export function layoutChanges(runs: readonly SourceRun[]): LayoutChange[] {
  const shaped = runs.filter((run): run is SourceRun & { listShape: string } => run.listShape !== null);
  const changes: LayoutChange[] = [];
  for (let i = 0; i + 1 < shaped.length; i++) {
    if (shaped[i]!.listShape !== shaped[i + 1]!.listShape) changes.push({ from: shaped[i + 1]!.listShape, to: shaped[i]!.listShape, at: shaped[i]!.finishedAt });
  }
  return changes;
}

/** The status of a source (see sourceStatuses) from its catalog entry and its runs, newest first. */
export function statusOf(source: Source, runs: readonly SourceRun[]): SourceStatus {
  if (source.disabled !== undefined) return 'disabled';
  const latest = runs[0];
  if (!latest) return 'never';
  if (latest.entriesOk === 0) return 'failing';
  if (latest.linksFound === 0 && latest.unchanged === 0) return 'empty';
  // As the crawl's alert, the latest run against the one before; a run that read no list (unchanged) is passed over.
  if (latest.listShape !== null && layoutChanges(runs)[0]?.at === latest.finishedAt) return 'layout';
  if (latest.errors.length > 0) return 'partial';
  return latest.documentsNew > 0 ? 'ok' : 'quiet';
}

/** The health row of one catalog source, from what the store holds of it (readSourceHistory). */
export function sourceRow(source: Source, record: SourceHistory): SourceRow {
  const { runs } = record;
  return {
    ...sourceHealth(source, record),
    tier: source.tier,
    homepage: source.homepage,
    status: statusOf(source, runs),
    lastRunAt: runs[0]?.finishedAt ?? null,
    runs: runs.length,
    layoutChanges: layoutChanges(runs),
  };
}
