import { NonceCounts } from './nonce-counts';

describe('nonce counts', () => {
  it('accepts only increasing counts per nonce', () => {
    const counts = new NonceCounts(10, 0);
    expect(counts.accept('n1', 5, 1)).toBe('ok');
    expect(counts.accept('n1', 5, 1)).toBe('replayed');
    expect(counts.accept('n1', 5, 3)).toBe('ok');
    expect(counts.accept('n1', 5, 2)).toBe('replayed');
    expect(counts.accept('n2', 6, 1)).toBe('ok');
  });

  it('stays within its capacity and forgets safely: older untracked nonces must be renewed', () => {
    const counts = new NonceCounts(2, 0);
    counts.accept('a', 10, 1);
    counts.accept('b', 20, 1);
    counts.accept('c', 30, 1);
    expect(counts.size).toBe(2);
    expect(counts.accept('a', 10, 2)).toBe('forgotten');
    expect(counts.accept('d', 5, 1)).toBe('forgotten');
    expect(counts.accept('e', 11, 1)).toBe('ok');
  });

  it('forgets nonces issued before the process started (their counts were lost)', () => {
    const counts = new NonceCounts(10, 1000);
    expect(counts.accept('old', 999, 1)).toBe('forgotten');
    expect(counts.accept('new', 1000, 1)).toBe('ok');
  });
});
