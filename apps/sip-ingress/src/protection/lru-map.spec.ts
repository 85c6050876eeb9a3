import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('evicts the least recently used entry past its capacity and reports it', () => {
    const evicted: string[] = [];
    const map = new LruMap<string, number>(2, (key) => evicted.push(key));
    map.set('a', 1).set('b', 2);
    map.get('a');
    map.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect([...map].map(([key]) => key)).toEqual(['a', 'c']);
    expect(map.size).toBe(2);
  });

  it('does not count peek as a use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    expect(map.peek('a')).toBe(1);
    map.set('c', 3);
    expect(map.has('a')).toBe(false);
  });

  it('refuses a capacity below one', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});
