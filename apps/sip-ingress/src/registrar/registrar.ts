import { type SipEndpoint } from '@cc/sip';
import { type AddressOfRecord, aorKey, type Binding, type RegistrationChange } from './binding';
import { decideRegister, type RegisterRequest, type RegisterResponse } from './decide-register';
import { DEFAULT_REGISTRAR_POLICY, type RegistrarPolicy } from './registrar-policy';

/** Where an agent's phone can be reached: a registered contact (with the address to send to) or the desk phone. */
export type AgentContact =
  { kind: 'registered'; uri: string; source: SipEndpoint; binding: Binding } | { kind: 'desk-phone'; uri: string };

/** The desk phone configured for an agent (a static URI that never expires), if any. */
export type DeskPhoneLookup = (tenantId: string, agentId: string) => string | undefined;

export interface RegisterOutcome {
  response: RegisterResponse;
  changes: RegistrationChange[];
}

/**
 * The location service of the ingress (RFC 3261 §10): bindings per agent, in memory. The clock comes in with
 * every call; `expire(now)` is the sweep a timer of the caller runs.
 *
 * Registrations are not stored: a phone repeats its REGISTER before its binding lapses (at the latest after
 * maxExpires), so the table rebuilds itself. After a restart an agent's softphone is unreachable until it
 * registers again (desk phones, being static, are reachable at once); a shorter maxExpires shortens that gap at
 * the cost of more REGISTERs. Each ingress instance knows the phones that register with it, which are the phones of
 * the branches it serves.
 */
export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();
  /** Bindings per source address, so the front door knows the addresses agent phones use. */
  private readonly sources = new Map<string, number>();

  constructor(
    private readonly deskPhoneOf: DeskPhoneLookup = () => undefined,
    readonly policy: RegistrarPolicy = DEFAULT_REGISTRAR_POLICY,
  ) {}

  /** Applies an authenticated REGISTER (RFC 3261 §10.3 steps 6-8) and answers it. */
  register(request: RegisterRequest, now: number): RegisterOutcome {
    const key = aorKey(request.aor);
    const expired = this.expireAor(key, now);
    const decision = decideRegister(this.bindings.get(key) ?? [], request, now, this.policy);
    if (!decision.ok) return { response: decision.response, changes: expired };
    this.replace(key, decision.bindings);
    return { response: decision.response, changes: [...expired, ...decision.changes] };
  }

  /** The agent's contacts, most recently (re)registered first, then the desk phone. */
  contactsOf(tenantId: string, agentId: string, now: number): AgentContact[] {
    const contacts: AgentContact[] = this.bindingsOf({ tenantId, agentId }, now).map((binding) => ({
      kind: 'registered',
      uri: binding.contactUri,
      source: binding.source,
      binding,
    }));
    const deskPhone = this.deskPhoneOf(tenantId, agentId);
    if (deskPhone !== undefined) contacts.push({ kind: 'desk-phone', uri: deskPhone });
    return contacts;
  }

  /** The agent's live bindings, most recently refreshed first. */
  bindingsOf(aor: AddressOfRecord, now: number): Binding[] {
    return [...this.live(aorKey(aor), now)].sort((a, b) => b.refreshedAt - a.refreshedAt);
  }

  /** True when a binding (live, or lapsed and not swept yet) was registered from this address. */
  hasBindingFrom(address: string): boolean {
    return (this.sources.get(address) ?? 0) > 0;
  }

  /** Number of bindings held (live or waiting for the sweep). */
  get size(): number {
    let n = 0;
    for (const list of this.bindings.values()) n += list.length;
    return n;
  }

  /** Removes the bindings that lapsed by `now` and reports them. */
  expire(now: number): RegistrationChange[] {
    return [...this.bindings.keys()].flatMap((key) => this.expireAor(key, now));
  }

  private expireAor(key: string, now: number): RegistrationChange[] {
    const list = this.bindings.get(key) ?? [];
    const live = list.filter((binding) => binding.expiresAt > now);
    if (live.length === list.length) return [];
    this.replace(key, live);
    return list
      .filter((binding) => binding.expiresAt <= now)
      .map((binding): RegistrationChange => ({ kind: 'expired', binding, bindingsLeft: live.length }));
  }

  private live(key: string, now: number): Binding[] {
    return (this.bindings.get(key) ?? []).filter((binding) => binding.expiresAt > now);
  }

  private replace(key: string, after: readonly Binding[]): void {
    for (const binding of this.bindings.get(key) ?? []) this.countSource(binding.source.address, -1);
    for (const binding of after) this.countSource(binding.source.address, 1);
    if (after.length === 0) this.bindings.delete(key);
    else this.bindings.set(key, [...after]);
  }

  private countSource(address: string, delta: number): void {
    const count = (this.sources.get(address) ?? 0) + delta;
    if (count > 0) this.sources.set(address, count);
    else this.sources.delete(address);
  }
}
