// Runs what lesson 04 tells the reader to run, as the page words it (the
// commands are read from index.mdx's ```sh blocks), and checks each "you
// will see X" for X: the abort and its texts, the caught panic step by step,
// the service loop's outcomes, and the exercise's program with the solution
// and with the starter. Counts that depend on timing (the busy row) are not
// checked; what the policy guarantees is.
//
// Needs cargo, go and a C compiler on PATH, like lesson-examples.test.ts.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockWith, copyExample, explain, runExerciseProgram, sh, slowMs } from './lesson-commands.ts';
import { panicsProblems, parsePanicsOutput } from './panics-output.ts';

const lessonDir = join(import.meta.dirname, '..', '..', 'lessons', '04-panics');
const page = readFileSync(join(lessonDir, 'index.mdx'), 'utf8');

const buildAndAbort = blockWith(page, 'go build -o panics .', 'index.mdx');
const caught = blockWith(page, '-mode panic-caught', 'index.mdx');
const loop = shellBlockExactly('./panics');

/** The one ```sh block of the page that is exactly `command`. */
function shellBlockExactly(command: string): string {
  const found = page.match(new RegExp(`^\`\`\`sh\\n${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\`\`\`$`, 'gm'));
  if (found?.length !== 1) throw new Error(`index.mdx: expected one \`\`\`sh block that is exactly "${command}"`);
  return command;
}

describe('lesson 04 experiments, as the page words them', () => {
  let work = '';

  beforeAll(async () => {
    work = await copyExample(join(lessonDir, 'example'), 'hybrid-lab-04-experiments-', ['panics']);
    for (const command of buildAndAbort.slice(0, -1)) {
      const r = await sh(work, command);
      expect(r.code, explain(r)).toBe(0);
    }
  }, slowMs);

  afterAll(async () => {
    if (work && !process.env.KEEP_EXAMPLE_DIRS) await rm(work, { recursive: true, force: true });
  });

  it('a panic through extern "C" without catch_unwind aborts the process: the texts the page quotes, exit status 2', {
    timeout: slowMs,
  }, async () => {
    const command = buildAndAbort.at(-1) as string;
    expect(command).toBe('./panics -mode abort; echo "exit status $?"');
    const r = await sh(work, command, { GOTRACEBACK: undefined });
    expect(r.out).toMatch(/exit status 2\n?$/);
    for (const text of [
      'index out of bounds: the len is 4 but the index is 4',
      'panic in a function that cannot unwind',
      'thread caused non-unwinding panic. aborting.',
      'SIGABRT: abort',
      'signal arrived during cgo execution',
    ]) {
      expect(r.out, text).toContain(text);
    }
    // Two lines of its own before the call, none after it.
    expect(r.out.match(/^abort: /gm)).toHaveLength(2);
  });

  it('the caught panic, step by step: the message, the poisoned handle, the fallback, a fresh handle, exit 0', {
    timeout: slowMs,
  }, async () => {
    expect(caught).toEqual(['./panics -mode panic-caught']);
    const r = await sh(work, caught[0] as string);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out).toContain('errors.Is(err, ErrPanicked) = true');
    expect(r.out).toContain('index out of bounds: the len is 4 but the index is 4');
    expect(r.out).toContain('poisoned: the 2 lines before the panic stay counted');
    expect(r.out).toContain('errors.Is(err, ErrPoisoned) = true');
    expect(r.out).toMatch(/handle freed and a new one created: the 5 plain lines give 5 records, (\d+) cents again/);
    expect(r.out).toContain('the process is still running; exit status 0');
  });

  it('the service loop: every panic caught and served by the fallback, invalid input failed, the check ok, exit 0', {
    timeout: slowMs,
  }, async () => {
    const r = await sh(work, loop);
    expect(r.code, explain(r)).toBe(0);
    const out = parsePanicsOutput(r.stdout);
    expect(panicsProblems(out, 480), r.out).toEqual([]);
    // Caught is not silent: the hook printed each panic on standard error.
    expect(r.out).toContain('panicked at src/parse.rs');
  });
});

describe("lesson 04 exercise's program, run as the page says", () => {
  const programBlock = blockWith(page, 'go run .', 'index.mdx');

  it('with the solution: Rust, refusals, three panics, the breaker, the fallback, and the check', { timeout: slowMs }, async () => {
    const r = await runExerciseProgram(lessonDir, 'solution', programBlock);
    expect(r.code, explain(r)).toBe(0);
    expect(r.out).toContain('"a=1&b=22"   = 23, from rust');
    expect(r.out).toContain('"a=1&b=&c=2" = 3, from go-fallback');
    expect(r.out).toContain('"e=5&f=6"    = 11, from go-fallback');
    expect(r.out.match(/index out of bounds: the len is 0 but the index is 0/g)).toHaveLength(3);
    expect(r.out).toContain('Rust panicked 3 times; breaker open: true');
    expect(r.out).toContain('check: ok, every request answered or refused, and the process is still here');
  });

  it('with the starter: the process aborts at the first panic', { timeout: slowMs }, async () => {
    const r = await runExerciseProgram(lessonDir, 'starter', programBlock);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('panic in a function that cannot unwind');
    expect(r.out).not.toContain('check: ok');
  });
});
