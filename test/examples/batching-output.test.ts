// The parser that lesson-examples.test.ts relies on must reject what a
// learner would call broken output, or the example test could pass on it.
import { describe, expect, it } from 'vitest';
import { expectedBatchSizes, parseBatchingOutput } from './batching-output.ts';

const wellFormed = [
  'Batching across cgo: dot product of two float32 arrays of 4 elements',
  '',
  '         mode  batch  cgo calls/pass  ns/element  vs pure Go',
  '  per-element      1               4      40.000      40.00x',
  '    per-batch      1               4      44.000      44.00x',
  '    per-batch      2               2      22.500      22.50x',
  '    per-batch      4               1      11.500      11.50x',
  '      pure-go      -               0       1.000       1.00x',
  '',
  'check: ok, all 5 loops computed 2, equal to the float64 reference',
  'model: ns/element = 43.00/batch + 0.500 (fit to the per-batch rows, weighted by relative error)',
  'reading: a crossing costs about 43.0 ns and an element 0.500 ns of work, so from batch size 2048 the crossing is under 5% of the cost; done.',
].join('\n');

describe('parseBatchingOutput', () => {
  it('reads every row, the check, the model and the reading', () => {
    const out = parseBatchingOutput(wellFormed);
    expect(out.dataLen).toBe(4);
    expect(out.rows.map((r) => [r.mode, r.batch])).toEqual([
      ['per-element', 1],
      ['per-batch', 1],
      ['per-batch', 2],
      ['per-batch', 4],
      ['pure-go', null],
    ]);
    expect(out.rows[2]?.nsPerElement).toBe(22.5);
    expect(out.checkLine.startsWith('check: ok')).toBe(true);
    expect(out.model).toEqual({ fixedNs: 43, perElementNs: 0.5 });
    expect(out.readingBatch).toBe(2048);
  });

  it('rejects a non-finite timing', () => {
    const broken = wellFormed.replace('22.500      22.50x', 'NaN      NaNx');
    expect(() => parseBatchingOutput(broken)).toThrow(/ns\/element of the per-batch row \(batch 2\) is "NaN"/);
  });

  it('rejects output without the reading line', () => {
    const broken = wellFormed
      .split('\n')
      .filter((l) => !l.startsWith('reading:'))
      .join('\n');
    expect(() => parseBatchingOutput(broken)).toThrow(/reading/);
  });

  it('rejects output without the check line', () => {
    const broken = wellFormed
      .split('\n')
      .filter((l) => !l.startsWith('check:'))
      .join('\n');
    expect(() => parseBatchingOutput(broken)).toThrow(/check/);
  });

  it('lists the powers of two up to the data length', () => {
    expect(expectedBatchSizes(1 << 16)).toHaveLength(17);
    expect(expectedBatchSizes(8)).toEqual([1, 2, 4, 8]);
  });
});
