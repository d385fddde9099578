import { boundedMemo } from './bounded-memo';

describe('boundedMemo', () => {
  it('computes once per key and starts afresh when its memory is full', () => {
    const computed: string[] = [];
    const upper = boundedMemo((word: string) => {
      computed.push(word);
      return word.toUpperCase();
    }, (word) => word, 2);
    expect([upper('a'), upper('a'), upper('b'), upper('b')]).toEqual(['A', 'A', 'B', 'B']);
    expect(computed).toEqual(['a', 'b']);
    expect(upper('c')).toBe('C');
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
