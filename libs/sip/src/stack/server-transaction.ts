import { type SipEndpoint, type SipRequest, type SipResponse } from '../message/message';
import { type SipTimerSettings } from './timer-settings';

export interface TransactionSender {
  send(message: SipRequest | SipResponse, destination: SipEndpoint): void;
}

/**
 * A server transaction (RFC 3261 §17.2, with RFC 6026's Accepted state for INVITE). It absorbs retransmitted
 * requests by repeating its last response, retransmits final responses over UDP until they are acknowledged, and
 * removes itself when its timers end.
 */
export class ServerTransaction {
  private lastResponse?: SipResponse;
  private state: 'trying' | 'proceeding' | 'completed' | 'accepted' | 'confirmed' | 'terminated' = 'trying';
  private retransmitTimer?: NodeJS.Timeout;
  private endTimer?: NodeJS.Timeout;
  private interval: number;
  /** Called when a 2xx to an INVITE was never acknowledged (64*T1). */
  onAckTimeout?: () => void;
  /** Called when a non-2xx final response to an INVITE was never acknowledged (Timer H). */
  onNoAck?: () => void;

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly source: SipEndpoint,
    private readonly sender: TransactionSender,
    private readonly timers: SipTimerSettings,
    private readonly onTerminated: (key: string) => void,
  ) {
    this.interval = timers.t1;
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** True once a final response was sent. */
  get finished(): boolean {
    return this.state !== 'trying' && this.state !== 'proceeding';
  }

  get finalStatus(): number | undefined {
    return this.finished ? this.lastResponse?.status : undefined;
  }

  respond(response: SipResponse): void {
    if (this.state === 'terminated' || this.state === 'confirmed') return;
    if (this.finished && !(this.state === 'accepted' && response.status >= 200 && response.status < 300)) return;
    this.lastResponse = response;
    this.sender.send(response, this.source);
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    const reliable = this.source.transport !== 'udp';
    if (!this.isInvite) {
      this.state = 'completed';
      this.end(reliable ? 0 : 64 * this.timers.t1);
      return;
    }
    if (response.status < 300) {
      this.state = 'accepted';
      // The 2xx is retransmitted until the dialog's ACK arrives (RFC 3261 §13.3.1.4), over any transport.
      this.retransmitUntilAck(true);
      this.endTimer = setTimeout(() => {
        this.onAckTimeout?.();
        this.terminate();
      }, 64 * this.timers.t1);
      return;
    }
    this.state = 'completed';
    if (!reliable) this.retransmitUntilAck(false);
    this.endTimer = setTimeout(() => {
      this.onNoAck?.();
      this.terminate();
    }, 64 * this.timers.t1);
  }

  /** A retransmission of the request arrived: repeat the last response (RFC 3261 §17.2.1, §17.2.2). */
  retransmitted(): void {
    if (this.lastResponse && this.state !== 'terminated') this.sender.send(this.lastResponse, this.source);
  }

  /** The ACK of a non-2xx final response (same branch) arrived. */
  ackReceived(): void {
    if (this.state !== 'completed' || !this.isInvite) return;
    this.state = 'confirmed';
    this.stopRetransmitting();
    clearTimeout(this.endTimer);
    this.end(this.source.transport === 'udp' ? this.timers.t4 : 0);
  }

  /** The dialog's ACK for our 2xx arrived. */
  ackOf2xxReceived(): void {
    if (this.state !== 'accepted') return;
    this.stopRetransmitting();
    clearTimeout(this.endTimer);
    // Keep absorbing INVITE retransmissions a while (RFC 6026 Timer L).
    this.state = 'confirmed';
    this.end(64 * this.timers.t1);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.stopRetransmitting();
    clearTimeout(this.endTimer);
    this.onTerminated(this.key);
  }

  private retransmitUntilAck(capAtT2: boolean): void {
    this.interval = this.timers.t1;
    const tick = () => {
      if (!this.lastResponse) return;
      this.sender.send(this.lastResponse, this.source);
      this.interval = capAtT2
        ? Math.min(this.interval * 2, this.timers.t2)
        : Math.min(this.interval * 2, this.timers.t2);
      this.retransmitTimer = setTimeout(tick, this.interval);
    };
    this.retransmitTimer = setTimeout(tick, this.interval);
  }

  private stopRetransmitting(): void {
    clearTimeout(this.retransmitTimer);
    this.retransmitTimer = undefined;
  }

  private end(afterMs: number): void {
    clearTimeout(this.endTimer);
    this.endTimer = setTimeout(() => this.terminate(), afterMs);
  }
}
