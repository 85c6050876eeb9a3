import { type ConfigEvent } from '../config/config-events';
import { type Channel, type EpochMs, type RoutingStrategy, type SkillRequirement } from '../config/routing-config';
import { type RoutingDomainId } from './routing-domain';

/** What the contact centre knows about an interaction when it asks for an agent. */
export interface InteractionRequest {
  interactionId: string;
  queueId: string;
  channel: Channel;
  /** 'inbound' for a customer's call or chat; 'callback' when an agent is to call the customer back. */
  kind: 'inbound' | 'callback';
  /** The customer's address (E.164 number for voice): presented to the agent, dialled for a callback. */
  customerAddress?: string;
  /** From the CRM lookup, when the customer is known. */
  customerId?: string;
  vip?: boolean;
  /** Chosen in the IVR, on top of the queue's. */
  language?: string;
  /** Required on top of the queue's, e.g. from the IVR menu. */
  extraSkills?: SkillRequirement[];
  /** Priority points on top of the queue's. */
  priorityBoost?: number;
}

interface CommandBase {
  /** Idempotency key: a command seen before is acknowledged with no new events. */
  commandId: string;
  /** When the command was issued; the engine's only clock. */
  at: EpochMs;
}

/** A request that another domain sends as part of overflow: what an agent there needs to know to claim it. */
export interface OverflowOffer {
  interactionId: string;
  homeDomainId: RoutingDomainId;
  channel: Channel;
  queueId: string;
  requiredSkills: SkillRequirement[];
  language?: string;
  agentGroups: string[];
  strategy: RoutingStrategy;
  /** Effective priority when sent; the receiving domain ages it with agingPointsPerMinute. */
  priority: number;
  agingPointsPerMinute: number;
  enqueuedAt: EpochMs;
  customerAddress?: string;
  customerId?: string;
  vip?: boolean;
}

export type RemoteOfferOutcome = 'accepted' | 'rejected' | 'timed-out' | 'released';

export type RoutingCommand =
  | (CommandBase & { type: 'ApplyConfig'; event: ConfigEvent })
  | (CommandBase & { type: 'LogInAgent'; agentId: string; extension?: string; initialState?: 'Available' | 'NotReady' })
  | (CommandBase & { type: 'LogOutAgent'; agentId: string })
  /** Available again: from NotReady, or ending wrap-up early. */
  | (CommandBase & { type: 'MakeAgentReady'; agentId: string })
  /** NotReady with a reason; while the agent is handling an interaction it takes effect when wrap-up ends. */
  | (CommandBase & { type: 'MakeAgentNotReady'; agentId: string; reasonCode: string })
  | (CommandBase & { type: 'QueueInteraction'; interaction: InteractionRequest })
  | (CommandBase & { type: 'AcceptOffer'; interactionId: string; agentId: string })
  | (CommandBase & { type: 'RejectOffer'; interactionId: string; agentId: string })
  /** The customer left before being connected (caller hung up). */
  | (CommandBase & { type: 'AbandonInteraction'; interactionId: string })
  /** A connected interaction ended; the agent goes to wrap-up. */
  | (CommandBase & { type: 'CompleteInteraction'; interactionId: string })
  /** The waiting customer asks to be called back; they keep their place. */
  | (CommandBase & { type: 'RequestCallback'; interactionId: string; callbackAddress?: string })
  /** The customer is about to hear their position and estimated wait: record what they are told. */
  | (CommandBase & { type: 'AnnounceWait'; interactionId: string })
  /** Time has passed: fire every timer due at `at` (ring timeouts, wrap-up ends, bullseye steps). */
  | (CommandBase & { type: 'AdvanceTime' })
  // Overflow between domains: messages one domain's decisions address to another (see domain-messages.ts).
  | (CommandBase & { type: 'ReceiveOverflowOffer'; offer: OverflowOffer })
  | (CommandBase & { type: 'ReceiveOverflowWithdrawal'; interactionId: string; homeDomainId: RoutingDomainId })
  | (CommandBase & {
      type: 'ReceiveAgentClaim';
      claimId: string;
      interactionId: string;
      agentId: string;
      agentDomainId: RoutingDomainId;
    })
  | (CommandBase & {
      type: 'ReceiveClaimDecision';
      homeDomainId: RoutingDomainId;
      claimId: string;
      interactionId: string;
      agentId: string;
      granted: boolean;
      ringTimeoutMs: number;
    })
  | (CommandBase & {
      type: 'ReceiveRemoteOfferOutcome';
      interactionId: string;
      agentId: string;
      agentDomainId: RoutingDomainId;
      outcome: RemoteOfferOutcome;
    })
  | (CommandBase & {
      type: 'ReceiveRemoteCompletion';
      homeDomainId: RoutingDomainId;
      interactionId: string;
      agentId: string;
      wrapUpMs: number;
    });

export type RoutingCommandType = RoutingCommand['type'];
