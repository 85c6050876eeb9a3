import { quote, splitOutsideQuotes, unquote } from './params';

/** An Authorization/WWW-Authenticate value: the scheme and its auth-params (quoted strings unquoted). */
export interface AuthParams {
  scheme: string;
  params: Map<string, string>;
}

/** Parses `Digest realm="x", nonce="y", qop=auth`; returns undefined when it is not of that shape. */
export function parseAuthParams(value: string): AuthParams | undefined {
  const text = value.trim();
  const space = text.search(/\s/);
  const scheme = space < 0 ? text : text.slice(0, space);
  if (!/^[A-Za-z0-9\-.!%*_+`'~]+$/.test(scheme)) return undefined;
  const params = new Map<string, string>();
  if (space < 0) return { scheme, params };
  let parts: string[];
  try {
    parts = splitOutsideQuotes(text.slice(space + 1), ',');
  } catch {
    return undefined;
  }
  for (const part of parts) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return undefined;
    params.set(p.slice(0, eq).trim().toLowerCase(), unquote(p.slice(eq + 1)));
  }
  return { scheme, params };
}

/** Writes auth-params; the names listed in `unquoted` (algorithm, qop in a response, nc, stale) stay bare. */
export function formatAuthParams(auth: AuthParams, unquoted: readonly string[] = ['algorithm', 'nc', 'stale']): string {
  const parts = [...auth.params].map(([name, value]) =>
    unquoted.includes(name) ? `${name}=${value}` : `${name}=${quote(value)}`,
  );
  return parts.length === 0 ? auth.scheme : `${auth.scheme} ${parts.join(', ')}`;
}
