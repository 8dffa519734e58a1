import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Politeness: at most `perHost` requests in flight to one host; a request to a host starts at least
 * `delayMs(host)` after the previous one started and after the previous one ended; at most `global`
 * requests in flight in all. Counting from the end as well as the start means the site sees the spacing
 * whatever the network and this process's event loop add. A request waits out its host's spacing before
 * it takes a global slot, so a slow or throttled host never holds slots that other hosts could use.
 */
export interface PolitenessLimits {
  perHost: number;
  global: number;
  delayMs: (host: string) => number;
}

interface HostState {
  inFlight: number;
  /** The earliest time the next request to the host may start. */
  nextStartAt: number;
  waiting: (() => void)[];
}

type Release = () => void;

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  private globalInFlight = 0;
  private readonly globalWaiting: (() => void)[] = [];

  constructor(private readonly limits: PolitenessLimits, private readonly now: () => number = () => performance.now()) {}

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { inFlight: 0, nextStartAt: -Infinity, waiting: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  private async takeGlobalSlot(): Promise<void> {
    while (this.globalInFlight >= this.limits.global) await new Promise<void>((resolve) => this.globalWaiting.push(resolve));
    this.globalInFlight++;
  }

  private releaseGlobalSlot(): void {
    this.globalInFlight--;
    this.globalWaiting.shift()?.();
  }

  /**
   * Records that a request to `host` is being sent now. The grant from acquire() and the send can be
   * milliseconds apart on a busy event loop; spacing counted from the send is spacing the server sees.
   */
  started(host: string): void {
    this.pushBack(host);
  }

  /** Puts the host's next start at least its delay from now: after a delay was learnt (Crawl-delay), say. */
  pushBack(host: string): void {
    const state = this.state(host);
    state.nextStartAt = Math.max(state.nextStartAt, this.now() + this.limits.delayMs(host));
  }

  /** Waits until a request to `host` may start; call the returned function when it ends. */
  async acquire(host: string): Promise<Release> {
    const state = this.state(host);
    while (state.inFlight >= this.limits.perHost) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.inFlight++;
    for (;;) {
      const wait = state.nextStartAt - this.now();
      if (wait > 0) await sleep(wait);
      await this.takeGlobalSlot();
      // Another request to this host may have started while this one waited for a global slot.
      if (this.now() >= state.nextStartAt) break;
      this.releaseGlobalSlot();
    }
    this.pushBack(host);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.pushBack(host);
      this.releaseGlobalSlot();
      state.inFlight--;
      state.waiting.shift()?.();
    };
  }
}
