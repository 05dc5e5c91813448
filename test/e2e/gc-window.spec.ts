// Lesson 02's in-page demo in Chromium: both windows run in their workers, agree, and fill the
// percentile table, the chart, the memory table and the reading; a reload shows the last run; a wasm
// module that cannot load is reported and the button works again.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolationsInBothSchemes, collectErrors } from './helpers.ts';

const GC_LESSON = '/lessons/02-gc-pressure/';
const VARIANTS = ['jsObjects', 'rustWasm'] as const;
const STATS = ['p50', 'p90', 'p99', 'p999', 'max'] as const;
const STORAGE_KEY = 'hybrid-lab:gc-window:last-result:v1';
const READING =
  /^(The JavaScript window had the higher tail on this run|The Rust window had the higher tail on this run|No clear difference on this machine)/;
/** A run of both windows; the demo is sized for well under 20 s in headless Chromium on 2 cores. */
const RUN_TIMEOUT = 90_000;

/** The percentile table as numbers: one row per statistic, one number per variant. */
async function percentileTable(demo: Locator): Promise<Record<string, number[]>> {
  const rows = await demo
    .locator('table[data-table="percentiles"] tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [
        (tr as HTMLElement).dataset.row ?? '',
        [...tr.querySelectorAll('td')].map((td) => Number(td.textContent?.replaceAll(',', ''))),
      ]),
    );
  return Object.fromEntries(rows);
}

/** Curve lengths of the stored run, per variant. */
async function storedCurveLengths(page: Page): Promise<number[]> {
  return page.evaluate(
    ([key, variants]) => {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as { variants: Record<string, { curve: unknown[] }> } | null;
      return variants.map((variant) => stored?.variants[variant]?.curve.length ?? 0);
    },
    [STORAGE_KEY, VARIANTS] as const,
  );
}

async function expectChartPoints(demo: Locator, lengths: number[]): Promise<void> {
  for (const [index, variant] of VARIANTS.entries()) {
    expect(lengths[index], `${variant}'s curve`).toBeGreaterThan(20);
    await expect(demo.locator(`svg[data-chart] .point[data-series="${variant}"]`)).toHaveCount(lengths[index] as number);
  }
}

test('both windows run and agree; percentiles, chart, memory, clock and reading are shown, and again after a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(GC_LESSON);
  const demo = page.locator('[data-gc-window]');
  await demo.getByRole('button', { name: 'Run both windows' }).click();
  await expect(demo.locator('progress')).toBeVisible();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: RUN_TIMEOUT });
  await expect(demo.locator('[data-error]')).toBeHidden();
  await expect(demo.getByRole('button', { name: 'Run both windows again' })).toBeEnabled();

  const table = await percentileTable(demo);
  expect(Object.keys(table)).toEqual([...STATS]);
  for (const [index, variant] of VARIANTS.entries()) {
    const column = STATS.map((stat) => table[stat]?.[index] ?? Number.NaN);
    for (const ms of column) {
      expect(Number.isFinite(ms), `${variant}: ${column.join(', ')}`).toBe(true);
      expect(ms).toBeGreaterThan(0);
    }
    expect(column, `${variant}'s percentiles rise to the maximum`).toEqual([...column].sort((a, b) => a - b));
  }

  const lengths = await storedCurveLengths(page);
  await expectChartPoints(demo, lengths);
  await expect(demo.locator('svg[data-chart] .point title').first()).toHaveText(/ms at /);
  await expect(demo.locator('[data-reading]')).toHaveText(READING);
  await expect(demo.locator('[data-clock]')).toHaveText(/performance\.now\(\) advanced in steps of [\d.]+ ms/);
  await expect(demo.locator('[data-clock]')).toContainText(
    (await page.evaluate(() => crossOriginIsolated)) ? 'is cross-origin isolated' : 'is not cross-origin isolated',
  );
  const memory = demo.locator('table[data-table="memory"]');
  await expect(memory.locator('[data-row="wasm"] [data-variant="rustWasm"]')).toHaveText(/^[\d.]+ [KMG]iB → [\d.]+ [KMG]iB$/);
  await expect(memory.locator('[data-row="liveObjects"] [data-variant="jsObjects"]')).toHaveText(/^[\d,]+$/);
  await expect(memory.locator('[data-row="rustHeap"] [data-variant="rustWasm"]')).toHaveText(/^[\d.]+ [KMG]iB$/);
  // Chromium has no performance.memory in a worker: the page says so instead of showing the main thread's heap.
  await expect(memory.locator('[data-row="jsHeap"] [data-variant="jsObjects"]')).toHaveText('not available in a worker');
  await expect(demo.locator('[data-heap-note]')).toBeVisible();
  expect(errors).toEqual([]);

  // What this run measured, in the test's output (the numbers the lesson's demo gives on this machine).
  const memoryRows = await memory.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim()));
  console.log(`gc-window: ${JSON.stringify(table)}\n${memoryRows.join('\n')}\n${await demo.locator('[data-reading]').textContent()}`);
  console.log(await demo.locator('[data-clock]').textContent());

  await page.reload();
  await expect(demo.locator('[data-status]')).toContainText('Showing your last run, measured');
  expect(await percentileTable(demo)).toEqual(table);
  await expectChartPoints(demo, lengths);
  await expect(demo.locator('[data-reading]')).toHaveText(READING);

  expect(await axeViolationsInBothSchemes(page)).toEqual([]);
});

test('a wasm module that cannot be loaded is reported in the alert, and the button then runs both windows', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }));
  await page.goto(GC_LESSON);
  const demo = page.locator('[data-gc-window]');
  await demo.getByRole('button', { name: 'Run both windows' }).click();
  const alert = demo.getByRole('alert');
  await expect(alert).toContainText("The Rust in wasm memory run failed: Error: the Rust window's WebAssembly module could not be loaded", {
    timeout: RUN_TIMEOUT,
  });
  await expect(alert).toContainText('Press the button to measure again.');
  await expect(demo).not.toHaveAttribute('data-measured-at');

  await page.unroute('**/*.wasm');
  await demo.getByRole('button', { name: 'Run both windows' }).click();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: RUN_TIMEOUT });
  await expect(alert).toBeHidden();
  await expect(demo.locator('[data-reading]')).toHaveText(READING);
});
