// The editor against a real runner: the browser posts the lesson's files to a
// sandbox-runner started here (a real bubblewrap sandbox, real cargo, go and
// cgo), and the page shows what the program printed. The runner listens on the
// port the site was built for and stops after these tests, so the offline test
// in lesson-editor.spec.ts still finds nothing there whichever runs first.
// The run step's wall limit is lowered to 6 s (the lesson's sweep takes about 3 s) so the
// program that loops forever is killed quickly.
import { expect, type Page, test } from '@playwright/test';
import { BATCHING_LESSON, editorText, openEditor, type RealRunner, recordOutputPane, startRealRunner, typeLineAtTop } from './helpers.ts';

const RUN_TIMEOUT_MS = 6000;

const runnerPort = process.env.E2E_RUNNER_PORT ?? '';

/** Replaces main.go in Monaco with `program` (select all, then insert the text as one edit). */
async function replaceMainGo(page: Page, program: string): Promise<void> {
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('tab', { name: 'main.go' }).click();
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  // insertText types the whole program as one edit, so Monaco adds no closing brackets (it may indent).
  await page.keyboard.insertText(program);
  const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');
  await expect.poll(async () => words(await editorText(page))).toBe(words(program));
}

test.describe('with a real runner', () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner({ RUNNER_RUN_TIMEOUT_MS: String(RUN_TIMEOUT_MS) });
  });

  test.afterAll(async () => {
    await runner?.stop();
  });

  test('Run shows each step live as the lesson program builds and runs, then the result', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    const paneHistory = await recordOutputPane(page);
    await editor.getByRole('button', { name: 'Run on the server' }).click();
    await expect(editor.getByRole('button', { name: 'Stop' })).toBeVisible();

    await expect(editor.locator('.run-summary')).toContainText('Built and ran: every step exited with 0', { timeout: 120_000 });
    await expect(editor.locator('[data-stop]')).toBeHidden();
    const steps = editor.locator('.run-step');
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText('cargo-build');
    await expect(steps.nth(1)).toContainText('go-build');
    await expect(steps.nth(2)).toContainText('run');
    const stdout = steps.nth(2).locator('.stdout pre');
    await expect(stdout).toContainText('check: ok');
    await expect(stdout).toContainText('reading:');
    await expect(stdout).toContainText(/per-batch\s+65536/);
    // What the runner measured, and the run as a whole.
    await expect(steps.nth(1)).toContainText(/CPU \d/);
    await expect(steps.nth(1)).toContainText(/peak memory \d+(\.\d)? [KMG]iB/);
    await expect(editor.locator('.run-facts')).toContainText(/queue wait .*total \d.*bubblewrap sandbox/);

    // Before the result, the pane showed the steps one by one as they started, with live output.
    const history = await paneHistory();
    const live = history.filter((snapshot) => snapshot.live);
    const firstLiveStep = live.find((snapshot) => snapshot.steps.length > 0);
    expect(firstLiveStep?.steps.map((s) => [s.name, s.state])).toEqual([['cargo-build', 'running']]);
    expect(firstLiveStep?.heading).toBe('Running step 1: cargo-build');
    // Cargo's "Compiling" line was on the page while cargo was still running.
    expect(live.some((snapshot) => snapshot.steps[0]?.state === 'running' && snapshot.steps[0].stderr.includes('Compiling'))).toBe(true);
    // go-build ran with cargo-build already reported as done.
    expect(live.some((snapshot) => snapshot.steps.map((s) => `${s.name}:${s.state}`).join(' ') === 'cargo-build:ok go-build:running')).toBe(
      true,
    );
    const lastLive = history.findLastIndex((snapshot) => snapshot.live);
    const firstFinal = history.findIndex((snapshot) => snapshot.heading.startsWith('Built and ran'));
    expect(lastLive).toBeGreaterThanOrEqual(0);
    expect(firstFinal).toBeGreaterThan(lastLive);
  });

  test('a Go compile error is shown as the result of the go-build step, not as a server error', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await typeLineAtTop(page, 'this line is not Go');
    await editor.getByRole('button', { name: 'Run on the server' }).click();

    await expect(editor.locator('.run-summary')).toContainText('Step "go-build" exited with 1', { timeout: 120_000 });
    await expect(editor.locator('.run-summary')).toContainText('A compile error here is about the code');
    const goBuild = editor.locator('.run-step').nth(1);
    await expect(goBuild).toContainText('go-build');
    await expect(goBuild.locator('.stderr pre')).toContainText("main.go:1:1: expected 'package'");
    // Steps stop at the first failure: nothing was run.
    await expect(editor.locator('.run-step')).toHaveCount(2);
    // The error is marked in the editor, on main.go's first line, and the tab says so.
    await expect(editor.getByRole('tab', { name: 'main.go' })).toContainText('(1 error)');
    await expect(editor.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
    // F8 ("Go to next problem") opens the compiler's message under the marked line.
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('F8');
    await expect(editor.locator('.monaco-editor .marker-widget')).toContainText("expected 'package'");
  });

  test('a program that loops forever is killed at the time limit, and the page says why', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await replaceMainGo(page, 'package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("spinning forever")\n    for {\n    }\n}\n');
    await editor.getByRole('button', { name: 'Run on the server' }).click();

    // While it spins, the run step is shown running with what it printed so far.
    const runStep = editor.locator('.run-step[data-step="run"]');
    await expect(runStep).toHaveClass(/running/, { timeout: 120_000 });
    await expect(runStep.locator('.stdout pre')).toHaveText('spinning forever\n');
    await expect(runStep.locator('.step-exit')).toContainText('running…');

    const summary = editor.locator('.run-summary');
    await expect(summary).toContainText('Step "run" was killed at its time limit', { timeout: RUN_TIMEOUT_MS + 30_000 });
    await expect(summary).toContainText(`killed: the program ran longer than its time limit of ${RUN_TIMEOUT_MS / 1000} s`);
    await expect(runStep).toHaveClass(/failed/);
    await expect(runStep.locator('.step-exit')).toHaveText('ended by SIGKILL');
    const notice = runStep.locator('.step-notice');
    await expect(notice.locator('.notice-label')).toHaveText('killed: time limit');
    await expect(notice.locator('.notice-message')).toHaveText(
      `killed: the program ran longer than its time limit of ${RUN_TIMEOUT_MS / 1000} s`,
    );
    await expect(runStep.locator('.stdout pre')).toHaveText('spinning forever\n');
    // The busy loop used a CPU for about the whole wall limit.
    const cpu = await runStep.locator('.step-measure').first().textContent();
    expect(cpu).toMatch(/^CPU \d+(\.\d)? s$/);
    expect(Number(cpu?.replace(/[^\d.]/g, ''))).toBeGreaterThan((RUN_TIMEOUT_MS / 1000) * 0.5);

    await page.reload();
    await openEditor(page);
    await expect(editor.locator('.run-when')).toContainText('Last run');
    await expect(editor.locator('.run-step[data-step="run"] .notice-label')).toHaveText('killed: time limit');
  });

  test('Stop ends a run in the middle, shows what had happened, and frees the runner', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await replaceMainGo(
      page,
      'package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("waiting to be stopped")\n    for {\n    }\n}\n',
    );
    const run = editor.locator('[data-run]');
    await run.click();
    await expect(run).toBeDisabled();
    await expect(run).toHaveText('Running…');
    const runStep = editor.locator('.run-step[data-step="run"]');
    await expect(runStep.locator('.stdout pre')).toHaveText('waiting to be stopped\n', { timeout: 120_000 });
    await editor.getByRole('button', { name: 'Stop' }).click();

    const summary = editor.locator('.run-summary');
    await expect(summary).toContainText('Stopped');
    await expect(summary).toContainText('You stopped the run');
    await expect(runStep).toHaveClass(/unfinished/);
    await expect(runStep.locator('.step-exit')).toHaveText('stopped before it ended');
    await expect(runStep.locator('.stdout pre')).toHaveText('waiting to be stopped\n');
    await expect(editor.locator('.run-step[data-step="go-build"]')).toHaveClass(/ok/);
    await expect(run).toBeEnabled();
    await expect(run).toHaveText('Run on the server');
    await expect(editor.locator('[data-stop]')).toBeHidden();
    // The runner heard the connection close and ended the job within seconds, not at its time limit.
    await expect
      .poll(async () => (await (await fetch(`http://127.0.0.1:${runnerPort}/healthz`)).json()).queue.active, { timeout: 3000 })
      .toBe(0);
  });
});
