import { describe, expect, it } from 'vitest';
import { formatCount, formatNs, formatRatio } from './sweep-format.ts';

describe('formatting', () => {
  it('groups thousands', () => {
    expect(formatCount(65_536)).toBe('65,536');
    expect(formatCount(1)).toBe('1');
  });

  it('shows two or three significant digits of nanoseconds, keeping trailing zeros in a column', () => {
    expect(formatNs(0.0123)).toBe('0.012');
    expect(formatNs(0.5)).toBe('0.50');
    expect(formatNs(3.456)).toBe('3.46');
    expect(formatNs(12.34)).toBe('12.3');
    expect(formatNs(1234.5)).toBe('1,235');
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatNs(Number.NaN)).toThrow(RangeError);
    expect(() => formatRatio(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('shows ratios with one decimal below ten', () => {
    expect(formatRatio(3.04)).toBe('3.0×');
    expect(formatRatio(42.4)).toBe('42×');
  });
});
