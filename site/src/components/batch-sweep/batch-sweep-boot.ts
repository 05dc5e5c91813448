// The demo's only code on a fresh page: it shows the buttons and loads the demo itself
// (batch-sweep-demo.ts: worker, chart, table, readings) on the first press, or at once when
// this browser keeps a result to show. Keeps the lesson page's first scripts small.
import { hasStoredItem, loadDemoOnFirstPress } from '../../lib/demo-boot.ts';
import { SWEEP_STORAGE_KEY } from './sweep-storage.ts';

const BUTTONS = '[data-run], [data-panic], [data-kernel-open]';

/** Sets up every BatchSweepDemo on the page. */
export function setUpBatchSweepDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-batch-sweep]')) {
    const setUp = () => import('./batch-sweep-demo.ts').then(({ setUpDemo }) => setUpDemo(root));
    loadDemoOnFirstPress(root, BUTTONS, setUp, hasStoredItem(SWEEP_STORAGE_KEY));
  }
}
