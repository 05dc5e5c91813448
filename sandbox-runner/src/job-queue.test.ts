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
