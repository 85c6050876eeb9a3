import { type SipEndpoint, type SipRequest, toTagOf } from '@cc/sip';
import { DEFAULT_FLOOD_POLICY, FloodGuard, type FloodPolicy, type RequestClass, type SourceTrust } from './flood-guard';
import { isScannerUserAgent } from './scanner-user-agents';

/** A request refused with an answer (the transport answers it statelessly). */
export interface AdmissionRefusal {
  status: number;
  reason: string;
  headers?: ReadonlyArray<readonly [string, string]>;
}

/** accept: hand the request on; drop: no answer at all; otherwise answer it with the refusal. */
export type AdmissionDecision = 'accept' | 'drop' | AdmissionRefusal;

/** Tells how much a source address is trusted (a trunk's allowed source, an agent's phone, or unknown). */
export interface SourceTrustPort {
  trustOf(address: string): SourceTrust;
}

/**
 * Out-of-dialog requests anybody may send: REGISTER (the registrar challenges it), OPTIONS (keep-alive pings of
 * carriers and phones), and ACK and CANCEL, which belong to a transaction that was admitted already or to none.
 */
const PUBLIC_METHODS: ReadonlySet<string> = new Set(['REGISTER', 'OPTIONS', 'ACK', 'CANCEL']);

/**
 * The ingress's front door, asked for every request before the transaction layer sees it:
 * - addresses that keep flooding are banned and their requests dropped;
 * - requests of known scanners are dropped without an answer (and count towards a ban);
 * - past the source's budget (INVITEs and everything else counted apart) an answerable request gets
 *   503 Service Unavailable with Retry-After, an ACK is dropped;
 * - a dialog-creating request from an address that is neither a trunk's nor an agent phone's, and carries no
 *   credentials to verify, gets 403 Forbidden. Requests inside a dialog go on: the dialog layer knows them or
 *   answers 481.
 */
export class Admission {
  private readonly flood: FloodGuard;

  constructor(
    private readonly sources: SourceTrustPort,
    policy: FloodPolicy = DEFAULT_FLOOD_POLICY,
  ) {
    this.flood = new FloodGuard(policy);
  }

  /** True while the address is banned: its datagrams may be dropped before they are parsed. */
  isBanned(address: string, now: number): boolean {
    return this.flood.isBanned(address, now);
  }

  /** Source addresses currently tracked (bounded by the policy's maxSources). */
  get trackedSources(): number {
    return this.flood.trackedSources;
  }

  admit(source: SipEndpoint, request: SipRequest, now: number): AdmissionDecision {
    const address = source.address;
    if (this.flood.isBanned(address, now)) return 'drop';
    const trust = this.sources.trustOf(address);
    if (isScannerUserAgent(request.headers.get('user-agent'))) {
      this.flood.strike(address, trust, now);
      return 'drop';
    }
    const inDialog = isInDialog(request);
    const verdict = this.flood.check(address, trust, requestClassOf(request.method, inDialog), now);
    if (verdict.kind === 'banned') return 'drop';
    if (verdict.kind === 'limited') {
      if (request.method === 'ACK') return 'drop';
      return {
        status: 503,
        reason: 'Service Unavailable',
        headers: [['Retry-After', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000)))]],
      };
    }
    if (inDialog || PUBLIC_METHODS.has(request.method) || trust !== 'unknown' || carriesCredentials(request)) {
      return 'accept';
    }
    return this.flood.strike(address, trust, now).kind === 'banned' ? 'drop' : { status: 403, reason: 'Forbidden' };
  }
}

function requestClassOf(method: string, inDialog: boolean): RequestClass {
  return method === 'INVITE' && !inDialog ? 'invite' : 'other';
}

function carriesCredentials(request: SipRequest): boolean {
  return request.headers.has('proxy-authorization') || request.headers.has('authorization');
}

/** A To tag means the request belongs to a dialog; a To that does not parse is treated as having none. */
function isInDialog(request: SipRequest): boolean {
  try {
    return toTagOf(request) !== undefined;
  } catch {
    return false;
  }
}
