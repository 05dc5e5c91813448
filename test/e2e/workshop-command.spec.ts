// `npm run workshop` as an instructor runs it (rehearsing: --host 127.0.0.1), then a learner's browser
// on the address it prints. The workshop builds its own copy of the site for its runner, starts the
// runner sized for the room, runs the preflight for the half-day plan and serves the site; the
// learner's unedited Run of lesson 01 is answered from the cache the preflight filled.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { freePort } from './free-port.ts';
import { openEditor } from './helpers.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const PLAN = 'core-half-day';

let workshop: ChildProcess;
let log = '';
let learnerUrl = '';
let runnerUrl = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  const [sitePort, runnerPort] = [await freePort(), await freePort()];
  workshop = spawn(
    process.execPath,
    ['scripts/workshop.ts', '--host', '127.0.0.1', '--port', String(sitePort), '--runner-port', String(runnerPort), '--plan', PLAN],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        RUNNER_BACKEND: process.env.E2E_RUNNER_BACKEND ?? 'bubblewrap',
        // Not the uids of the other browser tests' runner, which may still be stopping.
        RUNNER_SANDBOX_UID_BASE: process.env.E2E_WORKSHOP_UID_BASE ?? '62300',
      },
    },
  );
  workshop.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  workshop.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 14 * 60_000;
  for (;;) {
    const match = /Give learners this address: (\S+)/.exec(log);
    if (match?.[1]) {
      learnerUrl = match[1];
      break;
    }
    if (workshop.exitCode !== null) throw new Error(`npm run workshop stopped before it was ready:\n${log}`);
    if (Date.now() > deadline) throw new Error(`npm run workshop was not ready within 14 minutes:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  runnerUrl = /Runner health:\s+(\S+)\/healthz/.exec(log)?.[1] ?? '';
});

test.afterAll(async () => {
  if (!workshop || workshop.exitCode !== null) return;
  const exited = new Promise((resolve) => workshop.once('exit', resolve));
  workshop.kill('SIGINT');
  await exited;
});

test('the preflight checks the sandbox and every job of the plan, then prints where learners go', async () => {
  expect(learnerUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  // Bound to the loopback only: no warning about the room's network.
  expect(log).not.toContain('WARNING');
  const okLine = (label: string) => new RegExp(`^  ok +\\d+\\.\\d s  ${label.replace(/[()]/g, '\\$&')}$`, 'm');
  expect(log).toMatch(okLine('the sandbox: no network, no writes outside the job'));
  for (const lesson of ['01-batching', '04-panics']) {
    expect(log).toMatch(okLine(`${lesson}: the lesson's program (Run)`));
    expect(log).toMatch(okLine(`${lesson}: the exercise's solution passes its tests`));
    expect(log).toMatch(okLine(`${lesson}: the exercise's starter (Check)`));
  }
  expect(log).toContain('preflight passed: 7 jobs for 2 lesson(s)');
  expect(log).not.toMatch(/^ {2}FAIL/m);
  // The runner is sized for a room of 30: every one of them can wait in its queue.
  const health = (await (await fetch(`${runnerUrl}/healthz`)).json()) as { status: string; queue: { maxWaiting: number } };
  expect(health.status).toBe('ok');
  expect(health.queue.maxWaiting).toBe(30);
});

test("a learner on the printed address runs lesson 01's program and gets the preflight's result at once", async ({ page }) => {
  await page.goto(`${learnerUrl}lessons/01-batching/`);
  await openEditor(page);
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  await expect(editor.locator('.run-summary')).toContainText('Built and ran: every step exited with 0', { timeout: 60_000 });
  await expect(editor.locator('.run-facts')).toContainText('from cache');
  await expect(editor.locator('.run-step').nth(2).locator('.stdout pre')).toContainText('check: ok');
});

test('the plan and the instructor page it prints are served', async ({ page }) => {
  await page.goto(/The plan:\s+(\S+)/.exec(log)?.[1] ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('The boundary in half a day');
  await page.goto(/Instructor page:\s+(\S+)/.exec(log)?.[1] ?? '');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Running a workshop');
});

test('Ctrl-C stops the site and the runner', async () => {
  const exited = new Promise<number | null>((resolve) => workshop.once('exit', resolve));
  workshop.kill('SIGINT');
  expect(await exited).toBe(0);
  expect(log).toContain('stopped the site and the runner');
  for (const url of [learnerUrl, `${runnerUrl}/healthz`]) {
    await expect(fetch(url)).rejects.toThrow();
  }
});
