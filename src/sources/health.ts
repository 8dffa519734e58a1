import type { Source } from '../config/schema.ts';
import type { SourceRun, SqliteStore } from '../store/sqlite.ts';

export interface SourceHealth {
  sourceId: string;
  name: string;
  /** When a run last got an answer from one of its entry points. */
  lastSuccess: string | null;
  documents: number;
  lastNewDocuments: number | null;
  lastErrors: string[];
  /** Runs in a row, up to the latest, that found no links (an unchanged list is not empty). */
  emptyStreak: number;
  /** Why the catalog disables the source, when it does: its record then stops growing. */
  disabled?: string;
}

const HISTORY = 30;

/** Runs in a row, newest first, that found no links; an unchanged list is not empty. */
export function emptyStreak(runs: readonly SourceRun[]): number {
  const found = runs.findIndex((run) => run.linksFound > 0 || run.unchanged > 0);
  return found === -1 ? runs.length : found;
}

/** A source's record over its recent runs, as `xinzhi sources status` shows it; with no store yet, a source never read. */
export function sourceHealth(store: SqliteStore | undefined, source: Source): SourceHealth {
  const runs = store?.sourceRuns(source.id, HISTORY) ?? [];
  return {
    sourceId: source.id,
    name: source.name,
    lastSuccess: runs.find((run) => run.entriesOk > 0)?.finishedAt ?? null,
    documents: store?.documentCount(source.id) ?? 0,
    lastNewDocuments: runs[0]?.documentsNew ?? null,
    lastErrors: runs[0]?.errors ?? [],
    emptyStreak: emptyStreak(runs),
    ...(source.disabled === undefined ? {} : { disabled: source.disabled }),
  };
}
