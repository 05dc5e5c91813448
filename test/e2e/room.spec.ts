// A busy runner in a real workshop room, shrunk to one learner: a real runner with 1 slot and 1
// place in its queue, both taken by slow jobs that other "learners" (this test, directly) sent.
// The page is refused, counts down the wait the runner asked for, tries again by itself, waits
// its turn and shows the lesson program's result; Stop during the countdown ends the wait and
// sends nothing more.
import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, editorText, openEditor, type RealRunner, recordOutputPane, startRealRunner, typeLineAtTop } from './helpers.ts';

/** A Go-only job that holds its slot for `seconds` after it is built; `tag` keeps it out of the result cache. */
function slowJob(tag: string, seconds: number): string {
  const main = `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\n// ${tag}\nfunc main() {\n\ttime.Sleep(${seconds} * time.Second)\n\tfmt.Println("done")\n}\n`;
  return JSON.stringify({ files: { 'go.mod': 'module hybridlab.test/slow\n\ngo 1.22\n', 'main.go': main }, action: 'run' });
}

interface Queue {
  active: number;
  waiting: number;
}

test.describe('a busy runner with 1 slot and 1 place in its queue', () => {
  let runner: RealRunner;
  /** Jobs the other learners sent, so each test can wait for them to end. */
  let others: Promise<unknown>[] = [];

  const queue = async (): Promise<Queue> => ((await (await fetch(`${runner.url}/healthz`)).json()) as { queue: Queue }).queue;

  /** Two other learners take the slot (8 s) and the place in the queue (6 s) with slow jobs. */
  const fillTheRunner = async (tag: string) => {
    const sleeps = [8, 6];
    for (const [n, seconds] of sleeps.entries()) {
      others.push(
        fetch(`${runner.url}/api/v1/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: slowJob(`${tag} learner ${n}`, seconds),
        }).then((answer) => answer.text()),
      );
      await expect.poll(queue).toMatchObject({ active: 1, waiting: n });
    }
  };

  test.beforeAll(async () => {
    runner = await startRealRunner({ RUNNER_MAX_CONCURRENT: '1', RUNNER_QUEUE_SIZE: '1' });
  });

  test.afterEach(async () => {
    await Promise.allSettled(others);
    others = [];
  });

  test.afterAll(async () => {
    await runner?.stop();
  });

  test('Run is refused, counts down, tries again by itself, waits its turn and shows the result; the edit stays', async ({ page }) => {
    const marker = '// my edit, kept while the runner is busy';
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await typeLineAtTop(page, marker);
    const paneHistory = await recordOutputPane(page);
    await fillTheRunner(`${Date.now()}`);

    await editor.getByRole('button', { name: 'Run on the server' }).click();
    const summary = editor.locator('.run-summary');
    await expect(summary.locator('.run-heading')).toHaveText('The runner is busy (1 running, 1 waiting)');
    await expect(summary.locator('.run-detail')).toHaveText(/^Trying again in \d+ s — attempt 2$/);
    await expect(summary).toContainText('Built and ran: every step exited with 0', { timeout: 150_000 });
    await expect(editor.locator('.run-step').nth(2).locator('.stdout pre')).toContainText('check: ok');
    await expect.poll(() => editorText(page)).toContain(marker);
    await expect(editor.getByRole('tab', { name: 'main.go' })).toHaveClass(/edited/);

    // Headings and details the pane showed, in order, each change once.
    const shown = (await paneHistory())
      .map((snapshot) => `${snapshot.heading} | ${snapshot.detail}`)
      .filter((line, i, all) => line !== all[i - 1]);
    const countdown = shown.filter((line) =>
      /^The runner is busy \(1 running, 1 waiting\) \| Trying again in \d+ s — attempt \d+$/.test(line),
    );
    expect(new Set(countdown).size, `the countdown moved: ${shown.join('\n')}`).toBeGreaterThanOrEqual(2);
    const lastWait = shown.findLastIndex((line) => line.startsWith('The runner is busy'));
    const admitted = shown.findIndex((line, i) => i > lastWait && /^(Queued \(position \d+\)|Started|Running step)/.test(line));
    expect(admitted, `after the wait the page showed its place in the queue or its run: ${shown.join('\n')}`).toBeGreaterThan(lastWait);
    expect(await queue()).toMatchObject({ active: 0, waiting: 0 });
  });

  test('Stop during the countdown ends the wait at once and sends nothing more', async ({ page }) => {
    let posts = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/v1/runs')) posts++;
    });
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await fillTheRunner(`${Date.now()}`);

    await editor.getByRole('button', { name: 'Run on the server' }).click();
    const summary = editor.locator('.run-summary');
    const detail = summary.locator('.run-detail');
    await expect(detail).toHaveText(/^Trying again in \d+ s — attempt 2$/);
    const seconds = Number(/in (\d+) s/.exec((await detail.textContent()) ?? '')?.[1]);
    await editor.getByRole('button', { name: 'Stop' }).click();
    await expect(summary.locator('.run-heading')).toHaveText('Stopped');
    await expect(detail).toHaveText('You stopped waiting for the busy runner; nothing ran.');
    await expect(editor.getByRole('button', { name: 'Run on the server' })).toBeEnabled();

    // Past the moment the page would have tried again, and until the others' jobs are done: no new try.
    await page.waitForTimeout((seconds + 2) * 1000);
    await Promise.allSettled(others);
    expect(posts).toBe(1);
  });
});
