import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { type RoutingEvent, RoutingEngine, routingDomainId, toSnapshot } from '@cc/acd';
import { ROUTING_LOG_TOPIC } from '@cc/contracts';
import { EventBus, KafkaEventLog } from '@cc/event-bus';
import { requireKafka } from '@cc/testing';
import { CommandReplies } from '../src/api/command-replies';
import { RoutingGateway } from '../src/api/routing-gateway';
import { fromProtoEvent } from '../src/codec/routing-event-codec';
import { RoutingReplica } from '../src/replica/routing-replica';
import { PARTITION_CLAIMED_TYPES } from '../src/routing-partitions';
import { eventually } from './routing-harness';

const root = resolve(__dirname, '../../..');
const CALLS = 120;
const AGENTS = 12;
const KILL_AFTER_CALLS = 40;

/** A routing instance in its own process (test/fault/routing-instance.ts). */
class InstanceProcess {
  private output = '';
  private readonly child: ChildProcess;

  constructor(name: string, brokers: string) {
    this.child = spawn(
      process.execPath,
      [join('tools/run-ts.js'), 'apps/routing/test/fault/routing-instance.ts', name],
      {
        cwd: root,
        env: { ...process.env, KAFKA_BROKERS: brokers, LOG_LEVEL: 'warn' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (chunk) => (this.output += String(chunk)));
    this.child.stderr!.on('data', (chunk) => (this.output += String(chunk)));
  }

  ready(): Promise<true> {
    return eventually(() => (this.output.includes('READY') ? true : undefined), 'a routing instance to start', 60_000);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }

  async snapshot(domainId: string): Promise<unknown> {
    const before = this.output.length;
    this.child.stdin!.write(`dump ${domainId}\n`);
    const line = await eventually(() => {
      const match = /SNAPSHOT (.*)\n/.exec(this.output.slice(before));
      return match?.[1];
    }, 'the instance to dump its state');
    return JSON.parse(line);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.kill('SIGTERM');
    await exited;
  }
}

describe('the routing service when its instance is killed (Apache Kafka)', () => {
  const tenantId = `fault-${randomUUID().slice(0, 8)}`;
  const domainId = routingDomainId(tenantId, 'a');
  const instances: InstanceProcess[] = [];
  let bus: EventBus;
  let gateway: RoutingGateway;
  let replica: RoutingReplica;
  let replies: CommandReplies;
  const events: RoutingEvent[] = [];

  beforeAll(async () => {
    const log = new KafkaEventLog({ brokers: requireKafka().split(','), clientId: `fault-test-${tenantId}` });
    await log.connect();
    bus = new EventBus({ log, source: 'cc/routing-fault-test' });
    replica = new RoutingReplica();
    replies = new CommandReplies();
    await replica.start(bus);
    await replies.start(bus);
    gateway = new RoutingGateway(bus, replica, replies, { attemptTimeoutMs: 3_000, deadlineMs: 90_000 });
    // Every event of the domain, in log order: what a full replay starts from.
    await bus.consume(
      { groupId: `fault-test-events.${randomUUID()}`, topics: [ROUTING_LOG_TOPIC], startFrom: 'earliest' },
      async (batch) => {
        for (const record of batch.records) {
          const { envelope } = bus.codec.decode(record);
          if (PARTITION_CLAIMED_TYPES.has(envelope.type)) continue;
          if ((envelope.data as { domainId: string }).domainId !== domainId) continue;
          events.push(fromProtoEvent(envelope.type, envelope.data));
        }
      },
    );
  });

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await replies?.stop();
    await replica?.stop();
    await bus?.close();
  });

  it('loses no call, assigns none twice, puts no agent in two calls, and recovers the state of a full replay', async () => {
    const first = new InstanceProcess('routing-victim', requireKafka());
    instances.push(first);
    await first.ready();

    const base = { tenantId, at: Date.now(), actor: 'supervisor:test' };
    await gateway.changeConfig({ ...base, type: 'DefineTenant', name: 'Fault test', currency: 'RUB' });
    await gateway.changeConfig({
      ...base,
      type: 'DefineBranch',
      branch: { branchId: 'a', name: 'A', timeZone: 'UTC' },
    });
    await gateway.changeConfig({ ...base, type: 'DefineSkill', skill: { skillId: 'support', name: 'Support' } });
    await gateway.changeConfig({
      ...base,
      type: 'DefineQueue',
      queue: {
        queueId: 'support',
        branchId: 'a',
        name: 'Support',
        requiredSkills: [{ skillId: 'support', minLevel: 1 }],
        ringTimeoutMs: 30_000,
        wrapUpMs: 0,
      },
    });
    const agentIds = Array.from({ length: AGENTS }, (_, i) => `ag${i + 1}`);
    for (const agentId of agentIds) {
      await gateway.changeConfig({
        ...base,
        type: 'DefineAgent',
        agent: { agentId, branchId: 'a', name: agentId, skills: { support: 5 } },
      });
      await gateway.logIn(tenantId, agentId, {});
    }

    // The agents' phones: answer what rings, hang up a little later.
    const answering = new Set<string>();
    const finishing = new Set<string>();
    const phones = setInterval(() => {
      const state = replica.domain(domainId)?.state;
      if (state === undefined) return;
      for (const agent of state.agents.values()) {
        const callId = agent.interactionId;
        if (callId === undefined) continue;
        if (agent.state === 'Reserved' && !answering.has(callId)) {
          answering.add(callId);
          gateway.acceptOffer(tenantId, agent.agentId, callId).catch(() => answering.delete(callId));
        } else if (agent.state === 'Busy' && !finishing.has(callId)) {
          finishing.add(callId);
          setTimeout(
            () => {
              gateway.complete(tenantId, 'a', callId).catch(() => finishing.delete(callId));
            },
            100 + Math.random() * 300,
          );
        }
      }
    }, 25);

    const queued: Promise<unknown>[] = [];
    let second: InstanceProcess | undefined;
    try {
      for (let i = 1; i <= CALLS; i++) {
        queued.push(
          gateway.queueInteraction(tenantId, 'a', {
            interactionId: `call-${i}`,
            queueId: 'support',
            channel: 'voice',
            kind: 'inbound',
          }),
        );
        if (i === KILL_AFTER_CALLS) {
          first.kill();
          second = new InstanceProcess('routing-successor', requireKafka());
          instances.push(second);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await second!.ready();
      await Promise.all(queued);
      await eventually(
        () => (events.filter((e) => e.type === 'InteractionCompleted').length >= CALLS ? true : undefined),
        'every call to be answered and completed',
        120_000,
      );
    } finally {
      clearInterval(phones);
    }

    const perCall = (type: RoutingEvent['type']) => {
      const counts = new Map<string, number>();
      for (const e of events) {
        if (e.type !== type) continue;
        const callId =
          e.type === 'InteractionQueued' ? e.interaction.interactionId : (e as { interactionId: string }).interactionId;
        counts.set(callId, (counts.get(callId) ?? 0) + 1);
      }
      return counts;
    };
    const callIds = Array.from({ length: CALLS }, (_, i) => `call-${i + 1}`);
    // No call lost and none counted twice: each queued once, answered once, completed once.
    for (const [type, counts] of [
      ['InteractionQueued', perCall('InteractionQueued')],
      ['OfferAccepted', perCall('OfferAccepted')],
      ['InteractionCompleted', perCall('InteractionCompleted')],
    ] as const) {
      expect({ type, counts: callIds.map((id) => counts.get(id) ?? 0) }).toEqual({
        type,
        counts: callIds.map(() => 1),
      });
    }
    // No agent in two calls: each agent's answers and hang-ups alternate.
    const talkingTo = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'OfferAccepted') {
        expect(talkingTo.get(e.agentId)).toBeUndefined();
        talkingTo.set(e.agentId, e.interactionId);
      } else if (e.type === 'InteractionCompleted') {
        expect(talkingTo.get(e.agentId)).toBe(e.interactionId);
        talkingTo.delete(e.agentId);
      }
    }
    // The successor decides on exactly the state a full replay of the log gives.
    const live = await second!.snapshot(domainId);
    expect(live).toEqual(toSnapshot(RoutingEngine.replay(domainId, events).state));
  }, 300_000);
});
