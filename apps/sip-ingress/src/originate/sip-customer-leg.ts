import { type Dialog, type OutgoingInvite, SdpOrigin } from '@cc/sip';
import { type CallInput } from '../calls/call-messages';
import { type CallerLegPort } from '../calls/call-ports';
import { type BridgedDialogs } from '../sip/bridged-dialogs';

/**
 * The customer's side of an originated call: our INVITE to their number and, once they answer, its dialog. It
 * plays the caller's part in the call's decisions: the customer is "answered" from the start of the bridge, so each
 * agent's leg reaches them by re-INVITE.
 */
export class SipCustomerLeg implements CallerLegPort {
  private dialog?: Dialog;
  /** Our offer's origin: every later description the customer gets continues it (RFC 3264 §8). */
  private readonly origin = new SdpOrigin();

  constructor(
    private readonly callId: string,
    private readonly invite: OutgoingInvite,
    private readonly dialogs: BridgedDialogs,
    private readonly input: (input: CallInput) => void,
    private readonly now: () => number,
  ) {
    this.origin.stamp(invite.request.body);
  }

  /** The customer answered: their dialog joins the bridge; in-dialog requests pass to the agent's side. */
  answered(dialog: Dialog): void {
    this.dialog = dialog;
    this.dialogs.setCaller(this.callId, dialog, this.origin);
    dialog.onRequest((incoming) => void this.dialogs.passThrough(this.callId, 'caller', incoming));
    dialog.onTerminated((reason) => {
      if (reason === 'bye-received') this.input({ kind: 'caller-hung-up', now: this.now() });
    });
  }

  ring(): void {
    // The customer was called: there is nothing to ring back.
  }

  reject(): void {
    if (this.dialog) this.dialog.bye();
    else this.invite.cancel();
  }

  earlyMedia(): void {
    // The customer answered already: there is no early media to give them.
  }

  answer(): void {
    // The customer answered our INVITE: later sessions reach them by re-INVITE (reoffer).
  }

  async reoffer(sdp: Buffer): Promise<void> {
    const response = await this.dialog?.reinvite({ body: this.origin.stamp(sdp), contentType: 'application/sdp' });
    if (!response || response.status >= 300)
      throw new Error(`re-INVITE of the customer failed: ${response?.status ?? 'no dialog'}`);
  }

  hangUp(): void {
    this.reject();
  }
}
