import { formatParams, parseParams, type Params, quote, SipSyntaxError, splitOutsideQuotes, unquote } from './params';

/** From, To, Contact, Route, Record-Route, Refer-To... (RFC 3261 §20.10, §25.1 name-addr / addr-spec). */
export interface NameAddr {
  displayName?: string;
  /** The URI text, as written between < and > (or the addr-spec). */
  uri: string;
  /** Header parameters (tag, expires, q, ...). */
  params: Params;
}

const TOKEN_DISPLAY = /^[A-Za-z0-9\-.!%*_+`'~]+(?:[ \t]+[A-Za-z0-9\-.!%*_+`'~]+)*$/;

/** Parses one name-addr or addr-spec with its parameters; throws SipSyntaxError. */
export function parseNameAddr(value: string): NameAddr {
  const text = value.trim();
  const open = indexOutsideQuotes(text, '<');
  if (open < 0) {
    // addr-spec: parameters after ';' belong to the header, never to the URI (§20.10).
    const [uri, ...params] = splitOutsideQuotes(text, ';');
    const trimmed = uri.trim();
    // An addr-spec with '?' or ',' must be enclosed in <> (RFC 3261 §20; RFC 4475 §3.1.2.13).
    if (trimmed === '' || /[\s"<>?,]/.test(trimmed) || !/^[A-Za-z][A-Za-z0-9+\-.]*:/.test(trimmed)) {
      throw new SipSyntaxError(`Invalid address: ${text.slice(0, 60)}`);
    }
    return { uri: trimmed, params: parseParams(params) };
  }
  const close = text.indexOf('>', open);
  if (close < 0) throw new SipSyntaxError('Unterminated <');
  const uri = text.slice(open + 1, close);
  if (uri === '' || /[\s<]/.test(uri)) throw new SipSyntaxError(`Invalid URI in <>: ${uri.slice(0, 60)}`);
  const display = text.slice(0, open).trim();
  const result: NameAddr = { uri, params: new Map() };
  if (display !== '') {
    if (display.startsWith('"')) {
      if (display.length < 2 || !display.endsWith('"') || !balancedQuotes(display)) {
        throw new SipSyntaxError('Malformed quoted display name');
      }
      result.displayName = unquote(display);
    } else if (TOKEN_DISPLAY.test(display)) {
      result.displayName = display;
    } else {
      throw new SipSyntaxError(`Invalid display name: ${display.slice(0, 60)}`);
    }
  }
  const after = text.slice(close + 1).trim();
  if (after !== '') {
    if (after[0] !== ';') throw new SipSyntaxError('Text after the address');
    result.params = parseParams(splitOutsideQuotes(after.slice(1), ';'));
  }
  return result;
}

export function formatNameAddr(address: NameAddr): string {
  const display =
    address.displayName !== undefined && address.displayName !== '' ? `${quote(address.displayName)} ` : '';
  return `${display}<${address.uri}>${formatParams(address.params)}`;
}

/** The tag parameter, if any. */
export function tagOf(address: NameAddr): string | undefined {
  return address.params.get('tag') ?? undefined;
}

function indexOutsideQuotes(text: string, ch: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ch) return i;
  }
  return -1;
}

function balancedQuotes(display: string): boolean {
  let quoted = false;
  for (let i = 0; i < display.length; i++) {
    const c = display[i];
    if (quoted && c === '\\') i++;
    else if (c === '"') quoted = !quoted;
  }
  return !quoted;
}
