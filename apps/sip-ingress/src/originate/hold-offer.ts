/**
 * The session offered to a customer we call, before any agent is on the line: G.711 (mu-law, A-law) and DTMF
 * events, on the discard port. The customer's answer (their address and codec) is what the agent's phone is then
 * offered, and the agent's answer reaches the customer by re-INVITE: media flows between the two phones.
 */
export function holdOffer(host: string, sessionId: number): Buffer {
  const ipVersion = host.includes(':') ? 'IP6' : 'IP4';
  return Buffer.from(
    [
      'v=0',
      `o=cc-sip-ingress ${sessionId} 1 IN ${ipVersion} ${host}`,
      's=-',
      `c=IN ${ipVersion} ${host}`,
      't=0 0',
      'm=audio 9 RTP/AVP 0 8 101',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-16',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n'),
  );
}
