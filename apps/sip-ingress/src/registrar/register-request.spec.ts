import { createRequest, SipHeaders, type SipEndpoint } from '@cc/sip';
import { registerRequestOf, registerTargetOf } from './register-request';

const source: SipEndpoint = { transport: 'udp', address: '203.0.113.5', port: 40312 };
const aor = { tenantId: 'demo', agentId: '1001' };

function registerMessage(extra: Array<[string, string]>, to = '<sip:1001@demo.cc.local>') {
  return createRequest(
    'REGISTER',
    'sip:demo.cc.local',
    new SipHeaders([
      ['Via', 'SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK776asdhds;rport'],
      ['From', '<sip:1001@demo.cc.local>;tag=456248'],
      ['To', to],
      ['Call-ID', '843817637684230@998sdasdh09'],
      ['CSeq', '1826 REGISTER'],
      ...extra,
    ]),
  );
}

describe('registerRequestOf', () => {
  it('reads contacts with their parameters, Expires, Call-ID, CSeq and User-Agent', () => {
    const parsed = registerRequestOf(
      registerMessage([
        [
          'Contact',
          '"Anna" <sip:1001@192.168.1.20:5060;transport=udp>;expires=600;q=0.7;+sip.instance="<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";reg-id=1',
        ],
        ['m', '<sip:1001@10.0.0.2>;expires=soon, sip:1001@10.0.0.3'],
        ['Expires', '7200'],
        ['User-Agent', 'Yealink SIP-T46U'],
      ]),
      aor,
      source,
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        aor,
        callId: '843817637684230@998sdasdh09',
        cseq: 1826,
        expires: 7200,
        source,
        userAgent: 'Yealink SIP-T46U',
        contacts: [
          {
            uri: 'sip:1001@192.168.1.20:5060;transport=udp',
            expires: 600,
            q: '0.7',
            instanceId: '<urn:uuid:00000000-0000-1000-8000-000A95A0E128>',
            regId: '1',
          },
          { uri: 'sip:1001@10.0.0.2' },
          { uri: 'sip:1001@10.0.0.3' },
        ],
      },
    });
  });

  it('reads a lone wildcard and a REGISTER without contacts', () => {
    const wildcard = registerRequestOf(
      registerMessage([
        ['Contact', '*'],
        ['Expires', '0'],
      ]),
      aor,
      source,
    );
    expect(wildcard).toMatchObject({ ok: true, request: { contacts: 'wildcard', expires: 0 } });
    expect(registerRequestOf(registerMessage([]), aor, source)).toMatchObject({ ok: true, request: { contacts: [] } });
  });

  it('answers 400 to a wildcard among contacts, a non-SIP contact and a bad CSeq', () => {
    const status = (extra: Array<[string, string]>) => {
      const parsed = registerRequestOf(registerMessage(extra), aor, source);
      return parsed.ok ? 200 : parsed.response.status;
    };
    expect(status([['Contact', '*, <sip:1001@10.0.0.1>']])).toBe(400);
    expect(status([['Contact', '<mailto:anna@example.com>']])).toBe(400);
    expect(status([['Contact', '<sip:1001@10.0.0.1']])).toBe(400);
    const badCseq = registerMessage([]);
    badCseq.headers.set('CSeq', 'one REGISTER');
    expect(registerRequestOf(badCseq, aor, source)).toEqual({
      ok: false,
      response: { status: 400, reason: 'Malformed CSeq', headers: [] },
    });
  });
});

describe('registerTargetOf', () => {
  it('is the user and host of the To URI', () => {
    expect(registerTargetOf(registerMessage([], '"Anna" <sip:1001@Demo.CC.local>'))).toEqual({
      user: '1001',
      host: 'demo.cc.local',
    });
    expect(registerTargetOf(registerMessage([], '<sip:demo.cc.local>'))).toBeUndefined();
    expect(registerTargetOf(registerMessage([], '<tel:+74950000001>'))).toBeUndefined();
    expect(registerTargetOf(registerMessage([], 'garbage'))).toBeUndefined();
  });
});
