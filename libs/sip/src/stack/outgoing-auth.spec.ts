import { createHash } from 'node:crypto';
import { parseAuthParams } from '../message/auth-params';
import { type SipEndpoint } from '../message/message';
import { type Dialog } from './dialog';
import { type IncomingInvite, type IncomingRequest } from './incoming';
import { SipTransport } from './transport';
import { SipUserAgent } from './user-agent';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sdp = Buffer.from(
  'v=0\r\no=c 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n',
);

async function agent(): Promise<SipUserAgent> {
  const transport = new SipTransport({ host: '127.0.0.1', port: 0 });
  await transport.start();
  return new SipUserAgent({ transport, timers: { t1: 50, t2: 400, t4: 500 } });
}

/** True when the credentials answer the challenge (realm "trunk", nonce "n1", MD5, qop=auth) for user/password. */
function valid(value: string | undefined, method: string, password: string): boolean {
  const params = value === undefined ? undefined : parseAuthParams(value)?.params;
  if (!params) return false;
  const ha1 = md5(`carrier-user:trunk:${password}`);
  const ha2 = md5(`${method}:${params.get('uri')}`);
  const expected = md5(`${ha1}:n1:${params.get('nc')}:${params.get('cnonce')}:auth:${ha2}`);
  return params.get('username') === 'carrier-user' && params.get('response') === expected;
}

const challenge = (kind: 'Proxy' | 'WWW'): Array<[string, string]> => [
  [`${kind}-Authenticate`, 'Digest realm="trunk", nonce="n1", algorithm=MD5, qop="auth", opaque="op"'],
];

describe.each(['udp', 'tcp'] as const)('requests that answer a digest challenge, over %s', (transport) => {
  let us: SipUserAgent;
  let carrier: SipUserAgent;
  let destination: SipEndpoint;
  let invites: IncomingInvite[];

  beforeEach(async () => {
    us = await agent();
    carrier = await agent();
    destination = { transport, address: '127.0.0.1', port: carrier.transport.port };
    invites = [];
  });

  afterEach(async () => {
    await us.close();
    await carrier.close();
    await us.transport.close();
    await carrier.transport.close();
  });

  /** The carrier: 407 to an INVITE without valid credentials for `password`, 200 to one with. */
  function carrierWanting(password: string, kind: 'Proxy' | 'WWW' = 'Proxy'): void {
    carrier.onRequest((incoming) => {
      if (incoming.request.method !== 'INVITE') {
        incoming.respond(200);
        return;
      }
      const invite = incoming as IncomingInvite;
      invites.push(invite);
      const header = kind === 'Proxy' ? 'proxy-authorization' : 'authorization';
      if (valid(invite.request.headers.get(header), 'INVITE', password)) invite.accept({ body: sdp });
      else invite.reject(kind === 'Proxy' ? 407 : 401, undefined, { headers: challenge(kind) });
    });
  }

  const call = (password: string) =>
    us.invite({
      requestUri: `sip:+79160000002@127.0.0.1:${carrier.transport.port}`,
      destination,
      from: '<sip:+74950000001@127.0.0.1>',
      to: '<sip:+79160000002@127.0.0.1>',
      body: sdp,
      credentials: { username: 'carrier-user', password },
    });

  it('sends the INVITE again with Proxy-Authorization after a 407, and the dialog takes the second CSeq', async () => {
    carrierWanting('right');
    const invite = call('right');
    const dialog = await new Promise<Dialog>((resolve, reject) => {
      invite.onAnswered((d) => resolve(d));
      invite.onFailed((f) => reject(new Error(`${f.status}`)));
    });
    expect(invites).toHaveLength(2);
    const [first, second] = invites.map((i) => i.request);
    expect(second.headers.get('call-id')).toBe(first.headers.get('call-id'));
    expect(second.headers.get('from')).toBe(first.headers.get('from'));
    expect(second.headers.get('cseq')).toBe('2 INVITE');
    expect(second.headers.get('via')).not.toBe(first.headers.get('via'));
    expect(parseAuthParams(second.headers.get('proxy-authorization')!)!.params.get('opaque')).toBe('op');
    expect(invite.request.headers.get('cseq')).toBe('2 INVITE');
    const bye = await dialog.request('BYE');
    expect(bye.status).toBe(200);
  });

  it('answers a 401 with Authorization', async () => {
    carrierWanting('right', 'WWW');
    const invite = call('right');
    await new Promise<void>((resolve, reject) => {
      invite.onAnswered(() => resolve());
      invite.onFailed((f) => reject(new Error(`${f.status}`)));
    });
    expect(invites[1].request.headers.has('authorization')).toBe(true);
  });

  it('reports a wrong password as the failure after one retry, never looping', async () => {
    carrierWanting('right');
    const invite = call('wrong');
    const failure = await new Promise<{ status: number }>((resolve) => invite.onFailed(resolve));
    expect(failure.status).toBe(407);
    await new Promise((r) => setTimeout(r, 200));
    expect(invites).toHaveLength(2);
  });

  it('answers a challenge to an out-of-dialog request once', async () => {
    let seen = 0;
    carrier.onRequest((incoming: IncomingRequest) => {
      seen += 1;
      const ok = valid(incoming.request.headers.get('authorization'), 'OPTIONS', 'right');
      if (ok) incoming.respond(200);
      else incoming.respond(401, undefined, { headers: challenge('WWW') });
    });
    const response = await us.request({
      method: 'OPTIONS',
      requestUri: `sip:127.0.0.1:${carrier.transport.port}`,
      destination,
      from: '<sip:ingress@127.0.0.1>',
      to: `<sip:127.0.0.1:${carrier.transport.port}>`,
      credentials: { username: 'carrier-user', password: 'right' },
    });
    expect(response.status).toBe(200);
    expect(seen).toBe(2);
  });
});
