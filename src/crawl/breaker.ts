/**
 * A circuit breaker per host: after `threshold` failures in a row the host is skipped for `cooldownMs`,
 * then one request is let through to test it. A success closes the circuit.
 */
export class CircuitBreakers {
  private readonly failures = new Map<string, number>();
  private readonly openUntil = new Map<string, number>();

  constructor(private readonly threshold: number, private readonly cooldownMs: number, private readonly now: () => number = Date.now) {}

  /** Whether a request to the host may go out now. */
  allows(host: string): boolean {
    const until = this.openUntil.get(host);
    if (until === undefined) return true;
    if (this.now() < until) return false;
    // Half-open: one trial; a failure reopens at once, since the count is still at the threshold.
    this.openUntil.delete(host);
    return true;
  }

  succeeded(host: string): void {
    this.failures.delete(host);
    this.openUntil.delete(host);
  }

  failed(host: string): void {
    const count = (this.failures.get(host) ?? 0) + 1;
    this.failures.set(host, count);
    if (count >= this.threshold) this.openUntil.set(host, this.now() + this.cooldownMs);
  }

  isOpen(host: string): boolean {
    const until = this.openUntil.get(host);
    return until !== undefined && this.now() < until;
  }
}
