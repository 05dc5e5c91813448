/**
 * Load: 20 different jobs submitted at once. Every one either finishes
 * with its own output or is refused with 429 and Retry-After; none is lost
 * and none gets another job's output.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BusyBody, RunResult } from '../../sandbox-runner/src/api-schema.ts';
import { BACKENDS, goJob, postRun, startRunner, step, type TestRunner } from './runner-harness.ts';

const JOBS = 20;

BACKENDS.forEach((backend, i) => {
  describe(`load on ${backend}`, () => {
    let runner: TestRunner;
    before(async () => {
      runner = await startRunner(backend, 65000 + i * 100, { RUNNER_MAX_CONCURRENT: '2', RUNNER_QUEUE_SIZE: '14' });
    });
    after(async () => {
      await runner?.close();
    });

    test(`${JOBS} jobs at once: each finishes with its own output or gets 429`, async () => {
      const run = `${Date.now()}-${process.pid}`;
      const answers = await Promise.all(
        Array.from({ length: JOBS }, async (_, n) => {
          const token = `job ${n} of run ${run}`;
          const files = goJob(
            `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(100 * time.Millisecond)\n\tfmt.Println(${JSON.stringify(token)})\n}\n`,
          );
          return { n, token, res: await postRun(runner, { files, action: 'run' }) };
        }),
      );
      assert.equal(answers.length, JOBS);
      const done = answers.filter((a) => a.res.status === 200);
      const refused = answers.filter((a) => a.res.status === 429);
      assert.equal(
        done.length + refused.length,
        JOBS,
        `other statuses: ${answers
          .filter((a) => a.res.status !== 200 && a.res.status !== 429)
          .map((a) => `${a.res.status} ${JSON.stringify(a.res.body)}`)
          .join('; ')}`,
      );
      assert.equal(done.length, 16, '2 running + 14 waiting are accepted');
      for (const a of done) {
        const result = a.res.body as RunResult;
        assert.equal(result.ok, true, JSON.stringify(result.steps));
        assert.equal(step(result, 'run').stdout, `${a.token}\n`, `job ${a.n} got someone else's output`);
        assert.equal(result.cached, false);
      }
      for (const a of refused) {
        const retryAfter = a.res.headers.get('retry-after') ?? '';
        assert.match(retryAfter, /^\d+$/);
        const body = a.res.body as BusyBody;
        assert.match(body.error, /the runner is busy: 2 jobs running and 14 waiting; retry in about \d+ s/);
        assert.deepEqual([body.running, body.waiting, body.retryAfterSeconds], [2, 14, Number(retryAfter)]);
      }
      const waits = done.map((a) => (a.res.body as RunResult).queueWaitMs).sort((x, y) => x - y);
      assert.ok((waits.at(-1) ?? 0) > (waits[0] ?? 0), 'later jobs waited in the queue');
      const health = (await (await fetch(`${runner.url}/healthz`)).json()) as { queue: { active: number; waiting: number } };
      assert.deepEqual([health.queue.active, health.queue.waiting], [0, 0]);
      const metrics = await (await fetch(`${runner.url}/metrics`)).text();
      assert.match(metrics, new RegExp(`hybrid_runner_jobs_rejected_total ${refused.length}`));
    });
  });
});
