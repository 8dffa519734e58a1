import type { DeliveryAttempt, SqliteStore } from './sqlite.ts';

/**
 * The latest try of an issue to each channel it was ever tried on, by channel name: sent or failed, which
 * try of its run, when (sentAt: ISO 8601 with +08:00, as dispatch records it) and the error (English, as
 * recorded) — what a channel's line on the desk's result page reads back, so a reload shows the result
 * without sending anything. Reads the deliveries table that publishIssue writes.
 */
export function latestDeliveries(store: SqliteStore, issueDate: string): Map<string, DeliveryAttempt> {
  const rows = store.connection
    .prepare('SELECT * FROM deliveries WHERE issue_date = ? AND id IN (SELECT max(id) FROM deliveries WHERE issue_date = ? GROUP BY channel)')
    .all(issueDate, issueDate) as { issue_date: string; channel: string; status: 'sent' | 'failed'; attempt: number; sent_at: string; digest: string; error: string | null }[];
  return new Map(rows.map((row) => [row.channel, { issueDate: row.issue_date, channel: row.channel, status: row.status, attempt: row.attempt, sentAt: row.sent_at, digest: row.digest, error: row.error }]));
}
