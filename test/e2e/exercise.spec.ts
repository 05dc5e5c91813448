// Lesson 01's exercise as a learner meets it: the tasks and hints, the editor with the starter
// (tests read-only), Check against a real runner (failing tests by task, then a pass), the
// solution as a diff that replaces nothing unless asked, reset with undo, and what happens
// with the runner offline. The runner is started only for the "with a real runner" tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { BATCHING_LESSON, collectErrors, monacoText, type RealRunner, startRealRunner } from './helpers.ts';

const exerciseDir = fileURLToPath(new URL('../../lessons/01-batching/exercise/', import.meta.url));

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'target') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

const isTest = (path: string) => path.endsWith('_test.go') || /^rust\/tests\//.test(path);
const read = (which: 'starter' | 'solution', path: string) => readFileSync(join(exerciseDir, which, path), 'utf8');
/** The files a learner changes to solve the exercise: those where starter and solution differ. */
const changedFiles = filesUnder(join(exerciseDir, 'starter')).filter(
  (path) => !isTest(path) && read('starter', path) !== read('solution', path),
);
const taskCount = (
  readFileSync(fileURLToPath(new URL('../../lessons/01-batching/index.mdx', import.meta.url)), 'utf8').match(/^### Task \d+:/gm) ?? []
).length;

const panel = (page: Page) => page.locator('[data-exercise]');
const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ');

async function openExercise(page: Page): Promise<Locator> {
  const root = panel(page);
  await root.getByRole('button', { name: 'Open the exercise' }).click();
  await root.locator('.monaco-editor .view-lines .view-line').first().waitFor();
  return root;
}

/** The whole text of the file open in the exercise editor (not the solution diff). */
async function exerciseEditorText(root: Locator): Promise<string> {
  return monacoText(root.page(), '[data-exercise] [data-host]');
}

/** Replaces the open file's text in Monaco with `content`, as one edit. */
async function replaceFile(page: Page, root: Locator, path: string, content: string): Promise<void> {
  await root.getByRole('tab', { name: path }).click();
  await root.locator('[data-host] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(content);
  // Monaco may re-indent a pasted line; the words are what must match.
  await expect.poll(async () => words(await exerciseEditorText(root))).toBe(words(content));
}

test('the exercise lists its tasks, reveals hints one at a time and keeps them after a reload', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(BATCHING_LESSON);
  const root = panel(page);
  const tasks = root.locator('[data-task]');
  await expect(tasks).toHaveCount(taskCount);
  expect(taskCount).toBeGreaterThanOrEqual(2);
  await expect(tasks.first().locator('[data-task-state]')).toHaveText('not checked yet');
  const first = tasks.first();
  await expect(first.locator('[data-hint]:visible')).toHaveCount(0);
  await first.getByRole('button', { name: /^Show hint 1 of \d+$/ }).click();
  await expect(first.locator('[data-hint]:visible')).toHaveCount(1);
  await expect(first.locator('[data-hint="1"]')).toBeFocused();
  await expect(first.getByRole('button', { name: /^Show hint 2 of \d+$/ })).toBeVisible();
  await page.reload();
  await expect(panel(page).locator('[data-task]').first().locator('[data-hint]:visible')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('with the runner offline, Check says so and the code stays', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const root = await openExercise(page);
  const [path] = changedFiles;
  if (!path) throw new Error('the exercise has no file that differs between starter and solution');
  await root.getByRole('tab', { name: path }).click();
  await root.locator('[data-host] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n// my work in progress\n');
  await root.getByRole('button', { name: 'Check' }).click();
  await expect(root.locator('[data-summary] .run-summary')).toContainText('The runner is offline');
  await expect(root.locator('[data-summary]')).toContainText('press "Check" again');
  // Nothing about the tasks changed.
  await expect(root.locator('[data-task]').first().locator('[data-task-state]')).toHaveText('not checked yet');
  await page.reload();
  const again = await openExercise(page);
  await again.getByRole('tab', { name: path }).click();
  await expect.poll(async () => exerciseEditorText(again)).toContain('// my work in progress');
});

test.describe('with a real runner', () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner();
  });
  test.afterAll(async () => {
    await runner?.stop();
  });

  test('Check the starter, take a hint, solve it, Check again: every task passes and the home page shows the progress', async ({
    page,
  }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openExercise(page);
    // The tests are the lesson's: read-only in the editor.
    const testTab = root.locator('[role="tab"][data-test]').first();
    await testTab.click();
    await expect(root.locator('[data-file-note]')).toContainText('read-only');
    await root.locator('[data-host] .monaco-editor .view-lines').click();
    const before = await exerciseEditorText(root);
    await page.keyboard.type('typing here changes nothing');
    expect(await exerciseEditorText(root)).toBe(before);

    await root.getByRole('button', { name: 'Check' }).click();
    await expect(root.locator('[data-summary] .run-heading')).toHaveText(/tests? of \d+ did not pass/, { timeout: 180_000 });
    const tasks = root.locator('[data-task]');
    for (let i = 0; i < taskCount; i++) {
      const task = tasks.nth(i);
      await expect(task).toHaveAttribute('data-state', 'failing');
      await expect(task.locator('[data-task-state]')).toHaveText('not yet');
      // Each failing test is listed under its task with its name and what went wrong.
      const failure = task.locator('.test-failure').first();
      await expect(failure.locator('.test-name')).toHaveText(/^(Test\w+|\w+) \(.+\): (failed|did not finish)$/);
      await expect(failure.locator('pre').first()).not.toBeEmpty();
    }

    await tasks
      .first()
      .getByRole('button', { name: /^Show hint 1 of/ })
      .click();
    await expect(tasks.first().locator('[data-hint="1"]')).toBeVisible();

    for (const path of changedFiles) await replaceFile(page, root, path, read('solution', path));
    await root.getByRole('button', { name: 'Check' }).click();
    await expect(root.locator('[data-summary] .run-heading')).toHaveText(/^Every test passes \(\d+\): every task is done$/, {
      timeout: 180_000,
    });
    for (let i = 0; i < taskCount; i++) await expect(tasks.nth(i)).toHaveAttribute('data-state', 'passed');
    // Hints stay visible after passing.
    await expect(tasks.first().locator('[data-hint="1"]')).toBeVisible();

    await page.reload();
    await expect(panel(page).locator('[data-task]').first()).toHaveAttribute('data-state', 'passed');
    await page.goto('/');
    await expect(page.locator('main')).toContainText(`${taskCount} of ${taskCount} tasks`);
  });

  test('a compile error in the learner code is a marker on its file and line', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    const root = await openExercise(page);
    const rustFile = changedFiles.find((path) => path.endsWith('.rs'));
    if (!rustFile) throw new Error('the exercise has no Rust file to edit');
    await replaceFile(page, root, rustFile, `${read('starter', rustFile)}\nfn broken() -> u32 { "not a number" }\n`);
    await root.getByRole('button', { name: 'Check' }).click();
    await expect(root.locator('[data-summary] .run-heading')).toHaveText('The tests did not build', { timeout: 180_000 });
    await expect(root.locator('[data-summary]')).toContainText('mismatched types');
    await expect(root.getByRole('tab', { name: rustFile })).toContainText('(1 error)');
    await expect(root.locator('[data-host] .monaco-editor .squiggly-error').first()).toBeVisible();
    for (let i = 0; i < taskCount; i++) await expect(root.locator('[data-task]').nth(i)).toHaveAttribute('data-state', 'error');
  });
});

test('Show solution is a diff; the code changes only when asked, and comes back', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const root = await openExercise(page);
  const [path] = changedFiles;
  if (!path) throw new Error('the exercise has no file that differs between starter and solution');
  await root.getByRole('tab', { name: path }).click();
  const mine = await exerciseEditorText(root);
  const show = root.locator('[data-show-solution]');
  await show.click();
  // Before the tasks pass, the first press warns; the second shows it.
  await expect(show).toHaveText('Show the solution anyway');
  await show.click();
  const diff = root.locator('[data-diff-host] .monaco-diff-editor');
  await expect(diff).toBeVisible();
  await expect(root.locator('[data-solution-intro]')).toContainText('Nothing in your files changes unless you choose');
  await root.getByRole('button', { name: 'Back to my code' }).click();
  expect(words(await exerciseEditorText(root))).toBe(words(mine));

  await show.click();
  await root.getByRole('button', { name: 'Use the solution for this file' }).click();
  await root.getByRole('button', { name: 'Back to my code' }).click();
  await expect.poll(async () => words(await exerciseEditorText(root))).toBe(words(read('solution', path)));
  await root.getByRole('button', { name: 'Bring back my code' }).click();
  await expect.poll(async () => words(await exerciseEditorText(root))).toBe(words(mine));
});

test('Reset to starter keeps the learner code for one undo', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const root = await openExercise(page);
  const [path] = changedFiles;
  if (!path) throw new Error('the exercise has no file that differs between starter and solution');
  const edited = `${read('starter', path)}\n// keep me\n`;
  await replaceFile(page, root, path, edited);
  await expect(root.getByRole('tab', { name: path })).toHaveClass(/edited/);
  await root.getByRole('button', { name: 'Reset to starter' }).click();
  await expect.poll(async () => words(await exerciseEditorText(root))).toBe(words(read('starter', path)));
  await expect(root.locator('[data-edit-status]')).toContainText('Reset: every file is back to the starter');
  await page.reload();
  const again = await openExercise(page);
  await again.getByRole('button', { name: 'Undo the reset' }).click();
  await again.getByRole('tab', { name: path }).click();
  await expect.poll(async () => words(await exerciseEditorText(again))).toBe(words(edited));
  await expect(again.getByRole('button', { name: 'Undo the reset' })).toBeHidden();
});
