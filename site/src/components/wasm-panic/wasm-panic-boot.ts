// Lesson 04's browser demo's only code on a fresh page: its button loads the demo, or the demo loads at
// once when this browser keeps a run to show.
import { hasStoredItem, loadDemoOnFirstPress } from '../../lib/demo-boot.ts';
import { WASM_PANIC_STORAGE_KEY } from './wasm-panic-storage.ts';

/** Sets up every WasmPanicDemo on the page. */
export function setUpWasmPanicDemos(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-wasm-panic]')) {
    const setUp = () => import('./wasm-panic-demo.ts').then(({ setUpWasmPanicDemo }) => setUpWasmPanicDemo(root));
    loadDemoOnFirstPress(root, '[data-run]', setUp, hasStoredItem(WASM_PANIC_STORAGE_KEY));
  }
}
