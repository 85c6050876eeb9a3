import {
  CALL_LIFECYCLE_TOPIC,
  CallEndedEvent,
  callV1,
  sipV1,
  SIP_LEGS_TOPIC,
  SIP_REGISTRATIONS_TOPIC,
} from '@cc/contracts';
import { EventBus } from '@cc/event-bus';
import { type Dialog, parseSdp, SipTransport, SipUserAgent } from '@cc/sip';
import { type RunningService, startService } from '@cc/platform';
import { RoutingModule } from '@cc/routing';
import { SipIngressModule, SipIngressService } from '@cc/sip-ingress';
import { requireKafka, requirePostgres, requireSipp, runSipp, type SippProcess, startSipp, waitFor } from '@cc/testing';
import { credentials as grpcCredentials, type ServiceError, status as grpcStatus } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Real calls through the SIP ingress: sipp processes on loopback act as the carrier and as agents' phones, the
 * routing service decides, on the embedded log + PGlite and on Apache Kafka + PostgreSQL.
 */
const modes = [
  { name: 'the embedded log and PGlite', env: (): NodeJS.ProcessEnv => ({}) },
  {
    name: 'Apache Kafka and PostgreSQL',
    env: (): NodeJS.ProcessEnv => ({ KAFKA_BROKERS: requireKafka(), DATABASE_URL: requirePostgres() }),
  },
];

let nextPort = 16_100 + Math.floor(Math.random() * 200) * 10;
const port = () => (nextPort += 1);

describe.each(modes)('calls through the SIP ingress on $name', (mode) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-sip-calls-'));
  let service: RunningService;
  let target: string;
  let ended: Map<string, callV1.CallEnded>;
  /** Every event type seen per call id (and per "<tenant>/<agent>" for registrations), in order. */
  let seen: Map<string, string[]>;
  const phones: SippProcess[] = [];

  beforeAll(async () => {
    requireSipp();
    const { KAFKA_BROKERS: _k, DATABASE_URL: _d, ...base } = process.env;
    const env = {
      ...base,
      ...mode.env(),
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      GRPC_PORT: '0',
      SIP_PORT: '0',
      LOG_LEVEL: 'warn',
    };
    service = await startService(
      {
        name: 'sip-calls-test',
        modules: [
          RoutingModule.forRoot({ seedDemoTenant: true }),
          SipIngressModule.forRoot({ seedDemoDirectory: true, env }),
        ],
      },
      env,
    );
    const sip = service.app.get(SipIngressService).sipAddress;
    target = `${sip.host}:${sip.port}`;
    ended = new Map();
    seen = new Map();
    const bus = service.app.get(EventBus);
    await bus.subscribe(
      {
        groupId: `sip-calls-test.${randomUUID()}`,
        topics: [CALL_LIFECYCLE_TOPIC, SIP_LEGS_TOPIC, SIP_REGISTRATIONS_TOPIC],
        startFrom: 'latest',
      },
      async (event) => {
        const key = event.key ?? '';
        seen.set(key, [...(seen.get(key) ?? []), event.envelope.type]);
        if (event.envelope.type === CallEndedEvent.type) {
          const data = event.envelope.data as callV1.CallEnded;
          ended.set(data.callId, data);
        }
      },
    );
  });

  afterEach(async () => {
    for (const phone of phones.splice(0)) phone.stop();
  });

  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Registers an agent's phone answering with `scenario` on a port of its own (logging the agent in). */
  async function agentPhone(
    agent: string,
    scenario: string,
    pauseMs = 300,
    variables: Record<string, string> = {},
    extra: string[] = [],
  ): Promise<{ phone: SippProcess; unregister: () => Promise<void> }> {
    const contactPort = port();
    const phone = startSipp({ scenario, target, port: contactPort, pauseMs, variables, extra, timeoutMs: 60_000 });
    phones.push(phone);
    const register = (expires: string) =>
      runSipp({
        scenario: 'agent-register.xml',
        target,
        port: port(),
        auth: { username: agent, password: `demo-${agent}` },
        variables: { agent, domain: '127.0.0.1', contact_port: String(contactPort), expires },
        timeoutMs: 10_000,
      });
    const registered = await register('300');
    expect(registered.exitCode).toBe(0);
    // Logged in and ready; a waiting call may already be ringing the phone.
    await waitFor(
      async () => ['Available', 'Reserved', 'Busy'].includes(await agentState(agent)),
      `agent ${agent} ready after registering`,
    );
    return { phone, unregister: async () => void (await register('0')) };
  }

  async function agentState(agent: string): Promise<string> {
    const response = await fetch(`${service.httpUrl}/api/routing/tenants/demo/agents/${agent}/status`);
    return ((await response.json()) as { state?: string }).state ?? 'unknown';
  }

  function caller(scenario: string, did: string, pauseMs: number) {
    return runSipp({
      scenario,
      target,
      port: port(),
      pauseMs,
      variables: { did, caller: '+79160000001' },
      timeoutMs: 45_000,
    });
  }

  it('connects a carrier call to the registered agent; the caller’s BYE ends both legs; the call is on the bus', async () => {
    const agent = await agentPhone('1001', 'agent-answer.xml', 300);
    const call = await caller('caller.xml', '+74950000001', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1, failedCalls: 0 });
    const answered = await agent.phone.done;
    expect(answered).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1001' && e.hungUpBy === 1),
      'CallEnded of the call',
    );
    expect(record.talkMs).toBeGreaterThanOrEqual(400);
    expect(record.queueId).toBe('msk-sales');
    // Each topic keeps the call's order; between the two topics there is none, and routing may offer the call
    // before the caller hears ringing: so the first and last call facts are fixed, and every event must come.
    const expected = [
      'cc.call.v1.CallArrived',
      'cc.call.v1.CallRinging',
      'cc.sip.v1.LegStarted',
      'cc.sip.v1.LegRinging',
      'cc.sip.v1.LegAnswered',
      'cc.call.v1.CallAnswered',
      'cc.call.v1.CallBridged',
      'cc.sip.v1.LegEnded',
      'cc.call.v1.CallEnded',
    ].sort();
    const types = await waitFor(() => {
      const all = seen.get(record.callId) ?? [];
      return all.length >= expected.length ? all : undefined;
    }, 'every event of the call');
    expect([...types].sort()).toEqual(expected);
    const facts = types.filter((t) => t.startsWith('cc.call.'));
    expect(facts[0]).toBe('cc.call.v1.CallArrived');
    expect(facts[facts.length - 1]).toBe('cc.call.v1.CallEnded');
    const legs = types.filter((t) => t.startsWith('cc.sip.'));
    expect(legs).toEqual([
      'cc.sip.v1.LegStarted',
      'cc.sip.v1.LegRinging',
      'cc.sip.v1.LegAnswered',
      'cc.sip.v1.LegEnded',
    ]);
    expect(seen.get('demo/1001')).toContain('cc.sip.v1.PhoneRegistrationChanged');
    await agent.unregister();
  });

  it('ends the caller’s leg when the agent hangs up', async () => {
    const agent = await agentPhone('1002', 'agent-hangup.xml', 400);
    const call = await caller('caller-wait-bye.xml', '+74950000001', 0);
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1002' && e.hungUpBy === 2),
      'CallEnded, hung up by the agent',
    );
    await agent.unregister();
  });

  it('answers a caller who hangs up while the agent’s phone rings with 487, cancels the agent’s leg and abandons', async () => {
    const agent = await agentPhone('1003', 'agent-no-answer.xml');
    const call = await caller('caller-abandon.xml', '+74950000001', 1_000);
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.cause === 2 && e.durationMs >= 900),
      'CallEnded, abandoned',
    );
    expect(record.hungUpBy).toBe(1);
    await agent.unregister();
  });

  it('offers the call to the next agent when the first one is busy', async () => {
    // Support agents take +74950000002 (msk-support).
    const busy = await agentPhone('1004', 'agent-busy.xml');
    const calling = caller('caller.xml', '+74950000002', 300);
    expect((await busy.phone.done).exitCode).toBe(0);
    const next = await agentPhone('1005', 'agent-answer.xml', 200);
    const call = await calling;
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await next.phone.done).exitCode).toBe(0);
    await waitFor(() => [...ended.values()].find((e) => e.agentId === '1005'), 'CallEnded with the second agent');
    await busy.unregister();
    await next.unregister();
  });

  it('cancels an unanswered agent leg at the ring timeout and re-offers the call', async () => {
    const silent = await agentPhone('1006', 'agent-no-answer.xml');
    const calling = caller('caller.xml', '+74950000002', 300);
    await waitFor(async () => (await agentState('1006')) === 'Reserved', 'the first agent is offered the call');
    const next = await agentPhone('1009', 'agent-answer.xml', 200);
    // The demo queues ring an agent for 15 s; then routing times the offer out and the ingress CANCELs the leg.
    expect((await silent.phone.done).exitCode).toBe(0);
    const call = await calling;
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    await waitFor(() => [...ended.values()].find((e) => e.agentId === '1009'), 'CallEnded with the second agent');
    await silent.unregister();
    await next.unregister();
  });

  it('transfers the caller blind to another queue when the agent sends REFER, and connects the next agent', async () => {
    const first = await agentPhone('1001', 'agent-refer.xml', 400, { refer_to: 'msk-billing' });
    const second = await agentPhone('1008', 'agent-answer.xml', 200);
    const call = await caller('caller-transfer.xml', '+74950000001', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await first.phone.done).exitCode).toBe(0);
    expect((await second.phone.done).exitCode).toBe(0);
    const record = await waitFor(
      () => [...ended.values()].find((e) => e.agentId === '1008'),
      'CallEnded with the agent of the transfer',
    );
    expect(record.queueId).toBe('msk-billing');
    expect(seen.get(record.callId)).toContain('cc.call.v1.CallTransferred');
    await first.unregister();
    await second.unregister();
  });

  /** Defines a trunk whose outbound address is a sipp customer phone on `customerPort`. */
  async function dialerTrunk(trunkId: string, customerPort: number): Promise<void> {
    const response = await fetch(`${service.httpUrl}/api/sip/tenants/demo/trunks/${trunkId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'carrier',
        outbound: { host: '127.0.0.1', port: customerPort, transport: 'udp' },
        outboundCallerId: { present: 'dialled', identity: 'p-asserted-identity', privacy: 'none' },
      }),
    });
    expect(response.status).toBe(200);
  }

  /** Calls Originate and collects the stream until it ends (or its error). */
  function originate(request: Partial<sipV1.OriginateRequest>) {
    const client = new sipV1.CallControlServiceClient(service.grpcAddress, grpcCredentials.createInsecure());
    const steps: sipV1.OriginateResponse[] = [];
    return new Promise<{ steps: sipV1.OriginateResponse[]; error?: ServiceError }>((resolve) => {
      const stream = client.originate(sipV1.OriginateRequest.fromPartial(request));
      stream.on('data', (step: sipV1.OriginateResponse) => steps.push(step));
      stream.on('end', () => {
        client.close();
        resolve({ steps });
      });
      stream.on('error', (error: ServiceError) => {
        client.close();
        resolve({ steps, error });
      });
    });
  }

  it('originates a call to a customer, queues it when answered, and bridges it to the agent who answers', async () => {
    const agent = await agentPhone('1002', 'agent-hangup.xml', 500);
    const customerPort = port();
    const customer = startSipp({
      scenario: 'customer-answer.xml',
      target,
      port: customerPort,
      pauseMs: 300,
      timeoutMs: 60_000,
    });
    phones.push(customer);
    await dialerTrunk('dialer-test', customerPort);
    const { steps, error } = await originate({
      tenantId: 'demo',
      branchId: 'msk',
      queueId: 'msk-sales',
      number: '+79160000002',
      trunkId: 'dialer-test',
      callerId: '+74950000001',
      reference: 'attempt-1',
    });
    expect(error).toBeUndefined();
    const Stage = sipV1.OriginateStage;
    expect(steps.map((s) => s.stage)).toEqual([
      Stage.ORIGINATE_STAGE_TRYING,
      Stage.ORIGINATE_STAGE_RINGING,
      Stage.ORIGINATE_STAGE_ANSWERED,
      Stage.ORIGINATE_STAGE_BRIDGED,
      Stage.ORIGINATE_STAGE_ENDED,
    ]);
    expect(steps[3]).toMatchObject({ agentId: '1002', reference: 'attempt-1' });
    // The agent hung up: both phones got their BYE through the ingress.
    expect((await customer.done).exitCode).toBe(0);
    expect((await agent.phone.done).exitCode).toBe(0);
    const record = await waitFor(() => ended.get(steps[0].callId), 'CallEnded of the originated call');
    expect(record).toMatchObject({ agentId: '1002', hungUpBy: 2, queueId: 'msk-sales' });
    expect(seen.get(steps[0].callId)).toEqual(
      expect.arrayContaining(['cc.call.v1.CallArrived', 'cc.call.v1.CallBridged']),
    );
    await agent.unregister();
  });

  it('reports a busy customer with the SIP cause, and refuses a request that is not a call with the field at fault', async () => {
    const customerPort = port();
    const customer = startSipp({ scenario: 'agent-busy.xml', target, port: customerPort, timeoutMs: 30_000 });
    phones.push(customer);
    await dialerTrunk('dialer-busy', customerPort);
    const request = {
      tenantId: 'demo',
      branchId: 'msk',
      queueId: 'msk-sales',
      number: '+79160000003',
      trunkId: 'dialer-busy',
      callerId: '+74950000001',
    };
    const busy = await originate(request);
    expect(busy.error).toBeUndefined();
    expect(busy.steps[0].stage).toBe(sipV1.OriginateStage.ORIGINATE_STAGE_TRYING);
    expect(busy.steps[busy.steps.length - 1]).toMatchObject({
      stage: sipV1.OriginateStage.ORIGINATE_STAGE_BUSY,
      sipStatus: 486,
    });
    const record = await waitFor(() => ended.get(busy.steps[0].callId), 'CallEnded of the busy call');
    expect(record.cause).toBe(callV1.EndCause.END_CAUSE_BUSY);

    const invalid = await originate({ ...request, number: 'call me' });
    expect(invalid.error?.code).toBe(grpcStatus.INVALID_ARGUMENT);
    expect(invalid.error?.metadata.get('cc-error-field')).toEqual(['number']);
    const noTrunk = await originate({ ...request, trunkId: 'nowhere' });
    expect(noTrunk.error?.code).toBe(grpcStatus.NOT_FOUND);
  });

  it('carries out an overflow to the partner centre decided by routing on the partner trunk, with its early media', async () => {
    // msk-support overflows to the partner when none of its agents is logged in (the demo's rule).
    const partnerPort = port();
    const partner = startSipp({
      scenario: 'partner-early-media.xml',
      target,
      port: partnerPort,
      pauseMs: 200,
      timeoutMs: 60_000,
    });
    phones.push(partner);
    const trunk = await fetch(`${service.httpUrl}/api/sip/tenants/demo/trunks/partner`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'partner',
        outbound: { host: '127.0.0.1', port: partnerPort, transport: 'udp' },
        outboundCallerId: { present: 'caller', identity: 'p-asserted-identity', privacy: 'none' },
      }),
    });
    expect(trunk.status).toBe(200);
    const config = await fetch(`${service.httpUrl}/api/routing/tenants/demo/config`);
    const version = config.headers.get('etag') ?? '';
    const defined = await fetch(`${service.httpUrl}/api/routing/tenants/demo/partners/partner`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': version },
      body: JSON.stringify({ name: 'Partner contact centre', trunkUri: `sip:overflow@127.0.0.1:${partnerPort}` }),
    });
    expect(defined.status).toBe(200);
    // The caller's scenario requires the partner's 183 with its session description, passed through.
    const call = await caller('caller-early-media.xml', '+74950000002', 500);
    expect(call.errors).toBe('');
    expect(call).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await partner.done).exitCode).toBe(0);
    const record = await waitFor(
      () =>
        [...ended.values()].find(
          (e) => e.queueId === 'msk-support' && e.cause === callV1.EndCause.END_CAUSE_TRANSFERRED_OUT,
        ),
      'CallEnded of the call carried to the partner',
    );
    expect(record.agentId).toBe('');
    expect(seen.get(record.callId)).toEqual(
      expect.arrayContaining(['cc.sip.v1.LegStarted', 'cc.sip.v1.LegAnswered', 'cc.call.v1.CallBridged']),
    );
  });

  it('takes calls from a trunk with digest credentials only once it answers the 407 with them', async () => {
    const trunk = await fetch(`${service.httpUrl}/api/sip/tenants/demo/trunks/pbx-auth`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'pbx',
        allowedSources: ['127.0.0.5'],
        inboundAuth: { username: 'pbx1', password: 'pbx-secret-1' },
      }),
    });
    expect(trunk.status).toBe(200);
    const agent = await agentPhone('1001', 'agent-answer.xml', 200);
    const fromPbx = (password: string) =>
      runSipp({
        scenario: 'caller-auth.xml',
        target,
        port: port(),
        pauseMs: 300,
        auth: { username: 'pbx1', password },
        variables: { did: '+74950000001', caller: '+79160000004' },
        extra: ['-i', '127.0.0.5'],
        timeoutMs: 20_000,
      });
    // A wrong password is challenged again, never connected (one INVITE from the PBX's address, answered 407).
    const wrong = await inviteFrom('127.0.0.5', [
      'Proxy-Authorization: Digest username="pbx1", realm="demo.cc.local", nonce="bm90LWEtbm9uY2U", ' +
        'uri="sip:+74950000001@127.0.0.1", response="00000000000000000000000000000000", algorithm=MD5',
    ]);
    expect(wrong).toMatch(/^SIP\/2\.0 407 /);
    expect(wrong).toMatch(/^Proxy-Authenticate: Digest /im);
    const right = await fromPbx('pbx-secret-1');
    expect(right.errors).toBe('');
    expect(right).toMatchObject({ exitCode: 0, successfulCalls: 1 });
    expect((await agent.phone.done).exitCode).toBe(0);
    await agent.unregister();
  });

  it('lets the RTP of a connected call flow between the caller and the agent’s phone (SDP passed through)', async () => {
    // The agent's phone is sipp echoing every RTP packet it gets on its media port; the caller is a user agent of
    // the test with a media socket of its own, which only learns the phone's media address from the 200 OK.
    const mediaPort = port() + 1_000;
    const agent = await agentPhone('1001', 'agent-answer.xml', 200, {}, ['-rtp_echo', '-mp', String(mediaPort)]);
    const media = createSocket('udp4');
    await new Promise<void>((resolve) => media.bind(0, '127.0.0.1', () => resolve()));
    const transport = new SipTransport({ host: '127.0.0.1', port: 0 });
    await transport.start();
    const ua = new SipUserAgent({ transport });
    try {
      const [host, portText] = target.split(':');
      const offer = Buffer.from(
        `v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n` +
          `m=audio ${media.address().port} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n`,
      );
      const invite = ua.invite({
        requestUri: `sip:+74950000001@${host}:${portText}`,
        destination: { transport: 'udp', address: host, port: Number(portText) },
        from: '<sip:+79160000001@127.0.0.1>',
        to: '<sip:+74950000001@127.0.0.1>',
        body: offer,
        contentType: 'application/sdp',
      });
      const { dialog, answer } = await new Promise<{ dialog: Dialog; answer: Buffer }>((resolve, reject) => {
        invite.onAnswered((d, response) => resolve({ dialog: d, answer: response.body }));
        invite.onFailed((failure) => reject(new Error(`call failed: ${failure.status} ${failure.reason}`)));
      });
      const sdp = parseSdp(answer);
      if (!sdp.ok) throw new Error(`the caller got no valid SDP answer: ${sdp.reason}`);
      const audio = sdp.session.media[0];
      expect(audio.port).toBe(mediaPort);
      const echoed: number[] = [];
      media.on('message', (packet) => echoed.push(packet.readUInt16BE(2)));
      for (let seq = 1; seq <= 20; seq += 1) {
        media.send(rtpPacket(seq), audio.port, audio.connectionAddress);
        await new Promise((r) => setTimeout(r, 20));
      }
      await waitFor(() => echoed.length >= 18, 'RTP echoed back by the agent’s phone', 5_000);
      expect(echoed.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
      dialog.bye();
      expect((await agent.phone.done).exitCode).toBe(0);
    } finally {
      media.close();
      await ua.close();
      await transport.close();
      await agent.unregister();
    }
  });

  it('refuses unknown sources, drops scanners, and rate-limits then bans a flooding address while serving others', async () => {
    // The demo takes everything on loopback as the carrier: narrow the carrier to 127.0.0.1 so 127.0.0.9 is unknown.
    const carrierUrl = `${service.httpUrl}/api/sip/tenants/demo/trunks/carrier`;
    const carrier = (await (await fetch(carrierUrl)).json()) as Record<string, unknown>;
    const define = (allowedSources: string[]) =>
      fetch(carrierUrl, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: carrier['kind'],
          allowedSources,
          callerNumberRules: carrier['callerNumberRules'],
          calledNumberRules: carrier['calledNumberRules'],
          outboundCallerId: carrier['outboundCallerId'],
        }),
      });
    expect((await define(['127.0.0.1'])).status).toBe(200);
    try {
      const stranger = '127.0.0.9';
      expect(await inviteFrom(stranger, [])).toMatch(/^SIP\/2\.0 403 /);
      const [scanner] = await exchangeFrom(stranger, [options(stranger, 'scan', 'friendly-scanner')], 500);
      expect(scanner).toBeUndefined();
      const flood = await exchangeFrom(
        stranger,
        Array.from({ length: 150 }, (_, i) => options(stranger, `flood-${i}`, 'curious-phone')),
        1_000,
      );
      const answered = flood.filter((answer) => answer?.startsWith('SIP/2.0 200'));
      const limited = flood.filter((answer) => answer?.startsWith('SIP/2.0 503'));
      const dropped = flood.filter((answer) => answer === undefined);
      // The burst is answered, then 503 with Retry-After, then (banned) nothing at all.
      expect(answered.length).toBeGreaterThanOrEqual(50);
      expect(answered.length).toBeLessThan(150);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]).toMatch(/^Retry-After: \d+/im);
      expect(dropped.length).toBeGreaterThan(0);
      const [later] = await exchangeFrom(stranger, [options(stranger, 'after-ban', 'curious-phone')], 500);
      expect(later).toBeUndefined();
      // Everyone else is still served.
      const [carrierPing] = await exchangeFrom('127.0.0.1', [options('127.0.0.1', 'carrier-ping', 'carrier')], 1_000);
      expect(carrierPing).toMatch(/^SIP\/2\.0 200 /);
    } finally {
      expect((await define(['127.0.0.0/8', '::1'])).status).toBe(200);
    }
  });

  it('answers the RFC 4475 torture messages as the RFC says, drops what cannot be answered, and keeps serving', async () => {
    const expected: Record<string, number | 'none'> = {
      badinv01: 400,
      clerr: 400,
      ncl: 400,
      scalar02: 400,
      quotbal: 400,
      ltgtruri: 400,
      lwsruri: 400,
      lwsstart: 400,
      trws: 400,
      escruri: 400,
      regbadct: 400,
      badaspec: 400,
      badvers: 505,
      mismatch01: 400,
      mismatch02: 501,
      insuf: 400, // no Call-ID, From or To: "ideally" a 400, sent back by the Via
      unkscm: 416,
      novelsc: 416,
      bext01: 420,
      multi01: 400,
      mcl01: 400,
      esc02: 501,
      intmeth: 501,
      scalarlg: 'none',
      bigcode: 'none',
      bcast: 'none',
    };
    for (const [name, status] of Object.entries(expected)) {
      const answer = await datagram(readFileSync(join(corpusDir(), `${name}.dat`)));
      expect([name, answer === undefined ? 'none' : Number(/^SIP\/2\.0 (\d{3})/.exec(answer)?.[1])]).toEqual([
        name,
        status,
      ]);
    }
    const options = await datagram(
      Buffer.from(
        'OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-alive\r\nMax-Forwards: 70\r\n' +
          'From: <sip:ping@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: alive@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    expect(options).toMatch(/^SIP\/2\.0 200 /);
  });

  /**
   * Sends the datagrams from one socket bound to `address`, one after another without waiting, and returns the
   * answer to each (matched by Call-ID), undefined for those left unanswered after `waitMs`.
   */
  async function exchangeFrom(
    address: string,
    datagrams: Buffer[],
    waitMs: number,
  ): Promise<Array<string | undefined>> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
    const answers = new Map<string, string>();
    socket.on('message', (message) => {
      const text = message.toString('latin1');
      const callId = /^Call-ID:\s*(\S+)/im.exec(text)?.[1];
      if (callId) answers.set(callId, text);
    });
    const [host, portText] = target.split(':');
    const local = socket.address().port;
    for (const datagram of datagrams) {
      socket.send(
        Buffer.from(datagram.toString('latin1').replace(/LOCALPORT/g, String(local)), 'latin1'),
        Number(portText),
        host,
      );
    }
    await new Promise((r) => setTimeout(r, waitMs));
    socket.close();
    return datagrams.map((datagram) => answers.get(/^Call-ID:\s*(\S+)/im.exec(datagram.toString('latin1'))![1]));
  }

  /** Sends one INVITE to the DID +74950000001 from `address` and returns its final answer (acknowledged). */
  async function inviteFrom(address: string, extraHeaders: string[]): Promise<string | undefined> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, address, () => resolve()));
    const local = socket.address().port;
    const [host, portText] = target.split(':');
    const invite =
      `INVITE sip:+74950000001@${host} SIP/2.0\r\nVia: SIP/2.0/UDP ${address}:${local};branch=z9hG4bK-${randomUUID()}\r\n` +
      `Max-Forwards: 70\r\nFrom: <sip:+79160000004@${address}>;tag=pbx\r\nTo: <sip:+74950000001@${host}>\r\n` +
      `Call-ID: ${randomUUID()}@${address}\r\nCSeq: 1 INVITE\r\nContact: <sip:pbx@${address}:${local}>\r\n` +
      `${extraHeaders.map((h) => `${h}\r\n`).join('')}Content-Type: application/sdp\r\n`;
    const sdp = `v=0\r\no=pbx 1 1 IN IP4 ${address}\r\ns=-\r\nc=IN IP4 ${address}\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n`;
    const answer = new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 3_000);
      socket.on('message', (message, from) => {
        const text = message.toString('latin1');
        if (/^SIP\/2\.0 1\d\d /.test(text)) return;
        socket.send(ackFor(text), from.port, from.address);
        clearTimeout(timer);
        resolve(text);
      });
    });
    socket.send(`${invite}Content-Length: ${Buffer.byteLength(sdp)}\r\n\r\n${sdp}`, Number(portText), host);
    const text = await answer;
    socket.close();
    return text;
  }

  /**
   * Sends datagrams to the ingress from one socket (one peer) and returns the first final answer to each, or
   * undefined after a short wait. One peer matters: novelsc has the transaction id of unkscm (same branch, sent-by
   * and method), so RFC 3261 makes it a retransmission, answered by repeating unkscm's 416 to the same peer.
   */
  let peer: ReturnType<typeof createSocket> | undefined;
  let waiting: ((answer: string) => void) | undefined;
  async function datagram(bytes: Buffer): Promise<string | undefined> {
    if (!peer) {
      const socket = createSocket('udp4');
      await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
      socket.on('message', (message, from) => {
        const text = message.toString('latin1');
        if (/^SIP\/2\.0 100 /.test(text)) return;
        // A failure to an INVITE is retransmitted until acknowledged: acknowledge it, as a caller would.
        if (/^CSeq:\s*\d+\s+INVITE/im.test(text)) socket.send(ackFor(text), from.port, from.address);
        waiting?.(text);
      });
      socket.unref();
      peer = socket;
    }
    const [host, portText] = target.split(':');
    const socket = peer;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiting = undefined;
        resolve(undefined);
      }, 700);
      waiting = (answer) => {
        clearTimeout(timer);
        waiting = undefined;
        resolve(answer);
      };
      socket.send(bytes, Number(portText), host);
    });
  }

  it('refuses a call to a number that is not a DID with 404', async () => {
    const unknown = await caller('caller.xml', '+70000000000', 0);
    expect(unknown.failedCalls).toBe(1);
    expect(unknown.errors).toContain('404');
  });
});

/** The ACK of a non-2xx final response (same Via branch, RFC 3261 §17.1.1.3), built from the response. */
/** An OPTIONS from `address` (the port is filled in when sent) with its own Call-ID and User-Agent. */
function options(address: string, id: string, userAgent: string): Buffer {
  return Buffer.from(
    `OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP ${address}:LOCALPORT;branch=z9hG4bK-${id}-${randomUUID()}\r\n` +
      `Max-Forwards: 70\r\nFrom: <sip:probe@${address}>;tag=${id}\r\nTo: <sip:127.0.0.1>\r\n` +
      `Call-ID: ${id}-${randomUUID()}@${address}\r\nCSeq: 1 OPTIONS\r\nUser-Agent: ${userAgent}\r\nContent-Length: 0\r\n\r\n`,
  );
}

/** An RTP packet (RFC 3550): version 2, PCMU, the sequence number given, 20 ms of silence. */
function rtpPacket(seq: number): Buffer {
  const packet = Buffer.alloc(12 + 160, 0xff);
  packet.writeUInt8(0x80, 0);
  packet.writeUInt8(0, 1);
  packet.writeUInt16BE(seq, 2);
  packet.writeUInt32BE(seq * 160, 4);
  packet.writeUInt32BE(0x1234abcd, 8);
  return packet;
}

function ackFor(response: string): Buffer {
  const header = (name: string) => new RegExp(`^${name}:.*$`, 'im').exec(response)?.[0] ?? `${name}: `;
  const seq = /^CSeq:\s*(\d+)/im.exec(response)?.[1] ?? '1';
  const lines = [
    'ACK sip:127.0.0.1 SIP/2.0',
    header('Via'),
    header('From'),
    header('To'),
    header('Call-ID'),
    `CSeq: ${seq} ACK`,
    'Max-Forwards: 70',
    'Content-Length: 0',
  ];
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** ../shared/testdata/rfc4475 beside the workspace root. */
function corpusDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) dir = dirname(dir);
  return join(dir, '..', 'shared', 'testdata', 'rfc4475');
}
