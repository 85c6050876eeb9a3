import { type CallAction, type CallInput } from './call-messages';
import { type CallState, newCall } from './call-state';
import { decideCall } from './decide-call';

const callerSdp = Buffer.from('v=0 caller');
const agentSdp = Buffer.from('v=0 agent');

function arrivedCall(): CallState {
  return newCall({
    callId: 'c1',
    sipCallId: 'sip-1',
    tenantId: 'demo',
    branchId: 'msk',
    queueId: 'msk-sales',
    dialledNumber: '+74950000001',
    callerNumber: '+79160000001',
    callerName: '',
    trunkId: 'carrier',
    callerSdp,
    now: 1000,
  });
}

/** Feeds inputs in order and returns the actions of the last one. */
function given(call: CallState, ...inputs: CallInput[]): CallAction[] {
  let actions: CallAction[] = [];
  for (const input of inputs) actions = decideCall(call, input);
  return actions;
}

function kinds(actions: CallAction[]): string[] {
  return actions.map((a) => (a.kind === 'publish' ? `publish:${a.fact.kind}` : a.kind));
}

function legIdOf(actions: CallAction[]): string {
  const invite = actions.find((a) => a.kind === 'invite-leg');
  if (!invite || invite.kind !== 'invite-leg') throw new Error('no leg invited');
  return invite.leg.legId;
}

const identified: CallInput = { kind: 'customer-identified', customerId: 'cust-1', vip: true, now: 1010 };
const queued: CallInput = { kind: 'queued', now: 1020 };
const offered: CallInput = { kind: 'offered', offerId: 'o1', agentId: '1001', agentDomainId: 'demo/msk', now: 2000 };

describe('decideCall', () => {
  it('queues an identified caller with its customer data, then rings the caller', () => {
    const call = arrivedCall();
    expect(decideCall(call, identified)).toEqual([
      {
        kind: 'queue-interaction',
        interactionId: 'c1',
        branchId: 'msk',
        queueId: 'msk-sales',
        customerId: 'cust-1',
        vip: true,
      },
    ]);
    expect(kinds(decideCall(call, queued))).toEqual(['ring-caller', 'publish:ringing']);
    expect(call.phase).toBe('queued');
  });

  it('connects the caller only after routing confirms the agent who answered', () => {
    const call = arrivedCall();
    const invite = given(call, identified, queued, offered);
    expect(kinds(invite)).toEqual(['invite-leg', 'publish:leg-started']);
    expect(invite[0]).toMatchObject({
      kind: 'invite-leg',
      sdp: callerSdp,
      leg: { target: { kind: 'agent', agentId: '1001' } },
    });
    const legId = legIdOf(invite);
    expect(kinds(decideCall(call, { kind: 'leg-ringing', legId, now: 2100 }))).toEqual(['publish:leg-ringing']);
    const answered = decideCall(call, { kind: 'leg-answered', legId, sdp: agentSdp, now: 5100 });
    expect(kinds(answered)).toEqual(['publish:leg-answered', 'accept-offer']);
    expect(call.phase).toBe('confirming');
    const confirmed = decideCall(call, { kind: 'offer-confirmed', offerId: 'o1', now: 5102 });
    expect(confirmed[0]).toEqual({ kind: 'answer-caller', sdp: agentSdp });
    expect(confirmed[1]).toMatchObject({
      kind: 'publish',
      fact: { kind: 'answered', agentId: '1001', waitMs: 4102, ringMs: 3002 },
    });
    expect(call.phase).toBe('connected');
  });

  it('ends both legs and completes the interaction when either side hangs up', () => {
    const byCaller = arrivedCall();
    const legId = legIdOf(given(byCaller, identified, queued, offered));
    given(
      byCaller,
      { kind: 'leg-answered', legId, sdp: agentSdp, now: 3000 },
      { kind: 'offer-confirmed', offerId: 'o1', now: 3000 },
    );
    const hangUp = decideCall(byCaller, { kind: 'caller-hung-up', now: 63000 });
    expect(kinds(hangUp)).toEqual([
      'hang-up-leg',
      'publish:leg-ended',
      'complete-interaction',
      'publish:ended',
      'forget',
    ]);
    expect(byCaller.end).toEqual({ cause: 'normal', hungUpBy: 'customer', sipStatus: 200, at: 63000 });
    expect(byCaller.talkMs).toBe(60000);

    const byAgent = arrivedCall();
    const agentLeg = legIdOf(given(byAgent, identified, queued, offered));
    given(
      byAgent,
      { kind: 'leg-answered', legId: agentLeg, sdp: agentSdp, now: 3000 },
      { kind: 'offer-confirmed', offerId: 'o1', now: 3000 },
    );
    const agentBye = decideCall(byAgent, { kind: 'leg-hung-up', legId: agentLeg, now: 4000 });
    expect(kinds(agentBye)).toEqual([
      'publish:leg-ended',
      'complete-interaction',
      'hang-up-caller',
      'publish:ended',
      'forget',
    ]);
    expect(byAgent.end?.hungUpBy).toBe('agent');
  });

  it('abandons the interaction and cancels the ringing agent when the caller leaves', () => {
    const call = arrivedCall();
    given(call, identified, queued, offered);
    const left = decideCall(call, { kind: 'caller-left', now: 2500 });
    expect(kinds(left)).toEqual(['cancel-leg', 'abandon-interaction', 'publish:ended', 'forget']);
    expect(call.end?.cause).toBe('abandoned');
  });

  it('does not tell routing about a call that was never queued', () => {
    const call = arrivedCall();
    expect(kinds(decideCall(call, { kind: 'caller-left', now: 1005 }))).toEqual(['publish:ended', 'forget']);
  });

  it('gives a refused or unreachable agent back to routing, and waits for the next offer', () => {
    const call = arrivedCall();
    const legId = legIdOf(given(call, identified, queued, offered));
    const busy = decideCall(call, { kind: 'leg-failed', legId, status: 486, reason: 'Busy Here', now: 2100 });
    expect(busy[1]).toEqual({
      kind: 'reject-offer',
      interactionId: 'c1',
      offerId: 'o1',
      agentId: '1001',
      unreachable: false,
    });
    expect(call.phase).toBe('queued');
    const next = decideCall(call, { ...offered, offerId: 'o2', agentId: '1002' });
    const unreachable = decideCall(call, {
      kind: 'leg-failed',
      legId: legIdOf(next),
      status: 480,
      reason: 'Temporarily Unavailable',
      now: 2200,
    });
    expect(unreachable[1]).toMatchObject({ kind: 'reject-offer', offerId: 'o2', unreachable: true });
  });

  it('cancels the leg when routing times the offer out, rings the next agent at once, and hangs up a late answer', () => {
    const call = arrivedCall();
    const legId = legIdOf(given(call, identified, queued, offered));
    expect(decideCall(call, { kind: 'offer-ended', offerId: 'o1', why: 'timed-out', now: 17000 })).toEqual([
      { kind: 'cancel-leg', legId },
    ]);
    expect(call.phase).toBe('queued');
    // The next agent may ring while the cancelled leg still waits for its 487.
    const next = decideCall(call, { ...offered, offerId: 'o2', agentId: '1002', now: 17001 });
    expect(kinds(next)).toEqual(['invite-leg', 'publish:leg-started']);
    // Its 487 only closes the leg: routing already knows.
    expect(
      kinds(decideCall(call, { kind: 'leg-failed', legId, status: 487, reason: 'Request Terminated', now: 17002 })),
    ).toEqual(['publish:leg-ended']);
    expect(call.leg?.legId).toBe(legIdOf(next));
  });

  it('hangs up a phone that answers as the CANCEL crosses it', () => {
    const call = arrivedCall();
    const legId = legIdOf(given(call, identified, queued, offered));
    decideCall(call, { kind: 'offer-ended', offerId: 'o1', why: 'timed-out', now: 17000 });
    expect(decideCall(call, { kind: 'leg-answered', legId, sdp: agentSdp, now: 17001 })).toEqual([
      { kind: 'hang-up-leg', legId },
    ]);
    expect(call.closingLegs).toEqual([]);
    expect(call.phase).toBe('queued');
  });

  it('takes an offer that overtakes routing’s reply to the queueing, and still rings the caller', () => {
    const call = arrivedCall();
    decideCall(call, identified);
    expect(kinds(decideCall(call, offered))).toEqual(['invite-leg', 'publish:leg-started']);
    expect(kinds(decideCall(call, queued))).toEqual(['ring-caller', 'publish:ringing']);
    expect(call.phase).toBe('offering');
  });

  it('refuses a second offer while a leg rings', () => {
    const call = arrivedCall();
    given(call, identified, queued, offered);
    expect(decideCall(call, { ...offered, offerId: 'o9', agentId: '1009' })).toEqual([
      { kind: 'reject-offer', interactionId: 'c1', offerId: 'o9', agentId: '1009', unreachable: false },
    ]);
  });

  it('completes a confirmation that arrives after the caller left during it', () => {
    const call = arrivedCall();
    const legId = legIdOf(given(call, identified, queued, offered));
    decideCall(call, { kind: 'leg-answered', legId, sdp: agentSdp, now: 3000 });
    expect(kinds(decideCall(call, { kind: 'caller-left', now: 3001 }))).toEqual([
      'hang-up-leg',
      'publish:leg-ended',
      'abandon-interaction',
      'publish:ended',
      'forget',
    ]);
    expect(decideCall(call, { kind: 'offer-confirmed', offerId: 'o1', now: 3002 })).toEqual([
      { kind: 'complete-interaction', interactionId: 'c1', agentId: '1001' },
    ]);
  });

  it('rejects the caller with routing’s status when the call cannot be queued', () => {
    const call = arrivedCall();
    decideCall(call, identified);
    const refused = decideCall(call, { kind: 'queue-refused', status: 480, reason: 'Queue closed', now: 1030 });
    expect(refused[0]).toEqual({ kind: 'reject-caller', status: 480, reason: 'Queue closed' });
    expect(call.end?.cause).toBe('failed');
  });

  it('carries out an overflow to a partner trunk and connects the caller when it answers', () => {
    const call = arrivedCall();
    given(call, identified, queued);
    const overflow = decideCall(call, {
      kind: 'overflowed-to-trunk',
      trunkUri: 'sip:partner@127.0.0.1:5070',
      now: 5000,
    });
    expect(overflow[0]).toMatchObject({ kind: 'invite-leg', leg: { target: { kind: 'trunk', reason: 'overflow' } } });
    const answered = decideCall(call, { kind: 'leg-answered', legId: legIdOf(overflow), sdp: agentSdp, now: 6000 });
    expect(kinds(answered)).toEqual(['publish:leg-answered', 'answer-caller', 'publish:bridged']);
    expect(kinds(decideCall(call, { kind: 'caller-hung-up', now: 9000 }))).toEqual([
      'hang-up-leg',
      'publish:leg-ended',
      'publish:ended',
      'forget',
    ]);
    expect(call.end?.cause).toBe('transferred-out');
  });

  it('transfers blind to another queue: the agent is released and the caller re-offered with a re-INVITE', () => {
    const call = arrivedCall();
    const legId = legIdOf(given(call, identified, queued, offered));
    given(
      call,
      { kind: 'leg-answered', legId, sdp: agentSdp, now: 3000 },
      { kind: 'offer-confirmed', offerId: 'o1', now: 3000 },
    );
    const transfer = decideCall(call, {
      kind: 'transfer-requested',
      legId,
      target: { kind: 'queue', branchId: 'msk', queueId: 'msk-billing' },
      now: 13000,
    });
    expect(kinds(transfer)).toEqual([
      'answer-transfer',
      'hang-up-leg',
      'publish:leg-ended',
      'complete-interaction',
      'publish:transferred',
      'queue-interaction',
    ]);
    expect(transfer[5]).toMatchObject({ interactionId: 'c1:t1', queueId: 'msk-billing' });
    expect(kinds(decideCall(call, queued))).toEqual([]);
    const second = decideCall(call, { ...offered, offerId: 'o5', agentId: '1005', now: 14000 });
    const secondLeg = legIdOf(second);
    given(call, { kind: 'leg-answered', legId: secondLeg, sdp: Buffer.from('v=0 agent2'), now: 15000 });
    const confirmed = decideCall(call, { kind: 'offer-confirmed', offerId: 'o5', now: 15000 });
    expect(confirmed[0]).toEqual({ kind: 'reoffer-caller', sdp: Buffer.from('v=0 agent2') });
  });

  it('refuses a transfer from anyone but the connected agent', () => {
    const call = arrivedCall();
    given(call, identified, queued);
    expect(
      decideCall(call, { kind: 'transfer-requested', legId: 'x', target: { kind: 'number', number: '+7' }, now: 1 }),
    ).toEqual([{ kind: 'answer-transfer', legId: 'x', status: 403, reason: 'Only the connected agent may transfer' }]);
  });

  it('carries out an overflow to a trunk decided before the reply to the queueing arrives', () => {
    const call = arrivedCall();
    decideCall(call, identified);
    const actions = decideCall(call, {
      kind: 'overflowed-to-trunk',
      trunkUri: 'sip:overflow@127.0.0.1:5070',
      now: 1015,
    });
    expect(kinds(actions)).toEqual(['invite-leg', 'publish:leg-started']);
    expect(call.leg?.target).toEqual({ kind: 'trunk', trunkUri: 'sip:overflow@127.0.0.1:5070', reason: 'overflow' });
    // The late reply still rings the caller while the partner's phone rings.
    expect(kinds(decideCall(call, queued))).toEqual(['ring-caller', 'publish:ringing']);
  });

  it('passes a trunk leg’s early media to the caller not yet answered, but not an agent phone’s', () => {
    const call = arrivedCall();
    given(call, identified, { kind: 'overflowed-to-trunk', trunkUri: 'sip:overflow@127.0.0.1:5070', now: 1015 });
    const media = Buffer.from('v=0 partner announcement');
    const legId = call.leg!.legId;
    expect(decideCall(call, { kind: 'leg-ringing', legId, earlyMedia: media, now: 1100 })).toEqual([
      { kind: 'early-media-caller', sdp: media },
      expect.objectContaining({ kind: 'publish' }),
    ]);
    // A later 183 with new media is passed on too; the leg was already ringing.
    expect(kinds(decideCall(call, { kind: 'leg-ringing', legId, earlyMedia: media, now: 1200 }))).toEqual([
      'early-media-caller',
    ]);

    const queuedCall = arrivedCall();
    const invite = given(queuedCall, identified, queued, offered);
    const agentLeg = legIdOf(invite);
    expect(
      kinds(decideCall(queuedCall, { kind: 'leg-ringing', legId: agentLeg, earlyMedia: media, now: 2100 })),
    ).toEqual(['publish:leg-ringing']);
  });
});
