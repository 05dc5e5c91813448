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
