import { parseSipUri } from '@cc/sip';
import { type Ha1Lookup } from '../auth/digest-authenticator';
import { type Ha1Set } from '../auth/digest-algorithm';
import { type OutboundCallerIdPolicy } from './caller-id';
import { type SipTransport, type TrunkKind } from './directory-model';
import { type DirectoryRows } from './directory-rows';
import {
  type AddressRange,
  formatIpAddress,
  type IpAddress,
  parseAddressRange,
  parseIpAddress,
  rangeContains,
} from './ip-address';
import { cleanNumber, type NumberRule } from './number-rules';

/** Where calls to a dialled number go. */
export interface DidRoute {
  number: string;
  tenantId: string;
  branchId: string;
  queueId: string;
}

/** Digest credentials of a user of a tenant: an agent's phone, or a trunk that authenticates to us. */
export type SipCredentials =
  | { kind: 'agent'; agentId: string; username: string; realm: string; ha1: Ha1Set }
  | { kind: 'trunk'; trunkId: string; username: string; realm: string; ha1: Ha1Set };

/** A trunk as the call path uses it. */
export interface IngressTrunk {
  tenantId: string;
  trunkId: string;
  kind: TrunkKind;
  branchId: string | null;
  allowedSources: readonly AddressRange[];
  inboundAuth?: { username: string; ha1: Ha1Set };
  outbound?: {
    host: string;
    port: number;
    transport: SipTransport;
    /** What to answer the trunk's challenges with; password undefined when it cannot be decrypted. */
    auth?: { username: string; password: string | undefined };
  };
  callerNumberRules: readonly NumberRule[];
  calledNumberRules: readonly NumberRule[];
  outboundCallerId: OutboundCallerIdPolicy;
}

export interface SnapshotOptions {
  /** Tenant of requests addressed to an IP address rather than a domain. */
  defaultTenantId?: string;
  /** Opens a sealed trunk password (owner "<tenant>/<trunk>"); undefined when it cannot. */
  openSecret: (sealed: string, owner: string) => string | undefined;
}

const key = (tenantId: string, id: string) => `${tenantId}\u0000${id}`;

/**
 * The directory in memory, immutable, built from one consistent read: every lookup of the call path is a map
 * access (or, for source addresses, a scan of the trunks' ranges, most specific first).
 */
export class DirectorySnapshot {
  readonly revision: number;
  /** Trunk passwords that could not be decrypted ("<tenant>/<trunk>"): sealed under another SIP_SECRET. */
  readonly unreadableSecrets: string[] = [];
  private readonly realms = new Map<string, string>();
  private readonly domains = new Map<string, string>();
  private readonly dids = new Map<string, DidRoute>();
  private readonly credentials = new Map<string, SipCredentials>();
  private readonly deskPhones = new Map<string, string>();
  private readonly deskPhoneHosts = new Set<string>();
  private readonly trunks = new Map<string, IngressTrunk>();
  private readonly sources: Array<{ range: AddressRange; trunk: IngressTrunk }> = [];
  private readonly outboundEndpoints = new Map<string, IngressTrunk>();
  private readonly outboundHosts = new Set<string>();

  constructor(
    rows: DirectoryRows,
    private readonly options: SnapshotOptions,
  ) {
    this.revision = rows.revision;
    for (const tenant of rows.tenants) this.realms.set(tenant.tenantId, tenant.realm);
    for (const domain of rows.domains) this.domains.set(domain.domain, domain.tenantId);
    for (const did of rows.dids) {
      this.dids.set(did.number, {
        number: did.number,
        tenantId: did.tenantId,
        branchId: did.branchId,
        queueId: did.queueId,
      });
    }
    for (const c of rows.credentials) {
      this.credentials.set(key(c.tenantId, c.agentId), {
        kind: 'agent',
        agentId: c.agentId,
        username: c.agentId,
        realm: c.realm,
        ha1: { 'SHA-256': c.ha1Sha256, MD5: c.ha1Md5 },
      });
    }
    for (const phone of rows.deskPhones) {
      this.deskPhones.set(key(phone.tenantId, phone.agentId), phone.uri);
      const host = hostOfUri(phone.uri);
      if (host !== undefined) this.deskPhoneHosts.add(host);
    }
    for (const row of rows.trunks) {
      const trunk = this.trunkOf(row);
      this.trunks.set(key(trunk.tenantId, trunk.trunkId), trunk);
      for (const range of trunk.allowedSources) this.sources.push({ range, trunk });
      const outboundIp = trunk.outbound === undefined ? undefined : parseIpAddress(trunk.outbound.host);
      if (outboundIp !== undefined && trunk.outbound !== undefined) {
        this.outboundEndpoints.set(`${formatIpAddress(outboundIp)}\u0000${trunk.outbound.port}`, trunk);
        this.outboundHosts.add(formatIpAddress(outboundIp));
      }
      if (trunk.inboundAuth !== undefined && row.inboundRealm !== null) {
        this.credentials.set(key(trunk.tenantId, trunk.inboundAuth.username), {
          kind: 'trunk',
          trunkId: trunk.trunkId,
          username: trunk.inboundAuth.username,
          realm: row.inboundRealm,
          ha1: trunk.inboundAuth.ha1,
        });
      }
    }
    // Most specific range first; equal ones in a stable order, so the same address always finds the same trunk.
    this.sources.sort(
      (a, b) =>
        b.range.prefix - a.range.prefix ||
        a.trunk.tenantId.localeCompare(b.trunk.tenantId) ||
        a.trunk.trunkId.localeCompare(b.trunk.trunkId),
    );
  }

  /** The route of a dialled number (E.164; separators are ignored). */
  didOf(number: string): DidRoute | undefined {
    return this.dids.get(cleanNumber(number));
  }

  /** The tenant a request-URI host belongs to: its SIP domain's, or for an IP address the default tenant. */
  tenantOfDomain(host: string): string | undefined {
    const name = host.trim().toLowerCase().replace(/\.$/, '');
    if (parseIpAddress(name) !== undefined) return this.options.defaultTenantId;
    return this.domains.get(name);
  }

  realmOf(tenantId: string): string | undefined {
    return this.realms.get(tenantId);
  }

  hasTenant(tenantId: string): boolean {
    return this.realms.has(tenantId);
  }

  /** The trunk whose allowed sources hold the address most specifically (of the tenant, when given). */
  trunkForSource(address: string, tenantId?: string): IngressTrunk | undefined {
    const ip = parseIpAddress(address);
    if (ip === undefined) return undefined;
    return this.sources.find(
      ({ range, trunk }) => (tenantId === undefined || trunk.tenantId === tenantId) && rangeContains(range, ip),
    )?.trunk;
  }

  /**
   * The trunk whose outbound address is exactly this source (address and port): another branch's ingress or a
   * partner sends from the address it is reached at, which tells it apart from a carrier on the same host.
   */
  trunkAt(address: string, port: number): IngressTrunk | undefined {
    const ip = parseIpAddress(address);
    if (ip === undefined) return undefined;
    const text = formatIpAddress(ip);
    return this.outboundEndpoints.get(`${text}\u0000${port}`);
  }

  /** Every trunk allowing the address, most specific first (a carrier may serve several tenants from one SBC). */
  trunksForSource(address: string): IngressTrunk[] {
    const ip = parseIpAddress(address);
    if (ip === undefined) return [];
    return [...new Set(this.sources.filter(({ range }) => rangeContains(range, ip)).map(({ trunk }) => trunk))];
  }

  /** A trunk's allowed source, or the address of a trunk we call (another branch's ingress, a partner). */
  isTrunkSource(address: string): boolean {
    if (this.trunkForSource(address) !== undefined) return true;
    const ip = parseIpAddress(address);
    return ip !== undefined && this.outboundHosts.has(formatIpAddress(ip));
  }

  /** Digest credentials of an agent (user = agent id) or of a trunk's inbound user. */
  credentialsOf(tenantId: string, username: string): SipCredentials | undefined {
    return this.credentials.get(key(tenantId, username));
  }

  /** The HA1 lookup DigestAuthenticator.verify takes, for one tenant. */
  ha1LookupOf(tenantId: string): Ha1Lookup {
    return (username, algorithm) => this.credentials.get(key(tenantId, username))?.ha1[algorithm];
  }

  deskPhoneOf(tenantId: string, agentId: string): string | undefined {
    return this.deskPhones.get(key(tenantId, agentId));
  }

  /** True when a desk phone URI names this IP address as its host. */
  isDeskPhoneSource(address: string): boolean {
    const ip = parseIpAddress(address);
    return ip !== undefined && this.deskPhoneHosts.has(formatIpAddress(ip));
  }

  trunk(tenantId: string, trunkId: string): IngressTrunk | undefined {
    return this.trunks.get(key(tenantId, trunkId));
  }

  trunksOf(tenantId: string): IngressTrunk[] {
    return [...this.trunks.values()].filter((trunk) => trunk.tenantId === tenantId);
  }

  private trunkOf(row: DirectoryRows['trunks'][number]): IngressTrunk {
    const trunk: IngressTrunk = {
      tenantId: row.tenantId,
      trunkId: row.trunkId,
      kind: row.kind as TrunkKind,
      branchId: row.branchId,
      allowedSources: row.allowedSources.flatMap((text) => parseAddressRange(text) ?? []),
      callerNumberRules: row.callerNumberRules,
      calledNumberRules: row.calledNumberRules,
      outboundCallerId: row.outboundCallerId,
    };
    if (row.inboundUsername !== null && row.inboundHa1Md5 !== null && row.inboundHa1Sha256 !== null) {
      trunk.inboundAuth = {
        username: row.inboundUsername,
        ha1: { 'SHA-256': row.inboundHa1Sha256, MD5: row.inboundHa1Md5 },
      };
    }
    if (row.outboundHost !== null && row.outboundPort !== null) {
      trunk.outbound = {
        host: row.outboundHost,
        port: row.outboundPort,
        transport: (row.outboundTransport ?? 'udp') as SipTransport,
      };
      if (row.outboundUsername !== null) {
        const owner = `${row.tenantId}/${row.trunkId}`;
        const password =
          row.outboundPasswordSealed === null ? undefined : this.options.openSecret(row.outboundPasswordSealed, owner);
        if (row.outboundPasswordSealed !== null && password === undefined) this.unreadableSecrets.push(owner);
        trunk.outbound.auth = { username: row.outboundUsername, password };
      }
    }
    return trunk;
  }
}

/** The canonical IP of a sip:/sips: URI's host, when the host is an IP address. */
function hostOfUri(uri: string): string | undefined {
  let ip: IpAddress | undefined;
  try {
    ip = parseIpAddress(parseSipUri(uri).host);
  } catch {
    return undefined;
  }
  return ip === undefined ? undefined : formatIpAddress(ip);
}
