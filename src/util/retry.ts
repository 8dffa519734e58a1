/** Statuses worth asking again: the server is busy or failing, not refusing. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * How long to wait before retry number `attempt` (0-based): exponential backoff with full jitter, or
 * the server's Retry-After (seconds or an HTTP date) when it gives one, capped at a minute.
 */
export function retryDelayMs(attempt: number, baseMs: number, retryAfter: string | undefined, random: () => number = Math.random, now: number = Date.now()): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(retryAfter).getTime() - now;
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_BACKOFF_MS);
  }
  return Math.min(MAX_BACKOFF_MS, Math.round(random() * baseMs * 2 ** attempt));
}
