import { createResponse, generateTag } from '../message/builders';
import { type SipEndpoint, type SipRequest } from '../message/message';
import { parseNameAddr } from '../message/name-addr';
import { type Dialog } from './dialog';
import { type ServerTransaction } from './server-transaction';

export interface RespondOptions {
  headers?: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  contentType?: string;
}

/** What an incoming request's user agent needs to answer it. */
export interface IncomingHost {
  contact(transport: SipEndpoint['transport']): string;
  readonly userAgent: string;
  /** Creates the dialog of an accepted INVITE. */
  createUasDialog(invite: IncomingInvite, localTag: string): Dialog;
}

/** A request to answer. Answering twice is ignored; the stack repeats the answer to retransmissions. */
export class IncomingRequest {
  protected readonly toTag: string;

  constructor(
    readonly request: SipRequest,
    readonly source: SipEndpoint,
    protected readonly transaction: ServerTransaction,
    protected readonly host: IncomingHost,
  ) {
    let tag: string | undefined;
    try {
      tag = parseNameAddr(request.headers.get('to') ?? '').params.get('tag') ?? undefined;
    } catch {
      tag = undefined;
    }
    this.toTag = tag ?? generateTag();
  }

  /** True once a final response was sent. */
  get answered(): boolean {
    return this.transaction.finished;
  }

  respond(status: number, reason?: string, options: RespondOptions = {}): void {
    const headers: Array<readonly [string, string]> = [...(options.headers ?? [])];
    if (status >= 200 && status < 300 && this.request.method !== 'BYE' && this.request.method !== 'CANCEL') {
      headers.push(['Contact', this.host.contact(this.source.transport)]);
    }
    headers.push(['Server', this.host.userAgent]);
    const response = createResponse(this.request, status, reason, {
      toTag: status === 100 ? undefined : this.toTag,
      headers,
      body: options.body,
      contentType: options.contentType,
    });
    this.transaction.respond(response);
  }
}

/**
 * An INVITE to answer: provisional responses, then accept (200 with a session description; the stack retransmits
 * it until the ACK) or reject. A CANCEL is answered by the stack (200, and 487 to the INVITE) before the cancel
 * handler runs.
 */
export class IncomingInvite extends IncomingRequest {
  private cancelHandler?: () => void;
  private cancelledFlag = false;
  /** The dialog this INVITE belongs to when it is a re-INVITE. */
  existingDialog?: Dialog;

  get cancelled(): boolean {
    return this.cancelledFlag;
  }

  progress(status: 180 | 181 | 182 | 183, options: RespondOptions = {}): void {
    if (this.answered) return;
    this.respond(status, undefined, options);
  }

  /** Answers 200 OK and returns the confirmed dialog (for a re-INVITE, the existing one). */
  accept(options: { body: Buffer; contentType?: string; headers?: ReadonlyArray<readonly [string, string]> }): Dialog {
    const dialog = this.existingDialog ?? this.host.createUasDialog(this, this.toTag);
    const seq = Number((this.request.headers.get('cseq') ?? '0').trim().split(/\s+/)[0]);
    dialog.pendingAck = { seq, transaction: this.transaction };
    this.transaction.onAckTimeout = () => {
      if (dialog.pendingAck?.transaction !== this.transaction) return;
      dialog.pendingAck = undefined;
      if (!this.existingDialog) {
        dialog.bye();
        dialog.end('ack-timeout');
      }
    };
    this.respond(200, 'OK', {
      body: options.body,
      contentType: options.contentType ?? 'application/sdp',
      headers: options.headers,
    });
    return dialog;
  }

  reject(status: number, reason?: string, options: RespondOptions = {}): void {
    if (this.answered) return;
    this.respond(status, reason, options);
  }

  onCancel(handler: () => void): void {
    this.cancelHandler = handler;
  }

  /** @internal a CANCEL matched this INVITE before it was answered */
  cancel(): void {
    if (this.answered || this.cancelledFlag) return;
    this.cancelledFlag = true;
    this.respond(487, 'Request Terminated');
    this.cancelHandler?.();
  }

  /** The To tag this INVITE's responses carry (the local tag of its dialog). */
  get localTag(): string {
    return this.toTag;
  }
}
