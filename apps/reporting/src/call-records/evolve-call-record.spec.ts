import { callV1 } from '@cc/contracts';
import { type CallLifecycleEvent, emptyCallRecord } from './call-record';
import { evolveCallRecord } from './evolve-call-record';

const tenantId = 'demo';
const callId = 'c1';
const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s));

const arrived: CallLifecycleEvent = {
  type: 'cc.call.v1.CallArrived',
  data: callV1.CallArrived.fromPartial({ tenantId, callId, occurredAt: at(0), dialledNumber: '+74950000001', callerNumber: '+79160000001' }),
};
const queued: CallLifecycleEvent = {
  type: 'cc.call.v1.CallQueued',
  data: callV1.CallQueued.fromPartial({ tenantId, callId, occurredAt: at(1), queueId: 'support', priority: 2 }),
};
const abandoned: CallLifecycleEvent = {
  type: 'cc.call.v1.CallAbandoned',
  data: callV1.CallAbandoned.fromPartial({ tenantId, callId, occurredAt: at(40), queueId: 'support', waitMs: 39_000, position: 3 }),
};
const ended: CallLifecycleEvent = {
  type: 'cc.call.v1.CallEnded',
  data: callV1.CallEnded.fromPartial({
    tenantId,
    callId,
    occurredAt: at(40),
    cause: callV1.EndCause.END_CAUSE_ABANDONED,
    hungUpBy: callV1.Party.PARTY_CUSTOMER,
    durationMs: 40_000,
  }),
};

const fold = (events: CallLifecycleEvent[]) => events.reduce(evolveCallRecord, emptyCallRecord(tenantId, callId));

describe('evolveCallRecord', () => {
  it('records an abandoned call with its wait and position', () => {
    expect(fold([arrived, queued, abandoned, ended])).toMatchObject({
      dialledNumber: '+74950000001',
      queueId: 'support',
      queuedAt: at(1),
      abandoned: true,
      abandonPosition: 3,
      waitMs: 39_000,
      endCause: 'abandoned',
      hungUpBy: 'customer',
      durationMs: 40_000,
      agentId: null,
      answeredAt: null,
    });
  });

  it('gives the same record whatever order the events arrive in', () => {
    const inOrder = fold([arrived, queued, abandoned, ended]);
    expect(fold([ended, abandoned, arrived, queued])).toEqual(inOrder);
    expect(fold([queued, ended, arrived, abandoned])).toEqual(inOrder);
  });

  it('counts offers and transfers', () => {
    const offered: CallLifecycleEvent = { type: 'cc.call.v1.CallOffered', data: callV1.CallOffered.fromPartial({ tenantId, callId, agentId: '1001' }) };
    const transferred: CallLifecycleEvent = {
      type: 'cc.call.v1.CallTransferred',
      data: callV1.CallTransferred.fromPartial({ tenantId, callId, fromAgentId: '1001' }),
    };
    expect(fold([arrived, offered, offered, transferred])).toMatchObject({ offers: 2, transfers: 1 });
  });

  it('leaves unknown enum values empty rather than inventing them', () => {
    const record = fold([{ type: 'cc.call.v1.CallEnded', data: callV1.CallEnded.fromPartial({ tenantId, callId }) }]);
    expect(record.endCause).toBeNull();
    expect(record.hungUpBy).toBeNull();
  });
});
