import type { Action, BusyBody } from '@hybrid-lab/sandbox-runner/api-types';
import {
  initialLiveRun,
  type LiveRun,
  liveStepsAsRunSteps,
  parseRunEvent,
  type RunEvent,
  reduceRunEvent,
  runningStep,
} from './run-events.ts';
import { isRecord, parseRunReport, type RunReport, type RunStep } from './run-report.ts';
import { readSseStream } from './sse-parser.ts';

export type { RunReport, RunStep } from './run-report.ts';

/** Where the runner listens when PUBLIC_RUNNER_URL is not set at build time. */
export const DEFAULT_RUNNER_URL = 'http://127.0.0.1:8787';

/** The runner's base URL: the configured one (trailing slashes dropped) or the default. */
export function runnerBaseUrl(configured: string | undefined): string {
  const trimmed = configured?.trim().replace(/\/+$/, '');
  return trimmed ? trimmed : DEFAULT_RUNNER_URL;
}

/** Why a streamed run ended without its result. */
export type InterruptionCause = 'stopped' | 'ended' | 'error' | 'timeout';

/** What pressing Run led to. */
export type RunOutcome =
  | ({ kind: 'completed' } & RunReport)
  | {
      kind: 'interrupted';
      cause: InterruptionCause;
      message: string;
      /** The steps seen before the interruption. */
      steps: RunStep[];
      /** Name of the step that was still running, whose output is only partial. */
      unfinished: string | null;
    }
  | { kind: 'offline'; url: string; detail: string }
  | {
      kind: 'busy';
      retryAfterSeconds: number | null;
      message: string;
      /** Jobs running and waiting when the runner refused this one, when it said (BusyBody). */
      queue?: BusyQueue;
      /** Set when the page kept trying by itself (runner-retry.ts) and gave up: how often, after waiting how long. */
      gaveUp?: { tries: number; waitedMs: number };
    }
  | { kind: 'unavailable'; message: string }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'failed'; status: number | null; message: string };

/** How full the runner was when it refused a job. */
export interface BusyQueue {
  running: number;
  waiting: number;
}

/** The running and waiting counts of a 429 answer's body (BusyBody), when it has them. */
function busyQueue(json: unknown): BusyQueue | null {
  if (!isRecord(json)) return null;
  // The runner's field names: a rename in BusyBody fails the type check here.
  const { running, waiting }: { [K in keyof BusyBody]?: unknown } = json;
  const count = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return count(running) && count(waiting) ? { running, waiting } : null;
}

/** The human message in an error answer: "error", "error.message" or "message". */
export function errorMessage(json: unknown, fallback: string): string {
  if (!isRecord(json)) return fallback;
  const { error, message } = json;
  if (typeof error === 'string' && error) return error;
  if (isRecord(error) && typeof error.message === 'string' && error.message) return error.message;
  if (typeof message === 'string' && message) return message;
  return fallback;
}

/** Seconds from a Retry-After header given in seconds; null for a missing or date-form header. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/** Options of runOnServer; fetch is injectable for tests. */
export interface RunOptions {
  /** `run` builds and runs the program (the default); `test` builds and runs its tests. */
  action?: Action;
  fetch?: typeof fetch;
  /** Aborting it stops the run (the runner hears the connection close and cancels the job). */
  signal?: AbortSignal;
  /**
   * Give up when the runner sends nothing (no event, no keep-alive comment) for this long. The
   * runner sends a keep-alive comment after 15 s without an event (RUNNER_SSE_KEEPALIVE_MS), so
   * the default allows four of them to go missing.
   */
  idleTimeoutMs?: number;
  /** Hears every stream event with the state it led to, as the run goes. */
  onProgress?: (state: LiveRun, event: RunEvent) => void;
}

function completed(report: RunReport): RunOutcome {
  return { kind: 'completed', ...report };
}

function interrupted(cause: InterruptionCause, message: string, live: LiveRun): RunOutcome {
  return { kind: 'interrupted', cause, message, steps: liveStepsAsRunSteps(live), unfinished: runningStep(live) };
}

/** Turns a non-streamed answer (an error, or a runner that answered with one JSON document) into an outcome. */
function outcomeFromJson(status: number, ok: boolean, retryHeader: string | null, text: string): RunOutcome {
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  const retryAfter = retryAfterSeconds(retryHeader);
  // A 503 without Retry-After is not a queue: the runner has no sandbox and says what to install.
  if (status === 503 && retryAfter === null) {
    return { kind: 'unavailable', message: errorMessage(json, 'The runner cannot run code on its machine.') };
  }
  if (status === 429 || status === 503) {
    const message = errorMessage(json, 'The runner is busy with other runs.');
    const queue = busyQueue(json);
    return queue
      ? { kind: 'busy', retryAfterSeconds: retryAfter, message, queue }
      : { kind: 'busy', retryAfterSeconds: retryAfter, message };
  }
  if (status >= 400 && status < 500) {
    return { kind: 'rejected', status, message: errorMessage(json, `The runner refused the request (HTTP ${status}).`) };
  }
  if (!ok) return { kind: 'failed', status, message: errorMessage(json, `The runner failed (HTTP ${status}).`) };
  if (json === null) return { kind: 'failed', status, message: 'The runner answered with something that is not JSON.' };
  try {
    return completed(parseRunReport(json));
  } catch (error) {
    return { kind: 'failed', status, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * POSTs the files (and the action) to the runner's /api/v1/runs asking for an event stream, reports the run's
 * progress through `onProgress`, and turns every answer, or no answer, into a RunOutcome.
 * A runner that answers with one JSON document instead is understood too.
 */
export async function runOnServer(baseUrl: string, files: Readonly<Record<string, string>>, options: RunOptions = {}): Promise<RunOutcome> {
  const {
    action = 'run',
    fetch: fetchImpl = globalThis.fetch.bind(globalThis),
    signal,
    idleTimeoutMs = 60_000,
    onProgress = () => {},
  } = options;
  const url = `${baseUrl}/api/v1/runs`;
  const controller = new AbortController();
  let cause: 'stopped' | 'timeout' | null = null;
  const stop = () => {
    cause ??= 'stopped';
    controller.abort();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restartIdleTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      cause ??= 'timeout';
      controller.abort();
    }, idleTimeoutMs);
  };
  const seconds = `${Math.round(idleTimeoutMs / 1000)} s`;
  let live = initialLiveRun();
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  restartIdleTimer();
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json;q=0.5' },
        body: JSON.stringify({ files, action }),
        signal: controller.signal,
      });
    } catch (error) {
      if (cause === 'stopped') return interrupted('stopped', 'You stopped the run before the runner answered.', live);
      if (cause === 'timeout') return { kind: 'failed', status: null, message: `The runner did not answer within ${seconds}.` };
      return { kind: 'offline', url, detail: error instanceof Error ? error.message : String(error) };
    }
    restartIdleTimer();
    const type = (response.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (!response.ok || type !== 'text/event-stream' || !response.body) {
      try {
        const text = await response.text();
        return outcomeFromJson(response.status, response.ok, response.headers.get('Retry-After'), text);
      } catch (error) {
        if (cause === 'stopped') return interrupted('stopped', 'You stopped the run before the runner finished its answer.', live);
        if (cause === 'timeout')
          return { kind: 'failed', status: null, message: `The runner did not finish its answer within ${seconds}.` };
        return { kind: 'failed', status: response.status, message: error instanceof Error ? error.message : String(error) };
      }
    }

    let unreadable: string | null = null;
    let end: { endedInsideEvent: boolean };
    try {
      end = await readSseStream(
        response.body,
        (sse) => {
          let event: RunEvent | null;
          try {
            event = parseRunEvent(sse);
          } catch (error) {
            unreadable = error instanceof Error ? error.message : String(error);
            return false;
          }
          if (event === null) return true;
          live = reduceRunEvent(live, event);
          onProgress(live, event);
          return live.phase !== 'done' && live.phase !== 'failed';
        },
        restartIdleTimer,
      );
    } catch (error) {
      if (cause === 'stopped') return interrupted('stopped', 'You stopped the run; the runner cancels the job.', live);
      if (cause === 'timeout') return interrupted('timeout', `The runner sent nothing for ${seconds}, so this page stopped waiting.`, live);
      const detail = error instanceof Error ? error.message : String(error);
      return interrupted('ended', `The connection to the runner broke during the run (${detail}), before the final result.`, live);
    }
    if (unreadable !== null) return interrupted('error', `This page could not read the runner's answer: ${unreadable}`, live);
    if (live.phase === 'done' && live.report) return completed(live.report);
    if (live.phase === 'failed') return interrupted('error', live.error ?? 'The runner reported an error.', live);
    return interrupted(
      'ended',
      end.endedInsideEvent
        ? "The runner's answer stopped in the middle of an event, before the final result."
        : "The runner's answer ended without a final result.",
      live,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
}
