import { type SipEndpoint } from '../message/message';
import { type Dialog, type DialogEnd } from './dialog';
import { type IncomingInvite, type IncomingRequest } from './incoming';
import { SipTransport } from './transport';
import { SipUserAgent } from './user-agent';

const sdp = (who: string) =>
  Buffer.from(
    `v=0\r\no=${who} 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n`,
  );

async function agent(name: string): Promise<SipUserAgent> {
  const transport = new SipTransport({ host: '127.0.0.1', port: 0 });
  await transport.start();
  return new SipUserAgent({ transport, userAgent: name, timers: { t1: 50, t2: 400, t4: 500 } });
}

function until<T>(register: (resolve: (value: T) => void) => void): Promise<T> {
  return new Promise((resolve) => register(resolve));
}

describe.each(['udp', 'tcp'] as const)('SipUserAgent over %s', (transport) => {
  let caller: SipUserAgent;
  let callee: SipUserAgent;
  let destination: SipEndpoint;

  beforeEach(async () => {
    caller = await agent('caller');
    callee = await agent('callee');
    destination = { transport, address: '127.0.0.1', port: callee.transport.port };
  });

  afterEach(async () => {
    await caller.close();
    await callee.close();
    await caller.transport.close();
    await callee.transport.close();
  });

  const call = () =>
    caller.invite({
      requestUri: `sip:1001@127.0.0.1:${callee.transport.port}`,
      destination,
      from: '"Caller" <sip:+79160000001@127.0.0.1>',
      to: '<sip:1001@127.0.0.1>',
      body: sdp('caller'),
    });

  it('rings, answers with a session description, and ends both dialogs with a BYE from either side', async () => {
    const incoming = until<IncomingInvite>((resolve) => callee.onRequest((r) => resolve(r as IncomingInvite)));
    const invite = call();
    const ringing = until<number>((resolve) => invite.onProvisional((r) => resolve(r.status)));
    const answered = until<{ dialog: Dialog; body: string }>((resolve) =>
      invite.onAnswered((dialog, r) => resolve({ dialog, body: r.body.toString() })),
    );
    const uas = await incoming;
    expect(uas.request.body.toString()).toContain('o=caller');
    uas.progress(180);
    expect(await ringing).toBe(180);
    const calleeDialog = uas.accept({ body: sdp('callee') });
    const { dialog: callerDialog, body } = await answered;
    expect(body).toContain('o=callee');
    const ended = until<DialogEnd>((resolve) => calleeDialog.onTerminated(resolve));
    const bye = await callerDialog.request('BYE');
    expect(bye.status).toBe(200);
    expect(await ended).toBe('bye-received');
    expect(callerDialog.state).toBe('terminated');
  });

  it('answers a CANCEL with 200 and the INVITE with 487', async () => {
    const incoming = until<IncomingInvite>((resolve) => callee.onRequest((r) => resolve(r as IncomingInvite)));
    const invite = call();
    const uas = await incoming;
    const cancelled = until<void>((resolve) => uas.onCancel(resolve));
    uas.progress(180);
    await until<unknown>((resolve) => invite.onProvisional(resolve));
    const failed = until<{ status: number; cause: string }>((resolve) => invite.onFailed(resolve));
    invite.cancel();
    await cancelled;
    expect(await failed).toMatchObject({ status: 487, cause: 'cancelled' });
  });

  it('reports a rejection with its status', async () => {
    callee.onRequest((r) => (r as IncomingInvite).reject(486));
    const failed = await until<{ status: number; cause: string }>((resolve) => call().onFailed(resolve));
    expect(failed).toMatchObject({ status: 486, cause: 'rejected' });
  });

  it('passes a re-INVITE and a REFER inside the dialog, and answers 481 outside any dialog', async () => {
    const incoming = until<IncomingInvite>((resolve) => callee.onRequest((r) => resolve(r as IncomingInvite)));
    const invite = call();
    const answered = until<Dialog>((resolve) => invite.onAnswered((d) => resolve(d)));
    const uas = await incoming;
    const calleeDialog = uas.accept({ body: sdp('callee') });
    const callerDialog = await answered;
    const inDialog: string[] = [];
    calleeDialog.onRequest((request: IncomingRequest | IncomingInvite) => {
      inDialog.push(request.request.method);
      if (request.request.method === 'INVITE') (request as IncomingInvite).accept({ body: sdp('callee-2') });
      else request.respond(202);
    });
    const reinvite = await callerDialog.reinvite({ body: sdp('caller-2') });
    expect(reinvite.status).toBe(200);
    expect(reinvite.body.toString()).toContain('o=callee-2');
    const refer = await callerDialog.request('REFER', { headers: [['Refer-To', '<sip:msk-billing@127.0.0.1>']] });
    expect(refer.status).toBe(202);
    expect(inDialog).toEqual(['INVITE', 'REFER']);
    const stray = await caller.request({
      method: 'BYE',
      requestUri: `sip:1001@127.0.0.1:${callee.transport.port}`,
      destination,
      from: '<sip:x@127.0.0.1>',
      to: '<sip:1001@127.0.0.1>;tag=unknown',
    });
    expect(stray.status).toBe(481);
  });

  it('answers OPTIONS by default and refuses malformed requests statelessly', async () => {
    const options = await caller.request({
      method: 'OPTIONS',
      requestUri: `sip:127.0.0.1:${callee.transport.port}`,
      destination,
      from: '<sip:ping@127.0.0.1>',
      to: '<sip:127.0.0.1>',
    });
    expect(options.status).toBe(200);
    const unknown = await caller.request({
      method: 'FROBNICATE',
      requestUri: `sip:127.0.0.1:${callee.transport.port}`,
      destination,
      from: '<sip:ping@127.0.0.1>',
      to: '<sip:127.0.0.1>',
    });
    expect(unknown.status).toBe(501);
    expect(unknown.headers.get('allow')).toContain('INVITE');
  });
});

describe('SipUserAgent over a lossy UDP path', () => {
  it('completes a call when the first INVITE and the first 200 are lost', async () => {
    const caller = await agent('caller');
    const callee = await agent('callee');
    const drop = (t: SipTransport, what: (m: { kind: string; status?: number; method?: string }) => boolean) => {
      const send = t.send.bind(t);
      let dropped = false;
      t.send = (message, to) => {
        if (!dropped && what(message as never)) {
          dropped = true;
          return;
        }
        send(message, to);
      };
    };
    drop(caller.transport, (m) => m.method === 'INVITE');
    drop(callee.transport, (m) => m.status === 200);
    const incoming = until<IncomingInvite>((resolve) => callee.onRequest((r) => resolve(r as IncomingInvite)));
    const invite = caller.invite({
      requestUri: `sip:1001@127.0.0.1:${callee.transport.port}`,
      destination: { transport: 'udp', address: '127.0.0.1', port: callee.transport.port },
      from: '<sip:a@127.0.0.1>',
      to: '<sip:1001@127.0.0.1>',
      body: sdp('caller'),
    });
    const answered = until<Dialog>((resolve) => invite.onAnswered((d) => resolve(d)));
    const uas = await incoming;
    const calleeDialog = uas.accept({ body: sdp('callee') });
    const dialog = await answered;
    expect(dialog.state).toBe('confirmed');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(calleeDialog.pendingAck).toBeUndefined();
    await caller.close();
    await callee.close();
    await caller.transport.close();
    await callee.transport.close();
  });
});
