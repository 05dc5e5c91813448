import { describe, expect, it } from 'vitest';
import { initialLiveRun, reduceRunEvent } from './run-events.ts';
import {
  asSentence,
  describeBusyWait,
  describeLive,
  formatBytes,
  formatDuration,
  runFacts,
  splitCode,
  stepMeasures,
  stepNoticeLabel,
  stepStatus,
  summarizeOutcome,
} from './run-messages.ts';
import type { RunReport, RunStep } from './run-report.ts';
import { finishedReport, finishedStep } from './run-step.fixture.ts';
import type { RunOutcome } from './runner-client.ts';

const url = 'http://127.0.0.1:8787';

/** A step with the old stored fields only, the rest unknown. */
function step(name: string, exitCode: number | null, durationMs: number | null = 1, over: Partial<RunStep> = {}): RunStep {
  return finishedStep(name, { exitCode, durationMs, cpuMs: null, peakMemoryBytes: null, ...over });
}

function completed(steps: RunStep[], facts: Partial<RunReport> = {}): RunOutcome {
  return { kind: 'completed', ...finishedReport(steps, facts) };
}

describe('summarizeOutcome', () => {
  it('says plainly that the runner is offline, that the page still works, and how to start it', () => {
    const summary = summarizeOutcome({ kind: 'offline', url: `${url}/api/v1/runs`, detail: 'Failed to fetch' }, url);
    expect(summary.tone).toBe('offline');
    expect(summary.heading).toBe('The runner is offline');
    expect(summary.detail).toContain('Nothing answered at http://127.0.0.1:8787');
    expect(summary.detail).toContain('The rest of this page works without it');
    expect(summary.detail).toContain('npm run runner');
  });

  it('passes on what to install when the runner has no sandbox', () => {
    const summary = summarizeOutcome({ kind: 'unavailable', message: 'no sandbox: apt-get install bubblewrap' }, url);
    expect(summary.heading).toBe('Running code is unavailable on this runner');
    expect(summary.detail).toContain('apt-get install bubblewrap');
    expect(summary.detail).toContain('The rest of this page works without it');
  });

  it('names the first failing step', () => {
    const summary = summarizeOutcome(
      completed([step('cargo build', 0), step('go build', 2, 1, { stderr: 'undefined: x' }), step('run', null, null)]),
      url,
    );
    expect(summary).toMatchObject({
      tone: 'failure',
      heading: 'Step "go build" exited with 2',
      detail: 'Its output is below. A compile error here is about the code, not the server.',
    });
  });

  it('calls a run where every step exited 0 a success, and a killed step unfinished', () => {
    expect(summarizeOutcome(completed([step('run', 0, 3)]), url).tone).toBe('success');
    expect(summarizeOutcome(completed([step('run', null, 3)]), url).heading).toBe('Step "run" did not finish (killed or timed out)');
    expect(summarizeOutcome(completed([]), url).tone).toBe('error');
  });

  it("puts the sandbox's reason in the heading and its message in the detail", () => {
    const timeout = step('run', null, 3000, {
      signal: 'SIGKILL',
      reason: 'timeout',
      message: 'killed: the program ran longer than its time limit of 3 s',
    });
    expect(summarizeOutcome(completed([step('go-build', 0), timeout]), url)).toEqual({
      tone: 'failure',
      heading: 'Step "run" was killed at its time limit',
      detail: 'killed: the program ran longer than its time limit of 3 s',
    });
    expect(summarizeOutcome(completed([step('run', null, 1, { reason: 'memory' })]), url)).toMatchObject({
      heading: 'Step "run" was killed for using more memory than allowed',
      detail: 'The sandbox stopped it; its output up to then is below.',
    });
    expect(summarizeOutcome(completed([step('run', null, 1, { reason: 'gremlins' })]), url).heading).toBe(
      'Step "run" was stopped by the sandbox (gremlins)',
    );
  });

  it("explains an abort with the runner's message, and a program that exits non-zero without calling it a compile error", () => {
    const abort = step('run', 2, 40, {
      message: 'the program aborted (SIGABRT). A Rust panic that reaches an extern "C" function aborts the whole process',
    });
    expect(summarizeOutcome(completed([abort]), url)).toMatchObject({ heading: 'Step "run" exited with 2', detail: abort.message });
    expect(summarizeOutcome(completed([step('run', null, 40, { signal: 'SIGSEGV' })]), url).heading).toBe(
      'Step "run" was ended by SIGSEGV',
    );
    expect(summarizeOutcome(completed([step('run', 3)]), url).detail).toBe('Its output is below.');
  });

  it('says how a streamed run was cut short, and whether steps are shown', () => {
    const stopped = summarizeOutcome(
      { kind: 'interrupted', cause: 'stopped', message: 'You stopped the run.', steps: [step('run', null)], unfinished: 'run' },
      url,
    );
    expect(stopped).toEqual({
      tone: 'stopped',
      heading: 'Stopped',
      detail: 'You stopped the run. The steps below show what had happened until then.',
    });
    const ended = summarizeOutcome(
      { kind: 'interrupted', cause: 'ended', message: "The runner's answer ended without a final result.", steps: [], unfinished: null },
      url,
    );
    expect(ended).toEqual({
      tone: 'error',
      heading: 'The run ended without a result',
      detail: 'The runner\'s answer ended without a final result. Press "Run on the server" to try again.',
    });
    expect(summarizeOutcome({ kind: 'interrupted', cause: 'error', message: 'boom', steps: [], unfinished: null }, url).heading).toBe(
      'The runner failed during the run',
    );
  });

  it('tells a busy runner apart from a refusal and a failure', () => {
    expect(summarizeOutcome({ kind: 'busy', retryAfterSeconds: 5, message: 'Full.' }, url).detail).toBe('Full. Try again in 5 s.');
    const gaveUp = summarizeOutcome(
      { kind: 'busy', retryAfterSeconds: 60, message: 'Full.', gaveUp: { tries: 4, waitedMs: 180_000 } },
      url,
    );
    expect(gaveUp.detail).toBe('Full. This page tried 4 times over 180 s and stopped trying. Try again in 60 s.');
    expect(summarizeOutcome({ kind: 'rejected', status: 413, message: 'Too big.' }, url).heading).toContain('413');
    expect(summarizeOutcome({ kind: 'failed', status: null, message: 'Timed out.' }, url).heading).toBe('The run did not finish');
  });
});

describe('formatDuration', () => {
  it('uses ms below a second and seconds above', () => {
    expect(formatDuration(340.4)).toBe('340 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(75_000)).toBe('75 s');
    expect(formatDuration(null)).toBe('time not reported');
  });
});

describe('asSentence', () => {
  it('adds a full stop to a runner message only when it has no closing punctuation', () => {
    expect(asSentence('retry in about 7 s')).toBe('retry in about 7 s.');
    expect(asSentence('Queue full. ')).toBe('Queue full.');
    expect(asSentence('What now?')).toBe('What now?');
    expect(asSentence('')).toBe('');
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal below ten', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(40 * 1024)).toBe('40 KiB');
    expect(formatBytes(7.42 * 1024 * 1024)).toBe('7.4 MiB');
    expect(formatBytes(212 * 1024 * 1024 + 5000)).toBe('212 MiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(1023.7 * 1024)).toBe('1.0 MiB');
    expect(formatBytes(-1)).toBe('unknown');
  });
});

describe('step and run facts', () => {
  it('lists the measurements a step has, skipping unknown ones', () => {
    expect(stepMeasures(step('run', 0, 1234, { cpuMs: 2300, peakMemoryBytes: 96 * 1024 * 1024 }))).toEqual([
      '1.2 s',
      'CPU 2.3 s',
      'peak memory 96 MiB',
    ]);
    expect(stepMeasures(step('run', 0, null))).toEqual(['time not reported']);
  });

  it('says how a step ended', () => {
    expect(stepStatus(step('run', 0))).toBe('exit code 0');
    expect(stepStatus(step('run', null, 1, { signal: 'SIGKILL' }))).toBe('ended by SIGKILL');
    expect(stepStatus(step('run', null))).toBe('did not finish');
  });

  it('labels the notice of a step: the reason first, then an abort or a signal', () => {
    expect(stepNoticeLabel(step('run', null, 1, { reason: 'memory', signal: 'SIGKILL' }))).toBe('killed: memory limit');
    expect(stepNoticeLabel(step('run', null, 1, { reason: 'output-limit' }))).toBe('stopped: output limit');
    expect(stepNoticeLabel(step('run', 2, 1, { message: 'the program aborted (SIGABRT). A Rust panic…' }))).toBe('aborted');
    expect(stepNoticeLabel(step('run', null, 1, { signal: 'SIGSEGV' }))).toBe('ended by SIGSEGV');
    expect(stepNoticeLabel(step('run', 0, 1, { message: 'left 1 background process' }))).toBe('note');
    expect(stepNoticeLabel(step('run', 0))).toBeNull();
  });

  it('gives the run facts: from cache, or the queue wait, then total and sandbox', () => {
    expect(runFacts(finishedReport([], { cached: false, queueWaitMs: 1500, totalMs: 8400, backend: 'bubblewrap' }))).toEqual([
      'queue wait 1.5 s',
      'total 8.4 s',
      'bubblewrap sandbox',
    ]);
    expect(runFacts(finishedReport([], { cached: true, queueWaitMs: 0, totalMs: 3, backend: 'container' }))).toEqual([
      'from cache (these files ran before; nothing ran again)',
      'total 3 ms',
      'container sandbox',
    ]);
    expect(runFacts(finishedReport([], { cached: null, queueWaitMs: null, totalMs: null, backend: null }))).toEqual([]);
  });
});

describe('describeBusyWait', () => {
  const wait = { attempt: 2, retryAt: 10_000, queue: { running: 2, waiting: 16 }, message: 'Full.' };

  it('counts down in whole seconds to the next try, with how full the runner is', () => {
    expect(describeBusyWait(wait, 3_000)).toEqual({
      tone: 'busy',
      heading: 'The runner is busy (2 running, 16 waiting)',
      detail: 'Trying again in 7 s — attempt 2',
    });
    expect(describeBusyWait(wait, 3_001).detail).toBe('Trying again in 7 s — attempt 2');
    expect(describeBusyWait(wait, 9_500).detail).toBe('Trying again in 1 s — attempt 2');
    expect(describeBusyWait(wait, 10_200).detail).toBe('Trying again now — attempt 2');
  });

  it('leaves the counts out when the runner did not send them', () => {
    expect(describeBusyWait({ ...wait, queue: null }, 3_000).heading).toBe('The runner is busy');
  });
});

describe('describeLive', () => {
  it('shows the queue position counting from one, then the running step', () => {
    expect(describeLive(initialLiveRun(), 5, url)).toMatchObject({
      heading: 'Sending 5 files to the runner…',
      detail: `The runner is at ${url}.`,
    });
    const queued = reduceRunEvent(initialLiveRun(), { type: 'queued', position: 2 });
    expect(describeLive(queued, 5, url)).toMatchObject({ heading: 'Queued (position 3)', detail: '2 runs ahead of yours.' });
    expect(describeLive(reduceRunEvent(queued, { type: 'queued', position: 0 }), 5, url)).toMatchObject({
      heading: 'Queued (position 1)',
      detail: 'Yours is the next run to start.',
    });
    const started = reduceRunEvent(queued, { type: 'started', queueWaitMs: 2500 });
    expect(describeLive(started, 5, url).heading).toBe('Started: preparing the sandbox…');
    const building = reduceRunEvent(started, { type: 'step-start', name: 'cargo-build' });
    expect(describeLive(building, 5, url)).toEqual({
      tone: 'pending',
      heading: 'Running step 1: cargo-build',
      detail: 'Output appears below as it arrives. It waited 2.5 s in the queue.',
    });
  });
});

describe('splitCode', () => {
  it('marks the text between backticks as code', () => {
    expect(splitCode('start it with `npm run runner`, then retry')).toEqual([
      { text: 'start it with ', code: false },
      { text: 'npm run runner', code: true },
      { text: ', then retry', code: false },
    ]);
  });

  it('keeps plain text and an unmatched backtick as they are', () => {
    expect(splitCode('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(splitCode('a `b')).toEqual([
      { text: 'a ', code: false },
      { text: '`b', code: false },
    ]);
    expect(splitCode('')).toEqual([]);
  });
});
