import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, editorText, openEditor, typeLineAtTop } from './helpers.ts';

test('opening the editor shows the lesson files, the kernel source among them', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  const tabs = editor.getByRole('tab');
  await expect(tabs.first()).toHaveText('main.go');
  await editor.getByRole('tab', { name: 'rust/src/kernel.rs' }).click();
  await expect(editor.getByRole('tab', { name: 'rust/src/kernel.rs' })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => editorText(page)).toContain('pub fn dot_step');
});

test('Cargo.toml is highlighted by the TOML grammar', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  await page.locator('[data-lesson-editor]').getByRole('tab', { name: 'rust/Cargo.toml' }).click();
  await expect.poll(() => editorText(page)).toContain('[package]');
  const tokenClasses = await page
    .locator('[data-lesson-editor] .view-lines span[class^="mtk"]')
    .evaluateAll((spans) => new Set(spans.map((span) => span.className)).size);
  expect(tokenClasses).toBeGreaterThanOrEqual(3);
});

test('edits survive a reload, and "Reset to lesson code" brings the lesson back', async ({ page }) => {
  const marker = '// edited by the browser test';
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await typeLineAtTop(page, marker);
  await expect(editor.getByRole('tab', { name: 'main.go' })).toHaveClass(/edited/);

  await page.reload();
  await openEditor(page);
  await expect.poll(() => editorText(page)).toContain(marker);
  await expect(editor.locator('[data-edit-status]')).toContainText('1 file edited');

  await editor.getByRole('button', { name: 'Reset to lesson code' }).click();
  await expect.poll(() => editorText(page)).not.toContain(marker);
  await page.reload();
  await openEditor(page);
  await expect.poll(() => editorText(page)).not.toContain(marker);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes(':file:')));
  expect(stored).toEqual([]);
});

test('with the runner down, Run says it is offline and how to start it', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  const summary = editor.locator('.run-summary');
  await expect(summary).toContainText('The runner is offline');
  await expect(summary).toContainText('The rest of this page works without it');
  await expect(summary.locator('code')).toHaveText('npm run runner');
  await expect(editor.getByRole('button', { name: 'Run on the server' })).toBeEnabled();
});

test('a finished run shows every step, and the last run is still there after a reload', async ({ page }) => {
  // Stands in for the runner's answer only: what is under test is how the page shows it. The answer is
  // one JSON document (a runner that does not stream), which the page still understands.
  const answer = {
    steps: [
      { name: 'cargo build', exitCode: 0, stdout: '', stderr: '   Compiling batching v0.1.0\n', durationMs: 2140 },
      { name: 'go build', exitCode: 0, stdout: '', stderr: '', durationMs: 870 },
      { name: 'run', exitCode: 3, stdout: 'batch 1024: 0.31 ns/element\n', stderr: 'results disagree\n', durationMs: 412 },
    ],
  };
  let posted: unknown;
  await page.route('**/api/v1/runs', async (route) => {
    posted = route.request().postDataJSON();
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: JSON.stringify(answer),
    });
  });
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();

  const steps = editor.locator('.run-step');
  await expect(steps).toHaveCount(3);
  await expect(editor.locator('.run-summary')).toContainText('Step "run" exited with 3');
  await expect(steps.nth(0)).toContainText('cargo build');
  await expect(steps.nth(0)).toContainText('exit code 0');
  await expect(steps.nth(0)).toContainText('2.1 s');
  await expect(steps.nth(0).locator('.stderr pre')).toHaveText(/Compiling batching/);
  await expect(steps.nth(1)).toContainText('No output.');
  await expect(steps.nth(2)).toContainText('exit code 3');
  await expect(steps.nth(2)).toContainText('412 ms');
  await expect(steps.nth(2).locator('.stdout pre')).toHaveText(/0\.31 ns\/element/);
  await expect(steps.nth(2).locator('.stderr pre')).toHaveText(/results disagree/);

  const body = posted as { action: string; files: Record<string, string> };
  expect(body.action).toBe('run');
  expect(Object.keys(body.files)).toEqual(expect.arrayContaining(['main.go', 'go.mod', 'rust/Cargo.toml', 'rust/src/kernel.rs']));
  expect(body.files['rust/src/kernel.rs']).toContain('pub fn dot_step');

  await page.reload();
  await openEditor(page);
  await expect(editor.locator('.run-when')).toContainText('Last run');
  await expect(editor.locator('.run-step')).toHaveCount(3);
});

/** SSE framing of one event, as the runner writes it. */
function sse(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

const stepReport = (name: string, over: Record<string, unknown>) => ({
  name,
  exitCode: 0,
  signal: null,
  reason: null,
  message: null,
  stdout: '',
  stderr: '',
  truncated: false,
  durationMs: 900,
  cpuMs: 850,
  peakMemoryBytes: 150 * 1024 * 1024,
  ...over,
});

/** An event stream like the runner's for a run whose program is killed at its memory limit. */
function memoryKillStream(stdout = 'allocating\n[output cut]\n'): string {
  const cargo = stepReport('cargo-build', { stderr: '   Compiling batching v0.1.0\n', durationMs: 2140, cpuMs: 3900 });
  const go = stepReport('go-build', {});
  const run = stepReport('run', {
    exitCode: null,
    signal: 'SIGKILL',
    reason: 'memory',
    message: 'killed: the program used more than its memory limit of 512 MiB',
    stdout,
    truncated: true,
    durationMs: 1530,
    cpuMs: 1490,
    peakMemoryBytes: 512 * 1024 * 1024,
  });
  return [
    ': hello\n\n',
    sse('queued', { position: 2 }),
    sse('queued', { position: 0 }),
    sse('started', { queueWaitMs: 1500 }),
    sse('step-start', { name: 'cargo-build' }),
    sse('output', { step: 'cargo-build', stream: 'stderr', data: '   Compiling batching v0.1.0\n' }),
    sse('step-end', cargo),
    sse('step-start', { name: 'go-build' }),
    sse('step-end', go),
    sse('step-start', { name: 'run' }),
    sse('output', { step: 'run', stream: 'stdout', data: 'allocating\n' }),
    sse('step-end', run),
    sse('result', { cached: false, ok: false, steps: [cargo, go, run], backend: 'bubblewrap', queueWaitMs: 1500, totalMs: 8400 }),
  ].join('');
}

test('a streamed run shows why the sandbox stopped a step, what it measured, and the run facts', async ({ page }) => {
  // Stands in for the runner's event stream (delivered at once): what is under test is how the page shows it.
  const body = memoryKillStream();
  let accept = '';
  await page.route('**/api/v1/runs', async (route) => {
    accept = (await route.request().allHeaders()).accept ?? '';
    await route.fulfill({
      status: 200,
      contentType: 'text/event-stream; charset=utf-8',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body,
    });
  });
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();

  const summary = editor.locator('.run-summary');
  await expect(summary.locator('.run-heading')).toHaveText('Step "run" was killed for using more memory than allowed');
  await expect(summary.locator('.run-detail')).toHaveText('killed: the program used more than its memory limit of 512 MiB');
  await expect(summary.locator('.run-facts li')).toHaveText(['queue wait 1.5 s', 'total 8.4 s', 'bubblewrap sandbox']);
  expect(accept).toContain('text/event-stream');

  const steps = editor.locator('.run-step');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0).locator('.step-title')).toContainText('exit code 0');
  await expect(steps.nth(0).locator('.step-measure')).toHaveText(['CPU 3.9 s', 'peak memory 150 MiB']);
  await expect(steps.nth(0).locator('.step-notice')).toHaveCount(0);
  const killed = steps.nth(2);
  await expect(killed).toHaveClass(/failed/);
  await expect(killed.locator('.step-exit')).toHaveText('ended by SIGKILL');
  await expect(killed.locator('.step-time')).toHaveText('1.5 s');
  await expect(killed.locator('.step-measure')).toHaveText(['CPU 1.5 s', 'peak memory 512 MiB']);
  await expect(killed.locator('.step-flag')).toHaveText('output cut at the limit');
  await expect(killed.locator('.notice-label')).toHaveText('killed: memory limit');
  await expect(killed.locator('.notice-message')).toHaveText('killed: the program used more than its memory limit of 512 MiB');
  await expect(killed.locator('.stdout pre')).toHaveText('allocating\n[output cut]\n');
});

test('a stream that ends without a result says so and keeps the steps it saw', async ({ page }) => {
  const body = [
    sse('started', { queueWaitMs: 0 }),
    sse('step-start', { name: 'cargo-build' }),
    sse('output', { step: 'cargo-build', stream: 'stderr', data: '   Compiling batching\n' }),
  ].join('');
  await page.route('**/api/v1/runs', (route) =>
    route.fulfill({ status: 200, contentType: 'text/event-stream', headers: { 'Access-Control-Allow-Origin': '*' }, body }),
  );
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  const summary = editor.locator('.run-summary');
  await expect(summary.locator('.run-heading')).toHaveText('The run ended without a result');
  await expect(summary.locator('.run-detail')).toContainText("The runner's answer ended without a final result.");
  const step = editor.locator('.run-step');
  await expect(step).toHaveCount(1);
  await expect(step).toHaveClass(/unfinished/);
  await expect(step.locator('.step-exit')).toHaveText('stopped before it ended');
  await expect(step.locator('.stderr pre')).toHaveText('   Compiling batching\n');
});

test('a full queue: the page counts down the wait the runner asks for, tries again by itself, and shows the result', async ({ page }) => {
  const busy = {
    error: 'the runner is busy: 2 jobs running and 16 waiting; retry in about 2 s',
    running: 2,
    waiting: 16,
    retryAfterSeconds: 2,
  };
  const posted: unknown[] = [];
  await page.route('**/api/v1/runs', (route) => {
    posted.push(route.request().postDataJSON());
    return posted.length === 1
      ? route.fulfill({
          status: 429,
          contentType: 'application/json',
          headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After', 'Retry-After': '2' },
          body: JSON.stringify(busy),
        })
      : route.fulfill({
          status: 200,
          contentType: 'text/event-stream',
          headers: { 'Access-Control-Allow-Origin': '*' },
          body: memoryKillStream(),
        });
  });
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  const summary = editor.locator('.run-summary');
  await expect(summary.locator('.run-heading')).toHaveText('The runner is busy (2 running, 16 waiting)');
  await expect(summary.locator('.run-detail')).toHaveText(/^Trying again in [23] s — attempt 2$/);
  await expect(editor.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await expect(summary.locator('.run-heading')).toHaveText('Step "run" was killed for using more memory than allowed');
  expect(posted).toHaveLength(2);
  expect(posted[1]).toEqual(posted[0]);
});

test('at 375 px wide, a finished run fits the screen and long output scrolls inside its block', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const longLine = `${'per-batch  65536  1  0.115  0.14x  '.repeat(6)}\n`;
  await page.route('**/api/v1/runs', (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/event-stream',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: memoryKillStream(longLine),
    }),
  );
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  const runStdout = editor.locator('.run-step[data-step="run"] .stdout pre');
  await expect(runStdout).toHaveText(longLine);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  expect(await runStdout.evaluate((pre) => pre.scrollWidth > pre.clientWidth)).toBe(true);
  // The sandbox's notice wraps instead of widening the page.
  const notice = editor.locator('.run-step[data-step="run"] .step-notice');
  const box = await notice.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(widths.viewport);
  await context.close();
});
