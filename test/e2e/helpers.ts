import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ConsoleMessage, Page } from '@playwright/test';

/** Path of the lesson whose page carries the demo and the editor. */
export const BATCHING_LESSON = '/lessons/01-batching/';

/** Collects console errors and uncaught page errors from the moment it is called. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  return errors;
}

/** The text Monaco shows, with its non-breaking spaces turned back into spaces. */
export async function editorText(page: Page): Promise<string> {
  const text = await page.locator('[data-lesson-editor] .monaco-editor .view-lines').innerText();
  return text.replaceAll('\u00a0', ' ');
}

/** Opens the lesson editor and waits until Monaco has drawn its lines. */
export async function openEditor(page: Page): Promise<void> {
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Open the editor' }).click();
  await editor.locator('.monaco-editor .view-lines .view-line').first().waitFor();
}

/** A sandbox-runner started by a spec, on the port the site was built for. */
export interface RealRunner {
  url: string;
  /** Stops it (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts a real sandbox-runner (bubblewrap unless E2E_RUNNER_BACKEND says otherwise) on
 * E2E_RUNNER_PORT, allowing the site's origin, and waits until it is healthy. Specs that
 * use it stop it in afterAll, so specs that find the runner offline still do.
 */
export async function startRealRunner(env: Record<string, string> = {}): Promise<RealRunner> {
  const port = process.env.E2E_RUNNER_PORT ?? '';
  if (!port) throw new Error('playwright.config.ts sets E2E_RUNNER_PORT');
  const server = fileURLToPath(new URL('../../sandbox-runner/src/server.ts', import.meta.url));
  const runner = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      RUNNER_PORT: port,
      RUNNER_CORS_ORIGINS: `http://127.0.0.1:${process.env.E2E_SITE_PORT ?? ''}`,
      RUNNER_BACKEND: process.env.E2E_RUNNER_BACKEND ?? 'bubblewrap',
      // E2E_RUNNER_UID_BASE keeps two browser-test runs on one machine on different sandbox uids.
      RUNNER_SANDBOX_UID_BASE: process.env.E2E_RUNNER_UID_BASE ?? '62100',
      RUNNER_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  runner.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  runner.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // The first start on a machine prepares the sandbox's files (about a minute).
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (runner.exitCode !== null) throw new Error(`the runner exited early:\n${log}`);
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the runner was not healthy within 150 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    stop: async () => {
      if (runner.exitCode !== null) return;
      const exited = new Promise((resolve) => runner.once('exit', resolve));
      runner.kill('SIGTERM');
      await exited;
    },
  };
}
