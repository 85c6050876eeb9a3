import { type SipEndpoint } from '@cc/sip';

/** Whose phone it is: an agent of a tenant (the user part of the REGISTER's To, in the tenant's domain). */
export interface AddressOfRecord {
  tenantId: string;
  agentId: string;
}

/** One contact bound to an address-of-record by REGISTER (RFC 3261 §10). */
export interface Binding {
  readonly aor: AddressOfRecord;
  /** The Contact URI without its brackets: the request-URI of INVITEs to this phone. */
  readonly contactUri: string;
  /** RFC 5626/5627 +sip.instance and reg-id: the same phone after a new address replaces its old binding. */
  readonly instanceId?: string;
  readonly regId?: string;
  /** q parameter as sent, echoed in the 200 OK. */
  readonly q?: string;
  readonly callId: string;
  readonly cseq: number;
  readonly registeredAt: number;
  /** Last REGISTER that (re)bound it. */
  readonly refreshedAt: number;
  readonly expiresAt: number;
  /**
   * Where the REGISTER came from. Behind NAT the Contact holds a private address; INVITEs go to this address and
   * port over this transport instead (received/rport behaviour, RFC 3581, and the flow of RFC 5626).
   */
  readonly source: SipEndpoint;
  readonly userAgent?: string;
}

/** What a REGISTER or the expiry sweep changed, for the events the ingress publishes. */
export type RegistrationChange =
  | { kind: 'registered'; binding: Binding; bindingsLeft: number }
  | { kind: 'refreshed'; binding: Binding; previous: Binding; bindingsLeft: number }
  | { kind: 'unregistered'; binding: Binding; cause: 'request' | 'wildcard' | 'limit'; bindingsLeft: number }
  | { kind: 'expired'; binding: Binding; bindingsLeft: number };

/** Seconds until the binding lapses (0 once it has). */
export function remainingSeconds(binding: Binding, now: number): number {
  return Math.max(0, Math.ceil((binding.expiresAt - now) / 1000));
}

export function aorKey(aor: AddressOfRecord): string {
  return `${aor.tenantId}\u0000${aor.agentId}`;
}
