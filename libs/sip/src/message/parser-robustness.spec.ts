import { createResponse, generateBranch } from './builders';
import { parseMessage } from './parser';
import { serializeMessage } from './serializer';
import { SipStreamDecoder } from './stream-decoder';
import { validateRequest } from './validate';

const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';
const invite = Buffer.from(
  [
    'INVITE sip:+74950000001@127.0.0.1:5060 SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'To: <sip:+74950000001@127.0.0.1>',
    'From: "Caller" <sip:+79160000001@127.0.0.1>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:+79160000001@127.0.0.1:5070>',
    'Content-Type: application/sdp',
    `Content-Length: ${sdp.length}`,
    '',
    sdp,
  ].join('\r\n'),
);

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('parser robustness', () => {
  it('parses a well-formed INVITE and answers it with the dialog headers copied', () => {
    const parsed = parseMessage(invite);
    if (!parsed.ok || parsed.message.kind !== 'request') throw new Error('must parse');
    expect(validateRequest(parsed.message)).toBeUndefined();
    const response = createResponse(parsed.message, 180, undefined, { toTag: 'abc' });
    expect(response.reason).toBe('Ringing');
    expect(response.headers.get('to')).toBe('<sip:+74950000001@127.0.0.1>;tag=abc');
    expect(response.headers.get('via')).toContain('branch=z9hG4bK776asdhds');
    expect(serializeMessage(response).toString()).toContain('Content-Length: 0\r\n\r\n');
    expect(generateBranch()).toMatch(/^z9hG4bK[0-9a-f]{16}$/);
  });

  it('never throws on any truncation of a valid message, datagram or stream', () => {
    for (let end = 0; end <= invite.length; end++) {
      const part = invite.subarray(0, end);
      expect(() => parseMessage(part)).not.toThrow();
      expect(() => new SipStreamDecoder().push(part)).not.toThrow();
    }
  });

  it('survives thousands of random mutations without throwing or stalling', () => {
    const next = random(42);
    const started = Date.now();
    for (let i = 0; i < 5000; i++) {
      const bytes = Buffer.from(invite);
      const edits = 1 + Math.floor(next() * 6);
      for (let e = 0; e < edits; e++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const parsed = parseMessage(bytes);
      if (parsed.ok && parsed.message.kind === 'request')
        expect(() => validateRequest(parsed.message as never)).not.toThrow();
      expect(() => new SipStreamDecoder().push(bytes)).not.toThrow();
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('answers an oversized message with 513 and ends a stream whose head never ends', () => {
    const lineEnd = invite.indexOf('\r\n') + 2;
    const huge = Buffer.concat([
      invite.subarray(0, lineEnd),
      Buffer.from(`X-Big: ${'a'.repeat(70_000)}\r\n`),
      invite.subarray(lineEnd),
    ]);
    const parsed = parseMessage(huge);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.status).toBe(513);
    const decoder = new SipStreamDecoder({ maxMessageBytes: 4096 });
    expect(decoder.push(Buffer.from(`INVITE sip:a@b SIP/2.0\r\nX: ${'a'.repeat(5000)}`))).toEqual([
      { kind: 'error', error: { reason: 'Message head too large', status: 513 }, fatal: true },
    ]);
  });

  it('splits several messages in one chunk and reports double-CRLF keepalives', () => {
    const decoder = new SipStreamDecoder();
    const items = decoder.push(Buffer.concat([Buffer.from('\r\n\r\n'), invite, invite]));
    expect(items.map((i) => i.kind)).toEqual(['keepalive', 'message', 'message']);
  });

  it('rejects a header line without a colon and an unknown version', () => {
    const noColon = Buffer.from(invite.toString().replace('Max-Forwards: 70', 'Max-Forwards 70'));
    const parsed = parseMessage(noColon);
    expect(!parsed.ok && parsed.error.status).toBe(400);
    const v3 = parseMessage(Buffer.from(invite.toString().replace('SIP/2.0\r\nVia', 'SIP/3.0\r\nVia')));
    expect(!v3.ok && v3.error.status).toBe(505);
  });
});
