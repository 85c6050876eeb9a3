import { type SipEndpoint } from '@cc/sip';
import { type RegistrationChange } from './binding';
import { type ContactSpec, type RegisterRequest } from './decide-register';
import { Registrar } from './registrar';
import { DEFAULT_REGISTRAR_POLICY } from './registrar-policy';

const PHONE: SipEndpoint = { transport: 'udp', address: '203.0.113.5', port: 40312 };
const aor = { tenantId: 'demo', agentId: '1001' };

function register(
  overrides: Partial<RegisterRequest> & { contacts?: RegisterRequest['contacts'] } = {},
): RegisterRequest {
  return {
    aor,
    callId: 'call-1',
    cseq: 1,
    contacts: [{ uri: 'sip:1001@192.168.1.20:5060' }],
    source: PHONE,
    ...overrides,
  };
}

function contacts(...specs: ContactSpec[]): ContactSpec[] {
  return specs;
}

const kinds = (changes: RegistrationChange[]) => changes.map((c) => c.kind);

describe('Registrar', () => {
  it('binds a new contact for the default interval and lists it in the 200 OK', () => {
    const registrar = new Registrar();
    const { response, changes } = registrar.register(register(), 0);
    expect(response).toEqual({
      status: 200,
      reason: 'OK',
      headers: [['Contact', '<sip:1001@192.168.1.20:5060>;expires=3600']],
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'registered', bindingsLeft: 1 });
    expect(changes[0].binding).toMatchObject({ source: PHONE, callId: 'call-1', cseq: 1, expiresAt: 3_600_000 });
  });

  it('takes the interval from the contact parameter, else the Expires header, and shortens it to the maximum', () => {
    const registrar = new Registrar();
    const { response } = registrar.register(
      register({
        expires: 600,
        contacts: contacts(
          { uri: 'sip:1001@10.0.0.1' },
          { uri: 'sip:1001@10.0.0.2', expires: 120 },
          { uri: 'sip:1001@10.0.0.3', expires: 86_400 },
        ),
      }),
      0,
    );
    expect(response.headers.map(([, value]) => value).sort()).toEqual([
      '<sip:1001@10.0.0.1>;expires=600',
      '<sip:1001@10.0.0.2>;expires=120',
      '<sip:1001@10.0.0.3>;expires=3600',
    ]);
  });

  it('refuses an interval below the minimum with 423 and Min-Expires, changing nothing', () => {
    const registrar = new Registrar();
    const outcome = registrar.register(
      register({ contacts: contacts({ uri: 'sip:1001@10.0.0.1' }, { uri: 'sip:1001@10.0.0.2', expires: 30 }) }),
      0,
    );
    expect(outcome).toEqual({
      response: { status: 423, reason: 'Interval Too Brief', headers: [['Min-Expires', '60']] },
      changes: [],
    });
    expect(registrar.bindingsOf(aor, 0)).toEqual([]);
  });

  it('refreshes a binding on a higher CSeq of the same Call-ID, keeping when it was first registered', () => {
    const registrar = new Registrar();
    registrar.register(register(), 0);
    const { changes, response } = registrar.register(register({ cseq: 2, expires: 120 }), 60_000);
    expect(kinds(changes)).toEqual(['refreshed']);
    expect(changes[0].binding).toMatchObject({ registeredAt: 0, refreshedAt: 60_000, expiresAt: 180_000, cseq: 2 });
    expect(response.headers).toEqual([['Contact', '<sip:1001@192.168.1.20:5060>;expires=120']]);
  });

  it('aborts the whole update (500) when the CSeq of the same Call-ID is not higher (RFC 3261 §10.3 step 7)', () => {
    const registrar = new Registrar();
    registrar.register(register({ cseq: 5 }), 0);
    for (const cseq of [5, 4]) {
      const outcome = registrar.register(
        register({
          cseq,
          contacts: contacts({ uri: 'sip:1001@10.9.9.9' }, { uri: 'sip:1001@192.168.1.20:5060', expires: 0 }),
        }),
        1000,
      );
      expect(outcome.response.status).toBe(500);
      expect(outcome.changes).toEqual([]);
    }
    expect(registrar.bindingsOf(aor, 1000).map((b) => b.contactUri)).toEqual(['sip:1001@192.168.1.20:5060']);
  });

  it('lets another Call-ID (the phone restarted) update a binding whatever its CSeq', () => {
    const registrar = new Registrar();
    registrar.register(register({ cseq: 100 }), 0);
    const { changes } = registrar.register(register({ callId: 'call-2', cseq: 1 }), 1000);
    expect(kinds(changes)).toEqual(['refreshed']);
    expect(registrar.bindingsOf(aor, 1000)).toHaveLength(1);
  });

  it('keeps several contacts per agent, most recent first, the desk phone last', () => {
    const registrar = new Registrar((tenantId, agentId) =>
      agentId === '1001' ? `sip:desk-${tenantId}@192.0.2.10` : undefined,
    );
    registrar.register(register({ contacts: contacts({ uri: 'sip:1001@10.0.0.1' }) }), 0);
    registrar.register(
      register({
        callId: 'other-phone',
        contacts: contacts({ uri: 'sip:1001@10.0.0.2' }),
        source: { transport: 'tcp', address: '198.51.100.3', port: 5061 },
      }),
      1000,
    );
    expect(registrar.contactsOf('demo', '1001', 2000)).toEqual([
      expect.objectContaining({
        kind: 'registered',
        uri: 'sip:1001@10.0.0.2',
        source: { transport: 'tcp', address: '198.51.100.3', port: 5061 },
      }),
      expect.objectContaining({ kind: 'registered', uri: 'sip:1001@10.0.0.1', source: PHONE }),
      { kind: 'desk-phone', uri: 'sip:desk-demo@192.0.2.10' },
    ]);
    expect(registrar.contactsOf('demo', '1002', 2000)).toEqual([]);
    expect(registrar.contactsOf('other', '1001', 2000)).toEqual([
      { kind: 'desk-phone', uri: 'sip:desk-other@192.0.2.10' },
    ]);
  });

  it('removes a contact registered with expires 0, and ignores one it does not know', () => {
    const registrar = new Registrar();
    registrar.register(register({ contacts: contacts({ uri: 'sip:1001@10.0.0.1' }, { uri: 'sip:1001@10.0.0.2' }) }), 0);
    const { changes, response } = registrar.register(
      register({
        cseq: 2,
        contacts: contacts({ uri: 'SIP:1001@10.0.0.1', expires: 0 }, { uri: 'sip:1001@10.0.0.3', expires: 0 }),
      }),
      1000,
    );
    expect(changes).toEqual([expect.objectContaining({ kind: 'unregistered', cause: 'request', bindingsLeft: 1 })]);
    expect(response.headers).toEqual([['Contact', '<sip:1001@10.0.0.2>;expires=3599']]);
  });

  it('removes every binding on "Contact: *" with Expires 0', () => {
    const registrar = new Registrar();
    registrar.register(register({ contacts: contacts({ uri: 'sip:1001@10.0.0.1' }, { uri: 'sip:1001@10.0.0.2' }) }), 0);
    registrar.register(register({ callId: 'other', contacts: contacts({ uri: 'sip:1001@10.0.0.3' }) }), 0);
    const { changes, response } = registrar.register(register({ cseq: 2, contacts: 'wildcard', expires: 0 }), 1000);
    expect(kinds(changes)).toEqual(['unregistered', 'unregistered', 'unregistered']);
    expect(changes.every((c) => c.kind === 'unregistered' && c.cause === 'wildcard' && c.bindingsLeft === 0)).toBe(
      true,
    );
    expect(response).toEqual({ status: 200, reason: 'OK', headers: [] });
    expect(registrar.contactsOf('demo', '1001', 1000)).toEqual([]);
    expect(registrar.hasBindingFrom(PHONE.address)).toBe(false);
  });

  it('refuses "Contact: *" without Expires 0 (400) or with an old CSeq (500)', () => {
    const registrar = new Registrar();
    registrar.register(register({ cseq: 3 }), 0);
    expect(registrar.register(register({ cseq: 4, contacts: 'wildcard' }), 0).response.status).toBe(400);
    expect(registrar.register(register({ cseq: 4, contacts: 'wildcard', expires: 60 }), 0).response.status).toBe(400);
    expect(registrar.register(register({ cseq: 3, contacts: 'wildcard', expires: 0 }), 0).response.status).toBe(500);
    expect(registrar.bindingsOf(aor, 0)).toHaveLength(1);
  });

  it('answers a REGISTER without contacts with the current bindings and their remaining seconds', () => {
    const registrar = new Registrar();
    registrar.register(register({ expires: 300 }), 0);
    const { response, changes } = registrar.register(register({ callId: 'query', contacts: [] }), 100_500);
    expect(changes).toEqual([]);
    expect(response.headers).toEqual([['Contact', '<sip:1001@192.168.1.20:5060>;expires=200']]);
  });

  it('sweeps lapsed bindings and reports them; lookups skip them before the sweep', () => {
    const registrar = new Registrar();
    registrar.register(register({ expires: 60, contacts: contacts({ uri: 'sip:1001@10.0.0.1' }) }), 0);
    registrar.register(register({ callId: 'b', expires: 120, contacts: contacts({ uri: 'sip:1001@10.0.0.2' }) }), 0);
    expect(registrar.contactsOf('demo', '1001', 60_000).map((c) => c.uri)).toEqual(['sip:1001@10.0.0.2']);
    expect(registrar.expire(59_999)).toEqual([]);
    const expired = registrar.expire(60_000);
    expect(expired).toEqual([expect.objectContaining({ kind: 'expired', bindingsLeft: 1 })]);
    expect(expired[0].binding.contactUri).toBe('sip:1001@10.0.0.1');
    expect(registrar.size).toBe(1);
    expect(registrar.expire(60_000)).toEqual([]);
    expect(registrar.expire(120_000)).toEqual([expect.objectContaining({ kind: 'expired', bindingsLeft: 0 })]);
    expect(registrar.size).toBe(0);
  });

  it('reports a lapsed binding as expired when a REGISTER comes before the sweep', () => {
    const registrar = new Registrar();
    registrar.register(register({ expires: 60 }), 0);
    const { changes } = registrar.register(register({ cseq: 2, expires: 60 }), 61_000);
    expect(kinds(changes)).toEqual(['expired', 'registered']);
  });

  it('knows the addresses phones registered from', () => {
    const registrar = new Registrar();
    registrar.register(register(), 0);
    registrar.register(register({ aor: { tenantId: 'demo', agentId: '1002' } }), 0);
    expect(registrar.hasBindingFrom('203.0.113.5')).toBe(true);
    expect(registrar.hasBindingFrom('203.0.113.6')).toBe(false);
    registrar.register(register({ cseq: 2, expires: 0 }), 1000);
    expect(registrar.hasBindingFrom('203.0.113.5')).toBe(true);
    registrar.register(register({ aor: { tenantId: 'demo', agentId: '1002' }, cseq: 2, expires: 0 }), 1000);
    expect(registrar.hasBindingFrom('203.0.113.5')).toBe(false);
  });

  it('replaces the binding of the same phone instance when its address changes (RFC 5626)', () => {
    const registrar = new Registrar();
    const instanceId = '<urn:uuid:00000000-0000-1000-8000-000A95A0E128>';
    registrar.register(
      register({ contacts: contacts({ uri: 'sip:1001@10.0.0.1', instanceId, regId: '1', q: '0.5' }) }),
      0,
    );
    const { changes, response } = registrar.register(
      register({ callId: 'after-reboot', contacts: contacts({ uri: 'sip:1001@10.0.0.99', instanceId, regId: '1' }) }),
      1000,
    );
    expect(kinds(changes)).toEqual(['refreshed']);
    expect(registrar.bindingsOf(aor, 1000).map((b) => b.contactUri)).toEqual(['sip:1001@10.0.0.99']);
    expect(response.headers).toEqual([
      ['Contact', `<sip:1001@10.0.0.99>;expires=3600;+sip.instance="${instanceId}";reg-id=1`],
    ]);
  });

  it('drops the least recently refreshed bindings past the per-agent limit', () => {
    const registrar = new Registrar(undefined, { ...DEFAULT_REGISTRAR_POLICY, maxBindingsPerAor: 2 });
    registrar.register(register({ callId: 'a', contacts: contacts({ uri: 'sip:1001@10.0.0.1' }) }), 0);
    registrar.register(register({ callId: 'b', contacts: contacts({ uri: 'sip:1001@10.0.0.2' }) }), 1000);
    const { changes } = registrar.register(
      register({ callId: 'c', contacts: contacts({ uri: 'sip:1001@10.0.0.3' }) }),
      2000,
    );
    expect(changes.map((c) => [c.kind, c.binding.contactUri, c.bindingsLeft])).toEqual([
      ['registered', 'sip:1001@10.0.0.3', 2],
      ['unregistered', 'sip:1001@10.0.0.1', 2],
    ]);
    expect(changes[1]).toMatchObject({ cause: 'limit' });
  });

  it('keeps the agents of different tenants apart', () => {
    const registrar = new Registrar();
    registrar.register(register(), 0);
    registrar.register(
      register({ aor: { tenantId: 'acme', agentId: '1001' }, contacts: contacts({ uri: 'sip:1001@10.1.1.1' }) }),
      0,
    );
    expect(registrar.contactsOf('demo', '1001', 0).map((c) => c.uri)).toEqual(['sip:1001@192.168.1.20:5060']);
    expect(registrar.contactsOf('acme', '1001', 0).map((c) => c.uri)).toEqual(['sip:1001@10.1.1.1']);
  });
});
