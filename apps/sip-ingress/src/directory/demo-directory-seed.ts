/**
 * The demo tenant's SIP side (see the README's demo tenant), defined through the directory's own use cases and
 * request parsers: SIP domain demo.cc.local (also the realm), the DIDs of DEMO_DIDS that enter a queue, digest
 * credentials for the 20 agents (user = agent number, password demo-<number>), a carrier trunk for everything on
 * loopback (sipp), the partner centre's trunk, and one trunk to each branch's ingress for overflow between them.
 *
 * Runs at every start and acts once: a tenant the seed completed is never touched again, and on a tenant that
 * exists without that mark (defined through the API, or a seed interrupted) only what is missing is added.
 */
import {
  DEMO_AGENT_IDS,
  DEMO_DIDS,
  DEMO_PARTNER_ID,
  DEMO_TENANT_ID,
  type DemoDidRoute,
  demoAgentPassword,
  demoTenantConfig,
} from '@cc/acd';
import { type SipTransport } from './directory-model';
import { didBody, domainParam, numberParam, passwordBody, tenantBody, trunkBody } from './directory-requests';
import { RUSSIAN_NUMBER_RULES } from './number-rules';
import { SipDirectoryException } from './sip-directory.exception';
import { type SipDirectoryService } from './sip-directory.service';

export const DEMO_SIP_DOMAIN = 'demo.cc.local';
export const DEMO_CARRIER_TRUNK_ID = 'carrier';
export const DEMO_BRANCH_TRUNK_IDS = { msk: 'branch-msk', nsk: 'branch-nsk' } as const;

export interface SipAddress {
  host: string;
  port: number;
  transport: SipTransport;
}

export interface DemoDirectoryOptions {
  /** Where the partner centre answers (SIP_DEMO_PARTNER_ADDRESS). */
  partner: SipAddress;
  /** Where each branch's ingress listens, for overflow between branches (SIP_DEMO_MSK_ADDRESS, SIP_DEMO_NSK_ADDRESS). */
  branches: Readonly<Record<keyof typeof DEMO_BRANCH_TRUNK_IDS, SipAddress>>;
}

export const DEFAULT_DEMO_DIRECTORY_OPTIONS: DemoDirectoryOptions = {
  partner: { host: '127.0.0.1', port: 5070, transport: 'udp' },
  branches: {
    msk: { host: '127.0.0.1', port: 5060, transport: 'udp' },
    nsk: { host: '127.0.0.1', port: 5062, transport: 'udp' },
  },
};

/** "host:port" (IPv6 as "[::1]:5070"), optionally ";transport=tcp"; the port defaults to 5060. */
export function sipAddressOf(text: string): SipAddress {
  const match = /^(\[[^\]]+\]|[^:;[\]]+)(?::(\d{1,5}))?(?:;transport=(udp|tcp))?$/i.exec(text.trim());
  const port = match?.[2] === undefined ? 5060 : Number(match[2]);
  if (match === null || port < 1 || port > 65535) {
    throw new RangeError(`"${text}" is not a SIP address such as 127.0.0.1:5070 or [::1]:5070;transport=tcp`);
  }
  const host = match[1].replace(/^\[|\]$/g, '');
  return { host, port, transport: (match[3]?.toLowerCase() ?? 'udp') as SipTransport };
}

export type DemoSeedOutcome = 'seeded' | 'completed' | 'kept';

/**
 * seeded: the tenant was new; completed: it existed without the seed's mark and got what it lacked;
 * kept: the seed had completed it before, nothing was done.
 */
export async function seedDemoDirectory(
  service: SipDirectoryService,
  options: DemoDirectoryOptions = DEFAULT_DEMO_DIRECTORY_OPTIONS,
  now: Date = new Date(),
): Promise<DemoSeedOutcome> {
  const existing = await absentAs(service.tenant(DEMO_TENANT_ID), 'unknown-tenant');
  if (existing?.seededAt) return 'kept';
  if (existing === undefined) await service.defineTenant(DEMO_TENANT_ID, tenantBody({ realm: DEMO_SIP_DOMAIN }));

  if (!existing?.domains.includes(DEMO_SIP_DOMAIN)) {
    await absentAs(service.addDomain(DEMO_TENANT_ID, domainParam(DEMO_SIP_DOMAIN)), 'domain-taken');
  }

  const queues = demoTenantConfig(now.getTime()).queues;
  for (const [number, route] of Object.entries(DEMO_DIDS)) {
    const queueId = queueOf(route);
    if (queueId === undefined) continue;
    const did = numberParam(number);
    if (await absentAs(service.did(DEMO_TENANT_ID, did), 'unknown-did')) continue;
    const branchId = queues[queueId]?.branchId;
    if (branchId === undefined) throw new Error(`the demo DID ${number} names queue ${queueId}, which the demo lacks`);
    await absentAs(service.defineDid(DEMO_TENANT_ID, did, didBody({ branchId, queueId })), 'did-taken');
  }

  const withCredentials = new Set(
    (await service.agents(DEMO_TENANT_ID)).filter((a) => a.credentials !== null).map((a) => a.agentId),
  );
  for (const agentId of DEMO_AGENT_IDS) {
    if (withCredentials.has(agentId)) continue;
    await service.setAgentPassword(DEMO_TENANT_ID, agentId, passwordBody({ password: demoAgentPassword(agentId) }));
  }

  const trunks = new Set((await service.trunks(DEMO_TENANT_ID)).map((t) => t.trunkId));
  for (const [trunkId, body] of demoTrunks(options)) {
    if (!trunks.has(trunkId)) await service.defineTrunk(DEMO_TENANT_ID, trunkId, trunkBody(body));
  }

  await service.markSeeded(DEMO_TENANT_ID, now);
  return existing === undefined ? 'seeded' : 'completed';
}

function queueOf(route: DemoDidRoute): string | undefined {
  return route.kind === 'queue' ? route.queueId : undefined;
}

function demoTrunks(options: DemoDirectoryOptions): Array<[string, Record<string, unknown>]> {
  const branch = (branchId: 'msk' | 'nsk'): [string, Record<string, unknown>] => [
    DEMO_BRANCH_TRUNK_IDS[branchId],
    {
      kind: 'branch',
      branchId,
      outbound: { ...options.branches[branchId] },
      outboundCallerId: { present: 'caller', identity: 'p-asserted-identity', privacy: 'none' },
    },
  ];
  return [
    [
      DEMO_CARRIER_TRUNK_ID,
      {
        kind: 'carrier',
        // sipp and the other demo tools run on this machine: anything on loopback is the carrier.
        allowedSources: ['127.0.0.0/8', '::1'],
        callerNumberRules: RUSSIAN_NUMBER_RULES,
        calledNumberRules: RUSSIAN_NUMBER_RULES,
        outboundCallerId: { present: 'dialled', identity: 'p-asserted-identity', privacy: 'none' },
      },
    ],
    [
      DEMO_PARTNER_ID,
      {
        kind: 'partner',
        outbound: { ...options.partner },
        outboundCallerId: { present: 'caller', identity: 'p-asserted-identity', privacy: 'none' },
      },
    ],
    branch('msk'),
    branch('nsk'),
  ];
}

/** The result, or undefined when the call was refused with the given code (the thing is absent or someone else's). */
async function absentAs<T>(call: Promise<T>, code: SipDirectoryException['code']): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof SipDirectoryException && error.code === code) return undefined;
    throw error;
  }
}
