// Lesson 02's exercise as a learner meets it, against a real runner: the
// three tasks listed, Check on the starter fails in every task (the Go
// window's budget test shows its numbers), then the whole solution, taken
// from the solution view, passes every task and stays passed after a reload.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RealRunner, startRealRunner } from './helpers.ts';

const LESSON = '/lessons/02-gc-pressure/';
const taskTitles = [
  ...readFileSync(fileURLToPath(new URL('../../lessons/02-gc-pressure/index.mdx', import.meta.url)), 'utf8').matchAll(
    /^### Task \d+: (.+)$/gm,
  ),
].map((m) => m[1] as string);

test.describe("lesson 02's exercise with a real runner", () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner();
  });
  test.afterAll(async () => {
    await runner?.stop();
  });

  test('the starter fails every task, the solution passes them all, and the result survives a reload', async ({ page }) => {
    expect(taskTitles).toHaveLength(3);
    await page.goto(LESSON);
    const root = page.locator('[data-exercise]');
    const tasks = root.locator('[data-task]');
    for (const [i, title] of taskTitles.entries()) await expect(tasks.nth(i)).toContainText(title);

    await root.getByRole('button', { name: 'Open the exercise' }).click();
    await root.locator('.monaco-editor .view-lines .view-line').first().waitFor();
    for (const file of ['rust/src/window.rs', 'rust/src/lib.rs', 'flatwindow.go']) {
      await expect(root.getByRole('tab', { name: file })).toBeVisible();
    }

    await root.getByRole('button', { name: 'Check' }).click();
    await expect(root.locator('[data-summary] .run-heading')).toHaveText(/tests? of \d+ did not pass/, { timeout: 180_000 });
    for (let i = 0; i < taskTitles.length; i++) await expect(tasks.nth(i)).toHaveAttribute('data-state', 'failing');
    // The budget test's failure says what it measured, in the learner's own run.
    await expect(tasks.nth(2)).toContainText(/scannable heap grew by \d+ bytes/);

    const show = root.locator('[data-show-solution]');
    await show.click();
    await show.click(); // the second press, after the "not passed yet" warning
    await root.getByRole('button', { name: 'Use the whole solution' }).click();
    await root.getByRole('button', { name: 'Back to my code' }).click();
    await root.getByRole('button', { name: 'Check' }).click();
    await expect(root.locator('[data-summary] .run-heading')).toHaveText(/^Every test passes \(\d+\): every task is done$/, {
      timeout: 180_000,
    });
    for (let i = 0; i < taskTitles.length; i++) await expect(tasks.nth(i)).toHaveAttribute('data-state', 'passed');

    await page.reload();
    for (let i = 0; i < taskTitles.length; i++) {
      await expect(page.locator('[data-exercise] [data-task]').nth(i)).toHaveAttribute('data-state', 'passed');
    }
  });
});
