import { describe, expect, it } from 'vitest';
import { chartModel, DEFAULT_FRAME, decadeDomain, formatBatchTick, formatTick, frameForWidth, logScale, logTicks } from './sweep-chart.ts';
import type { LearnerPoint, SweepPoint } from './sweep-protocol.ts';

describe('logScale', () => {
  it('maps the ends of the domain to the ends of the range and is linear in the logarithm', () => {
    const x = logScale(1, 65_536, 0, 160);
    expect(x(1)).toBe(0);
    expect(x(65_536)).toBeCloseTo(160);
    expect(x(256)).toBeCloseTo(80);
  });

  it('can run downwards, as a y axis does', () => {
    const y = logScale(0.1, 1000, 300, 0);
    expect(y(0.1)).toBeCloseTo(300);
    expect(y(10)).toBeCloseTo(150);
  });

  it('rejects impossible domains and values', () => {
    expect(() => logScale(0, 10, 0, 1)).toThrow(RangeError);
    expect(() => logScale(5, 5, 0, 1)).toThrow(RangeError);
    expect(() => logScale(1, Number.POSITIVE_INFINITY, 0, 1)).toThrow(RangeError);
    const x = logScale(1, 10, 0, 1);
    expect(() => x(0)).toThrow(RangeError);
    expect(() => x(Number.NaN)).toThrow(RangeError);
  });
});

describe('decadeDomain and logTicks', () => {
  it('encloses the data in powers of ten', () => {
    expect(decadeDomain(0.34, 87)).toEqual([0.1, 100]);
    expect(decadeDomain(1, 1)).toEqual([1, 10]);
    expect(decadeDomain(3, 3)).toEqual([1, 10]);
  });

  it('uses 1-2-5 ticks over a few decades and decades only over many', () => {
    expect(logTicks(1, 100)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
  });

  it('drops the 2 and 5 ticks on a short axis', () => {
    expect(logTicks(0.1, 100, 120)).toEqual([0.1, 1, 10, 100]);
    expect(logTicks(0.1, 100, 400)).toHaveLength(10);
  });

  it('labels ticks plainly', () => {
    expect(formatTick(0.05)).toBe('0.05');
    expect(formatTick(1000)).toBe('1,000');
    expect(formatBatchTick(4096)).toBe('4K');
    expect(formatBatchTick(512)).toBe('512');
  });
});

describe('chartModel', () => {
  const sweep: SweepPoint[] = Array.from({ length: 17 }, (_, index) => ({
    batchSize: 2 ** index,
    perElement: 5,
    batched: 40 / (index + 1),
    plainJs: 2,
  }));

  it('places one point per batch size in each of the three series, inside the plot', () => {
    const model = chartModel(sweep);
    expect(model.series.map((series) => series.method)).toEqual(['perElement', 'batched', 'plainJs']);
    for (const series of model.series) {
      expect(series.points).toHaveLength(17);
      for (const point of series.points) {
        expect(point.x).toBeGreaterThanOrEqual(model.plot.left);
        expect(point.x).toBeLessThanOrEqual(model.plot.right);
        expect(point.y).toBeGreaterThanOrEqual(model.plot.top);
        expect(point.y).toBeLessThanOrEqual(model.plot.bottom);
      }
      expect(series.path.match(/[ML]/g)).toHaveLength(17);
    }
    const batched = model.series[1]?.points ?? [];
    expect(batched[0]?.x).toBe(DEFAULT_FRAME.margin.left);
    expect(batched.at(-1)?.x).toBe(DEFAULT_FRAME.width - DEFAULT_FRAME.margin.right);
    // Slower is higher on the chart: smaller y.
    expect((batched[0]?.y ?? 0) < (batched.at(-1)?.y ?? 0)).toBe(true);
  });

  it('ticks every other power of two across 16 octaves, and every fourth on a phone', () => {
    expect(chartModel(sweep).xTicks.map((tick) => tick.label)).toEqual(['1', '4', '16', '64', '256', '1K', '4K', '16K', '64K']);
    expect(chartModel(sweep, frameForWidth(330)).xTicks.map((tick) => tick.label)).toEqual(['1', '16', '256', '4K', '64K']);
  });

  it('ticks every power of two when there is room', () => {
    const short = sweep.slice(0, 5);
    expect(chartModel(short).xTicks.map((tick) => tick.value)).toEqual([1, 2, 4, 8, 16]);
  });

  it('shortens the axis titles in a narrow frame', () => {
    expect(chartModel(sweep).xLabel).toBe('Batch size (elements per call, log₂ scale)');
    expect(chartModel(sweep, frameForWidth(330)).xLabel).toBe('Batch size (log₂ scale)');
  });

  it('centres a single point', () => {
    const model = chartModel([{ batchSize: 8, perElement: 1, batched: 2, plainJs: 3 }]);
    const x = model.series[0]?.points[0]?.x ?? 0;
    expect(x).toBeCloseTo((model.plot.left + model.plot.right) / 2, 1);
  });

  it("adds the two runner builds, the learner's kernel through its right results only, and marks its wrong ones on the axis", () => {
    const learner: LearnerPoint[] = sweep.map((point) =>
      point.batchSize < 4
        ? { batchSize: point.batchSize, lessonNs: point.batched, ok: false, start: 0, length: point.batchSize, got: 0, expected: 1 }
        : { batchSize: point.batchSize, lessonNs: point.batched, ok: true, ns: point.batched * 100 },
    );
    const model = chartModel(sweep, DEFAULT_FRAME, learner);
    expect(model.series.map((series) => series.method)).toEqual(['perElement', 'batched', 'plainJs', 'lessonBuild', 'learner']);
    expect(model.series[3]?.points).toHaveLength(17);
    const mine = model.series[4]?.points ?? [];
    expect(mine.map((point) => point.batchSize)).toEqual(sweep.slice(2).map((point) => point.batchSize));
    // The y axis grew to hold the slower learner series.
    for (const point of mine) expect(point.y).toBeGreaterThanOrEqual(model.plot.top);
    expect(model.wrong.map((mark) => mark.batchSize)).toEqual([1, 2]);
    expect(model.wrong[0]?.x).toBe(DEFAULT_FRAME.margin.left);
    expect(chartModel(sweep).wrong).toEqual([]);
  });

  it('rejects points it cannot place', () => {
    expect(() => chartModel([])).toThrow(RangeError);
    expect(() => chartModel([{ batchSize: 1, perElement: Number.NaN, batched: 1, plainJs: 1 }])).toThrow(RangeError);
    expect(() => chartModel([{ batchSize: 1, perElement: Number.POSITIVE_INFINITY, batched: 1, plainJs: 1 }])).toThrow(RangeError);
  });
});

describe('frameForWidth', () => {
  it('keeps about one SVG unit per pixel between 280 and 640 px', () => {
    expect(frameForWidth(1200)).toEqual(DEFAULT_FRAME);
    expect(frameForWidth(330)).toMatchObject({ width: 330, height: 248 });
    expect(frameForWidth(100).width).toBe(280);
    expect(frameForWidth(Number.NaN).width).toBe(640);
  });
});
