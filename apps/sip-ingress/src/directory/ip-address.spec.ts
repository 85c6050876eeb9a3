import { formatIpAddress, isIpLiteral, parseAddressRange, parseIpAddress, rangeContains } from './ip-address';

const ip = (text: string) => {
  const address = parseIpAddress(text);
  if (!address) throw new Error(`not an address: ${text}`);
  return address;
};

describe('IP addresses and ranges', () => {
  it('parses IPv4, IPv6 with brackets and zones, and IPv4-mapped IPv6 as IPv4', () => {
    expect(ip('192.0.2.1')).toEqual({ family: 4, value: 0xc0000201n });
    expect(ip('[2001:db8::1]')).toEqual({ family: 6, value: 0x20010db8000000000000000000000001n });
    expect(ip('fe80::1%eth0').family).toBe(6);
    expect(ip('::ffff:127.0.0.1')).toEqual(ip('127.0.0.1'));
    expect(ip('::1').value).toBe(1n);
    expect(parseIpAddress('demo.cc.local')).toBeUndefined();
    expect(parseIpAddress('256.0.0.1')).toBeUndefined();
    expect(isIpLiteral('[::1]')).toBe(true);
  });

  it('formats IPv6 per RFC 5952', () => {
    expect(formatIpAddress(ip('2001:0DB8:0:0:0:0:0:1'))).toBe('2001:db8::1');
    expect(formatIpAddress(ip('2001:db8:0:1:0:0:0:1'))).toBe('2001:db8:0:1::1');
    expect(formatIpAddress(ip('::'))).toBe('::');
    expect(formatIpAddress(ip('1:2:3:4:5:6:7:8'))).toBe('1:2:3:4:5:6:7:8');
    expect(formatIpAddress(ip('64:ff9b::192.0.2.33'))).toBe('64:ff9b::c000:221');
  });

  it('parses CIDR blocks to canonical text and refuses host bits and bad prefixes', () => {
    expect(parseAddressRange('127.0.0.0/8')?.text).toBe('127.0.0.0/8');
    expect(parseAddressRange('192.0.2.7')?.text).toBe('192.0.2.7');
    expect(parseAddressRange('192.0.2.7/32')?.text).toBe('192.0.2.7');
    expect(parseAddressRange('2001:DB8::/32')?.text).toBe('2001:db8::/32');
    expect(parseAddressRange('::1')?.text).toBe('::1');
    expect(parseAddressRange('127.0.0.1/8')).toBeUndefined();
    expect(parseAddressRange('10.0.0.0/33')).toBeUndefined();
    expect(parseAddressRange('10.0.0.0/x')).toBeUndefined();
    expect(parseAddressRange('carrier.example')).toBeUndefined();
  });

  it('tells whether a range contains an address, family by family', () => {
    const loopback = parseAddressRange('127.0.0.0/8')!;
    expect(rangeContains(loopback, ip('127.1.2.3'))).toBe(true);
    expect(rangeContains(loopback, ip('128.0.0.1'))).toBe(false);
    expect(rangeContains(loopback, ip('::ffff:127.0.0.1'))).toBe(true);
    expect(rangeContains(loopback, ip('::1'))).toBe(false);
    const v6 = parseAddressRange('2001:db8::/32')!;
    expect(rangeContains(v6, ip('2001:db8:ffff::1'))).toBe(true);
    expect(rangeContains(v6, ip('2001:db9::1'))).toBe(false);
    expect(rangeContains(parseAddressRange('0.0.0.0/0')!, ip('203.0.113.1'))).toBe(true);
  });
});
