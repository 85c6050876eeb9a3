import { sameValue } from './same-value';

describe('sameValue', () => {
  it.each<[unknown, unknown, boolean]>([
    [1, 1, true],
    ['a', 'b', false],
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [null, {}, false],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
  ])('sameValue(%j, %j) is %s', (a, b, expected) => {
    expect(sameValue(a, b)).toBe(expected);
  });
});
