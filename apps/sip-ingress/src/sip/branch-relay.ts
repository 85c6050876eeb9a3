import { type Dialog, type IncomingInvite, type SipUserAgent } from '@cc/sip';
import { randomUUID } from 'node:crypto';
import { type Registrar } from '../registrar/registrar';
import { agentPhoneRoute } from './agent-phone';
import { type BridgedDialogs } from './bridged-dialogs';

/** Headers of the other branch's INVITE that the agent's phone (and desktop) gets as they came. */
const FORWARDED_HEADERS = ['x-cc-call-id', 'x-cc-customer-id', 'x-cc-queue', 'p-asserted-identity', 'privacy'];

export interface BranchRelayLogger {
  warn(message: string): void;
}

export interface BranchRelayOptions {
  agent: SipUserAgent;
  registrar: Registrar;
  dialogs: BridgedDialogs;
  logger: BranchRelayLogger;
  now?: () => number;
}

/**
 * The far side of an overflow between branches. The call belongs to the ingress of its home branch, which holds
 * the caller, talks to routing and publishes the call's events; when routing offers it to an agent of this branch,
 * that ingress INVITEs this one over the branch trunk, naming the agent (X-CC-Agent). This ingress only rings the
 * agent's phone registered here and relays the signalling both ways: provisional answers, the final answer, CANCEL,
 * BYE from either side, and re-INVITE, INFO, REFER and NOTIFY inside the call.
 */
export class BranchRelay {
  private readonly now: () => number;

  constructor(private readonly options: BranchRelayOptions) {
    this.now = options.now ?? Date.now;
  }

  relay(invite: IncomingInvite, tenantId: string, agentId: string): void {
    const { agent, registrar, dialogs, logger } = this.options;
    const phone = agentPhoneRoute(registrar, tenantId, agentId, this.now());
    if (!phone) {
      invite.reject(480, 'Agent phone not registered here');
      return;
    }
    const request = invite.request;
    const relayId = `relay:${randomUUID()}`;
    const headers = FORWARDED_HEADERS.flatMap((name): Array<[string, string]> => {
      const value = request.headers.get(name);
      return value === undefined ? [] : [[name, value]];
    });
    const outgoing = agent.invite({
      requestUri: phone.requestUri,
      destination: phone.destination,
      from: withoutTag(request.headers.get('from') ?? '<sip:anonymous@invalid>'),
      to: withoutTag(request.headers.get('to') ?? `<sip:${agentId}@invalid>`),
      headers,
      body: request.body,
      contentType: request.headers.get('content-type') ?? 'application/sdp',
    });
    invite.onCancel(() => outgoing.cancel());
    outgoing.onProvisional((response) => {
      if (response.status === 180) invite.progress(180);
      else if (response.status === 183) {
        invite.progress(183, response.body.length > 0 ? { body: response.body, contentType: 'application/sdp' } : {});
      }
    });
    outgoing.onFailed((failure) => invite.reject(failure.status, failure.reason));
    outgoing.onAnswered((phoneDialog, response) => {
      if (invite.cancelled) {
        phoneDialog.bye();
        return;
      }
      const upstream = invite.accept({
        body: response.body,
        contentType: response.headers.get('content-type') ?? 'application/sdp',
      });
      dialogs.setCaller(relayId, upstream);
      dialogs.setLeg(relayId, phoneDialog);
      const bridge = (from: 'caller' | 'leg', dialog: Dialog, other: Dialog) => {
        dialog.onRequest((incoming) => {
          dialogs.passThrough(relayId, from, incoming).catch((error: unknown) => {
            logger.warn(`relayed ${incoming.request.method} failed: ${String(error)}`);
          });
        });
        dialog.onTerminated(() => other.bye());
      };
      bridge('caller', upstream, phoneDialog);
      bridge('leg', phoneDialog, upstream);
    });
  }
}

/** A From or To value without its tag: the relayed INVITE starts a dialog of its own. */
function withoutTag(value: string): string {
  return value.replace(/;\s*tag=[^;>\s]*/i, '');
}
