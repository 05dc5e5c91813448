// The editor against a real runner: the browser posts the lesson's files to a
// sandbox-runner started here (a real bubblewrap sandbox, real cargo, go and
// cgo), and the page shows what the program printed. The runner listens on the
// port the site was built for and stops after these tests, so the offline test
// in lesson-editor.spec.ts still finds nothing there whichever runs first.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, openEditor } from './helpers.ts';

const runnerPort = process.env.E2E_RUNNER_PORT ?? '';
const sitePort = process.env.E2E_SITE_PORT ?? '';
const server = fileURLToPath(new URL('../../sandbox-runner/src/server.ts', import.meta.url));

let runner: ChildProcess | null = null;
let runnerLog = '';

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (runner?.exitCode !== null) throw new Error(`the runner exited early:\n${runnerLog}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the runner was not healthy within ${timeoutMs} ms:\n${runnerLog}`);
}

test.describe('with a real runner', () => {
  test.beforeAll(async () => {
    expect(runnerPort, 'playwright.config.ts sets E2E_RUNNER_PORT').not.toBe('');
    runner = spawn(process.execPath, [server], {
      env: {
        ...process.env,
        RUNNER_PORT: runnerPort,
        RUNNER_CORS_ORIGINS: `http://127.0.0.1:${sitePort}`,
        RUNNER_BACKEND: process.env.E2E_RUNNER_BACKEND ?? 'bubblewrap',
        RUNNER_SANDBOX_UID_BASE: '62100',
        RUNNER_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runner.stdout?.on('data', (chunk: Buffer) => (runnerLog += chunk.toString()));
    runner.stderr?.on('data', (chunk: Buffer) => (runnerLog += chunk.toString()));
    // First start on a machine prepares the sandbox's files (about a minute).
    await waitForHealthy(`http://127.0.0.1:${runnerPort}`, 150_000);
  });

  test.afterAll(async () => {
    if (!runner || runner.exitCode !== null) return;
    const exited = new Promise((resolve) => runner?.once('exit', resolve));
    runner.kill('SIGTERM');
    await exited;
  });

  test('Run builds the lesson program in the sandbox and shows its output', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await editor.getByRole('button', { name: 'Run on the server' }).click();

    await expect(editor.locator('.run-summary')).toContainText('Built and ran: every step exited with 0', { timeout: 120_000 });
    const steps = editor.locator('.run-step');
    await expect(steps).toHaveCount(3);
    await expect(steps.nth(0)).toContainText('cargo-build');
    await expect(steps.nth(1)).toContainText('go-build');
    await expect(steps.nth(2)).toContainText('run');
    const stdout = steps.nth(2).locator('.stdout pre');
    await expect(stdout).toContainText('check: ok');
    await expect(stdout).toContainText('reading:');
    await expect(stdout).toContainText(/per-batch\s+65536/);
  });

  test('a Go compile error is shown as the result of the go-build step, not as a server error', async ({ page }) => {
    await page.goto(BATCHING_LESSON);
    await openEditor(page);
    const editor = page.locator('[data-lesson-editor]');
    await editor.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('this line is not Go\n');
    await editor.getByRole('button', { name: 'Run on the server' }).click();

    await expect(editor.locator('.run-summary')).toContainText('Step "go-build" exited with 1', { timeout: 120_000 });
    await expect(editor.locator('.run-summary')).toContainText('A compile error here is about the code');
    const goBuild = editor.locator('.run-step').nth(1);
    await expect(goBuild).toContainText('go-build');
    await expect(goBuild.locator('.stderr pre')).toContainText("main.go:1:1: expected 'package'");
    // Steps stop at the first failure: nothing was run.
    await expect(editor.locator('.run-step')).toHaveCount(2);
  });
});
