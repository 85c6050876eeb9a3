import { type CallAction, type CallInput } from './call-messages';
import { type CallState, newCall } from './call-state';
import { decideCall } from './decide-call';

const customerSdp = Buffer.from('v=0 customer');
const agentSdp = Buffer.from('v=0 agent');

function dialling(): CallState {
  return newCall({
    callId: 'o1',
    sipCallId: 'sip-o1',
    tenantId: 'demo',
    branchId: 'msk',
    queueId: 'msk-sales',
    dialledNumber: '+74950000001',
    callerNumber: '+79160000002',
    callerName: '',
    trunkId: 'carrier',
    callerSdp: Buffer.alloc(0),
    customerId: 'cust-9',
    direction: 'outbound',
    now: 1000,
  });
}

function given(call: CallState, ...inputs: CallInput[]): CallAction[] {
  let actions: CallAction[] = [];
  for (const input of inputs) actions = decideCall(call, input);
  return actions;
}

function kinds(actions: CallAction[]): string[] {
  return actions.map((a) => (a.kind === 'publish' ? `publish:${a.fact.kind}` : a.kind));
}

const answered: CallInput = { kind: 'customer-answered', sdp: customerSdp, now: 3000 };
const identifiedUnknown: CallInput = { kind: 'customer-identified', customerId: '', vip: false, now: 3010 };
const offered: CallInput = { kind: 'offered', offerId: 'f1', agentId: '1001', agentDomainId: 'demo/msk', now: 4000 };

describe('decideCall for an originated call', () => {
  it('waits while the customer is called; once answered, identifies and queues it without ringing anyone back', () => {
    const call = dialling();
    expect(call.phase).toBe('dialling');
    // An offer cannot come before the call is queued; if one did, it is refused.
    expect(kinds(decideCall(call, offered))).toEqual(['reject-offer']);
    expect(decideCall(call, answered)).toEqual([{ kind: 'lookup-customer' }]);
    expect(call).toMatchObject({ phase: 'arriving', callerAnswered: true, callerSdp: customerSdp });
    // The dialer's customer id stays when the lookup finds nobody.
    expect(decideCall(call, identifiedUnknown)).toEqual([
      expect.objectContaining({ kind: 'queue-interaction', customerId: 'cust-9' }),
    ]);
    expect(given(call, { kind: 'queued', now: 3020 })).toEqual([]);
  });

  it('offers the customer’s session to the agent and connects them by re-INVITE of the customer', () => {
    const call = dialling();
    const invite = given(call, answered, identifiedUnknown, { kind: 'queued', now: 3020 }, offered);
    expect(invite[0]).toMatchObject({ kind: 'invite-leg', sdp: customerSdp });
    const legId = call.leg!.legId;
    given(call, { kind: 'leg-answered', legId, sdp: agentSdp, now: 5000 });
    const connected = decideCall(call, { kind: 'offer-confirmed', offerId: 'f1', now: 5010 });
    expect(connected[0]).toEqual({ kind: 'reoffer-caller', sdp: agentSdp });
    expect(kinds(connected)).toEqual(['reoffer-caller', 'publish:answered', 'publish:bridged']);
  });

  it('ends an unanswered call as busy or no answer by the SIP status, and a customer who leaves the queue as an abandon', () => {
    const busy = dialling();
    expect(kinds(decideCall(busy, { kind: 'customer-unreached', status: 486, reason: 'Busy', now: 2000 }))).toEqual([
      'publish:ended',
      'forget',
    ]);
    expect(busy.end).toMatchObject({ cause: 'busy', sipStatus: 486, hungUpBy: 'customer' });
    const silent = dialling();
    given(silent, { kind: 'customer-unreached', status: 408, reason: 'Request Timeout', now: 31_000 });
    expect(silent.end?.cause).toBe('no-answer');
    const broken = dialling();
    given(broken, { kind: 'customer-unreached', status: 503, reason: 'Service Unavailable', now: 2000 });
    expect(broken.end?.cause).toBe('failed');

    const dropped = dialling();
    given(dropped, answered, identifiedUnknown, { kind: 'queued', now: 3020 });
    expect(kinds(decideCall(dropped, { kind: 'caller-hung-up', now: 3500 }))).toEqual([
      'abandon-interaction',
      'publish:ended',
      'forget',
    ]);
    expect(dropped.end?.cause).toBe('abandoned');
  });

  it('hangs up on request: cancels while dialling, ends both legs once connected', () => {
    const ringing = dialling();
    expect(decideCall(ringing, { kind: 'hang-up-requested', now: 1500 })).toEqual([
      { kind: 'reject-caller', status: 487, reason: 'Hung up by request' },
    ]);
    const talking = dialling();
    given(talking, answered, identifiedUnknown, { kind: 'queued', now: 3020 }, offered);
    given(talking, { kind: 'leg-answered', legId: talking.leg!.legId, sdp: agentSdp, now: 5000 });
    given(talking, { kind: 'offer-confirmed', offerId: 'f1', now: 5010 });
    const actions = decideCall(talking, { kind: 'hang-up-requested', now: 9000 });
    expect(kinds(actions)).toEqual([
      'hang-up-caller',
      'hang-up-leg',
      'publish:leg-ended',
      'complete-interaction',
      'publish:ended',
      'forget',
    ]);
    expect(talking.end).toMatchObject({ cause: 'normal', hungUpBy: 'system' });
  });
});
