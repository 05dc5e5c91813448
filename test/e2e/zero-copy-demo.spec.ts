// Lesson 03's in-page demo in Chromium: the sweep runs both ways at every size in its worker and fills
// the table, the chart, the reading and the clock line; the detach experiment shows the old view at
// length 0 beside a whole new one; a reload shows the last sweep; a wasm module that cannot load is
// reported and the button then runs the sweep.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolationsInBothSchemes, collectErrors } from './helpers.ts';

const ZERO_COPY_LESSON = '/lessons/03-zero-copy/';
/** 16 B to 16 MiB in steps of 4× (VECTOR_BYTES in site/src/components/zero-copy/zero-copy-workload.ts). */
const SIZES = Array.from({ length: 11 }, (_, index) => 16 * 4 ** index);
const CELLS = ['copied', 'inPlace', 'copiedGbps', 'inPlaceGbps', 'share'] as const;
/** The opening of each of the reading's templates (describeZeroCopy in zero-copy-reading.ts). */
const READING = new RegExp(
  [
    "Up to \\S+ \\S+ the glue's copies cost more",
    "From \\S+ \\S+ on the glue's copies cost more",
    "At the largest size, \\S+ \\S+, the glue's copies cost more",
    "At every size from \\S+ \\S+ to \\S+ \\S+ the glue's copies cost more",
    ".+, and again .+, the glue's copies cost more than the kernel itself: at the small end",
    ".+ the glue's copies cost more than the kernel itself, but not at the sizes between",
    "At no size did the glue's copies",
    'No clear difference on this machine',
  ]
    .map((opening) => `^${opening}`)
    .join('|'),
);
/** A sweep takes about 10 s in headless Chromium on 2 cores. */
const RUN_TIMEOUT = 120_000;

/** The sweep's table as numbers: one row per size, the five cells of each. */
async function sweepTable(demo: Locator): Promise<{ bytes: number; cells: Record<string, number> }[]> {
  return demo.locator('table[data-table="sweep"] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      bytes: Number((tr as HTMLElement).dataset.bytes),
      cells: Object.fromEntries(
        [...tr.querySelectorAll<HTMLElement>('td')].map((td) => [
          td.dataset.cell ?? '',
          Number(td.textContent?.replaceAll(',', '').replace('%', '')),
        ]),
      ),
    })),
  );
}

async function expectChartPoints(demo: Locator): Promise<void> {
  for (const way of ['copied', 'inPlace']) {
    await expect(demo.locator(`svg[data-chart] .point[data-series="${way}"]`)).toHaveCount(SIZES.length);
  }
  await expect(demo.locator('svg[data-chart] .point title').first()).toHaveText(/ per call at 16 B$/);
}

async function runSweep(page: Page, demo: Locator): Promise<void> {
  await demo.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(demo.locator('progress')).toBeVisible();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: RUN_TIMEOUT });
  await expect(page.locator('[data-zero-copy] [data-error]')).toBeHidden();
}

test('the sweep runs both ways at every size; the detach experiment shows a dead old view and a whole new one; axe-clean in both schemes; a reload shows the sweep', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(ZERO_COPY_LESSON);
  const demo = page.locator('[data-zero-copy]');
  await runSweep(page, demo);
  await expect(demo.getByRole('button', { name: 'Run the sweep again' })).toBeEnabled();

  const table = await sweepTable(demo);
  expect(table.map((row) => row.bytes)).toEqual(SIZES);
  for (const row of table) {
    expect(Object.keys(row.cells)).toEqual([...CELLS]);
    for (const cell of ['copied', 'inPlace', 'copiedGbps', 'inPlaceGbps'] as const) {
      const value = row.cells[cell] as number;
      expect(Number.isFinite(value), `${row.bytes} B, ${cell}: ${JSON.stringify(row.cells)}`).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
    expect(row.cells.share).toBeGreaterThanOrEqual(0);
    expect(row.cells.share).toBeLessThan(100);
  }
  await expectChartPoints(demo);
  await expect(demo.locator('[data-reading]')).toHaveText(READING);
  await expect(demo.locator('[data-clock]')).toHaveText(/^performance\.now\(\) advanced in steps of [\d.]+ ms in the worker/);
  await expect(demo.locator('[data-clock]')).toContainText(
    (await page.evaluate(() => crossOriginIsolated)) ? 'is cross-origin isolated' : 'is not cross-origin isolated',
  );
  // What this run measured, in the test's output (the numbers the lesson's demo gives on this machine).
  console.log(`zero-copy sweep:\n${table.map((row) => `${row.bytes} B ${JSON.stringify(row.cells)}`).join('\n')}`);
  console.log(await demo.locator('[data-reading]').textContent());
  console.log(await demo.locator('[data-clock]').textContent());

  const experiment = demo.locator('[data-detach-experiment]');
  await experiment.getByRole('button', { name: 'Grow the memory' }).click();
  await expect(experiment.locator('[data-detach-reading]')).toBeVisible({ timeout: 30_000 });
  const fact = (name: string) => experiment.locator(`tr[data-fact="${name}"] td`);
  await expect(fact('oldBefore')).toHaveText('1,024');
  await expect(fact('oldAfter')).toHaveText('0');
  await expect(fact('oldBuffer')).toHaveText('0');
  await expect(fact('fresh')).toHaveText('1,024');
  await expect(fact('kept')).toHaveText('yes');
  await expect(fact('memory')).toHaveText(/^[\d.]+ [KMG]iB → [\d.]+ [KMG]iB$/);
  await expect(experiment).toHaveAttribute('data-old-view-length', '0');
  await expect(experiment).toHaveAttribute('data-fresh-view-length', '1024');
  await expect(experiment.locator('[data-detach-reading]')).toHaveText(
    /^Rust was asked for [\d.]+ [KMG]iB, and the memory grew from .* The view made before the grow now has length 0: .* A view made again from memory\.buffer has all 1,024 values, and they are the ones written before the grow/,
  );
  console.log(
    `detach: ${(await experiment.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim()))).join('; ')}`,
  );
  expect(errors).toEqual([]);

  expect(await axeViolationsInBothSchemes(page)).toEqual([]);

  await page.reload();
  await expect(demo.locator('[data-status]')).toContainText('Showing your last sweep, measured');
  expect(await sweepTable(demo)).toEqual(table);
  await expectChartPoints(demo);
  await expect(demo.locator('[data-reading]')).toHaveText(READING);
  await expect(demo.getByRole('button', { name: 'Run the sweep again' })).toBeEnabled();
});

test('a wasm module that cannot be loaded is reported in the alert, and the Run button then runs the sweep', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }));
  await page.goto(ZERO_COPY_LESSON);
  const demo = page.locator('[data-zero-copy]');
  await demo.getByRole('button', { name: 'Run the sweep' }).click();
  const alert = demo.getByRole('alert');
  await expect(alert).toContainText("The sweep failed: Error: lesson 03's WebAssembly module could not be loaded", {
    timeout: RUN_TIMEOUT,
  });
  await expect(alert).toContainText('Press “Run the sweep” to try again.');
  await expect(demo).not.toHaveAttribute('data-measured-at');

  await page.unroute('**/*.wasm');
  await runSweep(page, demo);
  await expect(alert).toBeHidden();
  await expect(demo.locator('[data-reading]')).toHaveText(READING);
});
