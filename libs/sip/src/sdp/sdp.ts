/** One m= section of a session description (RFC 4566 §5.14). */
export interface SdpMedia {
  media: string;
  port: number;
  proto: string;
  formats: string[];
  /** c= address of the section, or of the session when the section has none. */
  connectionAddress: string;
  /** sendrecv, sendonly, recvonly or inactive (default sendrecv). */
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  /** Codec names from a=rtpmap, by payload type ("0" -> "PCMU/8000" when static). */
  codecs: string[];
}

export interface SdpSession {
  origin: string;
  sessionName: string;
  connectionAddress?: string;
  media: SdpMedia[];
}

export type SdpResult = { ok: true; session: SdpSession } | { ok: false; reason: string };

const STATIC_PAYLOADS: Readonly<Record<string, string>> = {
  '0': 'PCMU/8000',
  '3': 'GSM/8000',
  '4': 'G723/8000',
  '8': 'PCMA/8000',
  '9': 'G722/8000',
  '18': 'G729/8000',
};

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * Checks a session description enough to refuse garbage with 488 and to report codecs and the RTP address. The
 * B2BUA passes descriptions through unchanged: this never rewrites one.
 */
export function parseSdp(input: string | Buffer): SdpResult {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  if (lines[0] !== 'v=0') return { ok: false, reason: 'SDP must start with v=0' };
  let origin: string | undefined;
  let sessionName: string | undefined;
  let timing = false;
  let sessionConnection: string | undefined;
  const media: SdpMedia[] = [];
  let current: (SdpMedia & { hasConnection: boolean; rtpmap: Map<string, string> }) | undefined;
  let sessionDirection: SdpMedia['direction'] = 'sendrecv';
  for (const line of lines.slice(1)) {
    if (line.length < 2 || line[1] !== '=' || !/^[a-z]$/.test(line[0]))
      return { ok: false, reason: `Malformed SDP line: ${line.slice(0, 40)}` };
    const type = line[0];
    const value = line.slice(2);
    switch (type) {
      case 'o':
        if (value.split(' ').length !== 6) return { ok: false, reason: 'Malformed o= line' };
        origin = value;
        break;
      case 's':
        sessionName = value;
        break;
      case 't':
        if (!/^\d+ \d+$/.test(value)) return { ok: false, reason: 'Malformed t= line' };
        timing = true;
        break;
      case 'c': {
        const match = /^IN IP[46] (\S+)$/.exec(value);
        if (!match) return { ok: false, reason: 'Malformed c= line' };
        const address = match[1].split('/')[0];
        if (current) {
          current.connectionAddress = address;
          current.hasConnection = true;
        } else sessionConnection = address;
        break;
      }
      case 'm': {
        const match = /^(\w+) (\d+)(?:\/\d+)? (\S+) (.+)$/.exec(value);
        if (!match || Number(match[2]) > 65535) return { ok: false, reason: 'Malformed m= line' };
        if (current) media.push(finish(current));
        current = {
          media: match[1],
          port: Number(match[2]),
          proto: match[3],
          formats: match[4].trim().split(/\s+/),
          connectionAddress: sessionConnection ?? '',
          direction: sessionDirection,
          codecs: [],
          hasConnection: sessionConnection !== undefined,
          rtpmap: new Map(),
        };
        break;
      }
      case 'a': {
        if (DIRECTIONS.has(value)) {
          if (current) current.direction = value as SdpMedia['direction'];
          else sessionDirection = value as SdpMedia['direction'];
        }
        const rtpmap = /^rtpmap:(\d+) (\S+)/.exec(value);
        if (rtpmap && current) current.rtpmap.set(rtpmap[1], rtpmap[2]);
        break;
      }
      default:
        break;
    }
  }
  if (current) media.push(finish(current));
  if (!origin) return { ok: false, reason: 'SDP without o= line' };
  if (sessionName === undefined) return { ok: false, reason: 'SDP without s= line' };
  if (!timing) return { ok: false, reason: 'SDP without t= line' };
  if (media.length === 0) return { ok: false, reason: 'SDP without m= line' };
  if (media.some((m) => m.connectionAddress === ''))
    return { ok: false, reason: 'SDP without c= line for every media' };
  return { ok: true, session: { origin, sessionName, connectionAddress: sessionConnection, media } };
}

function finish(section: SdpMedia & { hasConnection: boolean; rtpmap: Map<string, string> }): SdpMedia {
  const { hasConnection: _h, rtpmap, ...media } = section;
  media.codecs = media.formats.map((f) => rtpmap.get(f) ?? STATIC_PAYLOADS[f] ?? f);
  return media;
}
