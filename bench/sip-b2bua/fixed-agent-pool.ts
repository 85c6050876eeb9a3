import { type CallRunner, type CallState, type RoutingPort } from '@cc/sip-ingress';

/**
 * Routing reduced to a fixed pool of agents, to measure the B2BUA alone: each queued call is offered at once to the
 * next free agent (the call waits in arrival order when none is free), an accepted offer keeps the agent until the
 * call completes, a rejected or abandoned one frees it. Decisions reach the calls as the routing log's would.
 */
export class FixedAgentPool implements RoutingPort {
  private runner?: CallRunner;
  private readonly free: string[];
  private readonly waiting: Array<{ call: CallState; interactionId: string }> = [];
  private readonly holding = new Map<string, string>();
  private offers = 0;

  constructor(agentIds: readonly string[]) {
    this.free = [...agentIds];
  }

  attach(runner: CallRunner): void {
    this.runner = runner;
  }

  async queueInteraction(call: CallState, interactionId: string): Promise<void> {
    this.waiting.push({ call, interactionId });
    setImmediate(() => this.dispatch());
  }

  async acceptOffer(): Promise<void> {}

  async rejectOffer(call: CallState, interactionId: string): Promise<void> {
    // The phone refused or could not be reached: the call waits first in line for the next free agent.
    this.release(interactionId);
    if (call.phase !== 'ended') this.waiting.unshift({ call, interactionId });
  }

  async abandon(_call: CallState, interactionId: string): Promise<void> {
    const index = this.waiting.findIndex((w) => w.interactionId === interactionId);
    if (index >= 0) this.waiting.splice(index, 1);
    this.release(interactionId);
  }

  async complete(_call: CallState, interactionId: string): Promise<void> {
    this.release(interactionId);
  }

  private release(interactionId: string): void {
    const agentId = this.holding.get(interactionId);
    if (agentId === undefined) return;
    this.holding.delete(interactionId);
    this.free.push(agentId);
    setImmediate(() => this.dispatch());
  }

  private dispatch(): void {
    while (this.waiting.length > 0 && this.free.length > 0 && this.runner) {
      const { call, interactionId } = this.waiting.shift()!;
      if (call.phase === 'ended') continue;
      const agentId = this.free.shift()!;
      this.holding.set(interactionId, agentId);
      this.offers += 1;
      this.runner.routingDecision(interactionId, {
        kind: 'offered',
        offerId: `${interactionId}#${this.offers}`,
        agentId,
        agentDomainId: `${call.tenantId}/${call.branchId}`,
        now: Date.now(),
      });
    }
  }
}
