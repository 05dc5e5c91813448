// Lesson 04's in-page demo in Chromium: the same panic in the kernels built with panic=abort (a trap,
// then a ledger that cannot be used again, then a new instance) and with panic=unwind (a PanicError,
// then a ledger that answers with wrong counts); every cell read at run time; axe-clean; a reload
// shows the run; a build that cannot load is reported and the button then runs the experiment.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolationsInBothSchemes, collectErrors } from './helpers.ts';

const PANICS_LESSON = '/lessons/04-panics/';
const RUN_TIMEOUT = 60_000;
const PANIC_MESSAGE = 'index out of bounds: the len is 4 but the index is 4';

const cell = (demo: Locator, row: string, build: 'abort' | 'unwind') => demo.locator(`tr[data-row="${row}"] td[data-build="${build}"]`);

async function runExperiment(page: Page, demo: Locator, button: string): Promise<void> {
  await demo.getByRole('button', { name: button }).click();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: RUN_TIMEOUT });
  await expect(page.locator('[data-wasm-panic] [data-error]')).toBeHidden();
}

async function expectTheTwoBuilds(demo: Locator): Promise<void> {
  await expect(cell(demo, 'panic', 'abort')).toHaveText('threw RuntimeError: unreachable');
  await expect(cell(demo, 'panic', 'unwind')).toHaveText(`threw PanicError: ${PANIC_MESSAGE}`);
  for (const build of ['abort', 'unwind'] as const) await expect(cell(demo, 'hook', build)).toHaveText(`“${PANIC_MESSAGE}”`);
  await expect(cell(demo, 'next', 'abort')).toHaveText(
    'threw Error: recursive use of an object detected which would lead to unsafe aliasing in rust',
  );
  await expect(cell(demo, 'next', 'unwind')).toHaveText('returned 1');
  await expect(cell(demo, 'counts', 'abort')).toHaveText(/^could not be read: threw Error: recursive use of an object/);
  await expect(cell(demo, 'counts', 'unwind')).toHaveText('7 / 9: 2 counted from a batch never accepted');
  await expect(cell(demo, 'recovery', 'abort')).toHaveText(
    /^a new worker with a new instance, ready in \d+ ms; its ledger starts with 0 batches$/,
  );
  for (const build of ['abort', 'unwind'] as const) {
    await expect(cell(demo, 'size', build)).toHaveText(/^[\d,]+ bytes$/);
    await expect(cell(demo, 'call', build)).toHaveText(/^[\d,]+ ns$/);
  }
  await expect(demo.locator('[data-reading]')).toHaveText(
    /^With panic=abort the panic reached JavaScript as a trap \(RuntimeError: unreachable\), and the next call on the same ledger failed too \(Error\); a new instance was ready in \d+ ms, with none of the old state\. With panic=unwind it arrived as PanicError, .* but it now counts 2 lines that no accepted batch holds: unwinding is not rollback\. The unwind build is \d+% (larger|smaller), and in this run (there was no clear difference in the time of a call|a call took [\d.]+ times as long as with panic=abort)\.$/,
  );
}

test('one panic, two builds: the trap and the unusable ledger, the PanicError and the ledger that lies; axe-clean; a reload shows the run', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto(PANICS_LESSON);
  const demo = page.locator('[data-wasm-panic]');
  await runExperiment(page, demo, 'Run the experiment');
  await expectTheTwoBuilds(demo);
  // What this run measured, in the test's output.
  console.log(
    `wasm panic demo: ${(await demo.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim()))).join(' | ')}`,
  );
  console.log(await demo.locator('[data-reading]').textContent());
  expect(errors).toEqual([]);
  expect(await axeViolationsInBothSchemes(page)).toEqual([]);

  await page.reload();
  await expect(demo.locator('[data-status]')).toContainText('Showing your last run, from');
  await expectTheTwoBuilds(demo);
  await expect(demo.getByRole('button', { name: 'Run the experiment again' })).toBeEnabled();
});

test('a build that cannot be loaded is reported in the alert, and the button then runs the experiment', async ({ page }) => {
  await page.route('**/*unwind*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }));
  await page.goto(PANICS_LESSON);
  const demo = page.locator('[data-wasm-panic]');
  await demo.getByRole('button', { name: 'Run the experiment' }).click();
  const alert = demo.getByRole('alert');
  await expect(alert).toContainText('the panic=unwind build of the kernels could not be loaded (HTTP 404', { timeout: RUN_TIMEOUT });
  await expect(alert).toContainText('Press “Run the experiment” to try again.');
  await expect(demo).not.toHaveAttribute('data-measured-at');

  await page.unroute('**/*unwind*.wasm');
  await runExperiment(page, demo, 'Run the experiment again');
  await expectTheTwoBuilds(demo);
});
