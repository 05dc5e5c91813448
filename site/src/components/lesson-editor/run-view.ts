// Draws runs in the editor's output pane: the live view while events stream in (queue
// position, each step as it starts with its output as it arrives), and the finished run
// (summary, run facts, each step with its measurements and the sandbox's notice).
import { formatDateTime } from '../../lib/date-time.ts';
import type { StoredRun } from './editor-storage.ts';
import type { LiveRun, LiveStep } from './run-events.ts';
import {
  describeBusyWait,
  describeLive,
  type OutcomeSummary,
  runFacts,
  splitCode,
  stepMeasures,
  stepNoticeLabel,
  stepStatus,
  summarizeOutcome,
} from './run-messages.ts';
import type { RunStep } from './run-report.ts';
import type { BusyWait } from './runner-retry.ts';

function element<K extends keyof HTMLElementTagNameMap>(name: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(name);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** A paragraph where `backticked` parts of the text become <code>. */
function richParagraph(className: string, text: string): HTMLParagraphElement {
  const paragraph = element('p', className);
  for (const piece of splitCode(text)) paragraph.append(piece.code ? element('code', '', piece.text) : piece.text);
  return paragraph;
}

function summaryBlock(summary: OutcomeSummary): { block: HTMLDivElement; heading: HTMLParagraphElement; detail: HTMLParagraphElement } {
  const block = element('div', `run-summary tone-${summary.tone}`);
  const heading = element('p', 'run-heading', summary.heading);
  const detail = richParagraph('run-detail', summary.detail);
  detail.hidden = summary.detail === '';
  block.append(heading, detail);
  return { block, heading, detail };
}

function streamBlock(stream: 'stdout' | 'stderr', text: string): { block: HTMLDivElement; pre: HTMLPreElement } {
  const block = element('div', `step-stream ${stream}`);
  const pre = element('pre', '', text);
  // Scrollable output must be reachable from the keyboard.
  pre.tabIndex = 0;
  pre.setAttribute('aria-label', stream);
  block.append(element('p', 'stream-name', stream), pre);
  return { block, pre };
}

/** One finished (or, with `unfinished`, cut-short) step: title, measurements, notice, output. */
function renderStep(step: RunStep, unfinished: boolean): HTMLLIElement {
  const state = unfinished ? 'unfinished' : step.exitCode === 0 ? 'ok' : 'failed';
  const item = element('li', `run-step ${state}`);
  item.dataset.step = step.name;
  const title = element('p', 'step-title');
  title.append(element('strong', 'step-name', step.name));
  if (unfinished) {
    title.append(element('span', 'step-exit', 'stopped before it ended'));
  } else {
    title.append(element('span', 'step-exit', stepStatus(step)));
    const [time, ...others] = stepMeasures(step);
    title.append(element('span', 'step-time', time));
    for (const measure of others) title.append(element('span', 'step-measure', measure));
  }
  if (step.truncated) title.append(element('span', 'step-flag', 'output cut at the limit'));
  item.append(title);
  const label = stepNoticeLabel(step);
  if (label) {
    const notice = element('div', 'step-notice');
    notice.setAttribute('role', 'note');
    notice.append(element('p', 'notice-label', label));
    if (step.message) notice.append(richParagraph('notice-message', step.message));
    item.append(notice);
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    if (step[stream]) item.append(streamBlock(stream, step[stream]).block);
  }
  if (!step.stdout && !step.stderr) item.append(element('p', 'step-quiet', 'No output.'));
  return item;
}

/** Draws a finished run (or any other outcome) into the output pane, replacing what was there. */
export function renderRun(output: HTMLElement, run: StoredRun, restored: boolean, runnerUrl: string): void {
  output.replaceChildren();
  const { outcome } = run;
  const { block } = summaryBlock(summarizeOutcome(outcome, runnerUrl));
  if (outcome.kind === 'completed') {
    const facts = runFacts(outcome);
    if (facts.length > 0) {
      const list = element('ul', 'run-facts');
      for (const fact of facts) list.append(element('li', fact.startsWith('from cache') ? 'fact-cached' : '', fact));
      block.append(list);
    }
  }
  const when = formatDateTime(run.at);
  block.append(element('p', 'run-when', restored ? `Last run, ${when} (kept in this browser).` : `Run at ${when}.`));
  output.append(block);
  if (outcome.kind !== 'completed' && outcome.kind !== 'interrupted') return;
  if (outcome.steps.length === 0) return;
  const list = element('ol', 'run-steps');
  outcome.steps.forEach((step, index) => {
    const cutShort = outcome.kind === 'interrupted' && index === outcome.steps.length - 1 && outcome.unfinished === step.name;
    list.append(renderStep(step, cutShort));
  });
  output.append(list);
}

interface LiveItem {
  item: HTMLLIElement;
  status: HTMLSpanElement;
  quiet: HTMLParagraphElement;
  streams: Partial<Record<'stdout' | 'stderr', { pre: HTMLPreElement; length: number }>>;
  startedAt: number;
  ended: boolean;
}

/**
 * The output pane while a run streams in. update() may be called for every event; drawing
 * happens at most once per frame, and output is appended, never re-rendered.
 */
export class LiveRunView {
  private readonly header: ReturnType<typeof summaryBlock>;
  private readonly list: HTMLOListElement;
  private readonly items: LiveItem[] = [];
  private readonly fileCount: number;
  private readonly runnerUrl: string;
  private pending: LiveRun | null = null;
  private busyWait: BusyWait | null = null;
  private shownHeader = '';
  private frame: number | null = null;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(output: HTMLElement, fileCount: number, runnerUrl: string, initial: LiveRun) {
    this.fileCount = fileCount;
    this.runnerUrl = runnerUrl;
    this.header = summaryBlock(describeLive(initial, fileCount, runnerUrl));
    this.header.block.classList.add('run-live');
    this.list = element('ol', 'run-steps');
    output.replaceChildren(this.header.block, this.list);
    // The running step's clock moves even when it prints nothing.
    this.ticker = setInterval(() => this.tick(), 500);
  }

  /** Shows `state` on the next frame (the latest state wins). */
  update(state: LiveRun): void {
    this.busyWait = null;
    this.pending = state;
    if (this.frame === null) this.frame = requestAnimationFrame(() => this.draw());
  }

  /** Shows the wait for a busy runner, counting down until the next try (which then calls update()). */
  showBusyWait(wait: BusyWait): void {
    this.busyWait = wait;
    this.drawBusyWait();
  }

  /** Stops drawing (call before the final result replaces the view). */
  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    clearInterval(this.ticker);
  }

  private drawHeader(summary: OutcomeSummary): void {
    // The countdown ticks twice a second; the text changes once.
    const shown = `${summary.tone}\n${summary.heading}\n${summary.detail}`;
    if (shown === this.shownHeader) return;
    this.shownHeader = shown;
    this.header.block.className = `run-summary run-live tone-${summary.tone}`;
    this.header.heading.textContent = summary.heading;
    const detail = richParagraph('run-detail', summary.detail);
    detail.hidden = summary.detail === '';
    this.header.detail.replaceWith(detail);
    this.header.detail = detail;
  }

  private drawBusyWait(): void {
    if (this.busyWait) this.drawHeader(describeBusyWait(this.busyWait, Date.now()));
  }

  private draw(): void {
    this.frame = null;
    const state = this.pending;
    if (!state) return;
    this.drawHeader(describeLive(state, this.fileCount, this.runnerUrl));
    state.steps.forEach((step, index) => {
      this.drawStep(step, index);
    });
  }

  private drawStep(step: LiveStep, index: number): void {
    let live = this.items[index];
    if (!live) {
      const item = element('li', 'run-step running');
      item.dataset.step = step.name;
      const title = element('p', 'step-title');
      const status = element('span', 'step-exit', 'running…');
      title.append(element('strong', 'step-name', step.name), status);
      const quiet = element('p', 'step-quiet', 'No output yet.');
      item.append(title, quiet);
      this.list.append(item);
      live = { item, status, quiet, streams: {}, startedAt: performance.now(), ended: false };
      this.items[index] = live;
    }
    if (live.ended) return;
    if (step.end) {
      // The runner's report of the step replaces its live rendering (and may add a notice).
      const done = renderStep(step.end, false);
      live.item.replaceWith(done);
      live.item = done;
      live.ended = true;
      return;
    }
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = step[stream];
      if (!text) continue;
      let shown = live.streams[stream];
      if (!shown) {
        const { block, pre } = streamBlock(stream, '');
        // stdout above stderr, like the finished view.
        if (stream === 'stdout' && live.streams.stderr) live.streams.stderr.pre.parentElement?.before(block);
        else live.item.append(block);
        shown = { pre, length: 0 };
        live.streams[stream] = shown;
        live.quiet.remove();
      }
      if (text.length > shown.length) {
        const pre = shown.pre;
        const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 8;
        pre.append(text.slice(shown.length));
        shown.length = text.length;
        if (atBottom) pre.scrollTop = pre.scrollHeight;
      }
    }
  }

  private tick(): void {
    this.drawBusyWait();
    const now = performance.now();
    for (const live of this.items) {
      if (!live || live.ended) continue;
      const seconds = Math.floor((now - live.startedAt) / 1000);
      live.status.textContent = seconds < 1 ? 'running…' : `running… ${seconds} s`;
    }
  }
}
