import { type ConfigEvent } from '../config/config-events';
import { type EpochMs, type OverflowAction, type SkillRequirement } from '../config/routing-config';
import { type AnnouncedWait, type WaitPredictorName } from '../wait-estimate';
import { type InteractionRequest, type OverflowOffer, type RemoteOfferOutcome } from './routing-commands';
import { type RoutingDomainId } from './routing-domain';

export type AgentState = 'LoggedOut' | 'Available' | 'Reserved' | 'Busy' | 'WrapUp' | 'NotReady';

/** Why an interaction left its queue for somewhere else. */
export type OverflowReason = 'expansion' | 'no-agent-logged-in' | 'estimated-wait';

interface EventBase {
  at: EpochMs;
  /** The command that caused the event (causation id). */
  commandId: string;
}

export type RoutingEvent =
  | (EventBase & { type: 'ConfigApplied'; event: ConfigEvent })
  | (EventBase & { type: 'AgentLoggedIn'; agentId: string; extension?: string })
  | (EventBase & { type: 'AgentLoggedOut'; agentId: string })
  | (EventBase & {
      type: 'AgentStateChanged';
      agentId: string;
      from: AgentState;
      to: AgentState;
      /** For NotReady: why. */
      reasonCode?: string;
      /** How long the agent was in `from`. */
      previousStateMs: number;
      /** For WrapUp: when it ends by itself. */
      until?: EpochMs;
    })
  /** The agent asked for NotReady while handling an interaction: it applies when wrap-up ends. */
  | (EventBase & { type: 'AgentNotReadyPending'; agentId: string; reasonCode: string })
  | (EventBase & {
      type: 'InteractionQueued';
      interaction: InteractionRequest;
      /** Since when the interaction holds its place: the arrival, or the original arrival for a callback. */
      enqueuedAt: EpochMs;
      position: number;
      estimate: AnnouncedWait;
      predictor: WaitPredictorName;
      /** No agent serves the queue now: announce "as soon as possible" rather than the estimate. */
      unbounded: boolean;
      /** Every predictor's estimate at arrival, kept to measure which one is accurate for this queue. */
      predictions: Record<WaitPredictorName, number>;
      /** Sticky routing: the agent who served this customer last, and until when only they are offered it. */
      preferredAgentId?: string;
      preferredUntil?: EpochMs;
    })
  | (EventBase & {
      type: 'InteractionOffered';
      interactionId: string;
      queueId: string;
      agentId: string;
      agentDomainId: RoutingDomainId;
      offerId: string;
      /** Set when the agent is in this domain; a remote domain rings and times out its own agent. */
      ringDeadline?: EpochMs;
      waitedMs: number;
    })
  | (EventBase & {
      type: 'OfferAccepted';
      interactionId: string;
      queueId: string;
      agentId: string;
      offerId: string;
      waitMs: number;
    })
  | (EventBase & { type: 'OfferRejected'; interactionId: string; agentId: string; offerId: string })
  | (EventBase & { type: 'OfferTimedOut'; interactionId: string; agentId: string; offerId: string })
  | (EventBase & {
      type: 'InteractionAbandoned';
      interactionId: string;
      queueId: string;
      waitMs: number;
      position: number;
      shortAbandon: boolean;
    })
  | (EventBase & {
      type: 'InteractionCompleted';
      interactionId: string;
      queueId: string;
      agentId: string;
      handleMs: number;
    })
  /** A bullseye step widened who may take the interaction (relaxed levels or other branches). */
  | (EventBase & {
      type: 'TargetsExpanded';
      interactionId: string;
      step: number;
      requiredSkills: SkillRequirement[];
      branchIds: string[];
    })
  | (EventBase & {
      type: 'InteractionOverflowed';
      interactionId: string;
      fromQueueId: string;
      action: OverflowAction;
      reason: OverflowReason;
      /** For a partner: the trunk to transfer to. */
      trunkUri?: string;
    })
  | (EventBase & { type: 'CallbackOffered'; interactionId: string })
  | (EventBase & {
      type: 'CallbackRequested';
      interactionId: string;
      callbackInteractionId: string;
      callbackAddress: string;
      queueId: string;
    })
  | (EventBase & {
      type: 'WaitAnnounced';
      interactionId: string;
      position: number;
      estimate: AnnouncedWait;
      predictor: WaitPredictorName;
      /** No agent serves the queue now: announce "as soon as possible" rather than the estimate. */
      unbounded: boolean;
    })
  // Overflow between domains. Events carrying toDomainId are also messages to that domain (domain-messages.ts).
  | (EventBase & { type: 'OverflowOfferSent'; toDomainId: RoutingDomainId; offer: OverflowOffer })
  | (EventBase & { type: 'OverflowOfferWithdrawn'; toDomainId: RoutingDomainId; interactionId: string })
  | (EventBase & { type: 'RemoteOfferReceived'; offer: OverflowOffer })
  | (EventBase & { type: 'RemoteOfferDropped'; interactionId: string; homeDomainId: RoutingDomainId })
  | (EventBase & {
      type: 'AgentClaimed';
      toDomainId: RoutingDomainId;
      claimId: string;
      interactionId: string;
      agentId: string;
      /** If the home domain has not decided by then, the agent is released. */
      claimDeadline: EpochMs;
    })
  | (EventBase & {
      type: 'ClaimDecided';
      toDomainId: RoutingDomainId;
      claimId: string;
      interactionId: string;
      agentId: string;
      granted: boolean;
      ringTimeoutMs: number;
    })
  /** In the agent's domain: the home domain granted the claim; the agent's phone rings until ringDeadline. */
  | (EventBase & {
      type: 'RemoteOfferRinging';
      claimId: string;
      interactionId: string;
      agentId: string;
      ringDeadline: EpochMs;
    })
  /** In the agent's domain: the claim ended without an interaction for the agent (declined or no answer in time). */
  | (EventBase & { type: 'ClaimReleased'; claimId: string; interactionId: string; agentId: string })
  /** In the agent's domain: what became of an overflow offer its agent was ringing for; tells the home domain. */
  | (EventBase & {
      type: 'RemoteOfferAnswered';
      toDomainId: RoutingDomainId;
      interactionId: string;
      agentId: string;
      outcome: RemoteOfferOutcome;
    })
  /** In the home domain: the remote agent's interaction ended; tells the agent's domain to start wrap-up. */
  | (EventBase & {
      type: 'RemoteCompletionSent';
      toDomainId: RoutingDomainId;
      interactionId: string;
      agentId: string;
      wrapUpMs: number;
    });

export type RoutingEventType = RoutingEvent['type'];
