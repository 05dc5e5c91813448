// The demo's only code on a fresh page: it shows the buttons and loads the demo itself
// (batch-sweep-demo.ts: worker, chart, table, readings) on the first press, or at once when
// this browser keeps a result to show. Keeps the lesson page's first scripts small.
import { browserStorage } from '../../lib/browser-storage.ts';
import { SWEEP_STORAGE_KEY } from './sweep-storage.ts';

const BUTTONS = '[data-run], [data-panic], [data-kernel-open]';

function hasStoredSweep(): boolean {
  try {
    return browserStorage()?.getItem(SWEEP_STORAGE_KEY) != null;
  } catch {
    return false;
  }
}

/** Sets up every BatchSweepDemo on the page. */
export function setUpBatchSweepDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-batch-sweep]')) {
    const buttons = [...root.querySelectorAll<HTMLButtonElement>(BUTTONS)];
    let loading: Promise<void> | null = null;
    const load = (): Promise<void> => (loading ??= import('./batch-sweep-demo.ts').then(({ setUpDemo }) => setUpDemo(root)));
    for (const button of buttons) {
      button.hidden = false;
      const first = (event: MouseEvent) => {
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
      };
      button.addEventListener('click', first);
    }
    if (hasStoredSweep()) void load();
  }
}
