// Build-time reader of a lesson's wasm-kernel/ job (see kernel-job.ts), from the same lessons
// folder as lesson-sources.ts, so the page embeds the files as they are in the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KernelJobFile, kernelJobFiles } from './kernel-job.ts';

declare const __LESSONS_DIR__: string;

/** The files "Edit the kernel" sends for `lesson`, or null when the lesson has no wasm-kernel/ folder. */
export function readKernelJob(lesson: string): KernelJobFile[] | null {
  const dir = join(__LESSONS_DIR__, lesson);
  return kernelJobFiles(lesson, existsSync(join(dir, 'wasm-kernel')), (path) => {
    const file = join(dir, path);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  });
}
