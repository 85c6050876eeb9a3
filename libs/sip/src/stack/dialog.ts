import { generateBranch } from '../message/builders';
import { SipHeaders } from '../message/headers';
import { type SipEndpoint, type SipRequest, type SipResponse } from '../message/message';
import { type IncomingInvite, type IncomingRequest } from './incoming';
import { type ServerTransaction } from './server-transaction';

/** Why a dialog ended. */
export type DialogEnd = 'bye-received' | 'bye-sent' | 'ack-timeout' | 'failed';

/** What a dialog needs from its user agent. */
export interface DialogHost {
  readonly viaSentBy: (transport: SipEndpoint['transport']) => string;
  readonly contact: (transport: SipEndpoint['transport']) => string;
  readonly userAgent: string;
  sendRequest(request: SipRequest, destination: SipEndpoint): Promise<SipResponse>;
  sendAck(request: SipRequest, destination: SipEndpoint): void;
  forget(dialog: Dialog): void;
}

export interface DialogRequestOptions {
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
}

/**
 * A confirmed dialog (RFC 3261 §12): its identifiers, route set, remote target and sequence numbers. Requests go
 * to the address the dialog was formed with (symmetric signalling, as phones behind NAT need).
 */
export class Dialog {
  state: 'confirmed' | 'terminated' = 'confirmed';
  private localSeq: number;
  remoteSeq: number;
  private requestHandler?: (incoming: IncomingRequest | IncomingInvite) => void;
  private readonly endHandlers: Array<(reason: DialogEnd) => void> = [];
  /** The 2xx of an incoming (re-)INVITE waiting for its ACK, by CSeq number. */
  pendingAck?: { seq: number; transaction: ServerTransaction };
  /** The ACK we sent for the 2xx of our INVITE, repeated when that 2xx is retransmitted. */
  lastAck?: SipRequest;
  private reinviting = false;

  constructor(
    private readonly host: DialogHost,
    readonly callId: string,
    readonly localTag: string,
    readonly remoteTag: string,
    /** Our address-of-record with tag, as in From (UAC) or To (UAS). */
    readonly localUri: string,
    readonly remoteUri: string,
    public remoteTarget: string,
    readonly routeSet: readonly string[],
    readonly destination: SipEndpoint,
    localSeq: number,
    remoteSeq: number,
  ) {
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
  }

  /** The sent-by of our Via on this dialog's requests. */
  viaHost(): string {
    return this.host.viaSentBy(this.destination.transport);
  }

  get key(): string {
    return dialogKey(this.callId, this.localTag, this.remoteTag);
  }

  /** In-dialog requests from the peer (re-INVITE, REFER, INFO, NOTIFY, UPDATE); BYE is answered by the stack. */
  onRequest(handler: (incoming: IncomingRequest | IncomingInvite) => void): void {
    this.requestHandler = handler;
  }

  onTerminated(handler: (reason: DialogEnd) => void): void {
    this.endHandlers.push(handler);
  }

  /** Sends a request in the dialog (BYE, REFER, NOTIFY, INFO); resolves with the final response (408 on timeout). */
  request(method: string, options: DialogRequestOptions = {}): Promise<SipResponse> {
    if (this.state === 'terminated' && method !== 'BYE') return Promise.resolve(synthetic(481));
    const request = this.buildRequest(method, options);
    if (method === 'BYE') this.end('bye-sent');
    return this.host.sendRequest(request, this.destination);
  }

  /** Ends the dialog with a BYE, once. */
  bye(): void {
    if (this.state === 'terminated') return;
    void this.request('BYE');
  }

  /** Sends a re-INVITE (a new session description); the stack acknowledges its 2xx. */
  async reinvite(options: DialogRequestOptions): Promise<SipResponse> {
    if (this.state === 'terminated') return synthetic(481);
    if (this.reinviting) return synthetic(491);
    this.reinviting = true;
    try {
      const request = this.buildRequest('INVITE', options);
      const response = await this.host.sendRequest(request, this.destination);
      if (response.status >= 200 && response.status < 300) {
        const contact = response.headers.getAll('contact')[0];
        if (contact) this.remoteTarget = uriOfContact(contact) ?? this.remoteTarget;
        const ack = this.buildRequest('ACK', {}, request.headers.get('cseq'));
        this.lastAck = ack;
        this.host.sendAck(ack, this.destination);
      }
      return response;
    } finally {
      this.reinviting = false;
    }
  }

  /** Whether a re-INVITE from us is in progress (an incoming one then gets 491). */
  get reinviteInProgress(): boolean {
    return this.reinviting;
  }

  /** @internal an in-dialog request arrived */
  deliver(incoming: IncomingRequest | IncomingInvite): void {
    if (incoming.request.method === 'BYE') {
      incoming.respond(200);
      this.end('bye-received');
      return;
    }
    if (!this.requestHandler) {
      incoming.respond(incoming.request.method === 'INFO' || incoming.request.method === 'NOTIFY' ? 200 : 405);
      return;
    }
    this.requestHandler(incoming);
  }

  /** @internal the dialog ended */
  end(reason: DialogEnd): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.host.forget(this);
    for (const handler of this.endHandlers) handler(reason);
  }

  private buildRequest(method: string, options: DialogRequestOptions, cseq?: string): SipRequest {
    const headers = new SipHeaders();
    headers.append(
      'Via',
      `SIP/2.0/${this.destination.transport.toUpperCase()} ${this.host.viaSentBy(this.destination.transport)};branch=${generateBranch()};rport`,
    );
    headers.append('Max-Forwards', '70');
    headers.append('From', this.localUri);
    headers.append('To', this.remoteUri);
    headers.append('Call-ID', this.callId);
    if (method === 'ACK') headers.append('CSeq', `${(cseq ?? '1').trim().split(/\s+/)[0]} ACK`);
    else headers.append('CSeq', `${++this.localSeq} ${method}`);
    for (const route of this.routeSet) headers.append('Route', route);
    if (method === 'INVITE' || method === 'REFER' || method === 'UPDATE' || method === 'NOTIFY') {
      headers.append('Contact', this.host.contact(this.destination.transport));
    }
    if (method !== 'ACK') headers.append('User-Agent', this.host.userAgent);
    for (const [name, value] of options.headers ?? []) headers.append(name, value);
    if (options.body && options.body.length > 0) headers.set('Content-Type', options.contentType ?? 'application/sdp');
    return { kind: 'request', method, uri: this.remoteTarget, headers, body: options.body ?? Buffer.alloc(0) };
  }
}

export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\n${localTag}\n${remoteTag}`;
}

/** The URI of a Contact value (`<sip:...>;params` or a bare addr-spec). */
export function uriOfContact(contact: string): string | undefined {
  const open = contact.indexOf('<');
  if (open >= 0) {
    const close = contact.indexOf('>', open);
    return close > open ? contact.slice(open + 1, close) : undefined;
  }
  return contact.split(';')[0].trim() || undefined;
}

/** A response the stack makes up when none came (timeout: 408; no dialog: 481; glare: 491). */
export function synthetic(status: number): SipResponse {
  const reasons: Record<number, string> = {
    408: 'Request Timeout',
    481: 'Call/Transaction Does Not Exist',
    491: 'Request Pending',
    503: 'Service Unavailable',
  };
  return {
    kind: 'response',
    status,
    reason: reasons[status] ?? 'Error',
    headers: new SipHeaders(),
    body: Buffer.alloc(0),
  };
}
