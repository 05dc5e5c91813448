import { describe, expect, it } from 'vitest';
import { DEFAULT_FRAME, frameForWidth } from '../batch-sweep/sweep-chart.ts';
import { gcChartModel, tailPosition } from './gc-window-chart.ts';
import { jsTailResult, withDistributions } from './gc-window-result.fixture.ts';

describe('tailPosition', () => {
  it('spaces p50, p90, p99 and p99.9 a power of ten apart from p90 on', () => {
    expect(tailPosition(0)).toBe(1);
    expect(tailPosition(50)).toBe(2);
    expect(tailPosition(90)).toBeCloseTo(10);
    expect(tailPosition(99.9)).toBeCloseTo(1000);
    expect(() => tailPosition(100)).toThrow(RangeError);
    expect(() => tailPosition(-1)).toThrow(RangeError);
  });
});

describe('gcChartModel', () => {
  it('draws both curves inside the plot, from the fastest batch at the left edge to the slowest', () => {
    const model = gcChartModel(jsTailResult);
    expect(model.series.map((series) => series.variant)).toEqual(['jsObjects', 'rustWasm']);
    for (const series of model.series) {
      expect(series.points).toHaveLength(6);
      expect(series.points[0]?.x).toBe(DEFAULT_FRAME.margin.left);
      expect(series.points.map((point) => point.isMax)).toEqual([false, false, false, false, false, true]);
      expect(series.points.at(-1)?.x).toBeCloseTo(DEFAULT_FRAME.width - DEFAULT_FRAME.margin.right);
      for (const point of series.points) {
        expect(point.y).toBeGreaterThanOrEqual(model.plot.top);
        expect(point.y).toBeLessThanOrEqual(model.plot.bottom);
      }
      expect(series.path.match(/[ML]/g)).toHaveLength(6);
    }
    // The JavaScript window's slowest batch is higher up (a smaller y) than the Rust window's.
    expect(model.series[0]?.points.at(-1)?.y ?? 0).toBeLessThan(model.series[1]?.points.at(-1)?.y ?? 0);
    expect(model.xTicks.map((tick) => tick.label)).toEqual(['min', 'p50', 'p90', 'p99', 'p99.9']);
    expect(model.yTicks.length).toBeGreaterThan(2);
  });

  it('draws a time below one clock step on the step, and labels axes shorter in a narrow frame', () => {
    const zero = { p50: 0, p90: 0, p99: 0.1, p999: 0.2, max: 0.3 };
    const model = gcChartModel(withDistributions(zero, zero), frameForWidth(300));
    const first = model.series[0]?.points[0];
    expect(first?.ms).toBe(0);
    expect(first?.y).toBe(model.series[0]?.points[3]?.y);
    expect(model.floorMs).toBe(0.1);
    expect(model.xLabel).toBe('Percentile of batches');
    expect(model.xTicks.map((tick) => tick.label)).toEqual(['p50', 'p90', 'p99', 'p99.9']);
  });

  it('refuses a variant without a curve', () => {
    const empty = structuredClone(jsTailResult);
    empty.variants.rustWasm.curve = [];
    expect(() => gcChartModel(empty)).toThrow(/rustWasm window has no percentile curve/);
  });
});
