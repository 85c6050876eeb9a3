import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** An allowed source: an address or a CIDR block, IPv4 or IPv6. */
export interface AddressRange {
  family: 4 | 6;
  /** The first address of the block (host bits zero). */
  base: bigint;
  prefix: number;
  /** Canonical text: "192.0.2.0/24", "2001:db8::/32"; a single address without "/32" or "/128". */
  text: string;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * Parses "192.0.2.1", "2001:db8::1", "[2001:db8::1]" and "fe80::1%eth0" (the zone is ignored). An IPv4-mapped IPv6
 * address (::ffff:192.0.2.1, what a dual-stack socket reports) is the IPv4 address it maps.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  let host = text.trim();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  if (isIPv4(host)) return { family: 4, value: ipv4Value(host) };
  if (!isIPv6(host)) return undefined;
  const value = ipv6Value(host);
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

export function isIpLiteral(host: string): boolean {
  return parseIpAddress(host) !== undefined;
}

/** Parses an address or CIDR block; host bits set below the prefix are refused (a likely typo). */
export function parseAddressRange(text: string): AddressRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const bits: number = BITS[address.family];
  let prefix = bits;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  if ((address.value >> hostBits) << hostBits !== address.value) return undefined;
  const formatted = formatIpAddress(address);
  return {
    family: address.family,
    base: address.value,
    prefix,
    text: prefix === bits ? formatted : `${formatted}/${prefix}`,
  };
}

export function rangeContains(range: AddressRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const hostBits = BigInt(BITS[range.family] - range.prefix);
  return address.value >> hostBits === range.base >> hostBits;
}

/** Dotted quad for IPv4, RFC 5952 text (lower case, longest zero run as "::") for IPv6. */
export function formatIpAddress(address: IpAddress): string {
  if (address.family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 0xffn)).join('.');
  }
  const groups = Array.from({ length: 8 }, (_, i) => Number((address.value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Value(text: string): bigint {
  let head = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const v4 = Number(ipv4Value(dotted));
    tail = [v4 >>> 16, v4 & 0xffff];
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const leftGroups = parse(left);
  const rightGroups = [...parse(right), ...tail];
  const zeros = right === undefined ? [] : new Array<number>(8 - leftGroups.length - rightGroups.length).fill(0);
  const groups = right === undefined ? [...leftGroups, ...tail] : [...leftGroups, ...zeros, ...rightGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}
