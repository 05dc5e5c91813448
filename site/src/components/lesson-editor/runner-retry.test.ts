import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finishedStep } from './run-step.fixture.ts';
import type { RunOutcome } from './runner-client.ts';
import { type BusyWait, PAGE_RETRY_POLICY, retryDelayMs, runWithRetry } from './runner-retry.ts';

const files = { 'main.go': 'package main\n' };

const busyBody = {
  error: 'the runner is busy: 2 jobs running and 16 waiting; retry in about 7 s',
  running: 2,
  waiting: 16,
  retryAfterSeconds: 7,
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

const result = () =>
  json(200, { cached: false, ok: true, steps: [finishedStep('run')], backend: 'bubblewrap', queueWaitMs: 0, totalMs: 5 });

/** A fetch that gives `answers` in turn (the last one again when they run out) and counts its calls. */
function answering(...answers: (() => Response)[]) {
  const calls: number[] = [];
  const fetch: typeof globalThis.fetch = async () => {
    calls.push(Date.now());
    const next = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (!next) throw new Error('no answer');
    return next();
  };
  return { fetch, calls };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('runWithRetry', () => {
  it("sends the files again once the runner's Retry-After has passed, and shows the wait first", async () => {
    const runner = answering(() => json(429, busyBody, { 'Retry-After': '7' }), result);
    const waits: BusyWait[] = [];
    const done = runWithRetry('u', files, { fetch: runner.fetch, random: () => 0, onBusyWait: (wait) => waits.push(wait) });
    await vi.advanceTimersByTimeAsync(6999);
    expect(runner.calls).toHaveLength(1);
    expect(waits).toEqual([{ attempt: 2, retryAt: 1_007_000, queue: { running: 2, waiting: 16 }, message: busyBody.error }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runner.calls).toEqual([1_000_000, 1_007_000]);
    expect((await done).kind).toBe('completed');
  });

  it('waits the default when the runner sends no Retry-After in seconds, and has no counts to show', async () => {
    const runner = answering(() => json(429, { error: 'Full.' }, { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' }), result);
    const waits: BusyWait[] = [];
    const done = runWithRetry('u', files, { fetch: runner.fetch, random: () => 0, onBusyWait: (wait) => waits.push(wait) });
    await vi.advanceTimersByTimeAsync(PAGE_RETRY_POLICY.defaultWaitSeconds * 1000);
    expect(runner.calls).toHaveLength(2);
    expect(waits[0]?.queue).toBeNull();
    expect((await done).kind).toBe('completed');
  });

  it('tries a sandbox that is still being prepared (503 with Retry-After) again', async () => {
    const runner = answering(() => json(503, { error: 'Preparing.' }, { 'Retry-After': '10' }), result);
    const done = runWithRetry('u', files, { fetch: runner.fetch, random: () => 0 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await done).kind).toBe('completed');
    expect(runner.calls).toHaveLength(2);
  });

  it('does not try again when the runner has no sandbox (503 without Retry-After)', async () => {
    const runner = answering(() => json(503, { error: 'no sandbox can run code on this machine' }), result);
    const waits: BusyWait[] = [];
    const outcome = await runWithRetry('u', files, { fetch: runner.fetch, onBusyWait: (wait) => waits.push(wait) });
    expect(outcome).toEqual({ kind: 'unavailable', message: 'no sandbox can run code on this machine' });
    expect(runner.calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('Stop during the wait ends it at once, as a stopped run that ran nothing', async () => {
    const runner = answering(() => json(429, busyBody, { 'Retry-After': '7' }), result);
    const stop = new AbortController();
    let settled: RunOutcome | null = null;
    const done = runWithRetry('u', files, { fetch: runner.fetch, signal: stop.signal, onBusyWait: () => {} }).then(
      (outcome) => (settled = outcome),
    );
    await vi.advanceTimersByTimeAsync(2000);
    stop.abort();
    // No time passes: the wait ends with the abort.
    await done;
    expect(settled).toEqual({
      kind: 'interrupted',
      cause: 'stopped',
      message: 'You stopped waiting for the busy runner; nothing ran.',
      steps: [],
      unfinished: null,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runner.calls).toHaveLength(1);
  });

  it('gives up when waiting once more would pass the cap, and says how often and how long it tried', async () => {
    const runner = answering(() => json(429, { ...busyBody, retryAfterSeconds: 60 }, { 'Retry-After': '60' }));
    const waits: BusyWait[] = [];
    const done = runWithRetry('u', files, { fetch: runner.fetch, random: () => 0, onBusyWait: (wait) => waits.push(wait) });
    await vi.advanceTimersByTimeAsync(PAGE_RETRY_POLICY.maxTotalWaitMs);
    const outcome = await done;
    // 3 waits of 60 s fill the 180 s; a fourth would pass them.
    expect(runner.calls).toHaveLength(4);
    expect(waits.map((wait) => wait.attempt)).toEqual([2, 3, 4]);
    expect(outcome).toEqual({
      kind: 'busy',
      retryAfterSeconds: 60,
      message: busyBody.error,
      queue: { running: 2, waiting: 16 },
      gaveUp: { tries: 4, waitedMs: 180_000 },
    });
  });

  it('returns any other outcome the first time, without waiting', async () => {
    const runner = answering(() => json(400, { error: 'files: main.go is missing' }));
    expect(await runWithRetry('u', files, { fetch: runner.fetch })).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'files: main.go is missing',
    });
    expect(runner.calls).toHaveLength(1);
  });
});

describe('retryDelayMs', () => {
  it('waits at least Retry-After, spread by up to a tenth of it', () => {
    expect(retryDelayMs(30, PAGE_RETRY_POLICY, () => 0)).toBe(30_000);
    expect(retryDelayMs(30, PAGE_RETRY_POLICY, () => 0.5)).toBe(31_500);
    expect(retryDelayMs(30, PAGE_RETRY_POLICY, () => 0.999_999)).toBe(33_000);
  });

  it('spreads short waits over at least a second', () => {
    expect(retryDelayMs(0, PAGE_RETRY_POLICY, () => 0.5)).toBe(500);
    expect(retryDelayMs(2, PAGE_RETRY_POLICY, () => 0.999_999)).toBe(3000);
  });

  it('spreads twelve refused learners told the same Retry-After over its window', () => {
    const delays = Array.from({ length: 12 }, () => retryDelayMs(7, PAGE_RETRY_POLICY, Math.random));
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(7000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
