/**
 * Header fields of a SIP message, in order, as text values. Names are matched case-insensitively and compact forms
 * (RFC 3261 §7.3.3: i, f, t, v, m, l, c, k, s, e, o, r, b, x, u) are the same header as their long forms. A field
 * that carried several comma-separated values on one line stays one field; getAll splits the headers whose grammar
 * allows lists (Via, Route, Contact, ...), never those whose values contain commas (WWW-Authenticate, Date, ...).
 */
export class SipHeaders {
  private readonly fields: Array<{ name: string; value: string; key: string }> = [];

  constructor(fields: Iterable<readonly [string, string]> = []) {
    for (const [name, value] of fields) this.append(name, value);
  }

  /** First value of the header, or undefined. */
  get(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    for (const f of this.fields) if (f.key === key) return f.value;
    return undefined;
  }

  /** Every value of the header, in order; list-valued headers are split at top-level commas. */
  getAll(name: string): string[] {
    const key = canonicalHeaderName(name);
    const values: string[] = [];
    for (const f of this.fields) {
      if (f.key !== key) continue;
      if (LIST_HEADERS.has(key)) values.push(...splitHeaderList(f.value));
      else values.push(f.value);
    }
    return values;
  }

  /** Number of fields (lines) with this name, before any splitting: tells duplicated single-value headers. */
  count(name: string): number {
    const key = canonicalHeaderName(name);
    let n = 0;
    for (const f of this.fields) if (f.key === key) n++;
    return n;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Replaces every field of the name with the given value(s), at the place of the first one (or at the end). */
  set(name: string, value: string | readonly string[]): this {
    const key = canonicalHeaderName(name);
    const values = typeof value === 'string' ? [value] : value;
    const at = this.fields.findIndex((f) => f.key === key);
    this.remove(name);
    const inserted = values.map((v) => ({ name: displayHeaderName(key), value: v, key }));
    this.fields.splice(at < 0 ? this.fields.length : at, 0, ...inserted);
    return this;
  }

  append(name: string, value: string): this {
    this.fields.push({ name, value, key: canonicalHeaderName(name) });
    return this;
  }

  /** Puts a field before every other field of the same name (a proxy's or B2BUA's own Via, Record-Route). */
  prepend(name: string, value: string): this {
    const key = canonicalHeaderName(name);
    const at = this.fields.findIndex((f) => f.key === key);
    this.fields.splice(at < 0 ? this.fields.length : at, 0, { name: displayHeaderName(key), value, key });
    return this;
  }

  /** Removes the first value of a list header (the top Via of a response being passed back), keeping the rest. */
  shift(name: string): string | undefined {
    const key = canonicalHeaderName(name);
    const at = this.fields.findIndex((f) => f.key === key);
    if (at < 0) return undefined;
    const [first, ...rest] = LIST_HEADERS.has(key) ? splitHeaderList(this.fields[at].value) : [this.fields[at].value];
    if (rest.length > 0) this.fields[at] = { name: this.fields[at].name, value: rest.join(', '), key };
    else this.fields.splice(at, 1);
    return first;
  }

  remove(name: string): this {
    const key = canonicalHeaderName(name);
    for (let i = this.fields.length - 1; i >= 0; i--) {
      if (this.fields[i].key === key) this.fields.splice(i, 1);
    }
    return this;
  }

  /** The fields in order, names as received. */
  entries(): ReadonlyArray<{ readonly name: string; readonly value: string }> {
    return this.fields;
  }

  clone(): SipHeaders {
    return new SipHeaders(this.fields.map((f) => [f.name, f.value] as const));
  }
}

const COMPACT_FORMS: Readonly<Record<string, string>> = {
  i: 'call-id',
  f: 'from',
  t: 'to',
  v: 'via',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  u: 'allow-events',
};

/** Headers whose grammar is a comma-separated list (RFC 3261 §7.3.1), so several fields equal one joined field. */
const LIST_HEADERS: ReadonlySet<string> = new Set([
  'via',
  'route',
  'record-route',
  'contact',
  'allow',
  'supported',
  'require',
  'proxy-require',
  'unsupported',
  'accept',
  'accept-encoding',
  'accept-language',
  'content-encoding',
  'allow-events',
  'in-reply-to',
  'path',
]);

/** Well-known spellings, so headers a B2BUA writes look like every other SIP element's. */
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  'call-id': 'Call-ID',
  cseq: 'CSeq',
  'www-authenticate': 'WWW-Authenticate',
  'mime-version': 'MIME-Version',
};

/** Names seen most (the ones the stack looks up and every peer sends), resolved once; bounded against junk names. */
const CANONICAL_CACHE = new Map<string, string>();
const CANONICAL_CACHE_LIMIT = 512;

/** Lower-case long form of a header name. */
export function canonicalHeaderName(name: string): string {
  const cached = CANONICAL_CACHE.get(name);
  if (cached !== undefined) return cached;
  const lower = name.toLowerCase();
  const canonical = COMPACT_FORMS[lower] ?? lower;
  if (CANONICAL_CACHE.size < CANONICAL_CACHE_LIMIT) CANONICAL_CACHE.set(name, canonical);
  return canonical;
}

/** How the stack spells a header it writes: "Call-ID", "Content-Length", "WWW-Authenticate". */
export function displayHeaderName(canonical: string): string {
  return (
    DISPLAY_NAMES[canonical] ??
    canonical.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
  );
}

/** Splits a header value at commas outside quoted strings and angle brackets. */
export function splitHeaderList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '<') depth++;
    else if (c === '>') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p.length > 0);
}
