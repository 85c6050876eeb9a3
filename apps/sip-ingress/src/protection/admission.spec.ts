import { createRequest, SipHeaders, type SipEndpoint, type SipRequest } from '@cc/sip';
import { Admission, type AdmissionRefusal } from './admission';
import { DEFAULT_FLOOD_POLICY, type FloodPolicy, type SourceTrust } from './flood-guard';
import { isScannerUserAgent } from './scanner-user-agents';

const policy: FloodPolicy = {
  maxSources: 3,
  budgets: {
    trunk: { invite: { ratePerSecond: 1, burst: 2 }, other: { ratePerSecond: 1, burst: 2 } },
    agent: { invite: { ratePerSecond: 1, burst: 2 }, other: { ratePerSecond: 1, burst: 4 } },
    unknown: { invite: { ratePerSecond: 1, burst: 2 }, other: { ratePerSecond: 1, burst: 3 } },
  },
  ban: { rejections: 3, windowMs: 10_000, durationMs: 60_000 },
};

const trust: Record<string, SourceTrust> = { '192.0.2.1': 'trunk', '198.51.100.7': 'agent' };

function admission(p: FloodPolicy = policy): Admission {
  return new Admission({ trustOf: (address) => trust[address] ?? 'unknown' }, p);
}

function from(address: string): SipEndpoint {
  return { transport: 'udp', address, port: 5060 };
}

function request(method: string, extra: Array<[string, string]> = []): SipRequest {
  return createRequest(
    method,
    'sip:+74950000001@127.0.0.1',
    new SipHeaders([
      ['Via', 'SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK1'],
      ['From', '<sip:+79160000001@carrier>;tag=a'],
      ['To', '<sip:+74950000001@127.0.0.1>'],
      ['Call-ID', 'c1'],
      ['CSeq', `1 ${method}`],
      ...extra,
    ]),
  );
}

function inDialog(method: string): SipRequest {
  const r = request(method);
  r.headers.set('To', '<sip:+74950000001@127.0.0.1>;tag=b');
  return r;
}

describe('admission', () => {
  it('accepts an INVITE from a trunk and from an agent phone', () => {
    const a = admission();
    expect(a.admit(from('192.0.2.1'), request('INVITE'), 0)).toBe('accept');
    expect(a.admit(from('198.51.100.7'), request('INVITE'), 0)).toBe('accept');
  });

  it('refuses an INVITE from an unknown address with 403 unless it carries credentials', () => {
    const a = admission();
    expect(a.admit(from('203.0.113.9'), request('INVITE'), 0)).toEqual({ status: 403, reason: 'Forbidden' });
    expect(a.admit(from('203.0.113.9'), request('INVITE', [['Proxy-Authorization', 'Digest username="x"']]), 0)).toBe(
      'accept',
    );
    expect(a.admit(from('203.0.113.10'), request('MESSAGE'), 0)).toEqual({ status: 403, reason: 'Forbidden' });
  });

  it('lets public methods and requests inside a dialog through from anywhere', () => {
    const a = admission();
    expect(a.admit(from('203.0.113.9'), request('REGISTER'), 0)).toBe('accept');
    expect(a.admit(from('203.0.113.9'), request('OPTIONS'), 0)).toBe('accept');
    expect(a.admit(from('203.0.113.11'), inDialog('BYE'), 0)).toBe('accept');
    expect(a.admit(from('203.0.113.11'), inDialog('INVITE'), 0)).toBe('accept');
    const tagInUri = request('INVITE');
    tagInUri.headers.set('To', '<sip:+74950000001@127.0.0.1;tag=x>');
    expect(a.admit(from('203.0.113.11'), tagInUri, 0)).toEqual({ status: 403, reason: 'Forbidden' });
    const garbled = request('INVITE');
    garbled.headers.set('To', '<sip:unterminated;tag=x');
    expect(a.admit(from('203.0.113.12'), garbled, 0)).toEqual({ status: 403, reason: 'Forbidden' });
  });

  it('drops known scanners silently', () => {
    const a = admission();
    const scan = request('OPTIONS', [['User-Agent', 'friendly-scanner']]);
    expect(a.admit(from('203.0.113.9'), scan, 0)).toBe('drop');
    for (const ua of [
      'sipvicious 0.3',
      'sipcli/v1.8',
      'sundayddr',
      'iWar',
      'sip-scan',
      'VaxSIPUserAgent/3.1',
      'pplsip',
    ]) {
      expect(isScannerUserAgent(ua)).toBe(true);
    }
    expect(isScannerUserAgent('Yealink SIP-T46U 108.86.0.45')).toBe(false);
    expect(isScannerUserAgent(undefined)).toBe(false);
  });

  it('answers 503 with Retry-After past the budget, INVITEs and other requests counted apart', () => {
    const a = admission();
    const agent = from('198.51.100.7');
    expect(a.admit(agent, request('INVITE'), 0)).toBe('accept');
    expect(a.admit(agent, request('INVITE'), 0)).toBe('accept');
    expect(a.admit(agent, request('INVITE'), 0)).toEqual({
      status: 503,
      reason: 'Service Unavailable',
      headers: [['Retry-After', '1']],
    });
    expect(a.admit(agent, request('REGISTER'), 0)).toBe('accept');
    expect(a.admit(agent, request('INVITE'), 1000)).toBe('accept');
  });

  it('drops an ACK past the budget rather than answering it', () => {
    const a = admission();
    const source = from('203.0.113.9');
    for (let i = 0; i < 3; i++) expect(a.admit(source, request('ACK'), 0)).toBe('accept');
    expect(a.admit(source, request('ACK'), 0)).toBe('drop');
  });

  it('bans a source that keeps flooding, then forgives it after the ban window', () => {
    const a = admission();
    const source = from('203.0.113.9');
    const answers = Array.from({ length: 6 }, () => a.admit(source, request('REGISTER'), 0));
    expect(answers.slice(0, 3)).toEqual(['accept', 'accept', 'accept']);
    expect((answers[3] as AdmissionRefusal).status).toBe(503);
    expect((answers[4] as AdmissionRefusal).status).toBe(503);
    expect(answers[5]).toBe('drop');
    expect(a.isBanned('203.0.113.9', 59_999)).toBe(true);
    expect(a.admit(source, request('REGISTER'), 59_999)).toBe('drop');
    expect(a.isBanned('203.0.113.9', 60_000)).toBe(false);
    expect(a.admit(source, request('REGISTER'), 60_000)).toBe('accept');
  });

  it('bans scanners and forbidden senders after repeated refusals', () => {
    const a = admission();
    const source = from('203.0.113.9');
    expect(a.admit(source, request('INVITE'), 0)).toEqual({ status: 403, reason: 'Forbidden' });
    expect(a.admit(source, request('OPTIONS', [['User-Agent', 'sipvicious']]), 0)).toBe('drop');
    expect(a.admit(source, request('INVITE'), 0)).toBe('drop');
    expect(a.isBanned('203.0.113.9', 1)).toBe(true);
  });

  it('never bans a trunk, however hard it pushes', () => {
    const a = admission();
    const trunk = from('192.0.2.1');
    for (let i = 0; i < 50; i++) a.admit(trunk, request('INVITE'), 0);
    expect(a.isBanned('192.0.2.1', 0)).toBe(false);
    expect(a.admit(trunk, request('INVITE'), 1000)).toBe('accept');
  });

  it('tracks a bounded number of sources, forgetting the least recently seen', () => {
    const a = admission();
    for (let i = 1; i <= 10; i++) a.admit(from(`203.0.113.${i}`), request('OPTIONS'), 0);
    expect(a.trackedSources).toBe(3);
    const big = admission({ ...DEFAULT_FLOOD_POLICY, maxSources: 1000 });
    for (let i = 0; i < 5000; i++) big.admit(from(`10.0.${i >> 8}.${i & 255}`), request('OPTIONS'), i);
    expect(big.trackedSources).toBe(1000);
  });
});
