// The job "Edit the kernel" sends to the runner's `wasm` action: the lesson's wasm entry points
// (lessons/<id>/wasm-kernel/) around the lesson's own kernel (the very kernel.rs the cgo example
// links), at the paths the runner builds (`rust/`). Pure; wasm-kernel-sources.ts reads the files.
import { type CodeLanguage, languageOf } from './example-files.ts';

/** Where each file of the job comes from, relative to lessons/<id>/, and whether the learner may edit it. */
export const KERNEL_JOB_LAYOUT = [
  { path: 'rust/src/kernel.rs', from: 'example/rust/src/kernel.rs', editable: true },
  { path: 'rust/src/lib.rs', from: 'wasm-kernel/src/lib.rs', editable: true },
  // The sandbox builds offline against this manifest and lock file: not the learner's to change.
  { path: 'rust/Cargo.toml', from: 'wasm-kernel/Cargo.toml', editable: false },
  { path: 'rust/Cargo.lock', from: 'wasm-kernel/Cargo.lock', editable: false },
] as const;

/** One file of the kernel job. */
export interface KernelJobFile {
  /** Path in the job, as sent to the runner and named in its diagnostics. */
  path: string;
  content: string;
  language: CodeLanguage;
  editable: boolean;
  /** Where it is in the repository (lessons/<id>/...). */
  source: string;
}

/**
 * The kernel job of a lesson, read with `read(pathInsideLesson)` (null: no such file). Null when the
 * lesson has no wasm-kernel/ folder; throws naming a file the folder should have but lacks.
 */
export function kernelJobFiles(lesson: string, hasWasmKernel: boolean, read: (path: string) => string | null): KernelJobFile[] | null {
  if (!hasWasmKernel) return null;
  return KERNEL_JOB_LAYOUT.map(({ path, from, editable }) => {
    const content = read(from);
    if (content === null) {
      throw new Error(`lessons/${lesson}/${from} is missing: "Edit the kernel" sends it to the runner as ${path}.`);
    }
    return { path, content, language: languageOf(path), editable, source: `lessons/${lesson}/${from}` };
  });
}
