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
 * - wrong answers (exercise/wrong/task<N>-<slug>/: files laid over the
 *   solution): each builds and fails at least one test of task N, so the tests
 *   catch a plausible mistake and not only the empty starter. Every task of a
 *   starter-path exercise has one. Run on the first backend only: what they
 *   check is the tests, not the sandbox.
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
import { parseTracks } from '../../site/src/lib/tracks.ts';
import { BACKENDS, jobFromDir, runJob, startRunner, type TestRunner } from './runner-harness.ts';

const LESSONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

/** A plausible wrong answer to one task: files that replace the solution's. */
interface WrongAnswer {
  /** Folder name under exercise/wrong/, e.g. "task2-clones-instead-of-borrowing". */
  name: string;
  task: number;
  files: Record<string, string>;
}

interface Exercise {
  lesson: string;
  tasks: ExerciseTask[];
  starter: Record<string, string>;
  solution: Record<string, string>;
  wrong: WrongAnswer[];
  /** Problems found while reading it (a malformed heading or hints file). */
  readProblems: string[];
}

/** Lessons of the Rust starter path, whose exercises must each have wrong answers. */
const STARTER_TRACK_LESSONS = new Set<string>(
  parseTracks('lessons/tracks.json', JSON.parse(readFileSync(path.join(LESSONS, 'tracks.json'), 'utf8'))).find(
    (t) => t.id === 'rust-starter',
  )?.lessons ?? [],
);

const WRONG_ANSWER_DIR = /^task([1-9]\d*)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** exercise/wrong/<task N-slug>/ folders; problems (a bad name, a file the solution lacks, a test file) go to `problems`. */
function readWrongAnswers(lesson: string, dir: string, solution: Record<string, string>, problems: string[]): WrongAnswer[] {
  if (!existsSync(dir)) return [];
  const answers: WrongAnswer[] = [];
  for (const name of readdirSync(dir).sort()) {
    const where = `${lesson}: exercise/wrong/${name}`;
    const match = WRONG_ANSWER_DIR.exec(name);
    if (!match) {
      problems.push(`${where}: a wrong answer's folder is named task<N>-<the-mistake>, e.g. "task2-clones-instead-of-borrowing".`);
      continue;
    }
    const files = jobFromDir(path.join(dir, name));
    if (Object.keys(files).length === 0) problems.push(`${where}: has no file, so it is the solution itself.`);
    for (const file of Object.keys(files)) {
      if (!(file in solution)) problems.push(`${where}/${file}: the solution has no such file; a wrong answer only replaces files.`);
      else if (isExerciseTestFile(file))
        problems.push(`${where}/${file}: is a test file; a wrong answer changes the learner's files only.`);
      else if (files[file] === solution[file]) problems.push(`${where}/${file}: is the same as the solution's.`);
    }
    answers.push({ name, task: Number(match[1]), files });
  }
  return answers;
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
    const wrong = read('wrong/', () => readWrongAnswers(lesson, path.join(dir, 'wrong'), solution, readProblems), []);
    if (STARTER_TRACK_LESSONS.has(lesson)) {
      for (const task of tasks) {
        if (!wrong.some((w) => w.task === task.id)) {
          readProblems.push(
            `${lesson}, Task ${task.id}: a starter-path exercise needs a wrong answer per task (exercise/wrong/task${task.id}-<mistake>/).`,
          );
        }
      }
    }
    out.push({ lesson, tasks, starter, solution, wrong, readProblems });
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
      const problems = taskProblems(ex.lesson, ex.tasks, tests, 'in the source');
      for (const w of ex.wrong) {
        if (!ex.tasks.some((task) => task.id === w.task))
          problems.push(`${ex.lesson}: exercise/wrong/${w.name}: index.mdx has no Task ${w.task}.`);
      }
      assertNoProblems(problems);
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

      for (const w of i === 0 ? ex.wrong : []) {
        test(`${ex.lesson}: the wrong answer ${w.name} builds and fails Task ${w.task}`, async (t) => {
          const result: RunResult = await runJob(runner, { ...ex.solution, ...w.files }, 'test');
          t.diagnostic(`wrong answer check: ${result.totalMs} ms`);
          assert.equal(
            result.status,
            'fail',
            `${ex.lesson}: exercise/wrong/${w.name} must build and fail some tests (status "fail"); the runner answered "${result.status}": ${result.message ?? ''}`,
          );
          const own = (result.tests ?? []).filter((x) => x.taskId === w.task);
          assert.ok(
            own.some((x) => x.status !== 'pass'),
            `${ex.lesson}: exercise/wrong/${w.name} passes every test of Task ${w.task} (${own.map(testLabel).join(', ') || 'none'}); the tests do not catch this mistake.`,
          );
        });
      }
    }
  });
});
