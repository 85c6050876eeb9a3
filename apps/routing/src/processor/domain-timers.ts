import { type EpochMs, type RoutingDomainId } from '@cc/acd';

interface PendingTick {
  deadline: EpochMs;
  timer: NodeJS.Timeout;
}

/**
 * Wakes the domains this instance owns when their next deadline falls due (ring timeouts, wrap-up ends, bullseye
 * steps, claim deadlines) by sending them an AdvanceTime command: time enters the log like any other input, so a
 * replay makes the same decisions. One pending tick per domain, re-armed after each decision.
 */
export class DomainTimers {
  private readonly pending = new Map<RoutingDomainId, PendingTick>();

  constructor(private readonly tick: (domainId: RoutingDomainId, deadline: EpochMs) => void) {}

  /** Arms the domain's timer for `deadline` (undefined = nothing due). */
  schedule(domainId: RoutingDomainId, deadline: EpochMs | undefined): void {
    const current = this.pending.get(domainId);
    if (current?.deadline === deadline) return;
    if (current) clearTimeout(current.timer);
    if (deadline === undefined) {
      this.pending.delete(domainId);
      return;
    }
    const timer = setTimeout(
      () => {
        this.pending.delete(domainId);
        this.tick(domainId, deadline);
      },
      Math.max(0, deadline - Date.now()),
    );
    timer.unref();
    this.pending.set(domainId, { deadline, timer });
  }

  cancel(domainIds: Iterable<RoutingDomainId>): void {
    for (const domainId of domainIds) this.schedule(domainId, undefined);
  }

  cancelAll(): void {
    this.cancel([...this.pending.keys()]);
  }
}
