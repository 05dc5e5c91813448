import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
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

/**
 * axe's findings on the page as it is now, in the light and then the dark colour scheme (WCAG 2.0 and
 * 2.1, levels A and AA, and axe's best practices): one line per violation, none when the page is clean.
 */
export async function axeViolationsInBothSchemes(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    for (const violation of results.violations) {
      found.push(`${colorScheme}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }
  }
  return found;
}

/**
 * The whole text of the file open in the Monaco editor inside `container` (a CSS selector).
 * Monaco draws only the lines in view, so this reads the editor's model through the hook the
 * e2e build has (PUBLIC_E2E_HOOKS in site/src/components/lesson-editor/monaco-setup.ts).
 */
export async function monacoText(page: Page, container: string): Promise<string> {
  return page.evaluate((selector) => {
    type Api = { editor: { getEditors(): { getContainerDomNode(): HTMLElement; getValue(): string }[] } };
    const api = (globalThis as { hybridLabMonaco?: Api }).hybridLabMonaco;
    if (!api) throw new Error('this build has no hybridLabMonaco hook: build it with PUBLIC_E2E_HOOKS=1');
    const host = document.querySelector(selector);
    const editor = api.editor.getEditors().find((e) => host?.contains(e.getContainerDomNode()));
    if (!editor) throw new Error(`no Monaco editor inside ${selector}`);
    return editor.getValue();
  }, container);
}

/** The whole text of the file open in the lesson editor. */
export async function editorText(page: Page): Promise<string> {
  return monacoText(page, '[data-lesson-editor]');
}

/** Opens the lesson editor and waits until Monaco has drawn its lines. */
export async function openEditor(page: Page): Promise<void> {
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Open the editor' }).click();
  await editor.locator('.monaco-editor .view-lines .view-line').first().waitFor();
}

/** Types `line` and a newline at the top of the lesson editor's open file (main.go when it opens). */
export async function typeLineAtTop(page: Page, line: string): Promise<void> {
  await page.locator('[data-lesson-editor] .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(`${line}\n`);
}

/** A sandbox-runner started by a spec, on the port the site was built for. */
/** What the output pane showed at one moment of a run. */
export interface PaneSnapshot {
  live: boolean;
  heading: string;
  detail: string;
  steps: { name: string; state: string; stdout: string; stderr: string }[];
}

/**
 * Records every state of the output pane from now on (a MutationObserver in the page), so a
 * test can check what was shown during the run, however briefly, after the run is over.
 */
export async function recordOutputPane(page: Page): Promise<() => Promise<PaneSnapshot[]>> {
  await page.evaluate(() => {
    const pane = document.querySelector<HTMLElement>('[data-lesson-editor] [data-output]');
    if (!pane) throw new Error('no output pane');
    const log: PaneSnapshot[] = [];
    (window as unknown as { paneLog: PaneSnapshot[] }).paneLog = log;
    new MutationObserver(() => {
      log.push({
        live: pane.querySelector('.run-live') !== null,
        heading: pane.querySelector('.run-heading')?.textContent ?? '',
        detail: pane.querySelector('.run-detail')?.textContent ?? '',
        steps: [...pane.querySelectorAll<HTMLElement>('.run-step')].map((item) => ({
          name: item.dataset.step ?? '',
          state: [...item.classList].filter((c) => c !== 'run-step').join(' '),
          stdout: item.querySelector('.stdout pre')?.textContent ?? '',
          stderr: item.querySelector('.stderr pre')?.textContent ?? '',
        })),
      });
    }).observe(pane, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { paneLog: PaneSnapshot[] }).paneLog);
}

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
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
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
