// Draws a check into the exercise panel: each task's state, and under it the tests that did
// not pass with their message and output; the summary above the editor. No Monaco here, so
// the task list shows the last check as soon as the page loads.
import { formatDateTime } from '../../lib/date-time.ts';
import type { StoredRun } from '../lesson-editor/editor-storage.ts';
import { splitCode } from '../lesson-editor/run-messages.ts';
import type { TestResult } from '../lesson-editor/run-report.ts';
import { type CheckView, checkView, TASK_STATE_WORDS, type TaskOutcome, testLabel } from './exercise-results.ts';

function element<K extends keyof HTMLElementTagNameMap>(name: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(name);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function labelledPre(label: string, text: string): HTMLElement {
  const block = element('div', 'test-text');
  block.append(element('p', 'stream-name', label));
  const pre = element('pre', '', text);
  // Scrollable output must be reachable from the keyboard.
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', label);
  block.append(pre);
  return block;
}

function failure(test: TestResult): HTMLElement {
  const item = element('li', 'test-failure');
  item.dataset.test = test.name;
  item.append(element('p', 'test-name', testLabel(test)));
  if (test.message) item.append(labelledPre('message', test.message));
  if (test.output) item.append(labelledPre('output', test.output));
  return item;
}

function drawTask(root: HTMLElement, outcome: TaskOutcome): void {
  const item = root.querySelector<HTMLElement>(`[data-task="${outcome.taskId}"]`);
  if (!item) return;
  item.dataset.state = outcome.state;
  const state = item.querySelector<HTMLElement>('[data-task-state]');
  if (state) state.textContent = TASK_STATE_WORDS[outcome.state];
  const results = item.querySelector<HTMLElement>('[data-task-results]');
  if (!results) return;
  results.replaceChildren();
  if (outcome.state === 'passed') {
    results.append(element('p', 'test-passed', `All ${outcome.tests.length} tests of this task pass.`));
  } else if (outcome.failing.length > 0) {
    const passed = outcome.tests.length - outcome.failing.length;
    results.append(element('p', 'test-passed', `${passed} of ${outcome.tests.length} tests of this task pass. Not yet:`));
    const list = element('ul', 'test-list');
    for (const test of outcome.failing) list.append(failure(test));
    results.append(list);
  }
}

/** Shows `view` in the task list and the summary element (if given). */
export function drawCheck(root: HTMLElement, view: CheckView, summary: HTMLElement | null, when: string | null): void {
  for (const task of view.tasks) drawTask(root, task);
  if (!summary) return;
  summary.replaceChildren();
  const block = element('div', `run-summary tone-${view.summary.tone}`);
  block.append(element('p', 'run-heading', view.summary.heading));
  if (view.summary.detail) {
    const detail = element('p', 'run-detail');
    for (const piece of splitCode(view.summary.detail)) detail.append(piece.code ? element('code', '', piece.text) : piece.text);
    block.append(detail);
  }
  if (view.message) block.append(labelledPre('the runner', view.message));
  if (view.unassigned.length > 0) {
    block.append(element('p', 'run-detail', `Tests that name no task of this exercise: ${view.unassigned.map((t) => t.name).join(', ')}.`));
  }
  if (when) block.append(element('p', 'run-when', when));
  summary.append(block);
}

/** Draws a stored check (from an earlier visit) into the task list; null when there is none. */
export function drawStoredCheck(
  root: HTMLElement,
  taskIds: readonly number[],
  run: StoredRun | null,
  summary: HTMLElement | null,
  runnerUrl: string,
): CheckView | null {
  if (!run) return null;
  const view = checkView(taskIds, run.outcome, runnerUrl);
  drawCheck(root, view, summary, `Last check, ${formatDateTime(run.at)} (kept in this browser).`);
  return view;
}
