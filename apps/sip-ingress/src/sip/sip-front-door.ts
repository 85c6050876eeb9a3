import {
  type IncomingInvite,
  type IncomingRequest,
  isSipUri,
  parseNameAddr,
  parseSdp,
  parseUri,
  type SipEndpoint,
  SUPPORTED_OPTIONS,
  ALLOWED_METHODS,
} from '@cc/sip';
import { randomUUID } from 'node:crypto';
import { type DigestAuthenticator, isStaleFailure } from '../auth/digest-authenticator';
import { type CallRunner } from '../calls/call-runner';
import { inboundCallerIdOf } from '../directory/caller-id';
import { type IngressTrunk } from '../directory/directory-snapshot';
import { type IngressDirectory } from '../directory/ingress-directory';
import { applyNumberRules } from '../directory/number-rules';
import { type RegistrationChange } from '../registrar/binding';
import { type Registrar } from '../registrar/registrar';
import { registerRequestOf, registerTargetOf } from '../registrar/register-request';
import { type BranchRelay } from './branch-relay';
import { type BridgedDialogs } from './bridged-dialogs';
import { AGENT_HEADER } from './sip-leg-dialer';
import { SipCallerLeg } from './sip-caller-leg';

export interface FrontDoorLogger {
  warn(message: string): void;
}

export interface SipFrontDoorOptions {
  directory: IngressDirectory;
  registrar: Registrar;
  authenticator: DigestAuthenticator;
  runner: CallRunner;
  dialogs: BridgedDialogs;
  /** Rings this branch's agents for calls held by another branch's ingress. */
  relay: BranchRelay;
  /** Branches whose calls this instance takes; undefined = all. */
  branches?: ReadonlySet<string>;
  onRegistrationChanges: (changes: RegistrationChange[]) => void;
  logger: FrontDoorLogger;
  now?: () => number;
}

/**
 * Out-of-dialog requests of the ingress: registrations of agents' phones, calls from trunks to DIDs, OPTIONS
 * keepalives. Everything is decided from the in-memory directory, without a database query per request.
 */
export class SipFrontDoor {
  private readonly now: () => number;

  constructor(private readonly options: SipFrontDoorOptions) {
    this.now = options.now ?? Date.now;
  }

  handle(incoming: IncomingRequest | IncomingInvite): void {
    switch (incoming.request.method) {
      case 'REGISTER':
        this.register(incoming);
        return;
      case 'INVITE':
        this.invite(incoming as IncomingInvite);
        return;
      case 'OPTIONS':
        incoming.respond(200, 'OK', {
          headers: [
            ['Allow', ALLOWED_METHODS.join(', ')],
            ['Accept', 'application/sdp'],
            ['Supported', SUPPORTED_OPTIONS.join(', ')],
          ],
        });
        return;
      case 'BYE':
      case 'REFER':
      case 'NOTIFY':
      case 'INFO':
      case 'UPDATE':
        incoming.respond(481);
        return;
      default:
        incoming.respond(405, 'Method Not Allowed', { headers: [['Allow', ALLOWED_METHODS.join(', ')]] });
    }
  }

  private register(incoming: IncomingRequest): void {
    const { directory, authenticator, registrar } = this.options;
    const target = registerTargetOf(incoming.request);
    if (!target) {
      incoming.respond(400, 'To of a REGISTER must be a SIP address with a user');
      return;
    }
    const tenantId = directory.tenantOfDomain(target.host);
    const realm = tenantId === undefined ? undefined : directory.realmOf(tenantId);
    if (tenantId === undefined || realm === undefined) {
      incoming.respond(404, 'Unknown domain');
      return;
    }
    const now = this.now();
    const verdict = authenticator.verifyRequest(incoming.request, 'registrar', realm, now, (username, algorithm) => {
      const credentials = directory.credentialsOf(tenantId, username);
      return credentials?.kind === 'agent' ? credentials.ha1[algorithm] : undefined;
    });
    if (!verdict.ok) {
      const challenge = authenticator.challenge({ kind: 'registrar', realm, now, stale: isStaleFailure(verdict) });
      incoming.respond(challenge.status, challenge.reason, { headers: challenge.headers });
      return;
    }
    const credentials = directory.credentialsOf(tenantId, verdict.username);
    if (credentials?.kind !== 'agent' || credentials.agentId !== target.user) {
      incoming.respond(403, 'Credentials do not match the address registered');
      return;
    }
    const parsed = registerRequestOf(incoming.request, { tenantId, agentId: credentials.agentId }, incoming.source);
    if (!parsed.ok) {
      incoming.respond(parsed.response.status, parsed.response.reason, { headers: parsed.response.headers });
      return;
    }
    const outcome = registrar.register(parsed.request, now);
    incoming.respond(outcome.response.status, outcome.response.reason, { headers: outcome.response.headers });
    if (outcome.changes.length > 0) this.options.onRegistrationChanges(outcome.changes);
  }

  private invite(invite: IncomingInvite): void {
    const { directory, runner } = this.options;
    const source = invite.source;
    const trunk = this.authenticatedTrunk(
      invite,
      directory.trunkAt(source.address, source.port) ?? directory.trunkForSource(source.address),
    );
    if (!trunk) return;
    const relayedAgent = invite.request.headers.get(AGENT_HEADER.toLowerCase());
    if (relayedAgent !== undefined) {
      if (trunk.kind !== 'branch') {
        invite.reject(403, 'Only a branch trunk may ring an agent');
        return;
      }
      this.options.relay.relay(invite, trunk.tenantId, relayedAgent.trim());
      return;
    }
    let dialled: string;
    try {
      const uri = parseUri(invite.request.uri);
      dialled = isSipUri(uri) ? (uri.user ?? '') : 'number' in uri ? uri.number : '';
    } catch {
      invite.reject(400, 'Bad Request-URI');
      return;
    }
    const number = applyNumberRules(dialled, trunk.calledNumberRules);
    const did = directory.didOf(number) ?? directory.didOf(dialled);
    if (!did || did.tenantId !== trunk.tenantId) {
      invite.reject(404, 'Unknown number');
      return;
    }
    if (this.options.branches && !this.options.branches.has(did.branchId)) {
      invite.reject(404, 'Number not served by this ingress');
      return;
    }
    if (invite.request.body.length === 0) {
      invite.reject(488, 'An SDP offer is required');
      return;
    }
    const sdp = parseSdp(invite.request.body);
    if (!sdp.ok) {
      invite.reject(488, `Invalid SDP: ${sdp.reason}`);
      return;
    }
    const callerId = inboundCallerIdOf(identityOf(invite), trunk.callerNumberRules);
    const callId = randomUUID();
    const caller = new SipCallerLeg(
      callId,
      invite,
      this.options.dialogs,
      (input) => runner.callerInput(callId, input),
      this.now,
    );
    runner.start(
      {
        callId,
        sipCallId: invite.request.headers.get('call-id') ?? '',
        tenantId: did.tenantId,
        branchId: did.branchId,
        queueId: did.queueId,
        dialledNumber: did.number,
        callerNumber: callerId.number,
        callerName: displayNameOf(invite),
        callerRestricted: callerId.restricted,
        trunkId: trunk.trunkId,
        callerSdp: invite.request.body,
        now: this.now(),
      },
      caller,
    );
  }

  /**
   * The trunk an INVITE comes from, once it proved it: a trunk with digest credentials must answer a 407 with them
   * (on top of its allow-list, if it has one); a source no allow-list names may still be a trunk by its
   * credentials alone (the admission lets such requests in only when they carry credentials). Answers the INVITE
   * itself (403, 407) and returns undefined when it is no trunk's.
   */
  private authenticatedTrunk(invite: IncomingInvite, bySource: IngressTrunk | undefined): IngressTrunk | undefined {
    const { directory, authenticator } = this.options;
    if (bySource && !bySource.inboundAuth) return bySource;
    const tenantId = bySource?.tenantId ?? this.tenantOfRequest(invite);
    const realm = tenantId === undefined ? undefined : directory.realmOf(tenantId);
    const hasCredentials = invite.request.headers.has('proxy-authorization');
    if (tenantId === undefined || realm === undefined || (!bySource && !hasCredentials)) {
      invite.reject(403, 'Calls are taken from trunks only');
      return undefined;
    }
    const now = this.now();
    const verdict = authenticator.verifyRequest(invite.request, 'proxy', realm, now, (username, algorithm) => {
      const credentials = directory.credentialsOf(tenantId, username);
      if (credentials?.kind !== 'trunk') return undefined;
      return !bySource || credentials.trunkId === bySource.trunkId ? credentials.ha1[algorithm] : undefined;
    });
    if (verdict.ok) {
      const credentials = directory.credentialsOf(tenantId, verdict.username);
      return credentials?.kind === 'trunk' ? directory.trunk(tenantId, credentials.trunkId) : undefined;
    }
    if (verdict.reason === 'malformed') {
      invite.reject(400, 'Malformed Proxy-Authorization');
      return undefined;
    }
    const challenge = authenticator.challenge({ kind: 'proxy', realm, now, stale: isStaleFailure(verdict) });
    invite.reject(challenge.status, challenge.reason, { headers: challenge.headers });
    return undefined;
  }

  /** The tenant a request is addressed to: its Request-URI's SIP domain (or the default tenant for an address). */
  private tenantOfRequest(invite: IncomingInvite): string | undefined {
    try {
      const uri = parseUri(invite.request.uri);
      return isSipUri(uri) ? this.options.directory.tenantOfDomain(uri.host) : undefined;
    } catch {
      return undefined;
    }
  }
}

function identityOf(invite: IncomingInvite): { fromUser: string; assertedIdentityUser?: string; privacy?: string } {
  const userOf = (value: string | undefined): string | undefined => {
    if (!value) return undefined;
    try {
      const uri = parseUri(parseNameAddr(value).uri);
      return isSipUri(uri) ? uri.user : 'number' in uri ? uri.number : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    fromUser: userOf(invite.request.headers.get('from')) ?? '',
    assertedIdentityUser: userOf(invite.request.headers.get('p-asserted-identity')),
    privacy: invite.request.headers.get('privacy'),
  };
}

function displayNameOf(invite: IncomingInvite): string {
  try {
    return parseNameAddr(invite.request.headers.get('from') ?? '').displayName ?? '';
  } catch {
    return '';
  }
}

export type { SipEndpoint };
