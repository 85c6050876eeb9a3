import { formatParams, parseParams, type Params, SipSyntaxError } from './params';

/** A sip: or sips: URI (RFC 3261 §19.1); user and parameter values are unescaped. */
export interface SipUri {
  scheme: 'sip' | 'sips';
  user?: string;
  password?: string;
  host: string;
  port?: number;
  params: Params;
  headers: Map<string, string>;
}

/** A tel: URI (RFC 3966). */
export interface TelUri {
  scheme: 'tel';
  number: string;
  params: Params;
}

/** Any other absolute URI, kept as text (answered 416 where a SIP URI is needed). */
export interface OtherUri {
  scheme: string;
  opaque: string;
}

export type Uri = SipUri | TelUri | OtherUri;

const SCHEME = /^([A-Za-z][A-Za-z0-9+\-.]*):/;
const HOSTNAME = /^[A-Za-z0-9\-.]+$/;
const IPV6_REFERENCE = /^\[[0-9A-Fa-f:.]+\]$/;

export function isSipUri(uri: Uri): uri is SipUri {
  return uri.scheme === 'sip' || uri.scheme === 'sips';
}

/** Parses a URI; throws SipSyntaxError when it is not one. */
export function parseUri(text: string): Uri {
  const match = SCHEME.exec(text);
  if (!match) throw new SipSyntaxError(`Not a URI: ${text.slice(0, 60)}`);
  const scheme = match[1].toLowerCase();
  const rest = text.slice(match[0].length);
  if (/[\s<>"]/.test(rest)) throw new SipSyntaxError(`Invalid characters in URI: ${text.slice(0, 60)}`);
  if (scheme === 'sip' || scheme === 'sips') return parseSipUri(scheme, rest);
  if (scheme === 'tel') {
    const [number, ...params] = rest.split(';');
    if (!number) throw new SipSyntaxError('Empty tel URI');
    return { scheme: 'tel', number, params: parseParams(params) };
  }
  return { scheme, opaque: rest };
}

/** Parses a URI that must be sip: or sips:. */
export function parseSipUri(text: string): SipUri;
export function parseSipUri(scheme: 'sip' | 'sips', rest: string): SipUri;
export function parseSipUri(schemeOrText: string, rest?: string): SipUri {
  if (rest === undefined) {
    const uri = parseUri(schemeOrText);
    if (!isSipUri(uri)) throw new SipSyntaxError(`Not a SIP URI: ${schemeOrText.slice(0, 60)}`);
    return uri;
  }
  const scheme = schemeOrText as 'sip' | 'sips';
  // The user part may hold '?' (RFC 3261 user-unreserved), so URI headers start at the first '?' after the '@'.
  const question = rest.indexOf('?', Math.max(0, rest.indexOf('@')));
  const beforeHeaders = question < 0 ? rest : rest.slice(0, question);
  const headers = new Map<string, string>();
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new SipSyntaxError('Malformed URI header');
      headers.set(unescape(pair.slice(0, eq)), unescape(pair.slice(eq + 1)));
    }
  }
  const at = beforeHeaders.indexOf('@');
  let userinfo: string | undefined;
  let hostpart = beforeHeaders;
  if (at >= 0) {
    userinfo = beforeHeaders.slice(0, at);
    hostpart = beforeHeaders.slice(at + 1);
  }
  const [hostport, ...paramParts] = hostpart.split(';');
  const { host, port } = parseHostPort(hostport);
  const uri: SipUri = { scheme, host, params: new Map(), headers };
  if (port !== undefined) uri.port = port;
  if (paramParts.length > 0) {
    for (const [name, value] of parseParams(paramParts)) uri.params.set(name, value === null ? null : unescape(value));
  }
  if (userinfo !== undefined) {
    if (userinfo === '') throw new SipSyntaxError('Empty user part');
    const colon = userinfo.indexOf(':');
    uri.user = unescape(colon < 0 ? userinfo : userinfo.slice(0, colon));
    if (colon >= 0) uri.password = unescape(userinfo.slice(colon + 1));
  }
  return uri;
}

/** Parses `host[:port]` (hostname, IPv4 or an [IPv6] reference). */
export function parseHostPort(text: string): { host: string; port?: number } {
  let host = text;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) throw new SipSyntaxError('Unterminated IPv6 reference');
    host = text.slice(0, close + 1);
    const after = text.slice(close + 1);
    if (after !== '') {
      if (after[0] !== ':') throw new SipSyntaxError('Invalid text after IPv6 reference');
      portText = after.slice(1);
    }
    if (!IPV6_REFERENCE.test(host)) throw new SipSyntaxError('Invalid IPv6 reference');
  } else {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      host = text.slice(0, colon);
      portText = text.slice(colon + 1);
    }
    if (!HOSTNAME.test(host)) throw new SipSyntaxError(`Invalid host: ${host.slice(0, 60)}`);
  }
  if (portText === undefined) return { host };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535)
    throw new SipSyntaxError(`Invalid port: ${portText.slice(0, 10)}`);
  return { host, port: Number(portText) };
}

export function formatUri(uri: Uri): string {
  if ('opaque' in uri) return `${uri.scheme}:${uri.opaque}`;
  if (uri.scheme === 'tel') return `tel:${uri.number}${formatParams(uri.params)}`;
  const sip = uri as SipUri;
  let text = `${sip.scheme}:`;
  if (sip.user !== undefined) {
    text += escapeUser(sip.user);
    if (sip.password !== undefined) text += `:${escapeUser(sip.password)}`;
    text += '@';
  }
  text += sip.host;
  if (sip.port !== undefined) text += `:${sip.port}`;
  for (const [name, value] of sip.params) text += value === null ? `;${name}` : `;${name}=${escapeParam(value)}`;
  if (sip.headers.size > 0) {
    text += '?' + [...sip.headers].map(([n, v]) => `${escapeParam(n)}=${escapeParam(v)}`).join('&');
  }
  return text;
}

/** Decodes %HH escapes; invalid escapes stay as they are (RFC 4475 esc02: % is not always an escape). */
export function unescape(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25 && i + 2 < text.length && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

const USER_UNRESERVED = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;
const PARAM_UNRESERVED = /[A-Za-z0-9\-_.!~*'()[\]/:&+$]/;

function escapeWith(text: string, allowed: RegExp): string {
  let out = '';
  for (const ch of text) {
    if (allowed.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function escapeUser(text: string): string {
  return escapeWith(text, USER_UNRESERVED);
}

function escapeParam(text: string): string {
  return escapeWith(text, PARAM_UNRESERVED);
}
