// The first script of a lesson's in-page demo: it shows the demo's buttons and loads the demo itself
// (worker, chart, table, reading) on the first press, or at once when the browser keeps a result to
// show. Keeps a lesson page's first scripts small.
import { browserStorage } from './browser-storage.ts';

/** Whether the browser keeps something under `key`; refused storage (private modes) counts as no. */
export function hasStoredItem(key: string): boolean {
  try {
    return browserStorage()?.getItem(key) != null;
  } catch {
    return false;
  }
}

/**
 * Shows the buttons under `root` that match `buttons` and runs `setUp` (which loads the demo's code and
 * sets `root.dataset.demoReady`) on the first press of any of them; the pressed button is then pressed
 * again, now that the demo listens. With `loadNow`, the demo is loaded at once. A failed load is shown in
 * the demo's `[data-error]` element, and the next press tries again.
 */
export function loadDemoOnFirstPress(root: HTMLElement, buttons: string, setUp: () => Promise<void>, loadNow: boolean): void {
  let loading: Promise<void> | null = null;
  const load = (): Promise<void> => {
    loading ??= setUp().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  for (const button of root.querySelectorAll<HTMLButtonElement>(buttons)) {
    button.hidden = false;
    button.addEventListener('click', (event: MouseEvent) => {
      if (root.dataset.demoReady) return;
      event.stopImmediatePropagation();
      button.disabled = true;
      load()
        .then(() => {
          button.disabled = false;
          // The demo's own listener is in place now: press again for the reader.
          button.click();
        })
        .catch((error: unknown) => {
          button.disabled = false;
          const problem = root.querySelector<HTMLElement>('[data-error]');
          if (problem) {
            problem.textContent = `The demo could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
            problem.hidden = false;
          }
        });
    });
  }
  if (loadNow) void load().catch(() => undefined);
}
