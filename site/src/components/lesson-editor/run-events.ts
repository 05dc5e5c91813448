// The runner's stream events, read from server-sent events and folded into the state the
// output pane shows while a run is under way (queue position, each step with its output
// so far, then the final report). Pure: the DOM side only draws the state.
import { STREAM_EVENT_NAMES, type StreamEventName } from '@hybrid-lab/sandbox-runner/api-types';
import { isRecord, parseRunReport, parseStep, type RunReport, type RunStep } from './run-report.ts';
import type { SseEvent } from './sse-parser.ts';

/** One event of the runner's `text/event-stream` answer, checked and typed. */
export type RunEvent =
  | { type: 'queued'; position: number }
  | { type: 'started'; queueWaitMs: number | null }
  | { type: 'step-start'; name: string }
  | { type: 'output'; step: string; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'step-end'; step: RunStep }
  | { type: 'result'; report: RunReport }
  | { type: 'error'; message: string };

// The page reads exactly the runner's events: one added or renamed there fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const readsEveryEvent: Same<RunEvent['type'], StreamEventName> = true;
void readsEveryEvent;

/**
 * Reads a server-sent event as a RunEvent: null for event types this page does not know (so a
 * newer runner can add some), an Error naming the event when a known one carries bad data.
 */
export function parseRunEvent(event: SseEvent): RunEvent | null {
  const known: readonly string[] = STREAM_EVENT_NAMES;
  if (!known.includes(event.type)) return null;
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    throw new Error(`The runner's "${event.type}" event is not JSON.`);
  }
  const bad = (what: string) => new Error(`The runner's "${event.type}" event has ${what}.`);
  if (!isRecord(data)) throw bad('no object');
  switch (event.type) {
    case 'queued': {
      const position = data.position;
      if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) throw bad('no queue position');
      return { type: 'queued', position };
    }
    case 'started': {
      const wait = data.queueWaitMs;
      return { type: 'started', queueWaitMs: typeof wait === 'number' && Number.isFinite(wait) && wait >= 0 ? wait : null };
    }
    case 'step-start':
      if (typeof data.name !== 'string' || data.name === '') throw bad('no step name');
      return { type: 'step-start', name: data.name };
    case 'output':
      if (typeof data.step !== 'string' || data.step === '') throw bad('no step name');
      if (data.stream !== 'stdout' && data.stream !== 'stderr') throw bad('no stream (stdout or stderr)');
      if (typeof data.data !== 'string') throw bad('output that is not text');
      return { type: 'output', step: data.step, stream: data.stream, data: data.data };
    case 'step-end':
      return { type: 'step-end', step: parseStep(data, 'The "step-end" event') };
    case 'result':
      return { type: 'result', report: parseRunReport(data) };
    default: {
      const message = typeof data.error === 'string' && data.error ? data.error : 'The runner reported an error without a message.';
      return { type: 'error', message };
    }
  }
}

/** A step as seen so far: its output as it arrived, and the runner's report once it ended. */
export interface LiveStep {
  name: string;
  stdout: string;
  stderr: string;
  /** The step's final report (from `step-end`), or null while it runs. */
  end: RunStep | null;
}

/** Where a streamed run stands. */
export interface LiveRun {
  /** waiting: sent, nothing heard yet; queued; running (has a slot); done (result); failed (error event). */
  phase: 'waiting' | 'queued' | 'running' | 'done' | 'failed';
  /** Jobs ahead of this one while queued (0: next to start). */
  queuePosition: number | null;
  queueWaitMs: number | null;
  steps: LiveStep[];
  report: RunReport | null;
  error: string | null;
}

/** The state before the runner has said anything. */
export function initialLiveRun(): LiveRun {
  return { phase: 'waiting', queuePosition: null, queueWaitMs: null, steps: [], report: null, error: null };
}

/** Index of the step that output for `name` belongs to: the last one of that name still running. */
function openStepIndex(steps: readonly LiveStep[], name: string): number {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (step && step.name === name && step.end === null) return i;
  }
  return -1;
}

/** Folds one event into the state (returns a new state; the old one is left as it was). */
export function reduceRunEvent(state: LiveRun, event: RunEvent): LiveRun {
  // After the result or an error the run is over; anything later is noise.
  if (state.phase === 'done' || state.phase === 'failed') return state;
  switch (event.type) {
    case 'queued':
      return { ...state, phase: state.phase === 'running' ? 'running' : 'queued', queuePosition: event.position };
    case 'started':
      return { ...state, phase: 'running', queuePosition: null, queueWaitMs: event.queueWaitMs };
    case 'step-start':
      return { ...state, phase: 'running', steps: [...state.steps, { name: event.name, stdout: '', stderr: '', end: null }] };
    case 'output': {
      if (event.data === '') return state;
      const steps = [...state.steps];
      let index = openStepIndex(steps, event.step);
      if (index === -1) {
        // Output before its step-start: show it under a step of that name rather than lose it.
        steps.push({ name: event.step, stdout: '', stderr: '', end: null });
        index = steps.length - 1;
      }
      const step = steps[index] as LiveStep;
      steps[index] = { ...step, [event.stream]: step[event.stream] + event.data };
      return { ...state, phase: 'running', steps };
    }
    case 'step-end': {
      const steps = [...state.steps];
      const index = openStepIndex(steps, event.step.name);
      const live: LiveStep = { name: event.step.name, stdout: event.step.stdout, stderr: event.step.stderr, end: event.step };
      if (index === -1) steps.push(live);
      else steps[index] = live;
      return { ...state, phase: 'running', steps };
    }
    case 'result':
      return { ...state, phase: 'done', queuePosition: null, report: event.report };
    case 'error':
      return { ...state, phase: 'failed', error: event.message };
  }
}

/** The steps seen so far as RunSteps: ended ones as reported, a running one with its output so far. */
export function liveStepsAsRunSteps(state: LiveRun): RunStep[] {
  return state.steps.map(
    (step) =>
      step.end ?? {
        name: step.name,
        exitCode: null,
        signal: null,
        reason: null,
        message: null,
        stdout: step.stdout,
        stderr: step.stderr,
        truncated: false,
        durationMs: null,
        cpuMs: null,
        peakMemoryBytes: null,
        diagnostics: [],
      },
  );
}

/** Name of the step still running, if any. */
export function runningStep(state: LiveRun): string | null {
  for (let i = state.steps.length - 1; i >= 0; i--) {
    const step = state.steps[i];
    if (step && step.end === null) return step.name;
  }
  return null;
}
