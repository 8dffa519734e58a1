import type { Source } from '../config/schema.ts';
import type { SourceRun, Store } from '../store/store.ts';

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

export const HISTORY = 30;

/** Runs in a row, newest first, that found no links; an unchanged list is not empty. */
export function emptyStreak(runs: readonly SourceRun[]): number {
  const found = runs.findIndex((run) => run.linksFound > 0 || run.unchanged > 0);
  return found === -1 ? runs.length : found;
}

/** What the store holds of a source: its recent runs (newest first, at most HISTORY) and how many documents it gave. */
export interface SourceHistory {
  runs: SourceRun[];
  documents: number;
}

/** Reads a source's record from the store; with no store yet (a data folder not made), a source never read. */
export async function readSourceHistory(store: Store | undefined, source: Source): Promise<SourceHistory> {
  if (!store) return { runs: [], documents: 0 };
  return { runs: await store.sourceRuns(source.id, HISTORY), documents: await store.documentCount(source.id) };
}

/** A source's health over its recent runs (readSourceHistory), as `xinzhi sources status` shows it. */
export function sourceHealth(source: Source, { runs, documents }: SourceHistory): SourceHealth {
  return {
    sourceId: source.id,
    name: source.name,
    lastSuccess: runs.find((run) => run.entriesOk > 0)?.finishedAt ?? null,
    documents,
    lastNewDocuments: runs[0]?.documentsNew ?? null,
    lastErrors: runs[0]?.errors ?? [],
    emptyStreak: emptyStreak(runs),
    ...(source.disabled === undefined ? {} : { disabled: source.disabled }),
  };
}
