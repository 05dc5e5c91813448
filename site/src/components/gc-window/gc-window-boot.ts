// The GC window demo's only code on a fresh page: the Run button loads the demo (gc-window-demo.ts),
// or the demo loads at once when this browser keeps a run to show.
import { hasStoredItem, loadDemoOnFirstPress } from '../../lib/demo-boot.ts';
import { GC_WINDOW_STORAGE_KEY } from './gc-window-storage.ts';

/** Sets up every GcWindowDemo on the page. */
export function setUpGcWindowDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-gc-window]')) {
    const setUp = () => import('./gc-window-demo.ts').then(({ setUpGcWindowDemo }) => setUpGcWindowDemo(root));
    loadDemoOnFirstPress(root, '[data-run]', setUp, hasStoredItem(GC_WINDOW_STORAGE_KEY));
  }
}
