import { describe, expect, it } from 'vitest';
import type { TestResult } from '../lesson-editor/run-report.ts';
import { finishedReport, finishedStep } from '../lesson-editor/run-step.fixture.ts';
import { checkView, testLabel } from './exercise-results.ts';

const URL = 'http://127.0.0.1:8787';

function t(name: string, taskId: number | null, status: TestResult['status'], over: Partial<TestResult> = {}): TestResult {
  return {
    name,
    status,
    message: status === 'pass' ? null : `${name} failed`,
    output: null,
    taskId,
    language: 'go',
    file: 'x_test.go',
    durationMs: 5,
    ...over,
  };
}

const completed = (status: 'pass' | 'fail' | 'error', tests: TestResult[], message: string | null = null) => ({
  kind: 'completed' as const,
  ...finishedReport([finishedStep('go-test')], { status, message, tests }),
});

describe('checkView', () => {
  it('groups tests by task: a task passes only when every one of its tests passes', () => {
    const view = checkView(
      [1, 2, 3],
      completed('fail', [t('A', 1, 'pass'), t('B', 1, 'fail'), t('C', 2, 'pass'), t('D', 3, 'error')]),
      URL,
    );
    expect(view.tasks.map((task) => [task.taskId, task.state, task.failing.map((f) => f.name)])).toEqual([
      [1, 'failing', ['B']],
      [2, 'passed', []],
      [3, 'failing', ['D']],
    ]);
    expect(view.summary.tone).toBe('failure');
    expect(view.summary.heading).toBe('2 tests of 4 did not pass');
    expect(view.summary.detail).toBe('Not yet passing: Task 1 (1 of 2), Task 3 (1 of 1). Each failing test is listed under its task.');
    expect(view.unassigned).toEqual([]);
  });

  it('says every task is done when all pass', () => {
    const view = checkView([1], completed('pass', [t('A', 1, 'pass'), t('B', 1, 'pass')]), URL);
    expect(view.tasks[0]?.state).toBe('passed');
    expect(view.summary).toEqual({ tone: 'success', heading: 'Every test passes (2): every task is done', detail: '' });
  });

  it('a build that failed is "did not run" for every task, with the compiler message', () => {
    const view = checkView(
      [1, 2],
      completed('error', [], 'The cargo-build step failed, so no test ran:\nrust/src/lib.rs:5:9: mismatched types'),
      URL,
    );
    expect(view.tasks.map((task) => task.state)).toEqual(['error', 'error']);
    expect(view.summary.heading).toBe('The tests did not build');
    expect(view.message).toBe('The cargo-build step failed, so no test ran:\nrust/src/lib.rs:5:9: mismatched types');
    expect(view.summary.detail).toMatch(/compile errors are also marked in the editor/);
  });

  it('a build that failed, with every test listed as not run, is "did not build" for every task', () => {
    const notRun = { status: 'error' as const, durationMs: null, message: 'not run: the Rust code did not compile' };
    const view = checkView(
      [1, 2],
      completed('error', [t('A', 1, 'error', notRun), t('B', 2, 'error', notRun)], 'The cargo-build step failed'),
      URL,
    );
    expect(view.tasks.map((task) => task.state)).toEqual(['error', 'error']);
    expect(view.summary.heading).toBe('The tests did not build');
  });

  it('tests that ran before a time limit keep their results; the job "did not run to the end"', () => {
    const view = checkView(
      [1, 2],
      completed('error', [t('A', 1, 'pass'), t('B', 2, 'error')], 'The Go tests did not run to the end: time limit.'),
      URL,
    );
    expect(view.tasks.map((task) => task.state)).toEqual(['passed', 'failing']);
    expect(view.summary.heading).toBe('The tests did not run to the end');
  });

  it('shows tests that name no task instead of hiding them', () => {
    const view = checkView([1], completed('fail', [t('A', 1, 'pass'), t('Stray', null, 'fail'), t('Other', 7, 'pass')]), URL);
    expect(view.unassigned.map((x) => x.name)).toEqual(['Stray', 'Other']);
  });

  it('offline, busy or stopped says nothing about the tasks, and names the Check button', () => {
    const view = checkView([1, 2], { kind: 'offline', url: `${URL}/api/v1/runs`, detail: 'refused' }, URL);
    expect(view.tasks.map((task) => task.state)).toEqual(['not-checked', 'not-checked']);
    expect(view.summary.heading).toBe('The runner is offline');
    expect(view.summary.detail).toContain('press "Check" again');
  });

  it('a runner without the test action is not read as a pass', () => {
    const view = checkView([1], { kind: 'completed', ...finishedReport([finishedStep('run')]) }, URL);
    expect(view.tasks[0]?.state).toBe('not-checked');
    expect(view.summary.tone).toBe('error');
  });

  it('labels a test with its file and status', () => {
    expect(testLabel(t('TestFlush', 3, 'error', { file: 'batcher_test.go' }))).toBe('TestFlush (batcher_test.go): did not finish');
  });
});
