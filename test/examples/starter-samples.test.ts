// The code a lesson page shows that is not a Go + Rust program (lesson-examples.test.ts builds
// those): a Rust-only sample crate in example/rust/, and the programs that must NOT compile in
// example/compile-fail/. The Rust starter path teaches with both. What the page claims of them
// is checked here, the way a reader would check it:
//
// - example/rust/ (with no example/go.mod): `cargo test` passes; when example/expected-output.txt
//   exists, `cargo run` prints exactly that on stdout.
// - example/compile-fail/<name>.rs: its first line is `// expect-error: E0382 [E0505 ...]`;
//   rustc refuses the file, with exactly the error codes named (so it fails for the reason
//   the page gives, not for a typo).
// - What the page quotes: a ```text block right after a ```sh block that runs the example
//   (`cargo run`, or `go run .` for a Go + Rust one) must be a run of lines of expected-output.txt, and every `error[E...]` line a ```text
//   block quotes must be one rustc prints for one of the lesson's compile-fail files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyExample, explain, sh, slowMs } from './lesson-commands.ts';

const lessonsDir = fileURLToPath(new URL('../../lessons/', import.meta.url));

const lessonFolders = readdirSync(lessonsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Lessons whose example is a Rust crate alone (no Go module beside it). */
const rustOnlyExamples = lessonFolders.filter((lesson) => {
  const example = join(lessonsDir, lesson, 'example');
  return existsSync(join(example, 'rust', 'Cargo.toml')) && !existsSync(join(example, 'go.mod'));
});

/** Every example/compile-fail/*.rs, as [lesson, file name]. */
const compileFailFiles = lessonFolders.flatMap((lesson) => {
  const dir = join(lessonsDir, lesson, 'example', 'compile-fail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.rs'))
    .sort()
    .map((name) => [lesson, name] as const);
});

const EXPECT_LINE = /^\/\/ expect-error:((?: E\d{4})+)\s*$/;

/** The error codes a compile-fail file's first line names; throws with the rule when it names none. */
function expectedErrorCodes(where: string, source: string): string[] {
  const first = source.split('\n', 1)[0] ?? '';
  const match = EXPECT_LINE.exec(first);
  if (!match?.[1]) {
    throw new Error(`${where}: the first line must be "// expect-error: E0382" (one or more codes), found "${first}"`);
  }
  return match[1].trim().split(' ');
}

describe.skipIf(compileFailFiles.length === 0)('compile-fail samples: rustc refuses each with the errors its first line names', () => {
  it.each(compileFailFiles)('%s: compile-fail/%s', { timeout: slowMs }, async (lesson, name) => {
    const file = join(lessonsDir, lesson, 'example', 'compile-fail', name);
    const codes = expectedErrorCodes(`lessons/${lesson}/example/compile-fail/${name}`, readFileSync(file, 'utf8'));
    const out = await mkdtemp(join(tmpdir(), 'hybrid-lab-compile-fail-'));
    try {
      const r = await sh(lessonsDir, `rustc --edition 2024 --crate-type lib --emit=metadata --out-dir '${out}' '${file}'`);
      expect(r.code, `rustc compiled ${name}, which the page shows as refused`).not.toBe(0);
      const found = [...new Set([...r.out.matchAll(/error\[(E\d{4})\]/g)].map((m) => m[1]))];
      expect(found.sort(), `rustc's error codes for ${name} (the first line names the ones the page teaches):\n${r.out}`).toEqual(
        [...new Set(codes)].sort(),
      );
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

/** The fenced blocks of a page, in order: their language tag and their lines. */
function fencedBlocks(mdx: string): { lang: string; lines: string[] }[] {
  return [...mdx.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1] ?? '',
    lines: (m[2] ?? '').replace(/\n$/, '').split('\n'),
  }));
}

/** Whether `part` appears in `whole` as consecutive lines. */
function isRunOf(part: string[], whole: string[]): boolean {
  return whole.some((_, start) => part.every((line, i) => whole[start + i] === line));
}

/** The commands a page gives to run its example, whose output expected-output.txt holds. */
const RUNS_THE_EXAMPLE = ['cargo run', 'go run .'];

const pagesWithQuotes = lessonFolders.filter((lesson) =>
  fencedBlocks(readFileSync(join(lessonsDir, lesson, 'index.mdx'), 'utf8')).some((block) => block.lang === 'text'),
);

describe.each(
  pagesWithQuotes.filter((lesson) =>
    ['expected-output.txt', 'compile-fail'].some((name) => existsSync(join(lessonsDir, lesson, 'example', name))),
  ),
)('%s: what the page quotes', (lesson) => {
  const blocks = fencedBlocks(readFileSync(join(lessonsDir, lesson, 'index.mdx'), 'utf8'));

  it('the output it shows after running the example is what it prints (example/expected-output.txt)', () => {
    const expectedFile = join(lessonsDir, lesson, 'example', 'expected-output.txt');
    blocks.forEach((block, i) => {
      const before = blocks[i - 1];
      if (block.lang !== 'text' || !before || before.lang !== 'sh' || !before.lines.some((l) => RUNS_THE_EXAMPLE.includes(l.trim())))
        return;
      // A quoted compiler error is rustc's, not the program's: the next test checks those.
      if (block.lines.some((line) => /^error\[E\d{4}\]/.test(line))) return;
      expect(existsSync(expectedFile), `the page shows the example's output, so example/expected-output.txt must hold it`).toBe(true);
      const output = readFileSync(expectedFile, 'utf8').replace(/\n$/, '').split('\n');
      expect(isRunOf(block.lines, output), `this block is not a run of lines of expected-output.txt:\n${block.lines.join('\n')}`).toBe(
        true,
      );
    });
  });

  it('every error line it quotes is one rustc prints for its compile-fail files', { timeout: slowMs }, async () => {
    const quoted = blocks.filter((b) => b.lang === 'text').flatMap((b) => b.lines.filter((line) => /^error\[E\d{4}\]/.test(line)));
    if (quoted.length === 0) return;
    const dir = join(lessonsDir, lesson, 'example', 'compile-fail');
    const out = await mkdtemp(join(tmpdir(), 'hybrid-lab-compile-fail-'));
    try {
      let printed = '';
      for (const name of existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.rs')) : []) {
        printed += (await sh(lessonsDir, `rustc --edition 2024 --crate-type lib --emit=metadata --out-dir '${out}' '${join(dir, name)}'`))
          .out;
      }
      const lines = printed.split('\n');
      for (const line of quoted)
        expect(lines, `the page quotes "${line}", which no compile-fail file of ${lesson} makes rustc print`).toContain(line);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe.each(rustOnlyExamples)('%s: the Rust sample crate', (lesson) => {
  const example = join(lessonsDir, lesson, 'example');
  const expectedFile = join(example, 'expected-output.txt');

  it('cargo test passes, and cargo run prints what the page says', { timeout: slowMs }, async () => {
    const work = await copyExample(example, `hybrid-lab-${lesson}-`);
    try {
      const rust = join(work, 'rust');
      const test = await sh(rust, 'cargo test --offline --locked');
      expect(test.code, explain(test)).toBe(0);
      expect(test.out).toMatch(/test result: ok\. [1-9]\d* passed; 0 failed/);
      if (existsSync(expectedFile)) {
        const run = await sh(rust, 'cargo run --offline --locked --quiet');
        expect(run.code, explain(run)).toBe(0);
        expect(run.stdout, `stdout of \`cargo run\` in lessons/${lesson}/example/rust/ versus example/expected-output.txt`).toBe(
          readFileSync(expectedFile, 'utf8'),
        );
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

it('every example folder is checked: a Go + Rust program (lesson-examples) or a Rust crate (here)', () => {
  const unchecked = lessonFolders.filter((lesson) => {
    const example = join(lessonsDir, lesson, 'example');
    return existsSync(example) && !existsSync(join(example, 'rust', 'Cargo.toml'));
  });
  expect(unchecked, 'lessons whose example/ has no rust/Cargo.toml, so no suite builds it').toEqual([]);
});
