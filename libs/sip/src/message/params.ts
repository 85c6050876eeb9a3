/** Generic parameters (`;name=value;flag`) of URIs and header values, names case-insensitive (kept lower-case). */
export type Params = Map<string, string | null>;

/** Thrown by the header value parsers; the message says what is wrong, for a 400 reason phrase. */
export class SipSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SipSyntaxError';
  }
}

const PARAM_NAME = /^[A-Za-z0-9\-.!%*_+`'~[\]/:&+$]+$/;

/** Splits at a separator outside quoted strings and angle brackets. */
export function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) throw new SipSyntaxError('Unterminated quoted string');
  parts.push(text.slice(start));
  return parts;
}

/** Parses `;a=b;c` (the text after the first `;`, already split), trimming whitespace around names and `=`. */
export function parseParams(parts: readonly string[]): Params {
  const params: Params = new Map();
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') throw new SipSyntaxError('Empty parameter');
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (!PARAM_NAME.test(name)) throw new SipSyntaxError(`Invalid parameter name: ${name.slice(0, 40)}`);
    const value = eq < 0 ? null : part.slice(eq + 1).trim();
    params.set(name, value);
  }
  return params;
}

export function formatParams(params: Params): string {
  let text = '';
  for (const [name, value] of params) text += value === null ? `;${name}` : `;${name}=${value}`;
  return text;
}

/** Removes the quotes and backslash escapes of a quoted-string. */
export function unquote(text: string): string {
  const t = text.trim();
  if (t.length < 2 || t[0] !== '"' || t[t.length - 1] !== '"') return t;
  return t.slice(1, -1).replace(/\\(.)/g, '$1');
}

export function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}
