// The page's answer to a busy runner: wait as long as the runner asks (plus a little at random, so a
// room of refused learners does not come back in the same instant), send the same files again, and
// give up after a few minutes of waiting. Stop ends the wait at once. The lesson editor, the
// exercise's Check and the kernel editor all run through here; so do the runner's room test and bench.
import { type BusyQueue, type RunOptions, type RunOutcome, runOnServer } from './runner-client.ts';

/** How long the page waits for a busy runner before each new try, and when it stops trying. */
export interface RetryPolicy {
  /** Seconds to wait when the runner sends no Retry-After in seconds. */
  defaultWaitSeconds: number;
  /**
   * Each wait is Retry-After plus a random part of up to this share of it... (The runner already
   * tells refused clients different times, one freed place apart; this only keeps pages told the
   * same second from coming back in the same instant.)
   */
  spreadShare: number;
  /** ...or of up to this many milliseconds, when that is more. */
  minSpreadMs: number;
  /** The page gives up when waiting once more would take its waiting past this in all. */
  maxTotalWaitMs: number;
}

export const PAGE_RETRY_POLICY: RetryPolicy = {
  defaultWaitSeconds: 5,
  spreadShare: 0.1,
  minSpreadMs: 1000,
  maxTotalWaitMs: 180_000,
};

/** A wait before the next try, as the page shows it. */
export interface BusyWait {
  /** The try that comes after the wait: 2 for the first retry. */
  attempt: number;
  /** When the next try starts (Date.now() milliseconds). */
  retryAt: number;
  /** How full the runner said it was, when it said. */
  queue: BusyQueue | null;
  /** The runner's words. */
  message: string;
}

export interface RetryOptions extends RunOptions {
  /** Hears each wait as it starts; the page counts down to `retryAt`. */
  onBusyWait?: (wait: BusyWait) => void;
  policy?: RetryPolicy;
  /** Source of the random spread (Math.random unless a test gives its own). */
  random?: () => number;
}

/** Milliseconds to wait after a busy answer: Retry-After (or the default) plus the random spread. */
export function retryDelayMs(retryAfterSeconds: number | null, policy: RetryPolicy, random: () => number): number {
  const base = (retryAfterSeconds ?? policy.defaultWaitSeconds) * 1000;
  return Math.round(base + random() * Math.max(policy.minSpreadMs, base * policy.spreadShare));
}

/** Resolves true after `ms`, or false at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(false);
      return;
    }
    const end = (waited: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stopped);
      resolve(waited);
    };
    const stopped = () => end(false);
    const timer = setTimeout(() => end(true), ms);
    signal?.addEventListener('abort', stopped, { once: true });
  });
}

/**
 * runOnServer, tried again while the runner answers "busy" (429, or 503 with Retry-After while it
 * prepares its sandbox). Any other outcome is returned as it is, the first time. After
 * `maxTotalWaitMs` of waiting the last busy outcome is returned, with how often and how long the
 * page tried. Aborting `signal` during a wait ends it at once as a stopped run.
 */
export async function runWithRetry(
  baseUrl: string,
  files: Readonly<Record<string, string>>,
  options: RetryOptions = {},
): Promise<RunOutcome> {
  const { onBusyWait = () => {}, policy = PAGE_RETRY_POLICY, random = Math.random, ...runOptions } = options;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await runOnServer(baseUrl, files, runOptions);
    if (outcome.kind !== 'busy') return outcome;
    const delay = retryDelayMs(outcome.retryAfterSeconds, policy, random);
    if (waitedMs + delay > policy.maxTotalWaitMs) {
      return attempt === 1 ? outcome : { ...outcome, gaveUp: { tries: attempt, waitedMs } };
    }
    onBusyWait({ attempt: attempt + 1, retryAt: Date.now() + delay, queue: outcome.queue ?? null, message: outcome.message });
    if (!(await pause(delay, runOptions.signal))) {
      return {
        kind: 'interrupted',
        cause: 'stopped',
        message: 'You stopped waiting for the busy runner; nothing ran.',
        steps: [],
        unfinished: null,
      };
    }
    waitedMs += delay;
  }
}
