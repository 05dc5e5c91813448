import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, collectErrors } from './helpers.ts';

const METHODS = ['perElement', 'batched', 'plainJs'] as const;

test('a Rust panic in the kernel is shown, the worker is replaced, and the sweep then runs to the end', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const demo = page.locator('[data-batch-sweep]');

  await demo.locator('summary').click();
  await demo.getByRole('button', { name: 'Make the kernel panic' }).click();
  await expect(demo.locator('[data-error]')).toContainText('RuntimeError: unreachable');

  const errors = collectErrors(page);
  await demo.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(demo.locator('progress')).toBeVisible();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: 150_000 });
  await expect(demo.locator('[data-error]')).toBeHidden();
  expect(errors).toEqual([]);

  const rows = demo.locator('tbody tr');
  await expect(rows).toHaveCount(17);
  const table = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      batch: Number((tr as HTMLElement).dataset.batch),
      cells: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent?.replaceAll(',', ''))),
    })),
  );
  expect(table.map((row) => row.batch)).toEqual(Array.from({ length: 17 }, (_, index) => 2 ** index));
  for (const row of table) {
    expect(row.cells).toHaveLength(3);
    for (const ns of row.cells) {
      expect(Number.isFinite(ns), `batch ${row.batch}: ${row.cells.join(', ')}`).toBe(true);
      expect(ns).toBeGreaterThan(0);
    }
  }

  for (const method of METHODS) {
    await expect(demo.locator(`svg[data-chart] .point[data-series="${method}"]`)).toHaveCount(17);
  }
  await expect(demo.locator('svg[data-chart] title').first()).toHaveText(/ns/);
  await expect(demo.locator('[data-reading]')).toHaveText(/(Batching pays off from|Batched calls were faster|No crossover)/);

  await page.reload();
  await expect(demo.locator('[data-status]')).toContainText('Showing your last run, measured');
  await expect(demo.locator('svg[data-chart] .point[data-series="batched"]')).toHaveCount(17);
  await expect(demo.locator('[data-reading]')).toBeVisible();
});
