import { describe, expect, it } from 'vitest';
import { formatDateTime } from './date-time.ts';

describe('formatDateTime', () => {
  it('formats a time in a given zone', () => {
    expect(formatDateTime('2026-11-21T14:35:00Z', 'UTC')).toBe('21 Nov 2026, 14:35');
    expect(formatDateTime('2026-11-21T14:35:00Z', 'Asia/Tokyo')).toBe('21 Nov 2026, 23:35');
  });

  it('rejects a non-date', () => {
    expect(() => formatDateTime('yesterday')).toThrow(RangeError);
  });
});
