import {
  ROUTING_LOG_TOPIC,
  RoutingInteractionOfferedEvent,
  RoutingInteractionOverflowedEvent,
  RoutingOfferRejectedEvent,
  RoutingOfferTimedOutEvent,
  topicDefinitionOf,
} from '@cc/contracts';
import { type EventBus, type Subscription } from '@cc/event-bus';
import { randomUUID } from 'node:crypto';
import { type CallInput } from '../calls/call-messages';

/** Receives the routing decisions about one interaction, already in the call's vocabulary. */
export type RoutingDecisionListener = (interactionId: string, input: CallInput) => void;

/**
 * Routing's decisions about the calls this ingress holds, read from the routing log. Each ingress instance reads
 * the whole log in a group of its own from the moment it starts: its calls live in its memory and end with it.
 */
export class RoutingDecisionsConsumer {
  private subscription?: Subscription;

  constructor(private readonly now: () => number = Date.now) {}

  async start(bus: EventBus, listener: RoutingDecisionListener): Promise<void> {
    await bus.ensureTopics([topicDefinitionOf(ROUTING_LOG_TOPIC)!]);
    this.subscription = await bus.subscribe(
      {
        groupId: `sip-ingress.${randomUUID()}`,
        topics: [ROUTING_LOG_TOPIC],
        startFrom: 'latest',
        handles: [
          RoutingInteractionOfferedEvent.type,
          RoutingOfferTimedOutEvent.type,
          RoutingOfferRejectedEvent.type,
          RoutingInteractionOverflowedEvent.type,
        ],
      },
      async (event) => {
        const decision = this.decisionOf(event.envelope.type, event.envelope.data);
        if (decision) listener(decision.interactionId, decision.input);
      },
    );
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  private decisionOf(type: string, data: unknown): { interactionId: string; input: CallInput } | undefined {
    const now = this.now();
    switch (type) {
      case RoutingInteractionOfferedEvent.type: {
        const e = data as ReturnType<typeof RoutingInteractionOfferedEvent.decode>;
        return {
          interactionId: e.interactionId,
          input: { kind: 'offered', offerId: e.offerId, agentId: e.agentId, agentDomainId: e.agentDomainId, now },
        };
      }
      case RoutingOfferTimedOutEvent.type: {
        const e = data as ReturnType<typeof RoutingOfferTimedOutEvent.decode>;
        return {
          interactionId: e.interactionId,
          input: { kind: 'offer-ended', offerId: e.offerId, why: 'timed-out', now },
        };
      }
      case RoutingOfferRejectedEvent.type: {
        const e = data as ReturnType<typeof RoutingOfferRejectedEvent.decode>;
        return {
          interactionId: e.interactionId,
          input: { kind: 'offer-ended', offerId: e.offerId, why: 'rejected', now },
        };
      }
      case RoutingInteractionOverflowedEvent.type: {
        const e = data as ReturnType<typeof RoutingInteractionOverflowedEvent.decode>;
        if (!e.trunkUri) return undefined;
        return { interactionId: e.interactionId, input: { kind: 'overflowed-to-trunk', trunkUri: e.trunkUri, now } };
      }
      default:
        return undefined;
    }
  }
}
