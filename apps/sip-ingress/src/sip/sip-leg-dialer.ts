import {
  type Dialog,
  type IncomingRequest,
  isSipUri,
  type OutgoingInvite,
  parseNameAddr,
  parseUri,
  type SipEndpoint,
  type SipUserAgent,
} from '@cc/sip';
import {
  ANONYMOUS_USER,
  DEFAULT_OUTBOUND_CALLER_ID,
  type OutboundCallerIdPolicy,
  outboundCallerIdOf,
} from '../directory/caller-id';
import { type IngressTrunk } from '../directory/directory-snapshot';
import { type TransferTarget } from '../calls/call-messages';
import { type LegDialer, type LegEvents, type LegHandle } from '../calls/call-ports';
import { legSipCallId } from '../calls/call-facts.publisher';
import { type CallLeg, type CallState } from '../calls/call-state';
import { type IngressDirectory } from '../directory/ingress-directory';
import { type Registrar } from '../registrar/registrar';
import { agentPhoneRoute, endpointOfUri } from './agent-phone';
import { type BridgedDialogs } from './bridged-dialogs';

/** Headers that tell the agent's phone (and desktop) what the call is. */
export const CALL_ID_HEADER = 'X-CC-Call-Id';
export const CUSTOMER_ID_HEADER = 'X-CC-Customer-Id';
export const QUEUE_HEADER = 'X-CC-Queue';
/** On an INVITE to another branch's ingress: the agent of that branch whose phone it must ring. */
export const AGENT_HEADER = 'X-CC-Agent';

/** How long a leg to a trunk or an outside number may ring before it is given up (routing times agent offers). */
const TRUNK_RING_LIMIT_MS = 60_000;
/** A leg to an agent is given up if routing's own ring timeout never comes (routing unreachable). */
const AGENT_RING_LIMIT_MS = 120_000;

export interface SipLegDialerOptions {
  agent: SipUserAgent;
  registrar: Registrar;
  directory: IngressDirectory;
  dialogs: BridgedDialogs;
  now?: () => number;
}

/** Where a leg goes and how it presents the caller. */
interface LegRoute {
  requestUri: string;
  destination: SipEndpoint;
  to: string;
  /** From's user part and display name. */
  fromUser: string;
  display: string;
  headers: Array<[string, string]>;
  credentials?: { username: string; password: string };
}

/**
 * Places the B2BUA's second leg: the agent's phone (its registrations, its desk phone, or the ingress of the
 * agent's branch), a partner trunk, or an outside number through the tenant's carrier. The caller's number and
 * the customer travel in the headers; on trunks the caller id is what the trunk's policy presents.
 */
export class SipLegDialer implements LegDialer {
  private readonly now: () => number;

  constructor(private readonly options: SipLegDialerOptions) {
    this.now = options.now ?? Date.now;
  }

  dial(call: CallState, leg: CallLeg, sdp: Buffer, events: LegEvents): LegHandle {
    const route = this.routeOf(call, leg);
    if ('failure' in route) {
      setImmediate(() => events.failed(route.failure.status, route.failure.reason));
      return { cancel: () => undefined, hangUp: () => undefined, answerTransfer: () => undefined };
    }
    const headers: Array<[string, string]> = [
      [CALL_ID_HEADER, call.callId],
      [QUEUE_HEADER, call.queueId],
      ...(call.customerId ? ([[CUSTOMER_ID_HEADER, call.customerId]] as Array<[string, string]>) : []),
      ...route.headers,
    ];
    const display = route.display ? `"${route.display.replace(/"/g, '')}" ` : '';
    const invite = this.options.agent.invite({
      requestUri: route.requestUri,
      destination: route.destination,
      from: `${display}<sip:${route.fromUser}@${this.options.agent.transport.host}>`,
      to: route.to,
      headers,
      body: sdp,
      contentType: 'application/sdp',
      callId: legSipCallId(leg),
      ...(route.credentials ? { credentials: route.credentials } : {}),
    });
    const resolveTransfer = (target: TransferTarget): TransferTarget => {
      if (target.kind !== 'number') return target;
      const did = this.options.directory.didOf(target.number);
      return did && did.tenantId === call.tenantId
        ? { kind: 'queue', branchId: did.branchId, queueId: did.queueId }
        : target;
    };
    const limit = leg.target.kind === 'agent' ? AGENT_RING_LIMIT_MS : TRUNK_RING_LIMIT_MS;
    return new SipLeg(call.callId, invite, events, this.options.dialogs, limit, resolveTransfer);
  }

  private get host(): string {
    return this.options.agent.transport.host;
  }

  private routeOf(call: CallState, leg: CallLeg): LegRoute | { failure: { status: number; reason: string } } {
    const target = leg.target;
    const { directory, registrar } = this.options;
    switch (target.kind) {
      case 'agent': {
        // Inside the platform the agent sees the customer as they are, withheld numbers included.
        const insider = { fromUser: call.callerNumber || ANONYMOUS_USER, display: call.callerName };
        const to = `<sip:${target.agentId}@${directory.realmOf(call.tenantId) ?? this.options.agent.transport.host}>`;
        const phone = agentPhoneRoute(registrar, call.tenantId, target.agentId, this.now());
        if (phone) return { ...phone, to, ...insider, headers: [] };
        // Not registered here: the agent's branch has its own ingress, reached over the branch trunk.
        const branchId = target.agentDomainId.split('/')[1] ?? '';
        const trunk = directory
          .trunksOf(call.tenantId)
          .find((t) => t.kind === 'branch' && t.branchId === branchId && t.outbound);
        const out = trunk?.outbound;
        if (
          trunk &&
          out &&
          !(out.host === this.options.agent.transport.host && out.port === this.options.agent.transport.port)
        ) {
          return {
            ...trunkRoute(trunk, target.agentId),
            to,
            ...insider,
            headers: [[AGENT_HEADER, target.agentId]],
          };
        }
        return { failure: { status: 480, reason: 'Agent phone not registered' } };
      }
      case 'trunk': {
        const destination = endpointOfUri(target.trunkUri);
        if (!destination) return { failure: { status: 502, reason: 'Invalid partner trunk address' } };
        const host = `${destination.address}:${destination.port}`;
        const trunk = directory.trunkAt(destination.address, destination.port);
        const user = call.dialledNumber || 'overflow';
        return {
          requestUri: `sip:${user}@${host}`,
          destination,
          to: `<sip:${user}@${host}>`,
          ...presented(trunk?.outboundCallerId ?? DEFAULT_OUTBOUND_CALLER_ID, call, this.host),
          ...(trunk?.outbound?.auth?.password
            ? { credentials: { username: trunk.outbound.auth.username, password: trunk.outbound.auth.password } }
            : {}),
        };
      }
      case 'number': {
        const carrier = directory.trunksOf(call.tenantId).find((t) => t.kind === 'carrier' && t.outbound);
        if (!carrier?.outbound) return { failure: { status: 503, reason: 'No carrier trunk for outside numbers' } };
        return { ...trunkRoute(carrier, target.number), ...presented(carrier.outboundCallerId, call, this.host) };
      }
      default: {
        const never: never = target;
        return never;
      }
    }
  }
}

/** The Request-URI, destination, To and credentials of a call to `user` on a trunk with an outbound address. */
export function trunkRoute(
  trunk: IngressTrunk,
  user: string,
): Pick<LegRoute, 'requestUri' | 'destination' | 'to' | 'credentials'> {
  const out = trunk.outbound!;
  const host = out.host.includes(':') ? `[${out.host}]:${out.port}` : `${out.host}:${out.port}`;
  const transport = out.transport === 'tcp' ? ';transport=tcp' : '';
  return {
    requestUri: `sip:${user}@${host}${transport}`,
    destination: { transport: out.transport, address: out.host, port: out.port },
    to: `<sip:${user}@${host}>`,
    ...(out.auth?.password ? { credentials: { username: out.auth.username, password: out.auth.password } } : {}),
  };
}

/** From, P-Asserted-Identity and Privacy of a call leaving the platform, by the trunk's caller id policy. */
export function presented(
  policy: OutboundCallerIdPolicy,
  call: Pick<CallState, 'callerNumber' | 'dialledNumber' | 'callerRestricted'>,
  host: string,
): Pick<LegRoute, 'fromUser' | 'display' | 'headers'> {
  const id = outboundCallerIdOf(policy, call);
  const headers: Array<[string, string]> = [];
  if (id.assertedIdentityUser !== undefined) {
    headers.push(['P-Asserted-Identity', `<sip:${id.assertedIdentityUser}@${host}>`]);
  }
  if (id.privacy === 'id') headers.push(['Privacy', 'id']);
  return { fromUser: id.fromUser, display: '', headers };
}

/** One outgoing leg: its INVITE, then its dialog. */
class SipLeg implements LegHandle {
  private dialog?: Dialog;
  private pendingRefer?: IncomingRequest;
  private readonly guard: NodeJS.Timeout;
  private finished = false;

  constructor(
    private readonly callId: string,
    private readonly invite: OutgoingInvite,
    private readonly events: LegEvents,
    private readonly dialogs: BridgedDialogs,
    ringLimitMs: number,
    private readonly resolveTransfer: (target: TransferTarget) => TransferTarget,
  ) {
    this.guard = setTimeout(() => invite.cancel(), ringLimitMs);
    this.guard.unref();
    invite.onProvisional((response) => {
      if (response.status === 180) events.ringing();
      else if (response.status === 183) events.ringing(response.body.length > 0 ? response.body : undefined);
    });
    invite.onFailed((failure) => {
      clearTimeout(this.guard);
      if (this.finished) return;
      this.finished = true;
      events.failed(failure.status, failure.reason);
    });
    invite.onAnswered((dialog, response) => {
      clearTimeout(this.guard);
      this.dialog = dialog;
      dialogs.setLeg(callId, dialog);
      dialog.onRequest((incoming) => this.inDialog(incoming));
      dialog.onTerminated((reason) => {
        if (reason === 'bye-received' || reason === 'ack-timeout') events.hungUp();
      });
      events.answered(response.body);
    });
  }

  cancel(): void {
    this.invite.cancel();
  }

  hangUp(): void {
    clearTimeout(this.guard);
    if (this.dialog) this.dialog.bye();
    else this.invite.cancel();
  }

  answerTransfer(status: number, reason: string): void {
    const refer = this.pendingRefer;
    this.pendingRefer = undefined;
    if (!refer) return;
    refer.respond(status, reason);
    if (status !== 202 || !this.dialog) return;
    // RFC 3515: the transferor learns the outcome; a blind transfer is complete once the caller is handed on.
    void this.dialog.request('NOTIFY', {
      headers: [
        ['Event', 'refer'],
        ['Subscription-State', 'terminated;reason=noresource'],
      ],
      body: Buffer.from('SIP/2.0 200 OK\r\n'),
      contentType: 'message/sipfrag;version=2.0',
    });
  }

  private inDialog(incoming: IncomingRequest): void {
    if (incoming.request.method !== 'REFER') {
      void this.dialogs.passThrough(this.callId, 'leg', incoming);
      return;
    }
    const target = transferTargetOf(incoming.request.headers.get('refer-to'));
    if (!target) {
      incoming.respond(400, 'Missing or invalid Refer-To');
      return;
    }
    this.pendingRefer = incoming;
    this.events.transferRequested(this.resolveTransfer(target));
  }
}

/**
 * Where a REFER sends the caller: a number (E.164 or digits) is an outside number unless it is one of the tenant's
 * DIDs (resolved by the caller of this function); any other user part is a queue id, in the branch named by a
 * `branch` URI parameter or else the call's own.
 */
export function transferTargetOf(referTo: string | undefined): TransferTarget | undefined {
  if (!referTo) return undefined;
  try {
    const uri = parseUri(parseNameAddr(referTo).uri);
    if (!isSipUri(uri) || !uri.user) return undefined;
    if (/^\+?[0-9]{3,15}$/.test(uri.user)) return { kind: 'number', number: uri.user };
    const branch = uri.params.get('branch');
    return { kind: 'queue', branchId: branch ?? '', queueId: uri.user };
  } catch {
    return undefined;
  }
}
