/**
 * Turns what the test steps reported (report-channel records, one per test;
 * see sandbox/hl-step.sh) into the `test` answer: one TestResult per test,
 * in order, with its task, and the job's status. A status comes only from
 * the exit status of the test's own process plus the test framework's own
 * framing in that process's output; the learner's prints land in `output`
 * and can neither turn a failure into a pass nor hide a test.
 */
import { OUTPUT_CUT_MARKER, type StepResult, TEST_OUTPUT_CHARS, type TestLanguage, type TestResult, type TestStatus } from './api-types.ts';
import { goPackageDir, goTestsInSource, rustTestsInSource, type SourceTest } from './test-discovery.ts';

/** One `test` record of the report channel. */
export interface TestRecord {
  language: TestLanguage;
  /** Rust: the test target's source file; Go: the package folder. */
  where: string;
  name: string;
  exitStatus: number;
  durationMs: number;
  output: string;
}

/** What one test step reported. */
export interface TestStepReport {
  records: TestRecord[];
  /** Languages or Go folders whose tests did not compile. */
  buildFailed: string[];
  /** True when the step reached the end of its list of tests. */
  done: boolean;
  /** Lines that are not valid reports (a sign the channel was corrupted). */
  unreadable: string[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads the report lines of one test step; other kinds of report (cargo messages, leftovers) are skipped. */
export function readTestReports(lines: readonly string[]): TestStepReport {
  const report: TestStepReport = { records: [], buildFailed: [], done: false, unreadable: [] };
  for (const line of lines) {
    const parts = line.split(' ');
    const kind = parts[0];
    if (kind === 'cargo-message' || kind === 'leftover' || kind === 'target' || line === '') continue;
    if (kind === 'tests-done') {
      report.done = true;
      continue;
    }
    if (kind === 'build-failed') {
      report.buildFailed.push(parts.slice(1).join(' '));
      continue;
    }
    if (kind === 'test' && parts.length === 7) {
      const [, language, where, name, status, ms, b64] = parts as [string, string, string, string, string, string, string];
      if ((language === 'go' || language === 'rust') && /^\d+$/.test(status) && /^\d+$/.test(ms) && BASE64.test(b64)) {
        report.records.push({
          language,
          where,
          name,
          exitStatus: Number(status),
          durationMs: Number(ms),
          output: Buffer.from(b64, 'base64').toString('utf8'),
        });
        continue;
      }
    }
    report.unreadable.push(line.slice(0, 200));
  }
  return report;
}

/** Cuts a test's output to TEST_OUTPUT_CHARS, with a marker; null when there is nothing. */
export function cutOutput(text: string): string | null {
  const trimmed = text.replace(/^\n+|\s+$/g, '');
  if (trimmed === '') return null;
  return trimmed.length <= TEST_OUTPUT_CHARS ? trimmed : trimmed.slice(0, TEST_OUTPUT_CHARS) + OUTPUT_CUT_MARKER;
}

const SIGNALS: Record<number, string> = { 4: 'SIGILL', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };
const timedOut = (status: number) => status === 124 || status === 137;
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

interface Verdict {
  status: TestStatus;
  message: string | null;
  output: string | null;
}

/** Verdict of a Go test from its process (run with -test.v=test2json: the framework's lines start with \x16). */
export function goVerdict(record: TestRecord, limitMs: number): Verdict {
  const lines = record.output.split('\n');
  const framing = (text: string) => lines.some((l) => l === `\x16${text}` || l.startsWith(`\x16${text} `));
  const crashAt = lines.findIndex((l) => /^(panic: |fatal error: |SIG[A-Z]+: |unexpected fault address)/.test(l));
  const messages: string[] = [];
  const printed: string[] = [];
  let inMessage = false;
  for (const line of crashAt >= 0 ? lines.slice(0, crashAt) : lines) {
    if (line.startsWith('\x16') || line === 'testing: warning: no tests to run') {
      inMessage = false;
      continue;
    }
    if (/^ {4}\S+\.go:\d+: /.test(line)) {
      messages.push(line.trim());
      inMessage = true;
    } else if (inMessage && line.startsWith('        ')) {
      messages.push(line.slice(8));
    } else {
      inMessage = false;
      printed.push(line);
    }
  }
  const output = cutOutput(printed.join('\n'));
  // A passing test's t.Log lines are output, not a failure message.
  const everything = cutOutput(
    (crashAt >= 0 ? lines.slice(0, crashAt) : lines)
      .filter((l) => !l.startsWith('\x16') && l !== 'testing: warning: no tests to run')
      .join('\n'),
  );
  const crash = crashAt >= 0 ? (lines[crashAt] ?? '') : '';
  if (timedOut(record.exitStatus) || crash.startsWith('panic: test timed out after')) {
    return {
      status: 'error',
      message: `timed out: the test did not finish within ${seconds(limitMs)} and was stopped (an endless loop, a deadlock, or a wait that never ends?)`,
      output,
    };
  }
  if (record.exitStatus === 0) {
    if (framing(`--- PASS: ${record.name}`)) return { status: 'pass', message: null, output: everything };
    if (lines.includes('testing: warning: no tests to run'))
      return { status: 'error', message: `the test binary has no test called ${record.name}`, output };
    return {
      status: 'error',
      message: 'the test process exited with status 0 before the test finished (did the code call os.Exit?)',
      output,
    };
  }
  if (crash.startsWith('panic: ')) {
    const where = lines
      .slice(crashAt)
      .find((l) => /^\t\/work\/.+\.go:\d+/.test(l))
      ?.trim()
      .replace(/^\/work\//, '')
      .replace(/ \+0x[0-9a-f]+$/, '');
    return { status: 'fail', message: `${crash}${where ? ` (at ${where})` : ''}`, output };
  }
  if (crash !== '') {
    const cgo = lines.some((l) => l.includes('signal arrived during cgo execution'));
    return {
      status: 'error',
      message: `the test process crashed: ${crash}${cgo ? ' (the signal arrived during a cgo call: the C or Rust side touched memory it must not)' : ''}`,
      output,
    };
  }
  if (record.exitStatus === 1 && framing(`--- FAIL: ${record.name}`)) {
    return { status: 'fail', message: messages.join('\n') || `${record.name} failed without a message`, output };
  }
  if (record.exitStatus > 128 && SIGNALS[record.exitStatus - 128]) {
    return { status: 'error', message: `the test process was ended by ${SIGNALS[record.exitStatus - 128]}`, output };
  }
  return {
    status: 'error',
    message: `the test process ended with status ${record.exitStatus} without the test framework saying why`,
    output,
  };
}

/** Verdict of a Rust test from its process (libtest with --exact NAME --nocapture). */
export function rustVerdict(record: TestRecord, limitMs: number): Verdict {
  const lines = record.output.split('\n');
  const panicAt = lines.findIndex((l) => /^thread '.*' (\(\d+\) )?panicked at /.test(l));
  let message: string | null = null;
  const hidden = new Set<number>();
  if (panicAt >= 0) {
    const where = /panicked at (.*):$/.exec(lines[panicAt] ?? '')?.[1] ?? '';
    const body: string[] = [];
    hidden.add(panicAt);
    for (let i = panicAt + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line === '' || line.startsWith('note: ') || line.startsWith('stack backtrace:')) break;
      body.push(line);
      hidden.add(i);
    }
    message = `${body.join('\n')}${where ? `\n(at ${where})` : ''}`;
  }
  const printed = lines
    .map((line, i) => (hidden.has(i) ? null : line.replace(new RegExp(`^test ${escapeRegExp(record.name)} \\.\\.\\. `), '')))
    .filter((line): line is string => line !== null)
    .filter(
      (line) =>
        !/^(running \d+ tests?|test result: .*|failures:|successes:|ok|FAILED|note: run with `RUST_BACKTRACE=1`.*|note: Some details are omitted.*|thread caused non-unwinding panic\. aborting\.|)$/.test(
          line,
        ),
    )
    .filter((line) => line !== `    ${record.name}`);
  const output = cutOutput(printed.join('\n'));
  if (timedOut(record.exitStatus)) {
    return {
      status: 'error',
      message: `timed out: the test did not finish within ${seconds(limitMs)} and was stopped (an endless loop, a deadlock, or a wait that never ends?)`,
      output,
    };
  }
  if (record.exitStatus === 0) {
    if (/^test result: ok\. 1 passed;/m.test(record.output)) return { status: 'pass', message: null, output };
    if (/^test result: ok\. 0 passed; 0 failed; 1 ignored/m.test(record.output))
      return { status: 'error', message: 'the test is marked #[ignore], so it was not run', output };
    return {
      status: 'error',
      message: 'the test process exited with status 0 before the test finished (did the code call std::process::exit?)',
      output,
    };
  }
  if (record.exitStatus === 101) return { status: 'fail', message: message ?? 'the test failed without a panic message', output };
  const signal = record.exitStatus > 128 ? SIGNALS[record.exitStatus - 128] : undefined;
  if (signal === 'SIGABRT') {
    const why = /panic in a function that cannot unwind/.test(record.output)
      ? 'a panic reached a function that cannot unwind (an extern "C" function), and Rust aborted the process'
      : /non-unwinding panic/.test(record.output)
        ? 'a check that cannot unwind failed (such as an unsafe precondition), and Rust aborted the process'
        : 'the process aborted';
    return { status: 'error', message: `the test process aborted (SIGABRT): ${why}${message ? `:\n${message}` : ''}`, output };
  }
  if (signal)
    return {
      status: 'error',
      message: `the test process crashed with ${signal}${signal === 'SIGSEGV' ? ' (a read or write through a bad pointer)' : ''}`,
      output,
    };
  return {
    status: 'error',
    message: `the test process ended with status ${record.exitStatus} without the test framework saying why`,
    output,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A test step of a `test` job, as it ran (or why it did not). */
export interface TestStepRun {
  language: TestLanguage;
  /** The finished step, or null when it did not run. */
  step: StepResult | null;
  /** Its report lines (empty when it did not run). */
  reports: readonly string[];
  reportsOverflow: boolean;
  /** Why it did not run, when `step` is null. */
  notRunBecause?: string;
}

const languageName = (language: TestLanguage) => (language === 'go' ? 'Go' : 'Rust');

/** The compiler's first errors in a step, as text: diagnostics when there are any, else the tail of its stderr. */
export function compilerMessage(step: StepResult): string {
  const errors = step.diagnostics.filter((d) => d.severity === 'error').slice(0, 5);
  if (errors.length > 0) return errors.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`).join('\n');
  const tail = step.stderr.trim().split('\n').slice(-15).join('\n');
  return tail || step.message || `exit status ${step.exitCode}`;
}

/**
 * The `test` answer: every test, in the order the steps ran them (Rust, then Go; within each,
 * files by path and tests by line), and the job's status with a message when it is `error`.
 */
export function assembleTestResults(
  files: Readonly<Record<string, string>>,
  runs: readonly TestStepRun[],
  limitMs: number,
  /** A build step before the tests that failed (cargo-build of the library cgo links), or null. */
  failedBuild: StepResult | null = null,
): { status: TestStatus; message: string | null; tests: TestResult[] } {
  const tests: TestResult[] = [];
  const errors: string[] = failedBuild ? [`The ${failedBuild.name} step failed, so no test ran:\n${compilerMessage(failedBuild)}`] : [];
  for (const run of runs) {
    const expected = run.language === 'go' ? goTestsInSource(files) : rustTestsInSource(files);
    const report = readTestReports(run.reports);
    const name = languageName(run.language);
    let notRun: string;
    if (!run.step) {
      notRun = `not run: ${run.notRunBecause ?? 'an earlier step failed'}`;
      if (!failedBuild) errors.push(`The ${name} tests did not run: ${run.notRunBecause ?? 'an earlier step failed'}.`);
    } else if (report.buildFailed.length > 0) {
      notRun = `not run: the ${name} tests did not compile`;
      errors.push(`The ${name} tests did not compile:\n${compilerMessage(run.step)}`);
    } else if (run.step.reason || run.reportsOverflow || report.unreadable.length > 0 || !report.done) {
      const why =
        run.step.message ??
        (run.reportsOverflow
          ? 'it sent more reports than the runner keeps'
          : report.unreadable.length > 0
            ? 'its report could not be read'
            : 'it ended before running every test');
      notRun = `not run: the ${name} test step was stopped (${why})`;
      errors.push(`The ${name} tests did not run to the end: ${why}.`);
    } else {
      notRun = `not run: the ${name} test step did not run this test`;
    }
    const used = new Set<TestRecord>();
    const placed: Array<{ source: SourceTest | null; record: TestRecord | null }> = [];
    const matches = (r: TestRecord, source: SourceTest, loose: boolean) =>
      run.language === 'go'
        ? r.name === source.name && r.where === goPackageDir(source.file)
        : lastSegment(r.name) === source.name &&
          (r.where === source.file || (loose && r.where.startsWith('rust/src/') && source.file.startsWith('rust/src/')));
    // Exact places first; then unit tests in a module file (rust/src/x.rs) run by the crate's lib target.
    const recordOf = new Map<SourceTest, TestRecord>();
    for (const loose of [false, true]) {
      for (const source of expected) {
        if (recordOf.has(source)) continue;
        const record = report.records.find((r) => !used.has(r) && matches(r, source, loose));
        if (record) {
          used.add(record);
          recordOf.set(source, record);
        }
      }
    }
    for (const source of expected) placed.push({ source, record: recordOf.get(source) ?? null });
    // Tests the source scan did not find (say, generated by a macro) still count, after the others.
    for (const record of report.records) if (!used.has(record)) placed.push({ source: null, record });
    for (const { source, record } of placed) {
      const verdict: Verdict = record
        ? (run.language === 'go' ? goVerdict : rustVerdict)(record, limitMs)
        : { status: 'error', message: notRun, output: null };
      tests.push({
        name: record?.name ?? source?.name ?? '',
        status: verdict.status,
        message: verdict.message,
        output: verdict.output,
        taskId: source?.taskId ?? null,
        language: run.language,
        file: source?.file ?? record?.where ?? '',
        durationMs: record ? record.durationMs : null,
      });
    }
  }
  if (errors.length > 0) return { status: 'error', message: errors.join('\n\n'), tests };
  if (tests.length === 0)
    return {
      status: 'error',
      message: 'The job has no tests: add *_test.go files or Rust tests (#[test] functions in rust/tests/*.rs or rust/src).',
      tests,
    };
  return { status: tests.every((t) => t.status === 'pass') ? 'pass' : 'fail', message: null, tests };
}

function lastSegment(name: string): string {
  return name.split('::').pop() ?? name;
}
