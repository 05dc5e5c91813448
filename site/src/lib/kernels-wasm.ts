// Loads the lessons' Rust kernels (kernels/pkg, built by wasm-pack) into the worker that imports this.
import init from '@hybrid-lab/kernels';
import wasmUrl from '@hybrid-lab/kernels/wasm?url';

/** Instantiates the kernels' wasm module and returns its memory; a failure says that `what` could not be loaded, and why. */
export async function loadKernels(what: string): Promise<WebAssembly.Memory> {
  try {
    return (await init({ module_or_path: wasmUrl })).memory;
  } catch (error) {
    throw new Error(`${what} could not be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
}
