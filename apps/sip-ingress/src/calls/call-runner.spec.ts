import { type CallFact } from './call-messages';
import { type CallerLegPort, type LegEvents, type RoutingPort } from './call-ports';
import { CallRunner } from './call-runner';
import { type CallLeg } from './call-state';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function harness(options: { lookupMs?: number; queueReply?: Promise<void> } = {}) {
  const routingLog: string[] = [];
  const callerLog: string[] = [];
  const facts: CallFact['kind'][] = [];
  const legs: Array<{ leg: CallLeg; events: LegEvents; log: string[] }> = [];
  const routing: RoutingPort = {
    queueInteraction: async (_c, id, queue) => {
      routingLog.push(`queue ${id} ${queue}`);
      await options.queueReply;
    },
    acceptOffer: async (_c, id, agent) => void routingLog.push(`accept ${id} ${agent}`),
    rejectOffer: async (_c, id, agent) => void routingLog.push(`reject ${id} ${agent}`),
    abandon: async (_c, id) => void routingLog.push(`abandon ${id}`),
    complete: async (_c, id) => void routingLog.push(`complete ${id}`),
  };
  const caller: CallerLegPort = {
    ring: () => callerLog.push('180'),
    earlyMedia: (sdp) => callerLog.push(`183 ${sdp.toString()}`),
    reject: (status) => callerLog.push(String(status)),
    answer: (sdp) => callerLog.push(`200 ${sdp.toString()}`),
    reoffer: async (sdp) => void callerLog.push(`re-INVITE ${sdp.toString()}`),
    hangUp: () => callerLog.push('BYE'),
  };
  const runner = new CallRunner(
    {
      routing,
      facts: { publish: (_call, fact) => facts.push(fact.kind) },
      dialer: {
        dial: (_call, leg, _sdp, events) => {
          const log: string[] = [];
          legs.push({ leg, events, log });
          return {
            cancel: () => log.push('CANCEL'),
            hangUp: () => log.push('BYE'),
            answerTransfer: (status) => log.push(String(status)),
          };
        },
      },
      lookup:
        options.lookupMs === undefined
          ? undefined
          : {
              identify: () =>
                new Promise((resolve) =>
                  setTimeout(() => resolve({ customerId: 'cust-7', vip: true }), options.lookupMs),
                ),
            },
      lookupTimeoutMs: 50,
    },
    () => ({ status: 503, reason: 'Service Unavailable' }),
  );
  const call = runner.start(
    {
      callId: 'c1',
      sipCallId: 's1',
      tenantId: 'demo',
      branchId: 'msk',
      queueId: 'msk-sales',
      dialledNumber: '+74950000001',
      callerNumber: '+79160000001',
      callerName: '',
      trunkId: 'carrier',
      callerSdp: Buffer.from('caller'),
      now: 0,
    },
    caller,
  );
  return { runner, call, routingLog, callerLog, facts, legs };
}

describe('CallRunner', () => {
  it('routes the call without the customer when the lookup takes too long', async () => {
    const h = harness({ lookupMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 80));
    await flush();
    expect(h.routingLog).toEqual(['queue c1 msk-sales']);
    expect(h.call.customerId).toBe('');
    expect(h.callerLog).toEqual(['180']);
  });

  it('uses the customer found in time', async () => {
    const h = harness({ lookupMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await flush();
    expect(h.call.customerId).toBe('cust-7');
    expect(h.call.vip).toBe(true);
  });

  it('sends the abandon only after the queueing it undoes, even when the caller leaves first', async () => {
    const reply = deferred();
    const h = harness({ queueReply: reply.promise });
    await flush();
    h.runner.callerInput('c1', { kind: 'caller-left', now: 10 });
    await flush();
    expect(h.routingLog).toEqual(['queue c1 msk-sales']);
    reply.resolve();
    await flush();
    await flush();
    expect(h.routingLog).toEqual(['queue c1 msk-sales', 'abandon c1']);
    expect(h.facts).toEqual(['arrived', 'ended']);
    expect(h.runner.activeCalls).toBe(0);
  });

  it('answers the caller with the agent’s session once routing confirmed, and ends both legs on BYE', async () => {
    const h = harness();
    await flush();
    await flush();
    h.runner.routingDecision('c1', {
      kind: 'offered',
      offerId: 'o1',
      agentId: '1001',
      agentDomainId: 'demo/msk',
      now: 5,
    });
    expect(h.legs).toHaveLength(1);
    h.legs[0].events.ringing();
    h.legs[0].events.answered(Buffer.from('agent'));
    await flush();
    await flush();
    expect(h.routingLog).toEqual(['queue c1 msk-sales', 'accept c1 1001']);
    expect(h.callerLog).toEqual(['180', '200 agent']);
    h.legs[0].events.hungUp();
    await flush();
    await flush();
    expect(h.callerLog).toEqual(['180', '200 agent', 'BYE']);
    expect(h.routingLog).toEqual(['queue c1 msk-sales', 'accept c1 1001', 'complete c1']);
    expect(h.facts).toEqual([
      'arrived',
      'ringing',
      'leg-started',
      'leg-ringing',
      'leg-answered',
      'answered',
      'bridged',
      'leg-ended',
      'ended',
    ]);
  });

  it('refuses an offer that arrives for a call that just ended', async () => {
    const h = harness();
    await flush();
    await flush();
    h.runner.callerInput('c1', { kind: 'caller-left', now: 10 });
    h.runner.routingDecision('c1', {
      kind: 'offered',
      offerId: 'o1',
      agentId: '1001',
      agentDomainId: 'demo/msk',
      now: 11,
    });
    await flush();
    await flush();
    expect(h.routingLog).toEqual(['queue c1 msk-sales', 'abandon c1', 'reject c1 1001']);
    expect(h.legs).toHaveLength(0);
  });
});
