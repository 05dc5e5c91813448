/**
 * A workshop room: 30 learners press Run on lesson 01's program within the same instant, each
 * through the page's own client (runWithRetry, which waits out a busy runner and tries again),
 * against a runner with the default slots and queue (2 and 16). 10 send the lesson's program as it
 * is, 20 their own edit, which prints a line naming the learner. 21 different jobs do not fit in
 * 2 slots and 16 places, so some learners are refused (429) and get in on a later try.
 * Nothing is lost or mixed up: every learner gets its own program's output, the lesson's program
 * is built and run once for the 10 who sent it unchanged, the runner's counters add up, and its
 * queue is empty afterwards.
 * It builds and runs 21 cgo jobs, so to keep the suite's time it runs on the first backend of
 * RUNNER_TEST_BACKENDS only; the bench's room part (test/bench/runner-bench.ts) runs it on each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { counterTotal, pressRunTogether, roomLearners, runOutput } from './room-learners.ts';
import { BACKENDS, startRunner, type TestRunner } from './runner-harness.ts';

const LEARNERS = 30;
const UNMODIFIED = 10;
const backend = BACKENDS[0] ?? 'bubblewrap';

describe(`a room of ${LEARNERS} learners on ${backend}`, () => {
  let runner: TestRunner;
  before(async () => {
    // The runner's defaults: 2 slots and 16 places in the queue.
    runner = await startRunner(backend, 65200);
  });
  after(async () => {
    await runner?.close();
  });

  test(`${LEARNERS} learners press Run at once: each gets its own program's result, some after being told the runner is busy`, async () => {
    assert.deepEqual([runner.config.maxConcurrentJobs, runner.config.queueSize], [2, 16]);
    const learners = roomLearners(LEARNERS, UNMODIFIED, `${Date.now()}-${process.pid}`);
    const runs = await pressRunTogether(runner.url, learners);

    assert.equal(runs.length, LEARNERS);
    const plain = runs.find((r) => r.learner.token === null);
    assert.ok(plain, "some learners sent the lesson's program as it is");
    const lessonOutput = runOutput(plain);
    assert.match(lessonOutput, /^check: ok/m);
    for (const run of runs) {
      const stdout = runOutput(run);
      const { token } = run.learner;
      if (token === null) {
        assert.equal(stdout, lessonOutput, `learner ${run.learner.index} sent the lesson's program and got another output`);
        continue;
      }
      assert.equal(stdout.split('\n')[0], token, `learner ${run.learner.index}'s program printed another first line`);
      assert.match(stdout, /^check: ok/m);
      const others = learners.filter((l) => l.token !== null && l.token !== token && stdout.includes(l.token));
      assert.deepEqual(others, [], `learner ${run.learner.index} got output of another learner`);
    }
    const refused = runs.filter((r) => r.waits.length > 0);
    assert.ok(refused.length >= 1, '21 different jobs cannot all fit in 2 slots and 16 places: some learner was told to wait');
    for (const run of refused) {
      assert.ok(run.waits.every((w) => w.queue !== null && w.queue.running === 2 && w.queue.waiting === 16));
    }

    const health = (await (await fetch(`${runner.url}/healthz`)).json()) as { queue: { active: number; waiting: number } };
    assert.deepEqual([health.queue.active, health.queue.waiting], [0, 0], 'the queue is empty afterwards');
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    const count = (name: string, labels?: Record<string, string>) => counterTotal(metrics, `hybrid_runner_${name}`, labels);
    const retries = runs.reduce((n, r) => n + r.waits.length, 0);
    assert.equal(count('jobs_total'), LEARNERS - UNMODIFIED + 1, "each edit ran once, and the lesson's program once for all who sent it");
    assert.equal(count('jobs_total', { outcome: 'ok' }), count('jobs_total'));
    assert.equal(count('jobs_rejected_total'), retries, 'every refusal the pages heard is counted, and each was followed by one retry');
    assert.equal(count('http_requests_total', { route: '/api/v1/runs', status: '429' }), retries);
    assert.equal(count('http_requests_total', { route: '/api/v1/runs', status: '200' }), LEARNERS);
    // Every request was answered from the cache, joined a job in flight, or missed (and then ran or was refused).
    assert.equal(count('cache_hits_total') + count('jobs_joined_total') + count('cache_misses_total'), LEARNERS + retries);
    assert.equal(count('cache_misses_total'), count('jobs_total') + count('jobs_rejected_total'));
  });
});
