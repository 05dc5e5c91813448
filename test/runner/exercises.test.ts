/**
 * Every lesson's exercise (lessons/<id>/exercise/), checked as lessons/README.md
 * promises, with the parser the site uses (site/src/lib/exercise-format.ts):
 *
 * - without a runner: the tasks of index.mdx, at least two hints each, the same
 *   files in starter/ and solution/, identical test files, and every test in
 *   the source naming a task that exists, every task having a test;
 * - through a real runner, with the `test` action, on every backend: the
 *   starter builds (status "fail", not "error") and at least one test of every
 *   task does not pass; the solution passes every test.
 *
 * One starter job and one solution job per lesson and backend. A failure
 * names the lesson, the task and the test.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunResult, TestResult } from '../../sandbox-runner/src/api-types.ts';
import { goTestsInSource, rustTestsInSource } from '../../sandbox-runner/src/test-discovery.ts';
import { type ExerciseTask, exerciseProblems, isExerciseTestFile, parseHints, parseTasks } from '../../site/src/lib/exercise-format.ts';
import { BACKENDS, jobFromDir, runJob, startRunner, type TestRunner } from './runner-harness.ts';

const LESSONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

interface Exercise {
  lesson: string;
  tasks: ExerciseTask[];
  starter: Record<string, string>;
  solution: Record<string, string>;
  /** Problems found while reading it (a malformed heading or hints file). */
  readProblems: string[];
}

/** Every lesson folder with an exercise/ folder, in name order: nothing is hard-coded. */
function findExercises(): Exercise[] {
  const out: Exercise[] = [];
  for (const lesson of readdirSync(LESSONS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    const dir = path.join(LESSONS, lesson, 'exercise');
    if (!existsSync(dir)) continue;
    const readProblems: string[] = [];
    const read = <T>(what: string, fn: () => T, fallback: T): T => {
      try {
        return fn();
      } catch (error) {
        readProblems.push(`${lesson}: ${what}: ${(error as Error).message}`);
        return fallback;
      }
    };
    const tasks = read(
      'index.mdx',
      () => parseTasks(`lessons/${lesson}/index.mdx`, readFileSync(path.join(LESSONS, lesson, 'index.mdx'), 'utf8')),
      [],
    );
    const hints = read(
      'hints.md',
      () => parseHints(`lessons/${lesson}/exercise/hints.md`, readFileSync(path.join(dir, 'hints.md'), 'utf8')),
      [],
    );
    const starter = read('starter/', () => jobFromDir(path.join(dir, 'starter')), {});
    const solution = read('solution/', () => jobFromDir(path.join(dir, 'solution')), {});
    readProblems.push(...exerciseProblems({ lesson, tasks, hints, starter, solution }));
    out.push({ lesson, tasks, starter, solution, readProblems });
  }
  return out;
}

const exercises = findExercises();

/** Names a test in a message: "TestFlushWhenFull" or "rust/tests/boundary.rs: null_pointer_is_an_error". */
const testLabel = (t: { name: string; file: string; language: string }) => (t.language === 'go' ? t.name : `${t.file}: ${t.name}`);

/** Tests that name no task or a task index.mdx does not have, and tasks with no test. */
function taskProblems(
  lesson: string,
  tasks: readonly ExerciseTask[],
  tests: readonly { name: string; file: string; language: string; taskId: number | null }[],
  where: string,
): string[] {
  const problems: string[] = [];
  for (const t of tests) {
    if (t.taskId === null) problems.push(`${lesson}, ${testLabel(t)}: names no task (${where}); put "// task: N" directly above it.`);
    else if (!tasks.some((task) => task.id === t.taskId))
      problems.push(`${lesson}, Task ${t.taskId}, ${testLabel(t)}: index.mdx has no "### Task ${t.taskId}: ..." heading (${where}).`);
  }
  for (const task of tasks) {
    if (!tests.some((t) => t.taskId === task.id)) problems.push(`${lesson}, Task ${task.id}: no test names this task (${where}).`);
  }
  return problems;
}

/** Fails with every problem, one per line (assert.deepEqual with a message would hide them). */
function assertNoProblems(problems: readonly string[]): void {
  assert.ok(problems.length === 0, `${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
}

/** A test's failure in one line: its status and the first lines of its message. */
const why = (t: TestResult) => `${t.status}: ${(t.message ?? '(no message)').split('\n').slice(0, 4).join(' | ')}`;

describe('exercises: layout, tasks and hints (no runner)', () => {
  test('at least one lesson has an exercise', () => {
    assert.ok(exercises.length > 0, `no lessons/*/exercise/ folder under ${LESSONS}`);
  });

  for (const ex of exercises) {
    test(`${ex.lesson}: tasks, hints, and the same files (and identical test files) in starter/ and solution/`, () => {
      assertNoProblems(ex.readProblems);
      const testFiles = Object.keys(ex.starter).filter(isExerciseTestFile);
      assert.ok(testFiles.length > 0, `${ex.lesson}: exercise/starter/ has no test file`);
    });

    test(`${ex.lesson}: every test in the source names a task that exists, and every task has a test`, () => {
      const tests = [...rustTestsInSource(ex.starter), ...goTestsInSource(ex.starter)];
      assert.ok(tests.length > 0, `${ex.lesson}: no Go or Rust test found in exercise/starter/`);
      assertNoProblems(taskProblems(ex.lesson, ex.tasks, tests, 'in the source'));
    });
  }
});

BACKENDS.forEach((backend, i) => {
  describe(`exercises through the runner on ${backend}`, () => {
    let runner: TestRunner;
    before(async () => {
      runner = await startRunner(backend, 63600 + i * 100);
    });
    after(async () => {
      await runner?.close();
    });

    for (const ex of exercises) {
      test(`${ex.lesson}: the starter builds, and every task has a test that does not pass`, async (t) => {
        const result: RunResult = await runJob(runner, ex.starter, 'test');
        t.diagnostic(`starter check: ${result.totalMs} ms (${result.steps.map((s) => `${s.name} ${s.durationMs} ms`).join(', ')})`);
        assert.equal(
          result.status,
          'fail',
          `${ex.lesson}: the starter must build and run its tests, some failing (status "fail"); the runner answered "${result.status}": ${result.message ?? JSON.stringify(result.tests?.map((x) => [x.name, x.status]))}`,
        );
        const tests = result.tests ?? [];
        const problems = taskProblems(ex.lesson, ex.tasks, tests, "in the runner's answer");
        for (const task of ex.tasks) {
          const own = tests.filter((x) => x.taskId === task.id);
          if (own.length > 0 && own.every((x) => x.status === 'pass')) {
            problems.push(
              `${ex.lesson}, Task ${task.id}, ${own.map(testLabel).join(', ')}: the starter passes this task's every test; at least one must fail until the task is done.`,
            );
          }
        }
        assertNoProblems(problems);
      });

      test(`${ex.lesson}: the solution passes every test`, async (t) => {
        const result: RunResult = await runJob(runner, ex.solution, 'test');
        t.diagnostic(`solution check: ${result.totalMs} ms (${result.steps.map((s) => `${s.name} ${s.durationMs} ms`).join(', ')})`);
        const tests = result.tests ?? [];
        const problems = taskProblems(ex.lesson, ex.tasks, tests, "in the runner's answer");
        for (const x of tests.filter((x) => x.status !== 'pass')) {
          problems.push(`${ex.lesson}, Task ${x.taskId ?? '?'}, ${testLabel(x)}: the solution does not pass this test (${why(x)})`);
        }
        if (tests.length === 0) problems.push(`${ex.lesson}: the runner found no test in the solution: ${result.message ?? ''}`);
        assertNoProblems(problems);
        assert.equal(
          result.status,
          'pass',
          `${ex.lesson}: the runner answered "${result.status}" for the solution: ${result.message ?? ''}`,
        );
      });
    }
  });
});
