import { createResponse, generateBranch, generateCallId, generateTag } from '../message/builders';
import { chooseDigestChallenge, type DigestClientCredentials, digestAuthorization } from '../message/digest-client';
import { SipHeaders } from '../message/headers';
import { type SipEndpoint, type SipRequest, type SipResponse } from '../message/message';
import { parseNameAddr } from '../message/name-addr';
import { ALLOWED_METHODS, responseProblem, validateRequest, type ValidateOptions } from '../message/validate';
import { MAGIC_COOKIE, parseVia } from '../message/via';
import { ClientTransaction } from './client-transaction';
import { Dialog, type DialogHost, dialogKey, synthetic, uriOfContact } from './dialog';
import { IncomingInvite, IncomingRequest } from './incoming';
import { OutgoingInvite, type OutgoingInviteOptions } from './outgoing-invite';
import { ServerTransaction } from './server-transaction';
import { DEFAULT_TIMERS, type SipTimerSettings } from './timer-settings';
import { SILENT_LOGGER, type SipLogger, type SipTransport } from './transport';

export interface SipUserAgentOptions {
  transport: SipTransport;
  /** Host written in Via and Contact; defaults to the transport's host. */
  advertisedHost?: string;
  timers?: Partial<SipTimerSettings>;
  logger?: SipLogger;
  userAgent?: string;
  /** How incoming requests are checked (see validateRequest). */
  validation?: ValidateOptions;
}

export interface OutOfDialogRequestOptions {
  method: string;
  requestUri: string;
  destination: SipEndpoint;
  from: string;
  to: string;
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
  /** Answers a 401/407 by sending the request again with digest credentials, once. */
  credentials?: DigestClientCredentials;
}

type RequestHandler = (incoming: IncomingRequest | IncomingInvite) => void;

/**
 * The user-agent core (RFC 3261 §8, §12-§17) for a B2BUA: transactions, dialogs, CANCEL and ACK handling. The
 * application sees out-of-dialog requests through onRequest and drives calls through IncomingInvite,
 * OutgoingInvite and Dialog; it never deals with retransmissions.
 */
export class SipUserAgent implements DialogHost {
  private readonly serverTransactions = new Map<string, ServerTransaction>();
  private readonly incomingInvites = new Map<string, IncomingInvite>();
  private readonly clientTransactions = new Map<string, ClientTransaction>();
  private readonly dialogs = new Map<string, Dialog>();
  private handler: RequestHandler = (incoming) => incoming.respond(incoming.request.method === 'OPTIONS' ? 200 : 501);
  private readonly timers: SipTimerSettings;
  private readonly logger: SipLogger;
  readonly userAgent: string;
  private readonly host: string;

  constructor(private readonly options: SipUserAgentOptions) {
    this.timers = { ...DEFAULT_TIMERS, ...options.timers };
    this.logger = options.logger ?? SILENT_LOGGER;
    this.userAgent = options.userAgent ?? 'cc-sip';
    this.host = options.advertisedHost ?? options.transport.host;
    options.transport.onMessage((message, source) => {
      try {
        if (message.kind === 'request') this.receiveRequest(message, source);
        else this.receiveResponse(message);
      } catch (error) {
        this.logger.warn('SIP message dropped after an error', { error: String(error) });
      }
    });
  }

  /** Out-of-dialog requests (INVITE, REGISTER, OPTIONS, ...), after validation; the handler must answer each. */
  onRequest(handler: RequestHandler): void {
    this.handler = handler;
  }

  get transport(): SipTransport {
    return this.options.transport;
  }

  /** Counts for monitoring and for the memory figures of the benchmark. */
  get stats(): { serverTransactions: number; clientTransactions: number; dialogs: number } {
    return {
      serverTransactions: this.serverTransactions.size,
      clientTransactions: this.clientTransactions.size,
      dialogs: this.dialogs.size,
    };
  }

  viaSentBy = (): string => `${this.host}:${this.options.transport.port}`;

  contact = (transport: SipEndpoint['transport']): string =>
    `<sip:${this.host}:${this.options.transport.port}${transport === 'tcp' ? ';transport=tcp' : ''}>`;

  /** Starts an INVITE (a new dialog). */
  invite(options: OutgoingInviteOptions): OutgoingInvite {
    const request = this.buildRequest({ ...options, method: 'INVITE' }, options.callId);
    return new OutgoingInvite(this, request, options.destination, options.credentials);
  }

  /**
   * Sends a non-INVITE request outside any dialog (OPTIONS ping, NOTIFY, MESSAGE, REGISTER to a carrier); with
   * credentials, a 401/407 is answered once by sending it again with them.
   */
  async request(options: OutOfDialogRequestOptions): Promise<SipResponse> {
    const request = this.buildRequest(options);
    const response = await this.sendRequest(request, options.destination);
    if (!options.credentials || (response.status !== 401 && response.status !== 407)) return response;
    const header = response.status === 401 ? 'www-authenticate' : 'proxy-authenticate';
    const challenge = chooseDigestChallenge(response.headers.getAll(header));
    if (!challenge) return response;
    const headers = new SipHeaders();
    for (const { name, value } of request.headers.entries()) {
      const lower = name.toLowerCase();
      if (lower === 'via') headers.append(name, value.replace(/;branch=[^;,\s]+/i, `;branch=${generateBranch()}`));
      else if (lower === 'cseq') headers.append(name, `${Number(value.trim().split(/\s+/)[0]) + 1} ${request.method}`);
      else headers.append(name, value);
    }
    headers.append(
      response.status === 401 ? 'Authorization' : 'Proxy-Authorization',
      digestAuthorization(challenge, options.credentials, { method: request.method, uri: request.uri }),
    );
    return this.sendRequest({ ...request, headers }, options.destination);
  }

  /** @internal sends a request in a client transaction; resolves with its final response (or 2xx for INVITE) */
  sendRequest(
    request: SipRequest,
    destination: SipEndpoint,
    onProvisional?: (response: SipResponse) => void,
    onEvery2xx?: (response: SipResponse) => void,
  ): Promise<SipResponse> {
    return new Promise((resolve) => {
      let settled = false;
      const key = clientKey(request);
      const transaction = new ClientTransaction(
        key,
        request,
        destination,
        this.options.transport,
        this.timers,
        {
          response: (response) => {
            if (response.status < 200) {
              onProvisional?.(response);
              return;
            }
            if (settled) {
              onEvery2xx?.(response);
              return;
            }
            settled = true;
            resolve(response);
          },
          timeout: () => {
            if (settled) return;
            settled = true;
            resolve(synthetic(408));
          },
        },
        (k) => this.clientTransactions.delete(k),
      );
      this.clientTransactions.set(key, transaction);
    });
  }

  /** @internal */
  sendAck(request: SipRequest, destination: SipEndpoint): void {
    this.options.transport.send(request, destination);
  }

  /** @internal */
  forget(dialog: Dialog): void {
    if (this.dialogs.get(dialog.key) === dialog) this.dialogs.delete(dialog.key);
  }

  /** @internal a dialog formed by our INVITE and its 2xx */
  createUacDialog(request: SipRequest, response: SipResponse, destination: SipEndpoint): Dialog {
    const localTag = tagOf(request.headers.get('from')) ?? '';
    const remoteTag = tagOf(response.headers.get('to')) ?? '';
    const existing = this.dialogs.get(dialogKey(request.headers.get('call-id') ?? '', localTag, remoteTag));
    if (existing) return existing;
    const contact = response.headers.getAll('contact')[0];
    const routes = response.headers.getAll('record-route').reverse();
    const seq = Number((request.headers.get('cseq') ?? '1').trim().split(/\s+/)[0]);
    const dialog = new Dialog(
      this,
      request.headers.get('call-id') ?? '',
      localTag,
      remoteTag,
      request.headers.get('from') ?? '',
      response.headers.get('to') ?? '',
      (contact && uriOfContact(contact)) ?? request.uri,
      routes,
      destination,
      seq,
      0,
    );
    this.dialogs.set(dialog.key, dialog);
    return dialog;
  }

  /** @internal the dialog of an INVITE we accepted */
  createUasDialog(invite: IncomingInvite, localTag: string): Dialog {
    const request = invite.request;
    const to = request.headers.get('to') ?? '';
    const contact = request.headers.getAll('contact')[0];
    const dialog = new Dialog(
      this,
      request.headers.get('call-id') ?? '',
      localTag,
      tagOf(request.headers.get('from')) ?? '',
      /;\s*tag\s*=/i.test(to) ? to : `${to};tag=${localTag}`,
      request.headers.get('from') ?? '',
      (contact && uriOfContact(contact)) ?? '',
      request.headers.getAll('record-route'),
      invite.source,
      0,
      Number((request.headers.get('cseq') ?? '0').trim().split(/\s+/)[0]),
    );
    this.dialogs.set(dialog.key, dialog);
    return dialog;
  }

  /** @internal the dialog a message of the peer belongs to */
  dialogOf(callId: string, localTag: string | undefined, remoteTag: string | undefined): Dialog | undefined {
    if (localTag === undefined) return undefined;
    return this.dialogs.get(dialogKey(callId, localTag, remoteTag ?? ''));
  }

  async close(): Promise<void> {
    for (const t of this.serverTransactions.values()) t.terminate();
    for (const t of this.clientTransactions.values()) t.terminate();
    this.dialogs.clear();
  }

  private receiveRequest(request: SipRequest, source: SipEndpoint): void {
    const key = serverKey(request);
    if (request.method === 'ACK') {
      const invite = this.serverTransactions.get(key);
      if (invite) {
        invite.ackReceived();
        return;
      }
      this.dialogAck(request);
      return;
    }
    const existing = this.serverTransactions.get(key);
    if (existing) {
      existing.retransmitted();
      return;
    }
    const transaction = new ServerTransaction(key, request, source, this.options.transport, this.timers, (k) => {
      this.serverTransactions.delete(k);
      this.incomingInvites.delete(k);
    });
    this.serverTransactions.set(key, transaction);
    const problem = validateRequest(request, this.options.validation);
    if (problem) {
      transaction.respond(
        createResponse(request, problem.status, problem.reason, { headers: problem.headers, toTag: generateTag() }),
      );
      return;
    }
    // 100 Trying at once: the carrier stops retransmitting and knows the call is being handled.
    if (request.method === 'INVITE') transaction.respond(createResponse(request, 100, 'Trying'));
    if (request.method === 'CANCEL') {
      this.receiveCancel(request, transaction, source);
      return;
    }
    const incoming =
      request.method === 'INVITE'
        ? new IncomingInvite(request, source, transaction, this)
        : new IncomingRequest(request, source, transaction, this);
    if (incoming instanceof IncomingInvite) this.incomingInvites.set(key, incoming);
    const toTag = tagOf(request.headers.get('to'));
    if (toTag !== undefined) {
      const dialog = this.dialogOf(request.headers.get('call-id') ?? '', toTag, tagOf(request.headers.get('from')));
      if (!dialog) {
        incoming.respond(481);
        return;
      }
      const seq = Number((request.headers.get('cseq') ?? '0').trim().split(/\s+/)[0]);
      if (seq <= dialog.remoteSeq && dialog.remoteSeq > 0) {
        incoming.respond(500, 'CSeq out of order');
        return;
      }
      dialog.remoteSeq = seq;
      if (incoming instanceof IncomingInvite) {
        if (dialog.reinviteInProgress) {
          incoming.respond(491);
          return;
        }
        if (dialog.pendingAck) {
          incoming.respond(500, 'Previous INVITE not acknowledged', { headers: [['Retry-After', '1']] });
          return;
        }
        incoming.existingDialog = dialog;
        const contact = request.headers.getAll('contact')[0];
        if (contact) dialog.remoteTarget = uriOfContact(contact) ?? dialog.remoteTarget;
      }
      dialog.deliver(incoming);
      return;
    }
    this.handler(incoming);
  }

  private receiveCancel(cancel: SipRequest, transaction: ServerTransaction, source: SipEndpoint): void {
    const invite = this.incomingInvites.get(serverKey({ ...cancel, method: 'INVITE' }));
    const respond = (status: number) => new IncomingRequest(cancel, source, transaction, this).respond(status);
    if (!invite) {
      respond(481);
      return;
    }
    respond(200);
    invite.cancel();
  }

  private dialogAck(ack: SipRequest): void {
    const dialog = this.dialogOf(
      ack.headers.get('call-id') ?? '',
      tagOf(ack.headers.get('to')),
      tagOf(ack.headers.get('from')),
    );
    const pending = dialog?.pendingAck;
    if (!dialog || !pending) return;
    const seq = Number((ack.headers.get('cseq') ?? '0').trim().split(/\s+/)[0]);
    if (seq !== pending.seq) return;
    dialog.pendingAck = undefined;
    pending.transaction.ackOf2xxReceived();
  }

  private receiveResponse(response: SipResponse): void {
    if (responseProblem(response)) return;
    const transaction = this.clientTransactions.get(clientKey(response));
    if (transaction) {
      transaction.receive(response);
      return;
    }
    // A 2xx retransmitted after its transaction ended: repeat the dialog's ACK.
    if (response.status >= 200 && response.status < 300 && /INVITE/i.test(response.headers.get('cseq') ?? '')) {
      const dialog = this.dialogOf(
        response.headers.get('call-id') ?? '',
        tagOf(response.headers.get('from')),
        tagOf(response.headers.get('to')),
      );
      if (dialog?.lastAck) this.sendAck(dialog.lastAck, dialog.destination);
    }
  }

  private buildRequest(options: OutOfDialogRequestOptions, callId?: string): SipRequest {
    const headers = new SipHeaders();
    const transport = options.destination.transport;
    headers.append('Via', `SIP/2.0/${transport.toUpperCase()} ${this.viaSentBy()};branch=${generateBranch()};rport`);
    headers.append('Max-Forwards', '70');
    headers.append('From', /;\s*tag\s*=/i.test(options.from) ? options.from : `${options.from};tag=${generateTag()}`);
    headers.append('To', options.to);
    headers.append('Call-ID', callId ?? generateCallId(this.host));
    headers.append('CSeq', `1 ${options.method}`);
    if (options.method === 'INVITE' || options.method === 'SUBSCRIBE' || options.method === 'REFER')
      headers.append('Contact', this.contact(transport));
    if (options.method === 'INVITE') headers.append('Allow', ALLOWED_METHODS.join(', '));
    headers.append('User-Agent', this.userAgent);
    for (const [name, value] of options.headers ?? []) headers.append(name, value);
    if (options.body && options.body.length > 0) headers.set('Content-Type', options.contentType ?? 'application/sdp');
    return {
      kind: 'request',
      method: options.method,
      uri: options.requestUri,
      headers,
      body: options.body ?? Buffer.alloc(0),
    };
  }
}

function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseNameAddr(value).params.get('tag') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Server transaction id (RFC 3261 §17.2.3): branch + sent-by + method, or the RFC 2543 fields without a cookie. */
function serverKey(request: SipRequest): string {
  const method = request.method === 'ACK' ? 'INVITE' : request.method;
  const topVia = request.headers.getAll('via')[0] ?? '';
  let branch: string | undefined;
  let sentBy = '';
  try {
    const via = parseVia(topVia);
    branch = via.params.get('branch') ?? undefined;
    sentBy = `${via.host}:${via.port ?? ''}`;
  } catch {
    branch = undefined;
  }
  if (branch && branch.startsWith(MAGIC_COOKIE)) return `${branch}|${sentBy}|${method}`;
  const seq = (request.headers.get('cseq') ?? '').trim().split(/\s+/)[0];
  return `2543|${request.headers.get('call-id')}|${seq}|${tagOf(request.headers.get('from'))}|${topVia}|${method}`;
}

/** Client transaction id (RFC 3261 §17.1.3): the top Via branch and the CSeq method. */
function clientKey(message: SipRequest | SipResponse): string {
  const topVia = message.headers.getAll('via')[0] ?? '';
  const branch = /branch\s*=\s*([^;\s,]+)/i.exec(topVia)?.[1] ?? '';
  const method = (message.headers.get('cseq') ?? '').trim().split(/\s+/)[1] ?? '';
  return `${branch}|${method === 'ACK' ? 'INVITE' : method}`;
}
