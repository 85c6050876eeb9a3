import { type DirectoryRows } from './directory-rows';
import { DirectorySnapshot } from './directory-snapshot';
import { type TrunkEntity } from './trunk.entity';

const at = new Date(0);

function trunk(
  tenantId: string,
  trunkId: string,
  allowedSources: string[],
  extra: Partial<TrunkEntity> = {},
): TrunkEntity {
  return {
    tenantId,
    trunkId,
    kind: 'carrier',
    branchId: null,
    allowedSources,
    inboundUsername: null,
    inboundRealm: null,
    inboundHa1Md5: null,
    inboundHa1Sha256: null,
    outboundHost: null,
    outboundPort: null,
    outboundTransport: null,
    outboundUsername: null,
    outboundPasswordSealed: null,
    callerNumberRules: [],
    calledNumberRules: [],
    outboundCallerId: { present: 'caller', identity: 'from', privacy: 'none', rules: [] },
    updatedAt: at,
    ...extra,
  };
}

function rows(partial: Partial<DirectoryRows>): DirectoryRows {
  return { revision: 1, tenants: [], domains: [], dids: [], credentials: [], deskPhones: [], trunks: [], ...partial };
}

describe('DirectorySnapshot', () => {
  const open = (sealed: string) => (sealed === 'good' ? 'password' : undefined);

  it('finds the trunk of the most specific allowed range, and by tenant when asked', () => {
    const snapshot = new DirectorySnapshot(
      rows({
        trunks: [
          trunk('a', 'wide', ['10.0.0.0/8']),
          trunk('a', 'narrow', ['10.1.0.0/16']),
          trunk('b', 'host', ['10.1.2.3']),
        ],
      }),
      { openSecret: open },
    );
    expect(snapshot.trunkForSource('10.1.2.3')?.trunkId).toBe('host');
    expect(snapshot.trunkForSource('10.1.2.3', 'a')?.trunkId).toBe('narrow');
    expect(snapshot.trunkForSource('::ffff:10.9.9.9')?.trunkId).toBe('wide');
    expect(snapshot.trunksForSource('10.1.2.3').map((t) => t.trunkId)).toEqual(['host', 'narrow', 'wide']);
    expect(snapshot.trunkForSource('not-an-address')).toBeUndefined();
    expect(snapshot.isTrunkSource('11.0.0.1')).toBe(false);
  });

  it('tells a branch ingress on the same host as the carrier apart by the port it sends from', () => {
    const snapshot = new DirectorySnapshot(
      rows({
        trunks: [
          trunk('a', 'carrier', ['127.0.0.0/8']),
          trunk('a', 'branch-nsk', [], {
            kind: 'branch',
            branchId: 'nsk',
            outboundHost: '127.0.0.1',
            outboundPort: 5062,
          }),
          trunk('a', 'partner', [], { kind: 'partner', outboundHost: '10.5.0.1', outboundPort: 5060 }),
        ],
      }),
      { openSecret: open },
    );
    expect(snapshot.trunkAt('127.0.0.1', 5062)?.trunkId).toBe('branch-nsk');
    expect(snapshot.trunkAt('::ffff:127.0.0.1', 5062)?.trunkId).toBe('branch-nsk');
    expect(snapshot.trunkAt('127.0.0.1', 40000)).toBeUndefined();
    expect(snapshot.trunkForSource('127.0.0.1')?.trunkId).toBe('carrier');
    // A trunk we call may call us: its address is a trunk source even without an allow-list.
    expect(snapshot.isTrunkSource('10.5.0.1')).toBe(true);
    expect(snapshot.isTrunkSource('10.5.0.2')).toBe(false);
  });

  it('sends IP-addressed requests to the default tenant and domains to theirs', () => {
    const snapshot = new DirectorySnapshot(
      rows({ domains: [{ domain: 'sip.acme.example', tenantId: 'acme', updatedAt: at }] }),
      { defaultTenantId: 'demo', openSecret: open },
    );
    expect(snapshot.tenantOfDomain('SIP.acme.example.')).toBe('acme');
    expect(snapshot.tenantOfDomain('192.0.2.1')).toBe('demo');
    expect(new DirectorySnapshot(rows({}), { openSecret: open }).tenantOfDomain('192.0.2.1')).toBeUndefined();
  });

  it('opens outbound passwords and lists those it cannot', () => {
    const outbound = { outboundHost: 'x.example', outboundPort: 5060, outboundTransport: 'udp', outboundUsername: 'u' };
    const snapshot = new DirectorySnapshot(
      rows({
        trunks: [
          trunk('a', 'ok', [], { ...outbound, outboundPasswordSealed: 'good' }),
          trunk('a', 'lost', [], { ...outbound, outboundPasswordSealed: 'sealed-under-another-key' }),
        ],
      }),
      { openSecret: open },
    );
    expect(snapshot.trunk('a', 'ok')?.outbound?.auth).toEqual({ username: 'u', password: 'password' });
    expect(snapshot.trunk('a', 'lost')?.outbound?.auth).toEqual({ username: 'u', password: undefined });
    expect(snapshot.unreadableSecrets).toEqual(['a/lost']);
  });

  it('looks DIDs up with separators ignored', () => {
    const snapshot = new DirectorySnapshot(
      rows({
        dids: [{ number: '+74950000001', tenantId: 'demo', branchId: 'msk', queueId: 'msk-sales', updatedAt: at }],
      }),
      { openSecret: open },
    );
    expect(snapshot.didOf('+7 495 000-00-01')?.queueId).toBe('msk-sales');
    expect(snapshot.didOf('84950000001')).toBeUndefined();
  });
});
