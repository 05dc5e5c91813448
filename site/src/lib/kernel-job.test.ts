import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kernelJobFiles } from './kernel-job.ts';

const lessonDir = fileURLToPath(new URL('../../../lessons/01-batching/', import.meta.url));
const readLesson = (path: string) => (existsSync(join(lessonDir, path)) ? readFileSync(join(lessonDir, path), 'utf8') : null);

describe('kernelJobFiles', () => {
  it("puts lesson 01's kernel and wasm entry points at the runner's rust/ paths, manifest and lock read-only", () => {
    const files = kernelJobFiles('01-batching', true, readLesson) ?? [];
    expect(files.map((file) => [file.path, file.editable, file.language])).toEqual([
      ['rust/src/kernel.rs', true, 'rust'],
      ['rust/src/lib.rs', true, 'rust'],
      ['rust/Cargo.toml', false, 'toml'],
      ['rust/Cargo.lock', false, 'toml'],
    ]);
    // The kernel is the cgo example's own file, not a copy.
    expect(files[0]?.content).toBe(readLesson('example/rust/src/kernel.rs'));
    expect(files[0]?.source).toBe('lessons/01-batching/example/rust/src/kernel.rs');
    // lib.rs declares the module the kernel file becomes, and exports what the page calls.
    for (const name of ['mod kernel', 'fn hl_alloc_f32', 'fn hl_dot', 'fn hl_dot_step']) expect(files[1]?.content).toContain(name);
  });

  it('is null for a lesson without wasm-kernel/, and names a missing file', () => {
    expect(kernelJobFiles('02-x', false, () => '')).toBeNull();
    expect(() => kernelJobFiles('02-x', true, (path) => (path.endsWith('Cargo.lock') ? null : ''))).toThrow(
      'lessons/02-x/wasm-kernel/Cargo.lock is missing: "Edit the kernel" sends it to the runner as rust/Cargo.lock.',
    );
  });
});
