import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type SipMessage } from './message';
import { parseMessage } from './parser';
import { serializeMessage } from './serializer';
import { SipStreamDecoder } from './stream-decoder';
import { responseProblem, validateRequest, type ValidateOptions } from './validate';

/** The RFC 4475 corpus lives beside the project, in ../shared/testdata (never copied into the repository). */
function corpusDir(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('workspace root not found');
    dir = parent;
  }
  return path.resolve(dir, '../shared/testdata/rfc4475');
}

const corpus = (name: string): Buffer => readFileSync(path.join(corpusDir(), `${name}.dat`));

/** What a UAS front door does with a datagram: the status it answers, 'accept', or 'drop'. */
function verdict(data: Buffer, options: ValidateOptions = {}): number | 'accept' | 'drop' {
  const parsed = parseMessage(data);
  if (!parsed.ok) return parsed.error.status ?? 'drop';
  if (parsed.message.kind === 'response') return responseProblem(parsed.message) ? 'drop' : 'accept';
  return validateRequest(parsed.message, options)?.status ?? 'accept';
}

function streamVerdict(data: Buffer, chunk: number): { items: ReturnType<SipStreamDecoder['push']>; pending: number } {
  const decoder = new SipStreamDecoder();
  const items = [];
  for (let i = 0; i < data.length; i += chunk) items.push(...decoder.push(data.subarray(i, i + chunk)));
  return { items, pending: decoder.pending };
}

function semantics(message: SipMessage) {
  return {
    start: message.kind === 'request' ? `${message.method} ${message.uri}` : `${message.status} ${message.reason}`,
    headers: message.headers.entries().filter((h) => !/^(content-length|l)$/i.test(h.name)),
    body: message.body.toString('hex'),
  };
}

describe('RFC 4475 torture messages', () => {
  const valid = [
    'wsinv',
    'intmeth',
    'esc01',
    'escnull',
    'esc02',
    'lwsdisp',
    'longreq',
    'dblreq',
    'semiuri',
    'transports',
    'mpart01',
    'unreason',
    'noreason',
  ];

  it.each(valid)('%s parses, and serializing it keeps its meaning', (name) => {
    const parsed = parseMessage(corpus(name));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = parseMessage(serializeMessage(parsed.message));
    expect(again.ok).toBe(true);
    if (again.ok) expect(semantics(again.message)).toEqual(semantics(parsed.message));
  });

  it.each([
    ['wsinv', 'accept'],
    ['lwsdisp', 'accept'],
    ['longreq', 'accept'],
    ['dblreq', 'accept'],
    ['semiuri', 'accept'],
    ['transports', 'accept'],
    // Well formed, but MESSAGE is not a method a contact-centre B2BUA implements.
    ['mpart01', 501],
    ['esc01', 'accept'],
    ['escnull', 'accept'],
    ['intmeth', 501],
    ['esc02', 501],
    ['badinv01', 400],
    ['clerr', 400],
    ['ncl', 400],
    ['scalar02', 400],
    ['quotbal', 400],
    ['ltgtruri', 400],
    ['lwsruri', 400],
    ['lwsstart', 400],
    ['trws', 400],
    ['escruri', 400],
    ['regbadct', 400],
    ['badaspec', 400],
    ['baddn', 400],
    ['badvers', 505],
    ['mismatch01', 400],
    ['mismatch02', 501],
    ['badbranch', 400],
    ['insuf', 400],
    ['unkscm', 416],
    ['novelsc', 416],
    ['bext01', 420],
    ['invut', 415],
    ['multi01', 400],
    ['mcl01', 400],
    ['sdp01', 406],
    ['zeromf', 'accept'],
    ['cparam01', 'accept'],
    ['cparam02', 'accept'],
    ['regescrt', 'accept'],
    ['regaut01', 'accept'],
    ['inv2543', 'accept'],
    ['scalarlg', 'drop'],
    ['bigcode', 'drop'],
  ] as const)('%s gets %s', (name, expected) => {
    expect(verdict(corpus(name))).toBe(expected);
  });

  it('keeps the escaped header of a REGISTER contact (regescrt) and the url-parameter of cparam02', () => {
    const regescrt = parseMessage(corpus('regescrt'));
    expect(regescrt.ok && regescrt.message.headers.get('contact')).toContain('?Route=%3Csip:sip.example.com%3E');
  });

  it('refuses a REGISTER whose To is not a SIP address as a registrar (unksm2), and forwards it otherwise', () => {
    expect(verdict(corpus('unksm2'), { registrar: true })).toBe(400);
    expect(verdict(corpus('unksm2'))).toBe('accept');
  });

  it('answers Max-Forwards 0 with 483 only when it would forward the request (zeromf is an OPTIONS to us)', () => {
    expect(verdict(corpus('zeromf'), { forwarding: true })).toBe('accept');
    const invite = Buffer.from(
      corpus('zeromf')
        .toString('latin1')
        .replace(/OPTIONS/g, 'INVITE'),
      'latin1',
    );
    expect(verdict(invite, { forwarding: true })).toBe(483);
  });

  it('lists the unsupported extensions in a 420 (bext01)', () => {
    const parsed = parseMessage(corpus('bext01'));
    if (!parsed.ok || parsed.message.kind !== 'request') throw new Error('bext01 must parse');
    expect(validateRequest(parsed.message)?.headers).toEqual([
      ['Unsupported', 'nothingSupportsThis, nothingSupportsThisEither'],
    ]);
  });

  it('reads the intended baddn message (with its final empty line) and still answers 400', () => {
    expect(verdict(Buffer.concat([corpus('baddn'), Buffer.from('\r\n')]))).toBe(400);
  });

  it('never accepts test.dat, which is malformed, and never throws on it', () => {
    expect(verdict(corpus('test'))).not.toBe('accept');
  });

  describe('over a TCP stream', () => {
    it.each(valid)('%s gives the same message whole, byte by byte and in odd chunks', (name) => {
      const data = corpus(name);
      const datagram = parseMessage(data);
      for (const chunk of [data.length, 1, 7, 61]) {
        const { items } = streamVerdict(data, chunk);
        const first = items.find((i) => i.kind !== 'keepalive');
        if (!datagram.ok) continue;
        if (datagram.message.headers.has('content-length')) {
          expect(first?.kind).toBe('message');
          if (first?.kind === 'message') expect(semantics(first.message)).toEqual(semantics(datagram.message));
        } else {
          // No Content-Length: framing is impossible on a stream.
          expect(first).toMatchObject({ kind: 'error', fatal: true });
        }
      }
    });

    it('closes the connection on a negative or doubled Content-Length (ncl, mcl01)', () => {
      for (const name of ['ncl', 'mcl01']) {
        const { items } = streamVerdict(corpus(name), 13);
        expect(items[0]).toMatchObject({ kind: 'error', fatal: true, error: { status: 400 } });
      }
    });

    it('waits for the rest of a body that is shorter than its Content-Length (clerr)', () => {
      const { items, pending } = streamVerdict(corpus('clerr'), 50);
      expect(items).toEqual([]);
      expect(pending).toBe(corpus('clerr').length);
    });
  });
});
