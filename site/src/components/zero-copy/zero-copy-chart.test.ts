import { describe, expect, it } from 'vitest';
import { frameForWidth } from '../batch-sweep/sweep-chart.ts';
import { formatTimeTick, zeroCopyChartModel, zeroCopyFrame } from './zero-copy-chart.ts';
import { formatVectorSize } from './zero-copy-format.ts';
import { points, typicalResult } from './zero-copy-result.fixture.ts';
import { VECTOR_BYTES } from './zero-copy-workload.ts';

describe('zeroCopyChartModel', () => {
  it('places one point per size for each way, inside the plot, the slower way higher', () => {
    const model = zeroCopyChartModel(typicalResult.points);
    expect(model.series.map((series) => series.way)).toEqual(['copied', 'inPlace']);
    const [copied, inPlace] = model.series;
    for (const series of model.series) {
      expect(series.points.map((point) => point.bytes)).toEqual(typicalResult.points.map((point) => point.bytes));
      for (const point of series.points) {
        expect(point.x).toBeGreaterThanOrEqual(model.plot.left);
        expect(point.x).toBeLessThanOrEqual(model.plot.right);
        expect(point.y).toBeGreaterThanOrEqual(model.plot.top);
        expect(point.y).toBeLessThanOrEqual(model.plot.bottom);
      }
      expect(series.path).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+){4}$/);
    }
    for (const [index, point] of (copied?.points ?? []).entries()) expect(point.y).toBeLessThan(inPlace?.points[index]?.y as number);
    expect(copied?.points[0]?.x).toBe(model.plot.left);
    expect(copied?.points.at(-1)?.x).toBe(model.plot.right);
  });

  it('labels time ticks in the unit that fits, over whole decades', () => {
    const model = zeroCopyChartModel(typicalResult.points);
    expect(model.yTicks.map((tick) => tick.label)).toEqual(['10 ns', '100 ns', '1 µs', '10 µs', '100 µs', '1 ms', '10 ms']);
    expect([2, 500, 2000, 5e6].map(formatTimeTick)).toEqual(['2 ns', '500 ns', '2 µs', '5 ms']);
  });

  it('labels every size when there is room, and keeps labels apart on a phone', () => {
    const sweep = points(...VECTOR_BYTES.map((bytes): [number, number, number] => [bytes, bytes * 2, bytes]));
    const wide = zeroCopyChartModel(sweep);
    expect(wide.xTicks.map((tick) => tick.label)).toEqual(VECTOR_BYTES.map(formatVectorSize));
    const narrow = zeroCopyChartModel(sweep, zeroCopyFrame(300));
    expect(narrow.xTicks.length).toBeLessThan(VECTOR_BYTES.length);
    expect(narrow.xTicks[0]?.label).toBe('16 B');
    for (const [index, tick] of narrow.xTicks.slice(1).entries())
      expect(tick.x - (narrow.xTicks[index]?.x as number)).toBeGreaterThanOrEqual(46);
    expect(narrow.xLabel).toBe('Vector size (log scale)');
  });

  it('centres a single size, and refuses an empty sweep', () => {
    const single = zeroCopyChartModel(points([4096, 200, 100]));
    expect(single.series[0]?.points[0]?.x).toBeCloseTo((single.plot.left + single.plot.right) / 2, 5);
    expect(() => zeroCopyChartModel([])).toThrow(/at least one size/);
  });

  it('leaves room for its wider labels: more margin than the other demos, left and right', () => {
    for (const width of [300, 640]) {
      const base = frameForWidth(width);
      const frame = zeroCopyFrame(width);
      expect([frame.width, frame.height]).toEqual([base.width, base.height]);
      expect(frame.margin.left - base.margin.left).toBe(16);
      expect(frame.margin.right - base.margin.right).toBe(18);
    }
  });
});
