import { describe, expect, it } from 'vitest';
import { parseLineRange, sliceLines, splitLines } from './line-range.ts';

describe('line ranges', () => {
  const text = 'one\ntwo\nthree\nfour\n';

  it('counts lines without the empty one after a final newline', () => {
    expect(splitLines(text)).toEqual(['one', 'two', 'three', 'four']);
    expect(splitLines('a\r\nb')).toEqual(['a', 'b']);
    expect(splitLines('')).toEqual(['']);
  });

  it('parses a range or a single line and slices it', () => {
    expect(parseLineRange('2-3', 4, 'here')).toEqual({ first: 2, last: 3 });
    expect(parseLineRange(' 4 ', 4, 'here')).toEqual({ first: 4, last: 4 });
    expect(sliceLines(text, { first: 2, last: 3 })).toBe('two\nthree');
  });

  it('says what is wrong and where', () => {
    expect(() => parseLineRange('two-three', 4, 'SourceFile x')).toThrow(/^SourceFile x: lines="two-three" is not a line range/);
    expect(() => parseLineRange('3-2', 4, 'here')).toThrow(/last line >= the first/);
    expect(() => parseLineRange('0-2', 4, 'here')).toThrow(/first line >= 1/);
    expect(() => parseLineRange('3-9', 4, 'here')).toThrow(/past the end of the file, which has 4 lines/);
  });
});
