import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError } from './errors.ts';
import { JobQueue } from './job-queue.ts';

test('hands out distinct slots, queues in order, refuses past the queue size', async () => {
  const q = new JobQueue(2, 1);
  const a = await q.acquire();
  const b = await q.acquire();
  assert.notEqual(a.slot, b.slot);
  const positions: number[] = [];
  const c = q.acquire((p) => positions.push(p));
  await assert.rejects(
    q.acquire(),
    (e: unknown) => e instanceof HttpError && e.status === 429 && /^\d+$/.test(e.headers['retry-after'] ?? ''),
  );
  a.release();
  const lease = await c;
  assert.equal(lease.slot, a.slot, 'the freed slot goes to the waiter');
  assert.deepEqual(positions, [0]);
  assert.equal(q.active, 2);
  lease.release();
  b.release();
  assert.equal(q.active, 0);
});

test('a waiter whose client went away leaves the queue', async () => {
  const q = new JobQueue(1, 2);
  const held = await q.acquire();
  const ctl = new AbortController();
  const gone = q.acquire(() => {}, ctl.signal);
  ctl.abort();
  await assert.rejects(gone, /went away/);
  assert.equal(q.waiting, 0);
  held.release();
});

/** The Retry-After seconds and the body of the 429 that `queue` answers now. */
async function refusal(q: JobQueue): Promise<{ retryAfter: number; body: Record<string, unknown> }> {
  try {
    await q.acquire();
  } catch (err) {
    if (!(err instanceof HttpError) || err.status !== 429) throw err;
    return { retryAfter: Number(err.headers['retry-after']), body: { ...err.details, error: err.message } };
  }
  throw new Error('expected a 429');
}

test('a refusal says how full the runner is, in the message and as fields', async () => {
  const q = new JobQueue(1, 0);
  const held = await q.acquire();
  const { retryAfter, body } = await refusal(q);
  assert.deepEqual(body, {
    error: `the runner is busy: 1 jobs running and 0 waiting; retry in about ${retryAfter} s`,
    running: 1,
    waiting: 0,
    retryAfterSeconds: retryAfter,
  });
  held.release();
});

test('refused clients are told to come back one freed place apart, in the order they were refused', async () => {
  const q = new JobQueue(2, 0);
  const held = [await q.acquire(), await q.acquire()];
  // Before any job has been timed, a job is taken to last 5 s: with 2 slots a place opens every 2.5 s.
  assert.equal((await refusal(q)).retryAfter, 3);
  const later = new JobQueue(2, 0);
  for (let i = 0; i < 5; i++) later.recordJobDuration(4000);
  const running = [await later.acquire(), await later.acquire()];
  const told = [];
  for (let i = 0; i < 4; i++) told.push((await refusal(later)).retryAfter);
  assert.deepEqual(told, [2, 4, 6, 8]);
  for (const lease of [...held, ...running]) lease.release();
});

test('with a queue, the first refused client comes back when about half of it has moved on', async () => {
  const q = new JobQueue(2, 4);
  for (let i = 0; i < 5; i++) q.recordJobDuration(4000);
  const leases = [await q.acquire(), await q.acquire()];
  const waiting = Array.from({ length: 4 }, () => q.acquire());
  const told = [];
  for (let i = 0; i < 3; i++) told.push((await refusal(q)).retryAfter);
  // A place every 2 s; the first refused after 2 of the 4 waiting and one more have started.
  assert.deepEqual(told, [6, 8, 10]);
  for (const next of waiting) {
    leases.shift()?.release();
    leases.push(await next);
  }
  for (const lease of leases) lease.release();
});

test('no client is told to wait more than 10 minutes', async () => {
  const q = new JobQueue(1, 0);
  q.recordJobDuration(500_000);
  const held = await q.acquire();
  assert.deepEqual([(await refusal(q)).retryAfter, (await refusal(q)).retryAfter, (await refusal(q)).retryAfter], [500, 600, 600]);
  held.release();
});
