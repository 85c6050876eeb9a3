import { type Dialog, type IncomingInvite, type IncomingRequest, type SdpOrigin } from '@cc/sip';

interface BridgedCall {
  caller?: Dialog;
  leg?: Dialog;
  callerOrigin?: SdpOrigin;
}

/** Headers that mean something end to end: a transfer's target and the state of its subscription. */
const PASSED_HEADERS = ['refer-to', 'referred-by', 'event', 'subscription-state'];

/**
 * The two confirmed dialogs of each connected call, so that what one side sends inside its dialog (a re-INVITE
 * for hold or a codec change, INFO) reaches the other side: the B2BUA passes session descriptions through.
 */
export class BridgedDialogs {
  private readonly calls = new Map<string, BridgedCall>();

  /** The caller's dialog; `origin` stamps every session description sent to it (one origin per dialog). */
  setCaller(callId: string, dialog: Dialog, origin?: SdpOrigin): void {
    const entry = this.entry(callId);
    entry.caller = dialog;
    entry.callerOrigin = origin;
    dialog.onTerminated(() => this.clear(callId, 'caller', dialog));
  }

  setLeg(callId: string, dialog: Dialog): void {
    this.entry(callId).leg = dialog;
    dialog.onTerminated(() => this.clear(callId, 'leg', dialog));
  }

  caller(callId: string): Dialog | undefined {
    return this.calls.get(callId)?.caller;
  }

  get size(): number {
    return this.calls.size;
  }

  /** Passes a re-INVITE, INFO, REFER or NOTIFY from one side of the call to the other and answers with the other's answer. */
  async passThrough(callId: string, from: 'caller' | 'leg', incoming: IncomingRequest | IncomingInvite): Promise<void> {
    const entry = this.calls.get(callId);
    const other = from === 'caller' ? entry?.leg : entry?.caller;
    // Whatever goes to the caller keeps the caller dialog's SDP origin, whichever phone it comes from.
    const toCaller = (body: Buffer) => (entry?.callerOrigin && body.length > 0 ? entry.callerOrigin.stamp(body) : body);
    const method = incoming.request.method;
    if (!other || other.state !== 'confirmed') {
      incoming.respond(method === 'INVITE' ? 491 : 481);
      return;
    }
    const contentType = incoming.request.headers.get('content-type');
    const headers = PASSED_HEADERS.flatMap((name): Array<[string, string]> => {
      const value = incoming.request.headers.get(name);
      return value === undefined ? [] : [[name, value]];
    });
    const body = from === 'leg' && method === 'INVITE' ? toCaller(incoming.request.body) : incoming.request.body;
    const options = { body, contentType: contentType ?? 'application/sdp', headers };
    const response = method === 'INVITE' ? await other.reinvite(options) : await other.request(method, options);
    const answerBody = from === 'caller' && method === 'INVITE' ? toCaller(response.body) : response.body;
    const answer = { body: answerBody, contentType: response.headers.get('content-type') ?? 'application/sdp' };
    if (method === 'INVITE' && response.status >= 200 && response.status < 300) {
      (incoming as IncomingInvite).accept(answer);
      return;
    }
    incoming.respond(response.status, response.reason, response.body.length > 0 ? answer : {});
  }

  private entry(callId: string): BridgedCall {
    let entry = this.calls.get(callId);
    if (!entry) {
      entry = {};
      this.calls.set(callId, entry);
    }
    return entry;
  }

  private clear(callId: string, side: 'caller' | 'leg', dialog: Dialog): void {
    const entry = this.calls.get(callId);
    if (!entry || entry[side] !== dialog) return;
    entry[side] = undefined;
    if (!entry.caller && !entry.leg) this.calls.delete(callId);
  }
}
