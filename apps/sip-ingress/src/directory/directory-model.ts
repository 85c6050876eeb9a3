import { type OutboundCallerIdPolicy } from './caller-id';
import { type NumberRule } from './number-rules';

export const TRUNK_KINDS = ['carrier', 'pbx', 'branch', 'partner'] as const;
/** carrier: the public network; pbx: a customer's own PBX; branch: another branch's ingress; partner: a partner centre. */
export type TrunkKind = (typeof TRUNK_KINDS)[number];

export type SipTransport = 'udp' | 'tcp';

export interface TenantInput {
  /** The digest realm of the tenant's credentials, e.g. its main SIP domain. */
  realm: string;
}

export interface DidInput {
  branchId: string;
  /** The queue calls to the number enter. */
  queueId: string;
}

export interface TrunkInput {
  kind: TrunkKind;
  /** The branch the trunk serves (for a branch trunk: the branch it leads to); null: the whole tenant. */
  branchId: string | null;
  /** Addresses and CIDR blocks the trunk's requests come from, canonical text. */
  allowedSources: string[];
  /** Digest credentials the trunk must answer our 407 with; no password: keep the stored one (same user). */
  inboundAuth: { username: string; password?: string } | null;
  /** Where calls to the trunk go; password undefined keeps the stored one, null removes it. */
  outbound: {
    host: string;
    port: number;
    transport: SipTransport;
    username?: string;
    password?: string | null;
  } | null;
  /** Rewrite the caller's number of inbound calls (to E.164). */
  callerNumberRules: NumberRule[];
  /** Rewrite the dialled number of inbound calls (to the E.164 DID). */
  calledNumberRules: NumberRule[];
  outboundCallerId: OutboundCallerIdPolicy;
}

/** What the API shows of a tenant. */
export interface TenantView {
  tenantId: string;
  realm: string;
  domains: string[];
  seededAt: string | null;
}

export interface DidView {
  number: string;
  tenantId: string;
  branchId: string;
  queueId: string;
}

export interface AgentSipView {
  agentId: string;
  /** Present when the agent has digest credentials (the password itself is never kept). */
  credentials: { username: string; realm: string; algorithms: string[]; updatedAt: string } | null;
  deskPhone: string | null;
}

/** What the API shows of a trunk: never a password or a hash, only whether one is set. */
export interface TrunkView {
  trunkId: string;
  tenantId: string;
  kind: TrunkKind;
  branchId: string | null;
  allowedSources: string[];
  inboundAuth: { username: string } | null;
  outbound: {
    host: string;
    port: number;
    transport: SipTransport;
    username: string | null;
    hasPassword: boolean;
  } | null;
  callerNumberRules: NumberRule[];
  calledNumberRules: NumberRule[];
  outboundCallerId: OutboundCallerIdPolicy;
  updatedAt: string;
}
