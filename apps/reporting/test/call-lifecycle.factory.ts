import {
  CallAnsweredEvent,
  CallArrivedEvent,
  CallEndedEvent,
  CallOfferedEvent,
  CallQueuedEvent,
  callV1,
  commonV1,
} from '@cc/contracts';
import { type PublishRequest } from '@cc/event-bus';

/** The events of one answered inbound call, as the SIP ingress and routing publish them. */
export function answeredCall(tenantId: string, callId: string, arrivedAt: Date): PublishRequest[] {
  const at = (ms: number) => new Date(arrivedAt.getTime() + ms);
  const base = { tenantId, callId, branchId: 'msk' };
  const events: PublishRequest[] = [
    {
      event: CallArrivedEvent,
      tenantId,
      data: callV1.CallArrived.fromPartial({
        ...base,
        occurredAt: at(0),
        sipCallId: `${callId}@ingress`,
        channel: commonV1.Channel.CHANNEL_VOICE,
        direction: callV1.Direction.DIRECTION_INBOUND,
        dialledNumber: '+74950000001',
        callerNumber: '+79160000001',
      }),
    },
    { event: CallQueuedEvent, tenantId, data: callV1.CallQueued.fromPartial({ ...base, occurredAt: at(200), queueId: 'sales', priority: 1, position: 1 }) },
    {
      event: CallOfferedEvent,
      tenantId,
      data: callV1.CallOffered.fromPartial({ ...base, occurredAt: at(12_000), queueId: 'sales', offerId: 'o1', agentId: '1001', ringTimeoutMs: 20_000, attempt: 1 }),
    },
    {
      event: CallAnsweredEvent,
      tenantId,
      data: callV1.CallAnswered.fromPartial({ ...base, occurredAt: at(15_000), queueId: 'sales', agentId: '1001', offerId: 'o1', waitMs: 14_800, ringMs: 3_000 }),
    },
    {
      event: CallEndedEvent,
      tenantId,
      data: callV1.CallEnded.fromPartial({
        ...base,
        occurredAt: at(195_000),
        cause: callV1.EndCause.END_CAUSE_NORMAL,
        hungUpBy: callV1.Party.PARTY_CUSTOMER,
        talkMs: 180_000,
        holdMs: 0,
        waitMs: 14_800,
        durationMs: 195_000,
        agentId: '1001',
        queueId: 'sales',
      }),
    },
  ];
  return events;
}
