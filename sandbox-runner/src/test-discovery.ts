/**
 * Finds a job's tests in its source, for the `test` action: which Go tests
 * to run (top-level `func TestXxx(t *testing.T)` in *_test.go), where each
 * test sits (file order), and which task it checks (a `// task: N` comment
 * among the comment and attribute lines directly above it; see
 * lessons/README.md). Rust test names come from the test binaries
 * themselves; this module only places them in their files.
 */
import path from 'node:path';
import type { TestLanguage } from './api-types.ts';

/** A test found in the source. */
export interface SourceTest {
  language: TestLanguage;
  /** File that holds it, relative to the job root. */
  file: string;
  /** Go: the test function. Rust: the function's own name (libtest adds module paths in front). */
  name: string;
  taskId: number | null;
  /** Line of the function (1-based), for file order. */
  line: number;
}

const TASK_COMMENT = /^\s*\/\/\s*task:\s*(\d+)\s*$/;
const GO_TEST_FUNC = /^func\s+(Test(?:[^a-z\W]\w*)?)\s*\(\s*\w+\s+\*testing\.T\s*\)/;
const RUST_FN = /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+([A-Za-z_]\w*)/;
const RUST_TEST_ATTR = /^\s*#\[(?:\w+::)*test\b/;

/** True for a Go test file. */
export const isGoTestFile = (file: string) => file.endsWith('_test.go');

/** True for a Rust source file of the job's crate. */
export const isRustSource = (file: string) => file.startsWith('rust/') && file.endsWith('.rs') && !file.startsWith('rust/target/');

/** The comment and attribute lines directly above line `index` (no blank line between). */
function leadingBlock(lines: string[], index: number): string[] {
  const block: string[] = [];
  for (let i = index - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!/^\s*(\/\/|#\[|\/\*|\*)/.test(line)) break;
    block.unshift(line);
  }
  return block;
}

/** The task named in a block of comment lines, or null. */
export function taskIdIn(block: readonly string[]): number | null {
  for (const line of block) {
    const m = TASK_COMMENT.exec(line);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Go tests of the job, in file order: files by path, tests by line. */
export function goTestsInSource(files: Readonly<Record<string, string>>): SourceTest[] {
  const out: SourceTest[] = [];
  for (const file of Object.keys(files).filter(isGoTestFile).sort()) {
    const lines = (files[file] ?? '').split('\n');
    lines.forEach((line, i) => {
      const m = GO_TEST_FUNC.exec(line);
      if (m?.[1]) out.push({ language: 'go', file, name: m[1], taskId: taskIdIn(leadingBlock(lines, i)), line: i + 1 });
    });
  }
  return out;
}

/** The Go package folder of a file ("." for the root). */
export const goPackageDir = (file: string) => path.posix.dirname(file);

/** Rust `#[test]` functions of the job's crate, by file, in line order. */
export function rustTestsInSource(files: Readonly<Record<string, string>>): SourceTest[] {
  const out: SourceTest[] = [];
  for (const file of Object.keys(files).filter(isRustSource).sort()) {
    const lines = (files[file] ?? '').split('\n');
    lines.forEach((line, i) => {
      const m = RUST_FN.exec(line);
      if (!m?.[1]) return;
      const block = leadingBlock(lines, i);
      if (block.some((l) => RUST_TEST_ATTR.test(l))) {
        out.push({ language: 'rust', file, name: m[1], taskId: taskIdIn(block), line: i + 1 });
      }
    });
  }
  return out;
}
