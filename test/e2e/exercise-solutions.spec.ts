// The exercises of the lessons after 01, and of one starter-path step, as a learner meets them, against a
// real runner (lesson 01's exercise has its own, fuller spec): the tasks
// listed, Check on the starter fails in every task, then the whole
// solution, taken from the solution view, passes every task and stays
// passed after a reload.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RealRunner, startRealRunner } from './helpers.ts';

interface Case {
  lesson: string;
  /** Files the learner edits, each of which must have a tab. */
  files: string[];
  /** A failure message the starter's Check must show under the given task (0-based), in the learner's own run. */
  starterFailure: { task: number; text: RegExp };
}

const cases: Case[] = [
  {
    lesson: '02-gc-pressure',
    files: ['rust/src/window.rs', 'rust/src/lib.rs', 'flatwindow.go'],
    // The budget test says what it measured.
    starterFailure: { task: 2, text: /scannable heap grew by \d+ bytes/ },
  },
  {
    lesson: '03-zero-copy',
    files: ['rust/src/lib.rs', 'buffers.go'],
    // The address check says a copy crossed.
    starterFailure: { task: 1, text: /a copy crossed, not Go's memory/ },
  },
  {
    lesson: '04-panics',
    files: ['rust/src/lib.rs', 'kvsum.go', 'service.go'],
    // The starter's opaque error, which errors.Is cannot classify.
    starterFailure: { task: 1, text: /errors\.Is finds as ErrInvalidInput/ },
  },
  {
    // A step of the Rust starter path: a Rust-only exercise, checked the same way.
    lesson: 'starter-05-errors',
    files: ['rust/src/lib.rs'],
    // The starter prints the Debug text where Display should say what went wrong.
    starterFailure: { task: 0, text: /line 2: bad value for workers/ },
  },
];

const taskTitles = (lesson: string) =>
  [
    ...readFileSync(fileURLToPath(new URL(`../../lessons/${lesson}/index.mdx`, import.meta.url)), 'utf8').matchAll(
      /^### Task \d+: (.+)$/gm,
    ),
  ].map((m) => m[1] as string);

test.describe('exercises with a real runner', () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner();
  });
  test.afterAll(async () => {
    await runner?.stop();
  });

  for (const { lesson, files, starterFailure } of cases) {
    test(`${lesson}: the starter fails every task, the solution passes them all, and the result survives a reload`, async ({ page }) => {
      const titles = taskTitles(lesson);
      expect(titles.length).toBeGreaterThan(0);
      await page.goto(`/lessons/${lesson}/`);
      const root = page.locator('[data-exercise]');
      const tasks = root.locator('[data-task]');
      for (const [i, title] of titles.entries()) await expect(tasks.nth(i)).toContainText(title);

      await root.getByRole('button', { name: 'Open the exercise' }).click();
      await root.locator('.monaco-editor .view-lines .view-line').first().waitFor();
      for (const file of files) await expect(root.getByRole('tab', { name: file })).toBeVisible();

      await root.getByRole('button', { name: 'Check' }).click();
      await expect(root.locator('[data-summary] .run-heading')).toHaveText(/tests? of \d+ did not pass/, { timeout: 180_000 });
      for (let i = 0; i < titles.length; i++) await expect(tasks.nth(i)).toHaveAttribute('data-state', 'failing');
      await expect(tasks.nth(starterFailure.task)).toContainText(starterFailure.text);

      const show = root.locator('[data-show-solution]');
      await show.click();
      await show.click(); // the second press, after the "not passed yet" warning
      await root.getByRole('button', { name: 'Use the whole solution' }).click();
      await root.getByRole('button', { name: 'Back to my code' }).click();
      await root.getByRole('button', { name: 'Check' }).click();
      await expect(root.locator('[data-summary] .run-heading')).toHaveText(/^Every test passes \(\d+\): every task is done$/, {
        timeout: 180_000,
      });
      for (let i = 0; i < titles.length; i++) await expect(tasks.nth(i)).toHaveAttribute('data-state', 'passed');

      await page.reload();
      for (let i = 0; i < titles.length; i++) {
        await expect(page.locator('[data-exercise] [data-task]').nth(i)).toHaveAttribute('data-state', 'passed');
      }
    });
  }
});
