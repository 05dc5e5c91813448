// "Edit the kernel" in lesson 01's demo, against a real runner: the learner's Rust kernel is built
// to wasm by the runner's `wasm` action and measured beside the lesson's kernel (built the same
// way). A slower kernel reads as slower, a wrong one is flagged and not timed, a compile error is
// marked in the editor, a panic and an endless loop are recovered from. Sweeps are the quick ones
// (4,096 elements, 3 samples) so each run takes seconds. Without a runner, the page says building
// needs it and the prebuilt demo still runs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { BATCHING_LESSON, collectErrors, monacoText, type RealRunner, startRealRunner } from './helpers.ts';

const lessonKernel = readFileSync(fileURLToPath(new URL('../../lessons/01-batching/example/rust/src/kernel.rs', import.meta.url)), 'utf8');
/** The first line of `dot`'s body, where the edits below go. */
const DOT_BODY = 'let n = a.len().min(b.len());';
if (!lessonKernel.includes(DOT_BODY) || !lessonKernel.includes('acc + a * b')) {
  throw new Error('kernel.rs changed: update the edits in kernel-edit.spec.ts');
}

/** The lesson's kernel with `extra` inserted at the start of `dot`. */
const withInDot = (extra: string) => lessonKernel.replace(DOT_BODY, `${DOT_BODY}\n    ${extra}`);

const KERNELS = {
  // About twenty square roots per element more: clearly slower, still right.
  slower: withInDot('let mut spin = 0.0f32; for i in 0..n * 20 { spin += (i as f32).sqrt(); } if spin < 0.0 { return spin; }'),
  // One product in two counted twice: wrong at every batch size.
  wrong: lessonKernel.replace('acc + a * b', 'acc + a * b * 1.5'),
  panics: withInDot('if n > 100 { panic!("batch of {n} elements is too long"); }'),
  loopsForever: withInDot('let mut spin = n; while spin > 0 { spin = std::hint::black_box(spin); }'),
  compileError: withInDot('let not_a_number: u32 = "eight";'),
};

const demo = (page: Page) => page.locator('[data-batch-sweep]');
const panel = (page: Page) => page.locator('[data-kernel-edit]');

async function openKernelEditor(page: Page): Promise<Locator> {
  const root = panel(page);
  await root.getByRole('button', { name: 'Edit the kernel' }).click();
  await root.locator('[data-kernel-host] .monaco-editor .view-lines .view-line').first().waitFor();
  await root.locator('[data-kernel-size]').selectOption('quick');
  return root;
}

const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

/** The whole file open in the kernel editor (read from Monaco's model). */
const kernelText = (page: Page) => monacoText(page, '[data-kernel-edit] [data-kernel-host]');

/** Replaces kernel.rs in Monaco with `source` as one edit. */
async function setKernel(page: Page, root: Locator, source: string): Promise<void> {
  await root.getByRole('tab', { name: 'rust/src/kernel.rs' }).click();
  await root.locator('[data-kernel-host] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(source);
  // Monaco may re-indent what is typed; the words are what must match.
  await expect.poll(async () => words(await kernelText(page))).toBe(words(source));
  await expect(root.locator('[data-kernel-edit-status]')).toContainText('rust/src/kernel.rs edited');
}

/** Presses Build and measure and waits until the panel is idle again; returns the outcome text. */
async function buildAndMeasure(root: Locator, timeout = 120_000): Promise<Locator> {
  const before = Number((await root.getAttribute('data-kernel-builds')) ?? '0');
  await root.getByRole('button', { name: 'Build and measure' }).click();
  await expect(root).toHaveAttribute('data-kernel-builds', String(before + 1), { timeout });
  return root.locator('[data-kernel-outcome]');
}

test('without a runner, building says it needs one and the prebuilt demo still runs', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const root = await openKernelEditor(page);
  const outcome = await buildAndMeasure(root);
  await expect(outcome).toContainText('Building your kernel needs the course runner');
  await expect(outcome).toContainText('npm run runner');
  await expect(outcome).toContainText("The lesson's prebuilt demo above works without it");
  await demo(page).getByRole('button', { name: 'Run the sweep' }).click();
  await expect(demo(page)).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: 150_000 });
  await expect(demo(page).locator('td[data-method="learner"]').first()).toBeHidden();
});

test.describe('with a real runner', () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner();
  });

  test.afterAll(async () => {
    await runner?.stop();
  });

  test("the lesson's kernel and a slower edit are measured side by side, kept, and compared", async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    const sweep = demo(page);

    // Unedited: both runner builds are the same module, measured side by side.
    let outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText("Measured your kernel beside the lesson's");
    for (const series of ['lessonBuild', 'learner']) {
      await expect(sweep.locator(`svg[data-chart] .point[data-series="${series}"]`)).toHaveCount(13);
    }
    await expect(sweep.locator('[data-learner-legend]').first()).toBeVisible();
    const cells = await sweep.locator('tbody tr:not([hidden]) td[data-method="learner"]').allInnerTexts();
    expect(cells).toHaveLength(13);
    for (const cell of cells) expect(Number(cell.replaceAll(',', ''))).toBeGreaterThan(0);
    await expect(sweep.locator('[data-learner-reading]')).toBeVisible();

    // A kernel with extra work in every call reads as slower, with its ratio.
    await setKernel(page, root, KERNELS.slower);
    await expect(root.locator('[data-kernel-edit-status]')).toContainText('rust/src/kernel.rs edited');
    outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText(/Your kernel is \d+(\.\d)?× slower than the lesson's from 1,024 elements per call up/);
    await expect(sweep.locator('[data-learner-reading]')).toContainText('slower than the lesson');
    expect(errors).toEqual([]);

    // Both runs are kept, newest first, and survive a reload with the edit.
    const runs = root.locator('[data-kernel-runs] li');
    await expect(runs).toHaveCount(2);
    await expect(runs.first()).toContainText('your edit');
    await expect(runs.nth(1)).toContainText("the lesson's code");
    await page.reload();
    const again = await openKernelEditor(page);
    await expect(again.locator('[data-kernel-edit-status]')).toContainText(
      'rust/src/kernel.rs edited; your edits are saved in this browser.',
    );
    await expect(again.getByRole('tab', { name: 'rust/src/kernel.rs' })).toHaveClass(/edited/);
    expect(words(await kernelText(page))).toBe(words(KERNELS.slower));
    await expect(again.locator('[data-kernel-runs] li')).toHaveCount(2);
    await expect(demo(page).locator('[data-learner-reading]')).toContainText('slower than the lesson');
    // The earlier run can be shown again for a before/after look.
    const before = again.locator('[data-kernel-runs] li').nth(1);
    await before.getByRole('button', { name: 'Show in the chart' }).click();
    await expect(demo(page).locator('[data-status]')).toContainText('Showing a run of your kernel');
    const shown = (await demo(page).locator('[data-learner-reading]').textContent()) ?? '';
    expect(await before.textContent()).toContain(shown);

    // Reset brings the lesson's kernel back.
    await again.getByRole('button', { name: "Reset to the lesson's kernel" }).click();
    await expect(again.locator('[data-kernel-edit-status]')).toContainText("Reset: the kernel is the lesson's again.");
    expect(await kernelText(page)).toBe(lessonKernel);
  });

  test('a wrong kernel is flagged as wrong and not timed', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    await setKernel(page, root, KERNELS.wrong);
    const outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText('Measured: your kernel computed wrong results');
    const sweep = demo(page);
    await expect(sweep.locator('[data-learner-reading]')).toContainText(/^Your kernel computed wrong results at batch sizes 1, 2, 4/);
    await expect(sweep.locator('[data-learner-reading]')).toContainText('hl_dot_step(0, 1, 2) returned 3; acc + a * b is 2.');
    const cells = await sweep.locator('tbody tr:not([hidden]) td[data-method="learner"]').allInnerTexts();
    expect(new Set(cells)).toEqual(new Set(['wrong']));
    // Not a single timed point of the wrong kernel; a cross on the axis for each batch size instead.
    await expect(sweep.locator('svg[data-chart] .point[data-series="learner"]')).toHaveCount(0);
    await expect(sweep.locator('svg[data-chart] .wrong-mark')).toHaveCount(13);
    await expect(sweep.locator('svg[data-chart] .point[data-series="lessonBuild"]')).toHaveCount(13);
  });

  test('a compile error is marked at its line and listed', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    await setKernel(page, root, KERNELS.compileError);
    const outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText('Step "wasm-build" exited with');
    const line = KERNELS.compileError.split('\n').findIndex((text) => text.includes('let not_a_number')) + 1;
    const item = root.locator('.kernel-diagnostics li').filter({ hasText: `rust/src/kernel.rs:${line}:` });
    await expect(item).toContainText('error[E0308]');
    await expect(root.getByRole('tab', { name: /rust\/src\/kernel\.rs/ })).toContainText('(1 error)');
    // The list takes the editor to the line, where the error is marked (Monaco draws only the lines in view).
    await item.getByRole('button').click();
    await expect(root.locator('.monaco-editor .view-lines')).toContainText('not_a_number');
    await expect(root.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
    // Nothing was measured: the demo shows no run of this kernel.
    await expect(demo(page).locator('[data-learner-reading]')).toBeHidden();
  });

  test('Stop during a build cancels it: the page says so, the edit stays, and Build is ready again', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    // An edit no earlier build sent, so the runner has no cached answer and really builds.
    const edit = withInDot(`// stopped at ${Date.now()}`);
    await setKernel(page, root, edit);
    const before = Number((await root.getAttribute('data-kernel-builds')) ?? '0');
    await root.getByRole('button', { name: 'Build and measure' }).click();
    await expect(root).toHaveAttribute('data-kernel-state', 'building');
    await root.getByRole('button', { name: 'Stop' }).click();
    await expect(root).toHaveAttribute('data-kernel-builds', String(before + 1), { timeout: 30_000 });
    const outcome = root.locator('[data-kernel-outcome]');
    await expect(outcome).toContainText('Stopped: the build was cancelled');
    await expect(outcome).toContainText('Your edit is kept');
    await expect(root.getByRole('button', { name: 'Stop' })).toBeHidden();
    await expect(root.getByRole('button', { name: 'Build and measure' })).toBeEnabled();
    expect(words(await kernelText(page))).toBe(words(edit));
    await expect(demo(page).locator('[data-learner-reading]')).toBeHidden();
  });

  test('a panicking kernel shows RuntimeError: unreachable, and the next build measures again', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    await setKernel(page, root, KERNELS.panics);
    let outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText('Your kernel could not be measured');
    await expect(outcome).toContainText('RuntimeError: unreachable');
    await expect(outcome).toContainText('panic=abort');
    await expect(outcome).toContainText('started a fresh one');
    // The worker was replaced: the lesson's kernel builds and measures in the new one.
    await root.getByRole('button', { name: "Reset to the lesson's kernel" }).click();
    outcome = await buildAndMeasure(root);
    await expect(outcome).toContainText("Measured your kernel beside the lesson's");
  });

  test('a kernel that never returns is stopped by the watchdog while the page stays responsive', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    await setKernel(page, root, KERNELS.loopsForever);
    await root.getByRole('button', { name: 'Build and measure' }).click();
    await expect(root.locator('[data-kernel-outcome]')).toContainText("Measuring your kernel beside the lesson's", { timeout: 120_000 });
    // While the kernel spins in its worker the page answers at once.
    const started = Date.now();
    await root.getByRole('tab', { name: /rust\/src\/lib\.rs/ }).click();
    await expect(root.getByRole('tab', { name: /rust\/src\/lib\.rs/ })).toHaveAttribute('aria-selected', 'true');
    expect(Date.now() - started).toBeLessThan(2000);
    const outcome = root.locator('[data-kernel-outcome]');
    await expect(outcome).toContainText(/Your kernel did not return within \d+ s, so the page stopped its worker/, { timeout: 30_000 });
    await expect(demo(page).getByRole('button', { name: /Run the sweep/ })).toBeEnabled();
    await expect(root).toHaveAttribute('data-kernel-state', 'idle');
  });

  test('the demo with the kernel editor open and a comparison drawn has no axe violations', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openKernelEditor(page);
    await buildAndMeasure(root);
    await expect(demo(page).locator('svg[data-chart] .point[data-series="learner"]').first()).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page })
        .include('[data-batch-sweep]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      expect(results.violations.map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });
});
