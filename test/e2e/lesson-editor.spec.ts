import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, editorText, openEditor } from './helpers.ts';

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
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(`${marker}\n`);
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
  // Stands in for the runner's answer only: what is under test is how the page shows it.
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
