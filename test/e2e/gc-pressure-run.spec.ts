// Lesson 02 from the page's editor against a real runner (bubblewrap, real
// cargo, go and cgo): Run builds the lesson's program and runs it with no
// flags, within the runner's default limits, and the output pane shows the
// three variants side by side, as the lesson says.
import { expect, test } from '@playwright/test';
import { openEditor, type RealRunner, startRealRunner } from './helpers.ts';

test.describe('lesson 02 with a real runner', () => {
  let runner: RealRunner;
  test.beforeAll(async () => {
    runner = await startRealRunner();
  });

  test.afterAll(async () => {
    await runner?.stop();
  });

  test('Run shows the three variants side by side and the check', async ({ page }) => {
    await page.goto('/lessons/02-gc-pressure/');
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await editor.getByRole('button', { name: 'Run on the server' }).click();
    await expect(editor.locator('.run-summary')).toContainText('Built and ran: every step exited with 0', { timeout: 150_000 });
    const stdout = editor.locator('.run-step').nth(2).locator('.stdout pre');
    await expect(stdout).toContainText('check: ok, every variant ends with the same window');
    for (const table of ['GC work during the timed batches', 'time per batch', 'memory at the end']) {
      await expect(stdout).toContainText(table);
    }
    const text = (await stdout.textContent()) ?? '';
    for (const variant of ['go-pointers', 'go-flat', 'rust-handle']) {
      expect(text.match(new RegExp(`^\\s*${variant}\\s+\\d`, 'gm'))?.length, `${variant}: a row in each table`).toBe(3);
    }
    await expect(stdout).toContainText('reading: ');
  });
});
