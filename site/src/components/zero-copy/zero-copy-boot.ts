// The zero-copy demo's only code on a fresh page: its buttons load the demo (zero-copy-demo.ts), or the
// demo loads at once when this browser keeps a sweep to show.
import { hasStoredItem, loadDemoOnFirstPress } from '../../lib/demo-boot.ts';
import { ZERO_COPY_STORAGE_KEY } from './zero-copy-storage.ts';

/** Sets up every WasmMemoryDemo on the page. */
export function setUpZeroCopyDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-zero-copy]')) {
    const setUp = () => import('./zero-copy-demo.ts').then(({ setUpZeroCopyDemo }) => setUpZeroCopyDemo(root));
    loadDemoOnFirstPress(root, '[data-run], [data-detach]', setUp, hasStoredItem(ZERO_COPY_STORAGE_KEY));
  }
}
