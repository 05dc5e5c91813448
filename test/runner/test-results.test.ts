/**
 * The `test` action against real sandboxes: one result per test, in file
 * order, with its task, status, message and output, for Go and Rust in one
 * answer; a hanging test reported by name as timed out while the others run;
 * printed text that imitates a pass changes nothing; a compile error is a
 * 200 answer with status "error", the compiler's message and diagnostics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunResult, TestResult } from '../../sandbox-runner/src/api-types.ts';
import { BACKENDS, fixture, runJob, startRunner, step, type TestRunner } from './runner-harness.ts';

const byName = (result: RunResult, name: string): TestResult => {
  const found = result.tests?.find((t) => t.name === name);
  if (!found) throw new Error(`no test ${name} in ${JSON.stringify(result.tests?.map((t) => t.name))}`);
  return found;
};

BACKENDS.forEach((backend, i) => {
  describe(`test results (${backend})`, () => {
    let runner: TestRunner;
    before(async () => {
      runner = await startRunner(backend, 63400 + i * 100, { RUNNER_TEST_TIMEOUT_MS: '3000' });
    });
    after(async () => {
      await runner?.close();
    });

    test('Go and Rust tests in one answer, in file order, each with its task and a status from its own process', async () => {
      const token = `${Date.now()}-${process.pid}`;
      const result = await runJob(runner, fixture('test-verdicts', { TOKEN: token }), 'test');
      assert.deepEqual(
        result.steps.map((s) => s.name),
        ['cargo-build', 'cargo-test', 'go-test'],
      );
      assert.deepEqual(
        result.tests?.map((t) => [t.language, t.file, t.name, t.taskId, t.status]),
        [
          ['rust', 'rust/src/lib.rs', 'tests::unit_double', 3, 'pass'],
          ['rust', 'rust/tests/calc.rs', 'double_works', 3, 'pass'],
          ['rust', 'rust/tests/calc.rs', 'triple_prints_a_fake_pass', 3, 'fail'],
          ['rust', 'rust/tests/calc.rs', 'null_pointer_aborts', 4, 'error'],
          ['go', 'calc_test.go', 'TestAdd', 1, 'pass'],
          ['go', 'calc_test.go', 'TestHalfPrintsAFakePass', 1, 'fail'],
          ['go', 'calc_test.go', 'TestHangs', 2, 'error'],
          ['go', 'calc_test.go', 'TestPanics', 2, 'fail'],
        ],
      );
      assert.equal(result.status, 'fail');
      assert.equal(result.ok, false);
      assert.equal(result.message, null);

      // What the learner printed is output, and only output.
      assert.equal(byName(result, 'TestAdd').output, `adding ${token}`);
      assert.equal(byName(result, 'double_works').output, `doubling ${token}`);
      assert.equal(byName(result, 'TestAdd').message, null);
      const fakeGo = byName(result, 'TestHalfPrintsAFakePass');
      assert.match(fakeGo.message ?? '', /calc_test\.go:\d+: Half\(10\) = 3, want 5/);
      assert.match(fakeGo.output ?? '', /--- PASS: TestHalfPrintsAFakePass/);
      const fakeRust = byName(result, 'triple_prints_a_fake_pass');
      assert.match(fakeRust.message ?? '', /triple\(3\) should be 9[\s\S]*left: 6[\s\S]*right: 9[\s\S]*tests\/calc\.rs:\d+/);
      assert.match(fakeRust.output ?? '', /test triple_prints_a_fake_pass \.\.\. ok/);

      // A hanging test is named, timed out, and did not stop the tests after it.
      const hang = byName(result, 'TestHangs');
      assert.match(hang.message ?? '', /^timed out: the test did not finish within 3 s/);
      assert.ok((hang.durationMs ?? 0) >= 3000, `the hanging test ran ${hang.durationMs} ms`);
      assert.match(byName(result, 'TestPanics').message ?? '', /^panic: assignment to entry in nil map[\s\S]*calc_test\.go:\d+/);
      assert.match(byName(result, 'null_pointer_aborts').message ?? '', /aborted \(SIGABRT\)[\s\S]*unsafe precondition/);
      for (const t of result.tests ?? []) assert.ok(typeof t.durationMs === 'number' && t.durationMs >= 0, `${t.name} has a duration`);
    });

    test('a compile error is an "error" answer with the compiler\'s message and diagnostics on the right line', async () => {
      const files = fixture('test-verdicts', { TOKEN: 'compile' });
      files['rust/src/lib.rs'] = (files['rust/src/lib.rs'] ?? '').replace('x * 2\n}\n\n/// Wrong', 'x * "2"\n}\n\n/// Wrong');
      files['calc.go'] = (files['calc.go'] ?? '').replace('return a + b', 'return a + undefinedName');
      const result = await runJob(runner, files, 'test');
      assert.equal(result.status, 'error');
      assert.match(
        result.message ?? '',
        /^The cargo-build step failed, so no test ran:\nrust\/src\/lib\.rs:5:\d+: cannot multiply `i32` by `&str`/,
      );
      const build = step(result, 'cargo-build');
      assert.deepEqual(
        build.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.line, d.code]),
        [['rust/src/lib.rs', 5, 'E0277']],
      );
      assert.match(build.stderr, /error\[E0277\]: cannot multiply `i32` by `&str`/, "the learner still reads the compiler's own text");
      assert.ok(result.tests && result.tests.length === 8);
      for (const t of result.tests ?? []) {
        assert.equal(t.status, 'error');
        assert.match(t.message ?? '', /^not run: /);
      }

      // Rust builds; Go does not: the Rust tests run and the Go compile error is placed.
      const goBroken = fixture('test-verdicts', { TOKEN: 'go-broken' });
      goBroken['calc.go'] = (goBroken['calc.go'] ?? '').replace('return a + b', 'return a + undefinedName');
      const second = await runJob(runner, goBroken, 'test');
      assert.equal(second.status, 'error');
      assert.match(second.message ?? '', /The Go tests did not compile:\ncalc\.go:4:\d+: undefined: undefinedName/);
      assert.deepEqual(
        step(second, 'go-test').diagnostics.map((d) => [d.file, d.line, d.message]),
        [['calc.go', 4, 'undefined: undefinedName']],
      );
      assert.equal(byName(second, 'double_works').status, 'pass');
      assert.match(byName(second, 'TestAdd').message ?? '', /not run: the Go tests did not compile/);
    });

    test("the same diagnostics come with a `run` job's build step", async () => {
      const files = fixture('zero-copy-slice');
      files['main.go'] = (files['main.go'] ?? '').replace(/^func main\(\) \{$/m, 'func main() {\n\tvar unused int');
      const result = await runJob(runner, files, 'run');
      const build = step(result, 'go-build');
      assert.notEqual(build.exitCode, 0);
      const unused = build.diagnostics.find((d) => d.message.includes('declared and not used'));
      assert.equal(unused?.file, 'main.go');
      assert.ok((unused?.line ?? 0) > 1);
    });
  });
});
