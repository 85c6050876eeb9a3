import { type ConfigEvent, type EpochMs, type RoutingDomainId } from '@cc/acd';
import { type RateProfile } from './load-profile';
import { type Distribution } from './distribution';

/** Callers of one queue: when they come, how long they talk, how long they hold, whether they take a callback. */
export interface CallerStream {
  /** The domain (branch) whose queue they dial. */
  domainId: RoutingDomainId;
  queueId: string;
  rate: RateProfile;
  /** Talk time of the caller's conversation with an average agent (an agent's speed scales it). */
  handle: Distribution;
  /** How long the caller holds before hanging up, waiting or ringing. */
  patience: Distribution;
  /** Share of callers who take a callback when the queue offers one. */
  callbackAcceptance: number;
  /** Time between the callback offer and the caller's answer to it (IVR prompt). */
  callbackDecisionMs?: number;
  /** Share of callers the CRM knows as VIP. */
  vipShare?: number;
}

export interface AgentBreak {
  /** When the agent asks for the break (ms after the start); it begins once their current interaction ends. */
  atMs: number;
  durationMs: number;
  reasonCode: string;
}

/** One agent's shift and habits. The agent must be defined in the tenant configuration for its domain's branch. */
export interface AgentPlan {
  domainId: RoutingDomainId;
  agentId: string;
  loginAtMs: number;
  /** Logs out at this time (after the current interaction); stays to the end of the run when absent. */
  logoutAtMs?: number;
  /** Handle time multiplier: 0.8 is an agent 20% quicker than average. */
  speed: number;
  /** Time from the phone ringing to the agent answering. */
  ringDelay: Distribution;
  /** Share of offers the agent does not answer (the engine times them out). */
  missProbability: number;
  /** Share of offers the agent declines (RejectOffer after the ring delay). */
  rejectProbability?: number;
  /** Share of wrap-ups the agent ends early (MakeAgentReady), after half of it. */
  endWrapUpEarlyProbability?: number;
  /** After a missed offer (NotReady "missed-offer"), the agent makes themselves ready again after this long. */
  recoverAfterMissMs: number;
  breaks: AgentBreak[];
}

export interface SimulationSpec {
  name: string;
  seed: number;
  /** Simulated wall-clock start (epoch ms): the engines see it in every command. */
  startAt: EpochMs;
  /** Arrivals come during [startAt, startAt + durationMs); reports cover that window. */
  durationMs: number;
  /**
   * After the last arrival, the run goes on until every caller has left. Callers still waiting this long after the
   * end (callbacks nobody serves) are cancelled, so that the run ends with empty queues.
   */
  drainLimitMs: number;
  /** The tenant's configuration events, applied to every domain in version order. */
  tenantEvents: ConfigEvent[];
  /** The routing domains simulated; messages to others are dropped (and counted). */
  domainIds: RoutingDomainId[];
  callers: CallerStream[];
  agents: AgentPlan[];
  /** Latency of the bus that carries overflow messages between domains. */
  messageLatencyMs: number;
  /** Extra random latency, up to this much, per message; messages to one domain still arrive in order. */
  messageJitterMs?: number;
  /** A waiting caller is told the estimated wait again every so often (0: only at arrival). */
  announceEveryMs: number;
  /** Check the invariants after every command (on by default; they throw when violated). */
  checkInvariants?: boolean;
  /** Keep every routing event per domain (for replay checks). */
  keepEvents?: boolean;
}
