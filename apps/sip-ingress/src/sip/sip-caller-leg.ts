import { type Dialog, type IncomingInvite, SdpOrigin } from '@cc/sip';
import { type CallInput } from '../calls/call-messages';
import { type CallerLegPort } from '../calls/call-ports';
import { type BridgedDialogs } from './bridged-dialogs';

/** The caller's INVITE and, once answered, its dialog, as the call's decisions drive them. */
export class SipCallerLeg implements CallerLegPort {
  private dialog?: Dialog;
  private rang = false;
  /** One SDP origin for everything the caller is sent: the first agent's, a partner's, the next agent's. */
  private readonly origin = new SdpOrigin();

  constructor(
    private readonly callId: string,
    private readonly invite: IncomingInvite,
    private readonly dialogs: BridgedDialogs,
    private readonly input: (input: CallInput) => void,
    private readonly now: () => number,
  ) {
    invite.onCancel(() => this.input({ kind: 'caller-left', now: this.now() }));
  }

  ring(): void {
    if (this.rang) return;
    this.rang = true;
    this.invite.progress(180);
  }

  earlyMedia(sdp: Buffer): void {
    this.rang = true;
    this.invite.progress(183, { body: this.origin.stamp(sdp), contentType: 'application/sdp' });
  }

  reject(status: number, reason: string): void {
    this.invite.reject(status, reason);
  }

  answer(sdp: Buffer): void {
    const dialog = this.invite.accept({ body: this.origin.stamp(sdp), contentType: 'application/sdp' });
    this.dialog = dialog;
    this.dialogs.setCaller(this.callId, dialog, this.origin);
    dialog.onRequest((incoming) => void this.dialogs.passThrough(this.callId, 'caller', incoming));
    dialog.onTerminated((reason) => {
      if (reason === 'bye-received') this.input({ kind: 'caller-hung-up', now: this.now() });
      else if (reason === 'ack-timeout') this.input({ kind: 'caller-lost', status: 408, now: this.now() });
    });
  }

  async reoffer(sdp: Buffer): Promise<void> {
    const response = await this.dialog?.reinvite({ body: this.origin.stamp(sdp), contentType: 'application/sdp' });
    if (!response || response.status >= 300)
      throw new Error(`re-INVITE of the caller failed: ${response?.status ?? 'no dialog'}`);
  }

  hangUp(): void {
    if (this.dialog) this.dialog.bye();
    else this.invite.reject(480, 'Temporarily Unavailable');
  }
}
