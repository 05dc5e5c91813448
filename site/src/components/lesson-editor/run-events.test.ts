import { describe, expect, it } from 'vitest';
import {
  initialLiveRun,
  type LiveRun,
  liveStepsAsRunSteps,
  parseRunEvent,
  type RunEvent,
  reduceRunEvent,
  runningStep,
} from './run-events.ts';
import type { RunStep } from './run-report.ts';
import { finishedReport, finishedStep } from './run-step.fixture.ts';

const ended = (name: string, over: Partial<RunStep> = {}): RunStep =>
  finishedStep(name, { durationMs: 5, cpuMs: 4, peakMemoryBytes: 2048, ...over });

function fold(events: RunEvent[], from: LiveRun = initialLiveRun()): LiveRun {
  return events.reduce(reduceRunEvent, from);
}

describe('parseRunEvent', () => {
  it('reads each event the runner sends', () => {
    expect(parseRunEvent({ type: 'queued', data: '{"position":2}', lastEventId: '' })).toEqual({ type: 'queued', position: 2 });
    expect(parseRunEvent({ type: 'started', data: '{"queueWaitMs":1500}', lastEventId: '' })).toEqual({
      type: 'started',
      queueWaitMs: 1500,
    });
    expect(parseRunEvent({ type: 'step-start', data: '{"name":"cargo-build"}', lastEventId: '' })).toEqual({
      type: 'step-start',
      name: 'cargo-build',
    });
    expect(parseRunEvent({ type: 'output', data: '{"step":"run","stream":"stderr","data":"x\\n"}', lastEventId: '' })).toEqual({
      type: 'output',
      step: 'run',
      stream: 'stderr',
      data: 'x\n',
    });
    const stepEnd = parseRunEvent({
      type: 'step-end',
      data: JSON.stringify(ended('run', { reason: 'memory', message: 'killed' })),
      lastEventId: '',
    });
    expect(stepEnd).toEqual({ type: 'step-end', step: ended('run', { reason: 'memory', message: 'killed' }) });
    const result = parseRunEvent({
      type: 'result',
      data: JSON.stringify({ cached: false, ok: true, steps: [ended('run')], backend: 'container', queueWaitMs: 0, totalMs: 40 }),
      lastEventId: '',
    });
    expect(result).toEqual({
      type: 'result',
      report: finishedReport([ended('run')], { cached: false, backend: 'container', queueWaitMs: 0, totalMs: 40 }),
    });
    expect(parseRunEvent({ type: 'error', data: '{"error":"boom"}', lastEventId: '' })).toEqual({ type: 'error', message: 'boom' });
  });

  it('skips event types it does not know, so a newer runner may add some', () => {
    expect(parseRunEvent({ type: 'message', data: 'hello', lastEventId: '' })).toBeNull();
    expect(parseRunEvent({ type: 'progress', data: '{}', lastEventId: '' })).toBeNull();
  });

  it('names the event whose data is wrong', () => {
    expect(() => parseRunEvent({ type: 'output', data: 'not json', lastEventId: '' })).toThrow('"output" event is not JSON');
    expect(() => parseRunEvent({ type: 'output', data: '{"step":"run","stream":"stdin","data":""}', lastEventId: '' })).toThrow(
      'no stream',
    );
    expect(() => parseRunEvent({ type: 'queued', data: '{"position":-1}', lastEventId: '' })).toThrow('no queue position');
    expect(() => parseRunEvent({ type: 'step-start', data: '[]', lastEventId: '' })).toThrow('no object');
    expect(() => parseRunEvent({ type: 'result', data: '{}', lastEventId: '' })).toThrow('without a "steps" list');
  });
});

describe('reduceRunEvent', () => {
  it('follows a run from the queue to its result, output growing as it arrives', () => {
    let state = fold([{ type: 'queued', position: 3 }]);
    expect(state).toMatchObject({ phase: 'queued', queuePosition: 3, steps: [] });
    state = fold(
      [
        { type: 'queued', position: 1 },
        { type: 'started', queueWaitMs: 4200 },
      ],
      state,
    );
    expect(state).toMatchObject({ phase: 'running', queuePosition: null, queueWaitMs: 4200 });

    const before = fold(
      [
        { type: 'step-start', name: 'cargo-build' },
        { type: 'output', step: 'cargo-build', stream: 'stderr', data: '   Compiling ' },
      ],
      state,
    );
    const after = reduceRunEvent(before, { type: 'output', step: 'cargo-build', stream: 'stderr', data: 'kernel\n' });
    expect(after.steps).toEqual([{ name: 'cargo-build', stdout: '', stderr: '   Compiling kernel\n', end: null }]);
    // The earlier state is left as it was (the view may still hold it).
    expect(before.steps[0]?.stderr).toBe('   Compiling ');
    expect(runningStep(after)).toBe('cargo-build');

    const done = fold(
      [
        { type: 'step-end', step: ended('cargo-build', { stderr: '   Compiling kernel\n' }) },
        { type: 'step-start', name: 'run' },
        { type: 'output', step: 'run', stream: 'stdout', data: 'hi\n' },
        { type: 'step-end', step: ended('run', { stdout: 'hi\n' }) },
        {
          type: 'result',
          report: finishedReport([ended('cargo-build'), ended('run')], {
            cached: false,
            queueWaitMs: 4200,
            totalMs: 9000,
            backend: 'bubblewrap',
          }),
        },
      ],
      after,
    );
    expect(done.phase).toBe('done');
    expect(done.steps.map((s) => [s.name, s.end?.exitCode])).toEqual([
      ['cargo-build', 0],
      ['run', 0],
    ]);
    expect(done.report?.totalMs).toBe(9000);
    expect(runningStep(done)).toBeNull();
  });

  it('keeps the step report, which may differ from the live output (e.g. a truncation marker)', () => {
    const state = fold([
      { type: 'step-start', name: 'run' },
      { type: 'output', step: 'run', stream: 'stdout', data: 'yyyy' },
      {
        type: 'step-end',
        step: ended('run', { exitCode: null, signal: 'SIGKILL', reason: 'output-limit', stdout: 'yyyy\n[output cut]', truncated: true }),
      },
    ]);
    expect(state.steps[0]?.stdout).toBe('yyyy\n[output cut]');
    expect(state.steps[0]?.end?.reason).toBe('output-limit');
  });

  it('files output that arrives before its step-start under a step of that name', () => {
    const state = fold([{ type: 'output', step: 'go-build', stream: 'stdout', data: 'early' }]);
    expect(state.steps).toEqual([{ name: 'go-build', stdout: 'early', stderr: '', end: null }]);
  });

  it('ignores everything after the result or an error', () => {
    const failed = fold([
      { type: 'step-start', name: 'run' },
      { type: 'error', message: 'internal error' },
    ]);
    expect(failed).toMatchObject({ phase: 'failed', error: 'internal error' });
    expect(reduceRunEvent(failed, { type: 'output', step: 'run', stream: 'stdout', data: 'late' })).toBe(failed);
  });

  it('does not go back to "queued" once the run started', () => {
    expect(
      fold([
        { type: 'started', queueWaitMs: 0 },
        { type: 'queued', position: 0 },
      ]).phase,
    ).toBe('running');
  });
});

describe('liveStepsAsRunSteps', () => {
  it('gives ended steps as reported and a running one with its output so far and no exit code', () => {
    const state = fold([
      { type: 'step-start', name: 'go-build' },
      { type: 'step-end', step: ended('go-build') },
      { type: 'step-start', name: 'run' },
      { type: 'output', step: 'run', stream: 'stdout', data: 'tick\n' },
    ]);
    const steps = liveStepsAsRunSteps(state);
    expect(steps[0]).toEqual(ended('go-build'));
    expect(steps[1]).toMatchObject({ name: 'run', exitCode: null, stdout: 'tick\n', durationMs: null, reason: null });
  });
});
