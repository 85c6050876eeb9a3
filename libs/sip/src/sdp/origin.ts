/**
 * Keeps one SDP origin per dialog (RFC 3264 §8): every later offer or answer a B2BUA sends on a dialog must carry
 * the origin of its first one, its version one higher, although the session description now comes from another
 * phone (the next agent after a transfer, the agent bridged to a called customer).
 */
export class SdpOrigin {
  private origin?: { username: string; sessionId: string; version: bigint; network: string };

  /**
   * The session description to send next on the dialog: unchanged while it comes from the phone that gave the first
   * one (same origin username and session id), else with the dialog's o= line and the next version.
   */
  stamp(sdp: Buffer): Buffer {
    const text = sdp.toString('utf8');
    const match = /^o=(\S+) (\S+) (\d+) ([^\r\n]+)/m.exec(text);
    if (!match) return sdp;
    const received = BigInt(match[3]);
    if (!this.origin) {
      this.origin = { username: match[1], sessionId: match[2], version: received, network: match[4] };
      return sdp;
    }
    const origin = this.origin;
    if (match[1] === origin.username && match[2] === origin.sessionId && received > origin.version) {
      origin.version = received;
      return sdp;
    }
    origin.version += 1n;
    const line = `o=${origin.username} ${origin.sessionId} ${origin.version} ${origin.network}`;
    return Buffer.from(text.replace(match[0], line), 'utf8');
  }
}
