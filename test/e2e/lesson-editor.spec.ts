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
