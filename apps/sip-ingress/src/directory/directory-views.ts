import { DIGEST_ALGORITHMS } from '../auth/digest-algorithm';
import { type AgentCredentialEntity } from './agent-credential.entity';
import {
  type AgentSipView,
  type DidView,
  type SipTransport,
  type TenantView,
  type TrunkKind,
  type TrunkView,
} from './directory-model';
import { type DidEntity } from './did.entity';
import { type SipTenantEntity } from './sip-tenant.entity';
import { type TrunkEntity } from './trunk.entity';

export function tenantView(tenant: SipTenantEntity, domains: string[]): TenantView {
  return {
    tenantId: tenant.tenantId,
    realm: tenant.realm,
    domains: [...domains].sort(),
    seededAt: tenant.seededAt?.toISOString() ?? null,
  };
}

export function didView(did: DidEntity): DidView {
  return { number: did.number, tenantId: did.tenantId, branchId: did.branchId, queueId: did.queueId };
}

export function agentView(
  agentId: string,
  credential: AgentCredentialEntity | undefined,
  deskPhone: string | undefined,
): AgentSipView {
  return {
    agentId,
    credentials: credential
      ? {
          username: credential.agentId,
          realm: credential.realm,
          algorithms: [...DIGEST_ALGORITHMS],
          updatedAt: credential.updatedAt.toISOString(),
        }
      : null,
    deskPhone: deskPhone ?? null,
  };
}

export function trunkView(trunk: TrunkEntity): TrunkView {
  return {
    trunkId: trunk.trunkId,
    tenantId: trunk.tenantId,
    kind: trunk.kind as TrunkKind,
    branchId: trunk.branchId,
    allowedSources: trunk.allowedSources,
    inboundAuth: trunk.inboundUsername === null ? null : { username: trunk.inboundUsername },
    outbound:
      trunk.outboundHost === null || trunk.outboundPort === null
        ? null
        : {
            host: trunk.outboundHost,
            port: trunk.outboundPort,
            transport: (trunk.outboundTransport ?? 'udp') as SipTransport,
            username: trunk.outboundUsername,
            hasPassword: trunk.outboundPasswordSealed !== null,
          },
    callerNumberRules: trunk.callerNumberRules,
    calledNumberRules: trunk.calledNumberRules,
    outboundCallerId: trunk.outboundCallerId,
    updatedAt: trunk.updatedAt.toISOString(),
  };
}
