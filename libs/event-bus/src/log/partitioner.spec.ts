import { murmur2, partitionForKey } from './partitioner';

describe('partitionForKey', () => {
  it('matches the murmur2 values of the Java client for known keys', () => {
    // Reference values from Kafka's Java Utils.murmur2 (clients/src/test/.../UtilsTest.java).
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it('keeps a key on one partition and spreads keys over all partitions', () => {
    const partitions = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const p = partitionForKey(`domain-${i}`, 12);
      expect(p).toBe(partitionForKey(`domain-${i}`, 12));
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(12);
      partitions.add(p);
    }
    expect(partitions.size).toBe(12);
  });
});
