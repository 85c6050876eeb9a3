import { TimeOrderedQueue } from './time-ordered-queue';

describe('TimeOrderedQueue', () => {
  it('pops by time, and in scheduling order at the same time', () => {
    const queue = new TimeOrderedQueue<number>();
    // 500 times in 0..50 from a fixed linear congruential sequence: many ties, no order.
    let x = 3;
    for (let i = 0; i < 500; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      queue.schedule(x % 51, i);
    }
    const popped: Array<{ at: number; index: number }> = [];
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop())
      popped.push({ at: entry.at, index: entry.item });
    expect(popped).toHaveLength(500);
    for (let i = 1; i < popped.length; i++) {
      const [a, b] = [popped[i - 1], popped[i]];
      expect(a.at < b.at || (a.at === b.at && a.index < b.index)).toBe(true);
    }
  });

  it('hands out only what is due', () => {
    const queue = new TimeOrderedQueue<string>();
    queue.schedule(20, 'later');
    queue.schedule(10, 'sooner');

    expect(queue.popDue(5)).toBeUndefined();
    expect(queue.peek()).toEqual({ at: 10, item: 'sooner' });
    expect(queue.popDue(15)).toEqual({ at: 10, item: 'sooner' });
    expect(queue.popDue(15)).toBeUndefined();
    expect(queue.peekTime()).toBe(20);
    expect(queue.size).toBe(1);
  });

  it('refuses a time that is not a number', () => {
    expect(() => new TimeOrderedQueue<string>().schedule(Number.NaN, 'x')).toThrow('cannot schedule at NaN');
  });
});
