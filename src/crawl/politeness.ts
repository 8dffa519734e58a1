/**
 * Politeness: at most `perHost` requests in flight to one host, starts to one host at least `delayMs(host)`
 * apart, and at most `global` requests in flight in all. A request waits out its host's spacing before it
 * takes a global slot, so a slow or throttled host never holds slots that other hosts could use.
 */
export interface PolitenessLimits {
  perHost: number;
  global: number;
  delayMs: (host: string) => number;
}

interface HostState {
  inFlight: number;
  /** When the last request to the host actually started. */
  lastStartAt: number;
  waiting: (() => void)[];
}

type Release = () => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class HostGate {
  private readonly hosts = new Map<string, HostState>();
  private globalInFlight = 0;
  private readonly globalWaiting: (() => void)[] = [];

  constructor(private readonly limits: PolitenessLimits, private readonly now: () => number = () => performance.now()) {}

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { inFlight: 0, lastStartAt: -Infinity, waiting: [] };
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
    this.state(host).lastStartAt = this.now();
  }

  /** Waits until a request to `host` may start; call the returned function when it ends. */
  async acquire(host: string): Promise<Release> {
    const state = this.state(host);
    while (state.inFlight >= this.limits.perHost) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.inFlight++;
    const delay = this.limits.delayMs(host);
    for (;;) {
      const wait = state.lastStartAt + delay - this.now();
      if (wait > 0) await sleep(wait);
      await this.takeGlobalSlot();
      // Another request to this host may have started while this one waited for a global slot.
      if (this.now() >= state.lastStartAt + delay) break;
      this.releaseGlobalSlot();
    }
    state.lastStartAt = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.releaseGlobalSlot();
      state.inFlight--;
      state.waiting.shift()?.();
    };
  }
}
