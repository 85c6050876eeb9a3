import { RecordCache } from './record-cache';

function frameOf(length: number, fill: number): Buffer {
  return Buffer.alloc(length, fill);
}

describe('RecordCache', () => {
  it('hands out views of cached frames by segment and position', () => {
    const cache = new RecordCache(1_000);
    cache.add(0, 0, frameOf(100, 1));
    cache.add(0, 100, frameOf(50, 2));
    cache.add(1, 0, frameOf(80, 3));
    expect(cache.view(0, 10, 20)).toEqual(frameOf(20, 1));
    expect(cache.view(0, 120, 30)).toEqual(frameOf(30, 2));
    expect(cache.view(1, 0, 80)).toEqual(frameOf(80, 3));
    expect(cache.view(0, 90, 20)).toBeUndefined(); // spans two frames
    expect(cache.view(1, 80, 1)).toBeUndefined(); // after the last frame
    expect(cache.view(2, 0, 1)).toBeUndefined();
  });

  it('evicts the oldest frames past its budget, keeping a suffix of the log', () => {
    const cache = new RecordCache(250);
    for (let i = 0; i < 10; i++) cache.add(0, i * 100, frameOf(100, i));
    expect(cache.holds(0, 799)).toBe(false);
    expect(cache.holds(0, 800)).toBe(true);
    expect(cache.holds(1, 0)).toBe(true); // later than every cached frame: would be cached when written
    expect(cache.view(0, 750, 10)).toBeUndefined();
    expect(cache.view(0, 850, 10)).toEqual(frameOf(10, 8));
    expect(cache.view(0, 950, 10)).toEqual(frameOf(10, 9));
    // a frame larger than the budget stays until the next one comes
    cache.add(0, 1_000, frameOf(400, 10));
    expect(cache.view(0, 1_000, 400)).toEqual(frameOf(400, 10));
    expect(cache.holds(0, 999)).toBe(false);
  });

  it('finds frames after many evictions and drops the frames of deleted segments', () => {
    const cache = new RecordCache(10_000);
    for (let segment = 0; segment < 5; segment++) {
      for (let i = 0; i < 1_000; i++) cache.add(segment, i * 10, frameOf(10, (segment * 1_000 + i) % 256));
    }
    // 1,000 frames of 10 bytes are kept: the last ones of segment 4
    expect(cache.view(3, 9_990, 10)).toBeUndefined();
    for (let i = 0; i < 1_000; i += 97) expect(cache.view(4, i * 10 + 3, 5)).toEqual(frameOf(5, (4_000 + i) % 256));
    cache.add(5, 0, frameOf(10, 7));
    cache.dropBeforeSegment(5);
    expect(cache.holds(4, 9_990)).toBe(false);
    expect(cache.view(5, 0, 10)).toEqual(frameOf(10, 7));
  });
});
