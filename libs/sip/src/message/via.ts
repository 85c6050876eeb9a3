import { formatParams, parseParams, type Params, SipSyntaxError, splitOutsideQuotes } from './params';
import { parseHostPort } from './uri';

/** One Via value (RFC 3261 §20.42): the transport it was sent over, the sent-by and its parameters. */
export interface Via {
  /** "SIP/2.0". */
  protocol: string;
  /** Upper case: UDP, TCP, TLS, SCTP, WS, or an unknown token as received. */
  transport: string;
  host: string;
  port?: number;
  params: Params;
}

/** The branch prefix of RFC 3261 transaction ids. */
export const MAGIC_COOKIE = 'z9hG4bK';

/** Parses one Via value (LWS allowed around `/`, `;` and `=`); throws SipSyntaxError. */
export function parseVia(value: string): Via {
  const [sentPart, ...params] = splitOutsideQuotes(value, ';');
  const match = /^\s*([A-Za-z0-9\-.!%*_+`'~]+)\s*\/\s*([0-9.]+)\s*\/\s*([A-Za-z0-9\-.!%*_+`'~]+)\s+(\S+)\s*$/.exec(
    sentPart,
  );
  if (!match) throw new SipSyntaxError(`Malformed Via: ${value.slice(0, 60)}`);
  const { host, port } = parseHostPort(match[4]);
  const via: Via = {
    protocol: `${match[1].toUpperCase()}/${match[2]}`,
    transport: match[3].toUpperCase(),
    host,
    params: parseParams(params),
  };
  if (port !== undefined) via.port = port;
  return via;
}

export function formatVia(via: Via): string {
  const port = via.port !== undefined ? `:${via.port}` : '';
  return `${via.protocol}/${via.transport} ${via.host}${port}${formatParams(via.params)}`;
}

/** The Via's branch, or undefined. */
export function branchOf(via: Via): string | undefined {
  return via.params.get('branch') ?? undefined;
}
