import { generateBranch } from '../message/builders';
import { chooseDigestChallenge, type DigestClientCredentials, digestAuthorization } from '../message/digest-client';
import { SipHeaders } from '../message/headers';
import { type SipEndpoint, type SipRequest, type SipResponse } from '../message/message';
import { type Dialog } from './dialog';
import { type SipUserAgent } from './user-agent';

export interface OutgoingInviteOptions {
  requestUri: string;
  destination: SipEndpoint;
  /** name-addr of the caller; a tag is added. */
  from: string;
  to: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
  callId?: string;
  /** Answers a 401/407 of the far end (a trunk that authenticates us) by sending the INVITE again, once. */
  credentials?: DigestClientCredentials;
}

export type InviteFailureCause = 'rejected' | 'timeout' | 'cancelled';

export interface InviteFailure {
  status: number;
  reason: string;
  cause: InviteFailureCause;
  response?: SipResponse;
}

/**
 * An INVITE we sent: provisional responses, then either a dialog (its 2xx is acknowledged by the stack) or a
 * failure. cancel() sends CANCEL once a provisional response arrived (RFC 3261 §9.1), or as soon as one does; an
 * answer that crosses the CANCEL is acknowledged and hung up.
 */
export class OutgoingInvite {
  private provisionalHandler?: (response: SipResponse) => void;
  private answeredHandler?: (dialog: Dialog, response: SipResponse) => void;
  private failedHandler?: (failure: InviteFailure) => void;
  private provisionalSeen = false;
  private cancelRequested = false;
  private cancelSent = false;
  private done = false;
  private dialog?: Dialog;
  private current: SipRequest;
  private challengesAnswered = 0;

  constructor(
    private readonly agent: SipUserAgent,
    request: SipRequest,
    private readonly destination: SipEndpoint,
    private readonly credentials?: DigestClientCredentials,
  ) {
    this.current = request;
    this.send(request);
  }

  /** The INVITE as last sent (after a challenge: the one with credentials). */
  get request(): SipRequest {
    return this.current;
  }

  private send(request: SipRequest): void {
    // Responses of an INVITE that was since sent again with credentials belong to nobody.
    const mine = () => request === this.current;
    void this.agent
      .sendRequest(
        request,
        this.destination,
        (response) => mine() && this.provisional(response),
        (response) => mine() && this.answered(response),
      )
      .then((response) => mine() && this.final(response));
  }

  get callId(): string {
    return this.request.headers.get('call-id') ?? '';
  }

  onProvisional(handler: (response: SipResponse) => void): this {
    this.provisionalHandler = handler;
    return this;
  }

  onAnswered(handler: (dialog: Dialog, response: SipResponse) => void): this {
    this.answeredHandler = handler;
    return this;
  }

  onFailed(handler: (failure: InviteFailure) => void): this {
    this.failedHandler = handler;
    return this;
  }

  cancel(): void {
    if (this.done || this.cancelRequested) return;
    this.cancelRequested = true;
    if (this.provisionalSeen) this.sendCancel();
  }

  private provisional(response: SipResponse): void {
    if (this.done) return;
    if (response.status > 100) {
      this.provisionalSeen = true;
      if (this.cancelRequested) {
        this.sendCancel();
        return;
      }
      this.provisionalHandler?.(response);
      return;
    }
    // 100 Trying also allows a CANCEL (§9.1: any provisional response).
    this.provisionalSeen = true;
    if (this.cancelRequested) this.sendCancel();
  }

  private final(response: SipResponse): void {
    if (response.status >= 200 && response.status < 300) {
      this.answered(response);
      return;
    }
    if (this.done) return;
    if ((response.status === 401 || response.status === 407) && this.retryWithCredentials(response)) return;
    this.done = true;
    const cause: InviteFailureCause = this.cancelRequested
      ? 'cancelled'
      : response.status === 408 && response.headers.entries().length === 0
        ? 'timeout'
        : 'rejected';
    this.failedHandler?.({ status: response.status, reason: response.reason, cause, response });
  }

  private answered(response: SipResponse): void {
    const dialog = this.agent.createUacDialog(this.request, response, this.destination);
    const ack = buildAck(dialog, this.request);
    dialog.lastAck = ack;
    this.agent.sendAck(ack, this.destination);
    if (this.done || this.cancelRequested) {
      // An answer after our CANCEL (or a second, forked answer): acknowledge it and hang up at once.
      if (dialog !== this.dialog) dialog.bye();
      if (!this.done) {
        this.done = true;
        this.failedHandler?.({ status: 487, reason: 'Request Terminated', cause: 'cancelled', response });
      }
      return;
    }
    this.done = true;
    this.dialog = dialog;
    this.answeredHandler?.(dialog, response);
  }

  /**
   * Sends the INVITE again answering the challenge (the transaction layer acknowledged the 401/407): same Call-ID
   * and From tag, next CSeq, new branch. Once per INVITE, twice when the second challenge only says the nonce went
   * stale; never after a CANCEL was asked for.
   */
  private retryWithCredentials(response: SipResponse): boolean {
    const credentials = this.credentials;
    if (!credentials || this.cancelRequested) return false;
    const header = response.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const challenge = chooseDigestChallenge(response.headers.getAll(header));
    if (!challenge || this.challengesAnswered >= (challenge.stale ? 2 : 1)) return false;
    this.challengesAnswered += 1;
    const previous = this.current;
    const headers = new SipHeaders();
    for (const { name, value } of previous.headers.entries()) {
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'proxy-authorization') continue;
      if (lower === 'via') headers.append(name, value.replace(/;branch=[^;,\s]+/i, `;branch=${generateBranch()}`));
      else if (lower === 'cseq') headers.append(name, `${Number(value.trim().split(/\s+/)[0]) + 1} INVITE`);
      else headers.append(name, value);
    }
    headers.append(
      response.status === 401 ? 'Authorization' : 'Proxy-Authorization',
      digestAuthorization(challenge, credentials, { method: 'INVITE', uri: previous.uri }),
    );
    this.current = { ...previous, headers };
    this.provisionalSeen = false;
    this.send(this.current);
    return true;
  }

  private sendCancel(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    const headers = new SipHeaders();
    const via = this.request.headers.getAll('via')[0];
    if (via !== undefined) headers.append('Via', via);
    headers.append('Max-Forwards', '70');
    headers.append('From', this.request.headers.get('from') ?? '');
    headers.append('To', this.request.headers.get('to') ?? '');
    headers.append('Call-ID', this.callId);
    headers.append('CSeq', `${(this.request.headers.get('cseq') ?? '1').trim().split(/\s+/)[0]} CANCEL`);
    for (const route of this.request.headers.getAll('route')) headers.append('Route', route);
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: this.request.uri,
      headers,
      body: Buffer.alloc(0),
    };
    void this.agent.sendRequest(cancel, this.destination);
  }
}

function buildAck(dialog: Dialog, invite: SipRequest): SipRequest {
  const headers = new SipHeaders();
  headers.append(
    'Via',
    `SIP/2.0/${dialog.destination.transport.toUpperCase()} ${dialog.viaHost()};branch=${generateBranch()};rport`,
  );
  headers.append('Max-Forwards', '70');
  headers.append('From', dialog.localUri);
  headers.append('To', dialog.remoteUri);
  headers.append('Call-ID', dialog.callId);
  headers.append('CSeq', `${(invite.headers.get('cseq') ?? '1').trim().split(/\s+/)[0]} ACK`);
  for (const route of dialog.routeSet) headers.append('Route', route);
  return { kind: 'request', method: 'ACK', uri: dialog.remoteTarget, headers, body: Buffer.alloc(0) };
}
