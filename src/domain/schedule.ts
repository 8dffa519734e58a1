// What the scheduler asks the store about an issue's earlier attempts.

/** What the store remembers of one issue's scheduled attempts. */
export interface AttemptsSoFar {
  /** Attempts started, whether they finished or not: a killed attempt counts as a failed one. */
  attempts: number;
  /** Whether one of them wrote the issue. */
  succeeded: boolean;
  /** When the last attempt ended (or started, when it never ended); null before any. */
  lastAt: Date | null;
}
