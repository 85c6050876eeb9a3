import { applyNumberRules, type NumberRule } from './number-rules';

/** Who is calling, as the ingress understood an inbound INVITE. */
export interface InboundCallerId {
  /** The number after the trunk's rules (E.164 when the rules are right); "" when withheld. */
  number: string;
  /** The caller asked for privacy (Privacy: id/user/header) or sent no number: show it to nobody outside. */
  restricted: boolean;
}

/** The user parts the caller id is read from; the trunk is trusted, so P-Asserted-Identity wins over From. */
export interface InboundIdentity {
  fromUser: string;
  assertedIdentityUser?: string;
  /** The Privacy header value, e.g. "id", "user; id", "none". */
  privacy?: string;
}

export function inboundCallerIdOf(identity: InboundIdentity, rules: readonly NumberRule[]): InboundCallerId {
  const asserted =
    identity.assertedIdentityUser === undefined ? '' : applyNumberRules(identity.assertedIdentityUser, rules);
  const number = asserted !== '' ? asserted : applyNumberRules(identity.fromUser, rules);
  const privacy = (identity.privacy ?? '')
    .toLowerCase()
    .split(/[\s;]+/)
    .filter((value) => value !== '');
  const restricted = number === '' || privacy.some((value) => value === 'id' || value === 'user' || value === 'header');
  return { number, restricted };
}

/**
 * How calls out of a trunk present their caller (overflow to a partner, transfers to outside numbers):
 * - `present`: "caller" (the customer's number, so the partner's agent sees who calls), "dialled" (the number the
 *   customer dialled, i.e. the contact centre's), or a fixed number;
 * - `identity`: "from" puts it in From only; "p-asserted-identity" also asserts it (RFC 3325) to a trusted trunk;
 * - `privacy`: "id" asks the trunk to withhold it from the called party (Privacy: id; From becomes anonymous when
 *   the number is asserted);
 * - `rules`: the trunk's number format, applied last (e.g. "+7..." to "8...").
 */
export interface OutboundCallerIdPolicy {
  present: 'caller' | 'dialled' | { fixed: string };
  identity: 'from' | 'p-asserted-identity';
  privacy: 'none' | 'id';
  rules: NumberRule[];
}

export const DEFAULT_OUTBOUND_CALLER_ID: OutboundCallerIdPolicy = {
  present: 'caller',
  identity: 'p-asserted-identity',
  privacy: 'none',
  rules: [],
};

/** The caller id headers of an outbound INVITE: From's user, P-Asserted-Identity's user, Privacy. */
export interface PresentedCallerId {
  fromUser: string;
  assertedIdentityUser?: string;
  privacy: 'none' | 'id';
}

export const ANONYMOUS_USER = 'anonymous';

export function outboundCallerIdOf(
  policy: OutboundCallerIdPolicy,
  call: { callerNumber: string; dialledNumber: string; callerRestricted?: boolean },
): PresentedCallerId {
  const source =
    policy.present === 'caller'
      ? call.callerNumber
      : policy.present === 'dialled'
        ? call.dialledNumber
        : policy.present.fixed;
  const number = applyNumberRules(source, policy.rules);
  const withheldByCaller = policy.present === 'caller' && call.callerRestricted === true;
  const privacy = policy.privacy === 'id' || withheldByCaller ? 'id' : 'none';
  if (number === '') return { fromUser: ANONYMOUS_USER, privacy: 'id' };
  if (policy.identity === 'from') return { fromUser: number, privacy };
  return { fromUser: privacy === 'id' ? ANONYMOUS_USER : number, assertedIdentityUser: number, privacy };
}
