// What a Check means for each task: the runner's per-test results grouped by task, a
// task's state, and the sentence above them. Pure, so the panel only draws it.

import { type OutcomeSummary, summarizeOutcome } from '../lesson-editor/run-messages.ts';
import type { TestResult } from '../lesson-editor/run-report.ts';
import type { RunOutcome } from '../lesson-editor/runner-client.ts';

/** A task after a check: passed (every test of it passed), failing, or error (no test ran). */
export type TaskState = 'not-checked' | 'passed' | 'failing' | 'error';

export interface TaskOutcome {
  taskId: number;
  state: TaskState;
  /** The task's tests in file order. */
  tests: TestResult[];
  /** Those that did not pass. */
  failing: TestResult[];
}

export interface CheckView {
  summary: OutcomeSummary;
  tasks: TaskOutcome[];
  /** Tests that name no task of this exercise (a broken exercise, shown rather than hidden). */
  unassigned: TestResult[];
  /** Why the tests did not build or run to the end (the compiler's first errors), shown as is. */
  message: string | null;
}

/** Words for a task's state, as the task list shows it (never colour alone). */
export const TASK_STATE_WORDS: Record<TaskState, string> = {
  'not-checked': 'not checked yet',
  passed: 'passed',
  failing: 'not yet',
  error: 'did not run',
};

const CHECK = 'Check';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The view of a check's outcome for `taskIds`. Only a completed `test` answer says anything
 * about the tasks; any other outcome (offline, busy, stopped) leaves every task unchecked.
 */
export function checkView(taskIds: readonly number[], outcome: RunOutcome, runnerUrl: string): CheckView {
  const unchecked = taskIds.map((taskId) => ({ taskId, state: 'not-checked' as TaskState, tests: [], failing: [] }));
  if (outcome.kind !== 'completed') {
    return { summary: summarizeOutcome(outcome, runnerUrl, CHECK), tasks: unchecked, unassigned: [], message: null };
  }
  if (outcome.status === null) {
    return {
      summary: {
        tone: 'error',
        heading: 'The runner did not answer with test results',
        detail: 'It may be an older runner that has no `test` action.',
      },
      tasks: unchecked,
      unassigned: [],
      message: null,
    };
  }
  const tasks: TaskOutcome[] = taskIds.map((taskId) => {
    const tests = outcome.tests.filter((t) => t.taskId === taskId);
    const failing = tests.filter((t) => t.status !== 'pass');
    const state: TaskState =
      tests.length === 0
        ? outcome.status === 'error'
          ? 'error'
          : 'not-checked'
        : failing.length === 0
          ? 'passed'
          : tests.every(notRun)
            ? 'error'
            : 'failing';
    return { taskId, state, tests, failing };
  });
  const unassigned = outcome.tests.filter((t) => t.taskId === null || !taskIds.includes(t.taskId));
  const message = outcome.status === 'error' ? (outcome.message ?? 'The runner gave no reason.') : null;
  return { summary: summarize(outcome.status, outcome.tests, tasks), tasks, unassigned, message };
}

/** A test the runner lists but never started (its build failed, or an earlier limit stopped the job). */
const notRun = (test: TestResult): boolean => test.status === 'error' && test.durationMs === null;

function summarize(status: 'pass' | 'fail' | 'error', tests: readonly TestResult[], tasks: readonly TaskOutcome[]): OutcomeSummary {
  const failing = tests.filter((t) => t.status !== 'pass');
  if (status === 'error') {
    const ran = tests.length > failing.length ? `${plural(tests.length - failing.length, 'test')} passed before that. ` : '';
    return {
      tone: 'failure',
      heading: tests.every(notRun) ? 'The tests did not build' : 'The tests did not run to the end',
      detail: `${ran}What the runner said is below; compile errors are also marked in the editor, on their file and line.`,
    };
  }
  if (status === 'pass' && failing.length === 0) {
    return { tone: 'success', heading: `Every test passes (${tests.length}): every task is done`, detail: '' };
  }
  const open = tasks.filter((t) => t.state === 'failing').map((t) => `Task ${t.taskId} (${t.failing.length} of ${t.tests.length})`);
  return {
    tone: 'failure',
    heading: `${plural(failing.length, 'test')} of ${tests.length} did not pass`,
    detail:
      open.length > 0
        ? `Not yet passing: ${open.join(', ')}. Each failing test is listed under its task.`
        : 'Each failing test is listed below.',
  };
}

/** One line for a test in a task's list: "TestFlushWhenFull (batcher_test.go): fail". */
export function testLabel(test: TestResult): string {
  const status = test.status === 'pass' ? 'passed' : test.status === 'fail' ? 'failed' : 'did not finish';
  return `${test.name} (${test.file || test.language}): ${status}`;
}
