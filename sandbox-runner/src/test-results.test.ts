import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StepResult } from './api-types.ts';
import { cargoDiagnostics, goDiagnostics, renderCargoReport } from './diagnostics.ts';
import { goTestsInSource, rustTestsInSource } from './test-discovery.ts';
import { assembleTestResults, cutOutput, goVerdict, readTestReports, rustVerdict, type TestRecord } from './test-results.ts';

const V = '\x16';
const record = (over: Partial<TestRecord>): TestRecord => ({
  language: 'go',
  where: '.',
  name: 'TestX',
  exitStatus: 0,
  durationMs: 3,
  output: '',
  ...over,
});
const line = (r: TestRecord) =>
  `test ${r.language} ${r.where} ${r.name} ${r.exitStatus} ${r.durationMs} ${Buffer.from(r.output).toString('base64')}`;

test('discovers Go tests in file order with the task named above each', () => {
  const files = {
    'b_test.go':
      'package x\n\n// task: 2\n// Checks b.\nfunc TestB(t *testing.T) {}\n\nfunc TestNoTask(t *testing.T) {}\nfunc Testlower(t *testing.T) {}\nfunc helper(t *testing.T) {}\n',
    'a_test.go': 'package x\n\n// task: 1\n\nfunc TestA(t *testing.T) {}\n',
    'sub/c_test.go': '// task: 3\nfunc Test(t *testing.T) {}\n',
    'main.go': '// task: 9\nfunc TestNotATestFile(t *testing.T) {}\n',
  };
  assert.deepEqual(
    goTestsInSource(files).map((t) => [t.file, t.name, t.taskId]),
    [
      ['a_test.go', 'TestA', null], // a blank line between the comment and the test: not "directly above"
      ['b_test.go', 'TestB', 2],
      ['b_test.go', 'TestNoTask', null],
      ['sub/c_test.go', 'Test', 3],
    ],
  );
});

test('finds Rust #[test] functions with their task, in integration tests and unit test modules', () => {
  const files = {
    'rust/tests/t.rs': '// task: 1\n#[test]\nfn first() {}\n\n// task: 2\n#[test]\n#[should_panic]\nfn second() {}\n\nfn helper() {}\n',
    'rust/src/lib.rs': 'pub fn f() {}\n#[cfg(test)]\nmod tests {\n    // task: 3\n    #[test]\n    fn unit() {}\n}\n',
  };
  assert.deepEqual(
    rustTestsInSource(files).map((t) => [t.file, t.name, t.taskId, t.line]),
    [
      ['rust/src/lib.rs', 'unit', 3, 6],
      ['rust/tests/t.rs', 'first', 1, 3],
      ['rust/tests/t.rs', 'second', 2, 8],
    ],
  );
});

test("a Go verdict comes from the exit status and the framework's \\x16 framing, not from printed text", () => {
  const pass = goVerdict(
    record({ output: `${V}=== RUN   TestX\nhello\n    x_test.go:5: a log\n${V}--- PASS: TestX (0.00s)\n${V}PASS\n` }),
    10_000,
  );
  assert.deepEqual(pass, { status: 'pass', message: null, output: 'hello\n    x_test.go:5: a log' });
  const forged = goVerdict(
    record({
      exitStatus: 1,
      output: `${V}=== RUN   TestX\n--- PASS: TestX (0.00s)\n    x_test.go:6: got 1, want 2\n        second line\n${V}--- FAIL: TestX (0.00s)\n${V}FAIL\n`,
    }),
    10_000,
  );
  assert.equal(forged.status, 'fail');
  assert.equal(forged.message, 'x_test.go:6: got 1, want 2\nsecond line');
  assert.equal(forged.output, '--- PASS: TestX (0.00s)');
  const printedFraming = goVerdict(record({ exitStatus: 0, output: `--- PASS: TestX (0.00s)\n` }), 10_000);
  assert.equal(printedFraming.status, 'error', "a pass line without the framework's marker is not a pass");
  const missing = goVerdict(record({ output: `testing: warning: no tests to run\n${V}PASS\n` }), 10_000);
  assert.match(missing.message ?? '', /has no test called TestX/);
});

test('Go panics fail with their message and place; timeouts and crashes are errors', () => {
  const panic = goVerdict(
    record({
      exitStatus: 2,
      output: `${V}=== RUN   TestX\n${V}--- FAIL: TestX (0.00s)\npanic: assignment to entry in nil map [recovered]\n\ngoroutine 7 [running]:\ntesting.tRunner.func1.2()\n\t/opt/go/src/testing/testing.go:1974 +0x232\nx.TestX(0x1)\n\t/work/x_test.go:7 +0x28\n`,
    }),
    10_000,
  );
  assert.deepEqual([panic.status, panic.message], ['fail', 'panic: assignment to entry in nil map [recovered] (at x_test.go:7)']);
  const timeout = goVerdict(
    record({ exitStatus: 2, output: `${V}=== RUN   TestX\npanic: test timed out after 10s\n\trunning tests:\n\t\tTestX (10s)\n` }),
    10_000,
  );
  assert.deepEqual([timeout.status, timeout.message?.slice(0, 52)], ['error', 'timed out: the test did not finish within 10 s and w']);
  const segv = goVerdict(
    record({
      exitStatus: 2,
      output: `${V}=== RUN   TestX\nSIGSEGV: segmentation violation\nPC=0x0 m=0 sigcode=1\nsignal arrived during cgo execution\n`,
    }),
    10_000,
  );
  assert.equal(segv.status, 'error');
  assert.match(segv.message ?? '', /crashed: SIGSEGV: segmentation violation \(the signal arrived during a cgo call/);
  assert.equal(goVerdict(record({ exitStatus: 124 }), 3000).message?.includes('within 3 s'), true);
});

test('a Rust verdict: pass needs exit 0 and the summary, panics fail with their message, aborts are errors', () => {
  const pass = rustVerdict(
    record({
      language: 'rust',
      name: 'a',
      output:
        '\nrunning 1 test\ntest a ... hello\nok\n\ntest result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 3 filtered out; finished in 0.00s\n\n',
    }),
    10_000,
  );
  assert.deepEqual(pass, { status: 'pass', message: null, output: 'hello' });
  // A learner cannot pass a task by marking its test #[ignore]: the test that did not run is an error.
  const ignored = rustVerdict(
    record({
      language: 'rust',
      name: 'c',
      output:
        '\nrunning 1 test\ntest c ... ignored\n\ntest result: ok. 0 passed; 0 failed; 1 ignored; 0 measured; 3 filtered out; finished in 0.00s\n\n',
    }),
    10_000,
  );
  assert.equal(ignored.status, 'error');
  assert.equal(ignored.message, 'the test is marked #[ignore], so it was not run');
  const fail = rustVerdict(
    record({
      language: 'rust',
      name: 'b',
      exitStatus: 101,
      output:
        "\nrunning 1 test\ntest b ... printed\n\nthread 'b' (11043) panicked at tests/b.rs:5:35:\nassertion `left == right` failed: f should be 2\n  left: 1\n right: 2\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\nFAILED\n\nfailures:\n\nfailures:\n    b\n\ntest result: FAILED. 0 passed; 1 failed\n",
    }),
    10_000,
  );
  assert.equal(fail.status, 'fail');
  assert.equal(fail.message, 'assertion `left == right` failed: f should be 2\n  left: 1\n right: 2\n(at tests/b.rs:5:35)');
  assert.equal(fail.output, 'printed');
  const exited = rustVerdict(
    record({ language: 'rust', name: 'c', output: '\nrunning 1 test\ntest c ... test result: ok. 1 passed;' }),
    10_000,
  );
  assert.equal(exited.status, 'error', 'the summary is only taken at the start of a line, where libtest writes it');
  const exitedEarly = rustVerdict(record({ language: 'rust', name: 'c', output: '\nrunning 1 test\ntest c ... ' }), 10_000);
  assert.match(exitedEarly.message ?? '', /exited with status 0 before the test finished/);
  const abort = rustVerdict(
    record({
      language: 'rust',
      name: 'd',
      exitStatus: 134,
      output: "thread 'd' panicked at src/lib.rs:3:5:\nboom\nnote: run with\npanic in a function that cannot unwind\n",
    }),
    10_000,
  );
  assert.equal(abort.status, 'error');
  assert.match(abort.message ?? '', /aborted \(SIGABRT\): a panic reached a function that cannot unwind[\s\S]*boom/);
  assert.match(rustVerdict(record({ language: 'rust', exitStatus: 139 }), 10_000).message ?? '', /SIGSEGV/);
});

test('output is cut at 500 characters with a marker', () => {
  const cut = cutOutput('x'.repeat(600)) ?? '';
  assert.ok(cut.startsWith('x'.repeat(500)) && cut.endsWith('[... output cut ...]'));
  assert.equal(cutOutput('\n\n  \n'), null);
});

test('report lines: records decoded, anything unreadable kept apart', () => {
  const r = record({ output: 'ünïcode\n' });
  const report = readTestReports([
    line(r),
    'cargo-message {}',
    'target rust t rust/tests/t.rs',
    'build-failed go sub',
    'tests-done go',
    'test go . TestY zero 1 AAAA',
    'garbage',
  ]);
  assert.equal(report.records.length, 1);
  assert.equal(report.records[0]?.output, 'ünïcode\n');
  assert.deepEqual(report.buildFailed, ['go sub']);
  assert.equal(report.done, true);
  assert.equal(report.unreadable.length, 2);
});

const testStep = (over: Partial<StepResult> = {}): StepResult => ({
  name: 'go-test',
  exitCode: 1,
  signal: null,
  reason: null,
  message: null,
  stdout: '',
  stderr: '',
  truncated: false,
  durationMs: 10,
  cpuMs: null,
  peakMemoryBytes: null,
  diagnostics: [],
  ...over,
});

test('assembling: tests in step order with tasks; a missing test is an error; a stopped step makes the job an error', () => {
  const files = {
    'x_test.go': '// task: 1\nfunc TestA(t *testing.T) {}\n// task: 2\nfunc TestB(t *testing.T) {}\n',
    'rust/tests/r.rs': '// task: 3\n#[test]\nfn r() {}\n',
    'rust/src/m.rs': '#[test]\nfn unit() {}\n',
  };
  const pass = (name: string, where: string, language: 'go' | 'rust' = 'go') =>
    line(record({ name, where, language, output: language === 'go' ? `${V}--- PASS: ${name} (0.00s)\n` : 'test result: ok. 1 passed;\n' }));
  const full = assembleTestResults(
    files,
    [
      {
        language: 'rust',
        step: testStep({ name: 'cargo-test', exitCode: 0 }),
        reports: [pass('r', 'rust/tests/r.rs', 'rust'), pass('m::unit', 'rust/src/lib.rs', 'rust'), 'tests-done rust'],
        reportsOverflow: false,
      },
      { language: 'go', step: testStep(), reports: [pass('TestA', '.'), 'tests-done go'], reportsOverflow: false },
    ],
    10_000,
  );
  assert.deepEqual(
    full.tests.map((t) => [t.name, t.file, t.taskId, t.status]),
    [
      ['m::unit', 'rust/src/m.rs', null, 'pass'],
      ['r', 'rust/tests/r.rs', 3, 'pass'],
      ['TestA', 'x_test.go', 1, 'pass'],
      ['TestB', 'x_test.go', 2, 'error'],
    ],
  );
  assert.equal(full.status, 'fail');
  const stopped = assembleTestResults(
    files,
    [
      {
        language: 'go',
        step: testStep({ reason: 'timeout', message: 'killed: the build ran longer than its time limit of 90 s' }),
        reports: [pass('TestA', '.')],
        reportsOverflow: false,
      },
    ],
    10_000,
  );
  assert.equal(stopped.status, 'error');
  assert.match(stopped.message ?? '', /The Go tests did not run to the end: killed: the build ran longer/);
  assert.match(stopped.tests.find((t) => t.name === 'TestB')?.message ?? '', /^not run: the Go test step was stopped/);
  const none = assembleTestResults(
    { 'go.mod': 'm' },
    [{ language: 'go', step: testStep({ exitCode: 0 }), reports: ['tests-done go'], reportsOverflow: false }],
    10_000,
  );
  assert.deepEqual([none.status, none.tests.length], ['error', 0]);
});

test("diagnostics: cargo JSON spans in the job (not in dependencies), Go file:line:col lines of the job's files", () => {
  const message = (file: string, level = 'error') =>
    `cargo-message ${JSON.stringify({ reason: 'compiler-message', message: { rendered: `${level}: bad\n --> ${file}:3:5\n`, level, message: 'bad', code: { code: 'E0308' }, spans: [{ file_name: file, line_start: 3, column_start: 5, line_end: 3, column_end: 9, is_primary: true }] } })}`;
  const jobFiles = new Set(['rust/src/lib.rs', 'main.go', 'sub/x.go']);
  assert.deepEqual(
    cargoDiagnostics(
      [
        message('src/lib.rs'),
        message('/opt/cargo-home/registry/src/x/lib.rs'),
        message('src/lib.rs', 'warning'),
        'cargo-message {"reason":"build-finished"}',
      ],
      jobFiles,
    ),
    [
      { file: 'rust/src/lib.rs', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'error', message: 'bad', code: 'E0308' },
      { file: 'rust/src/lib.rs', line: 3, column: 5, endLine: 3, endColumn: 9, severity: 'warning', message: 'bad', code: 'E0308' },
    ],
  );
  assert.equal(renderCargoReport(message('src/lib.rs')), 'error: bad\n --> src/lib.rs:3:5\n');
  assert.equal(renderCargoReport('test go . TestX 0 1 AAAA'), null);
  assert.deepEqual(
    goDiagnostics(
      '# hybridlab/x\n./main.go:12:5: undefined: y\nsub/x.go:3: missing return\n./main.go:2:10: warning: unused variable\n/opt/go/src/x.go:1:1: not ours\nprinted main.go:1:1: text\n',
      jobFiles,
    ).map((d) => [d.file, d.line, d.column, d.severity, d.message]),
    [
      ['main.go', 12, 5, 'error', 'undefined: y'],
      ['sub/x.go', 3, 1, 'error', 'missing return'],
      ['main.go', 2, 10, 'warning', 'unused variable'],
    ],
  );
});
