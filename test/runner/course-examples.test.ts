/**
 * The course's four cgo patterns, built and run by the real runner on each
 * sandbox backend: a slice shared without copying, an opaque handle, a
 * panic caught at the boundary, and the same panic uncaught (an abort).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, fixture, jobFromDir, lessonPath, runJob, startRunner, step, type TestRunner } from './runner-harness.ts';

BACKENDS.forEach((backend, i) => {
  describe(`course examples on ${backend}`, () => {
    let runner: TestRunner;
    before(async () => {
      runner = await startRunner(backend, 62000 + i * 100);
    });
    after(async () => {
      await runner?.close();
    });

    test('a Rust staticlib scales a Go slice in place (zero-copy)', async () => {
      const result = await runJob(runner, fixture('zero-copy-slice'));
      assert.equal(result.ok, true, JSON.stringify(result.steps.map((s) => s.stderr)));
      assert.deepEqual(
        result.steps.map((s) => s.name),
        ['cargo-build', 'go-build', 'run'],
      );
      assert.equal(step(result, 'run').stdout, 'sum=25.0 values=[2.5 5 7.5 10] same-memory=true\n');
      assert.equal(result.backend, backend);
    });

    test("lesson 02's program runs within the runner's default limits and shows the three variants side by side", async () => {
      // What the editor's Run sends: the example's files, run with no flags.
      const result = await runJob(runner, jobFromDir(lessonPath('02-gc-pressure', 'example')));
      const run = step(result, 'run');
      assert.equal(result.ok, true, `${run.message ?? ''}\n${run.stderr.slice(-2000)}`);
      assert.match(run.stdout, /^check: ok, every variant ends with the same window: 1,000,000 samples/m);
      for (const variant of ['go-pointers', 'go-flat', 'rust-handle']) {
        // A row in each of the three tables.
        assert.equal(run.stdout.match(new RegExp(`^\\s*${variant}\\s+\\d`, 'gm'))?.length, 3, `${variant} rows:\n${run.stdout}`);
      }
      assert.match(run.stdout, /^reading: /m);
    });

    test("lesson 03's program runs within the default limits, its RPC server a second process on the sandbox's loopback", async () => {
      // What the editor's Run sends: the example's files, run with no flags.
      const result = await runJob(runner, jobFromDir(lessonPath('03-zero-copy', 'example')));
      const run = step(result, 'run');
      assert.equal(result.ok, true, `${run.message ?? ''}\n${run.stderr.slice(-2000)}`);
      assert.match(
        run.stdout,
        /^rpc server: a separate process, rust\/target\/release\/zcopy-server \(pid \d+\), at http:\/\/127\.0\.0\.1:\d+$/m,
      );
      assert.match(run.stdout, /^check: ok, at every size every way gave the pure-Go reference's result to the bit/m);
      assert.match(run.stdout, /^\s+16 MiB\s+[\d.]+ ms/m, 'the default sizes reach 16 MiB inside the limits');
      assert.match(run.stdout, /^reading: /m);
    });

    test("lesson 04's service loop runs within the default limits: every panic caught, the process exits 0", async () => {
      // What the editor's Run sends: the example's files, run with no flags.
      const result = await runJob(runner, jobFromDir(lessonPath('04-panics', 'example')));
      const run = step(result, 'run');
      assert.equal(result.ok, true, `${run.message ?? ''}\n${run.stderr.slice(-2000)}`);
      assert.match(run.stdout, /^check: ok, every answer agrees with the pure-Go reference/m);
      assert.match(run.stdout, /^reading: \d+ requests made Rust panic: each panic was caught at the boundary/m);
      assert.match(run.stderr, /panicked at src\/parse\.rs/, "the panic hook's report reaches the run's stderr");
    });

    test('a Rust object behind an opaque handle is created, used and freed from Go', async () => {
      const result = await runJob(runner, fixture('opaque-handle'));
      assert.equal(result.ok, true, JSON.stringify(result.steps.map((s) => s.stderr)));
      assert.equal(step(result, 'run').stdout, 'mean=6.0 max=9.0\npush on a null handle returns -1\n');
    });

    test('a panic caught with catch_unwind becomes an error code and Go carries on', async () => {
      const result = await runJob(runner, fixture('panic-caught'));
      assert.equal(result.ok, true, JSON.stringify(result.steps.map((s) => s.stderr)));
      const run = step(result, 'run');
      assert.equal(run.exitCode, 0);
      assert.equal(
        run.stdout,
        'average: 5 <nil>\nempty: code -1: the Rust side panicked (caught at the boundary)\nthe Go program is still running\n',
      );
      assert.match(run.stderr, /attempt to divide by zero/, 'the panic message is still printed by the panic hook');
    });

    test('the same panic without catch_unwind aborts the process and is reported as an abort', async () => {
      const result = await runJob(runner, fixture('panic-abort'));
      assert.equal(result.ok, false);
      const run = step(result, 'run');
      assert.equal(run.stdout, 'average: 5\nnow with no values\n');
      assert.notEqual(run.exitCode, 0);
      assert.match(run.stderr, /panic in a function that cannot unwind|cannot unwind/);
      assert.match(run.stderr, /SIGABRT|abort/i);
      assert.match(run.message ?? '', /aborted \(SIGABRT\)/);
      assert.equal(run.reason, null, "an abort is the program's own end, not a sandbox kill");
    });

    test('a repeated request is answered from the cache and says so', async () => {
      const files = { ...fixture('opaque-handle'), 'notes.txt': `cache test ${Date.now()}\n` };
      const first = await runJob(runner, files);
      assert.equal(first.cached, false);
      const second = await runJob(runner, files);
      assert.equal(second.cached, true);
      assert.deepEqual(second.steps, first.steps);
      assert.ok(second.totalMs < 200, `cache hit took ${second.totalMs} ms`);
    });

    test('test action runs the Rust and the Go tests, each in its own process', async () => {
      const files = {
        ...fixture('panic-caught'),
        'main_test.go':
          'package main\n\nimport "testing"\n\nfunc TestAverage(t *testing.T) {\n\tif v, err := average([]int64{1, 2, 3}); err != nil || v != 2 {\n\t\tt.Fatalf("average = %d, %v", v, err)\n\t}\n}\n',
      };
      const result = await runJob(runner, files, 'test');
      assert.deepEqual(
        result.steps.map((s) => s.name),
        ['cargo-build', 'cargo-test', 'go-test'],
      );
      assert.equal(result.ok, true, JSON.stringify(result.steps.map((s) => s.stderr.slice(-600))));
      assert.equal(result.status, 'pass');
      assert.deepEqual(
        result.tests?.map((t) => [t.language, t.name, t.status]),
        [['go', 'TestAverage', 'pass']],
      );
      assert.match(step(result, 'go-test').stdout, /^ok\s+TestAverage \(\d+ ms\)$/m);
    });
  });
});
