import { SipHeaders } from '../message/headers';
import { type SipEndpoint, type SipRequest, type SipResponse } from '../message/message';
import { type TransactionSender } from './server-transaction';
import { type SipTimerSettings } from './timer-settings';

export interface ClientTransactionEvents {
  response(response: SipResponse): void;
  /** No final response in time (Timer B/F), or the transport failed: the request is treated as answered 408/503. */
  timeout(): void;
}

/**
 * A client transaction (RFC 3261 §17.1): retransmits the request over UDP (Timers A/E), gives up after 64*T1
 * (Timers B/F), acknowledges non-2xx final responses to an INVITE itself with the same branch, and absorbs their
 * retransmissions (Timers D/K). 2xx responses to an INVITE go to the transaction user, every copy (RFC 6026).
 */
export class ClientTransaction {
  private state: 'calling' | 'proceeding' | 'completed' | 'accepted' | 'terminated' = 'calling';
  private retransmitTimer?: NodeJS.Timeout;
  private timeoutTimer?: NodeJS.Timeout;
  private interval: number;
  private ack?: SipRequest;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly destination: SipEndpoint,
    private readonly sender: TransactionSender,
    private readonly timers: SipTimerSettings,
    private readonly events: ClientTransactionEvents,
    private readonly onTerminated: (key: string) => void,
  ) {
    this.interval = timers.t1;
    sender.send(request, destination);
    if (destination.transport === 'udp') this.scheduleRetransmit();
    this.timeoutTimer = setTimeout(() => {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.terminate();
        this.events.timeout();
      }
    }, 64 * timers.t1);
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** True while no final response arrived. */
  get pending(): boolean {
    return this.state === 'calling' || this.state === 'proceeding';
  }

  receive(response: SipResponse): void {
    if (this.state === 'terminated') return;
    if (response.status < 200) {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.state = 'proceeding';
      if (this.isInvite) this.stopRetransmitting();
      this.events.response(response);
      return;
    }
    if (this.isInvite && response.status < 300) {
      const first = this.state !== 'accepted';
      this.state = 'accepted';
      this.stopRetransmitting();
      clearTimeout(this.timeoutTimer);
      if (first) this.end(64 * this.timers.t1);
      this.events.response(response);
      return;
    }
    if (this.state === 'completed' || this.state === 'accepted') {
      if (this.ack) this.sender.send(this.ack, this.destination);
      return;
    }
    this.state = 'completed';
    this.stopRetransmitting();
    clearTimeout(this.timeoutTimer);
    if (this.isInvite) {
      this.ack = ackForFailure(this.request, response);
      this.sender.send(this.ack, this.destination);
    }
    const reliable = this.destination.transport !== 'udp';
    this.end(reliable ? 0 : this.isInvite ? 32_000 : this.timers.t4);
    this.events.response(response);
  }

  /** The transport could not deliver the request. */
  transportFailed(): void {
    if (!this.pending) return;
    this.terminate();
    this.events.timeout();
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stopRetransmitting();
    clearTimeout(this.timeoutTimer);
    this.onTerminated(this.key);
  }

  private scheduleRetransmit(): void {
    this.retransmitTimer = setTimeout(() => {
      if (this.state !== 'calling' && !(this.state === 'proceeding' && !this.isInvite)) return;
      this.sender.send(this.request, this.destination);
      this.interval = this.isInvite ? this.interval * 2 : Math.min(this.interval * 2, this.timers.t2);
      if (this.state === 'proceeding') this.interval = this.timers.t2;
      this.scheduleRetransmit();
    }, this.interval);
  }

  private stopRetransmitting(): void {
    clearTimeout(this.retransmitTimer);
    this.retransmitTimer = undefined;
  }

  private end(afterMs: number): void {
    clearTimeout(this.timeoutTimer);
    this.timeoutTimer = setTimeout(() => this.terminate(), afterMs);
  }
}

/** The ACK of a non-2xx final response: same branch, Request-URI, Call-ID, From and Route; the response's To. */
function ackForFailure(request: SipRequest, response: SipResponse): SipRequest {
  const headers = new SipHeaders();
  const via = request.headers.getAll('via')[0];
  if (via !== undefined) headers.append('Via', via);
  headers.append('Max-Forwards', '70');
  headers.append('From', request.headers.get('from') ?? '');
  headers.append('To', response.headers.get('to') ?? request.headers.get('to') ?? '');
  headers.append('Call-ID', request.headers.get('call-id') ?? '');
  const seq = (request.headers.get('cseq') ?? '1').trim().split(/\s+/)[0];
  headers.append('CSeq', `${seq} ACK`);
  for (const route of request.headers.getAll('route')) headers.append('Route', route);
  return { kind: 'request', method: 'ACK', uri: request.uri, headers, body: Buffer.alloc(0) };
}
