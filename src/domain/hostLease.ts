/**
 * Per-host politeness shared by every worker on every machine: a lease per host kept in the queue
 * engine's store, so that the rule of src/crawl/politeness.ts holds across processes and not just inside
 * one. The rule: at most one request in flight to a host; a request starts at least the host's delay
 * after the previous one started and after the previous one ended. Time is the store's clock (Redis TIME,
 * PostgreSQL clock_timestamp()), never a worker's, so machines with skewed clocks still agree.
 *
 * A worker calls acquire() before sending and release() once the response (or the error) is in. A holder
 * that never releases (a worker killed mid-request) loses the lease after `leaseMs`; the spacing from that
 * request's start still holds.
 */
export interface HostLease {
  /**
   * Tries to take `host` for one request now. `holder` names this one request (unique per acquisition,
   * e.g. worker id + job id + attempt): release() only frees a lease its holder still has.
   * Returns a grant, or how long to wait before trying again. Throws what the store's client throws.
   */
  acquire(host: string, holder: string): Promise<LeaseGrant>;
  /**
   * Ends the request of `holder` on `host`: the lease is freed and the next start put at least the
   * host's delay from now. Returns false (and changes nothing) when the holder no longer has the lease
   * (it expired and another took it, or it was released already).
   */
  release(host: string, holder: string): Promise<boolean>;
}

/**
 * The answer of acquire(): granted, or refused with `waitMs` (ms, ≥ 1, by the store's clock) until the
 * host may be free. While a request is in flight its end is unknown, so the wait is then a guess: the
 * spacing from its start, or a tenth of the delay when that has passed.
 */
export type LeaseGrant = { granted: true } | { granted: false; waitMs: number };

/** The limits of a shared host lease. */
export interface HostLeaseLimits {
  /** Spacing for a host, ms: hostDelayMs, or a Crawl-delay learnt from robots.txt. */
  delayMs: (host: string) => number;
  /**
   * How long a lease outlives a holder that never releases it, ms. Must exceed the longest a request may
   * take (the fetcher's requestDeadlineMs), or a slow request could still be in flight when the next starts.
   */
  leaseMs: number;
}

/**
 * A turn at a host shared with other processes, as the live fetcher asks for it before each request
 * (src/crawl/live.ts): the queue's workers take it from the host lease (src/queue/sharedHosts.ts), so the
 * rule of src/crawl/politeness.ts holds across every worker and not just inside one.
 */
export interface HostTurns {
  /**
   * Waits for `host`'s turn, with `delayMs` (the fetcher's spacing for the host, a robots.txt Crawl-delay
   * included) between requests. Resolves to a function to call once the request ended (response or error):
   * it frees the host and never rejects. Rejects with HostBusyError when the wait would pass the
   * implementation's budget, or with what the lease's store throws.
   */
  take(host: string, delayMs: number): Promise<() => Promise<void>>;
}

/**
 * A host busy for longer than the caller may wait: the queue's job goes back to the engine to run in
 * `waitMs` (ms) without spending an attempt (docs/scale.md), rather than holding a worker slot.
 */
export class HostBusyError extends Error {
  override readonly name = 'HostBusyError';
  constructor(readonly host: string, readonly waitMs: number) {
    super(`host ${host} busy: next turn in ${waitMs} ms`);
  }
}
