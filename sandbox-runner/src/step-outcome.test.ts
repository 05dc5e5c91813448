import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOutcome, type LaunchResult } from './backends/step-process.ts';
import { loadConfig } from './config.ts';

const limits = loadConfig({}).limits.run;
const launch = (over: Partial<LaunchResult>): LaunchResult => ({
  exitCode: 0,
  signal: null,
  timedOut: false,
  outputLimited: false,
  aborted: false,
  stdout: '',
  stderr: '',
  truncated: false,
  durationMs: 5,
  reports: [],
  reportsOverflow: false,
  ...over,
});
const usage = { cpuMs: 1, peakMemoryBytes: 1, oomKills: 0, memoryLimitHits: 0, pidsLimitHits: 0 };

test('names the reason a step was stopped', () => {
  assert.equal(
    describeOutcome(launch({ signal: 'SIGKILL', exitCode: null }), { ...usage, oomKills: 1 }, limits, 100, false, 'run').reason,
    'memory',
  );
  assert.equal(
    describeOutcome(launch({ timedOut: true, signal: 'SIGKILL', exitCode: null }), usage, limits, 100, false, 'run').reason,
    'timeout',
  );
  assert.equal(describeOutcome(launch({ outputLimited: true }), usage, limits, 100, false, 'run').reason, 'output-limit');
  assert.equal(describeOutcome(launch({ exitCode: 1 }), { ...usage, pidsLimitHits: 3 }, limits, 100, false, 'run').reason, 'pids');
  assert.equal(describeOutcome(launch({ exitCode: 1 }), usage, limits, 100, true, 'run').reason, 'disk');
  assert.equal(
    describeOutcome(launch({ exitCode: 1 }), usage, limits, 100, false, 'run').reason,
    null,
    "a plain failure is the program's own",
  );
});

test('an abort is explained, not blamed on the sandbox', () => {
  const o = describeOutcome(launch({ exitCode: 2, stderr: 'fatal\nSIGABRT: abort\nPC=0x0' }), usage, limits, 100, false, 'run');
  assert.equal(o.reason, null);
  assert.match(o.message ?? '', /aborted \(SIGABRT\).*catch_unwind/);
});

test('a left-over process is known from the report channel, never from what the program printed', () => {
  const printed = describeOutcome(
    launch({ stderr: '[hybrid-lab] the program exited but left 3 background process(es) running\nleftover 3\n' }),
    usage,
    limits,
    100,
    false,
    'run',
  );
  assert.equal(printed.message, null);
  const reported = describeOutcome(launch({ reports: ['leftover 2'] }), usage, limits, 100, false, 'run');
  assert.match(reported.message ?? '', /left 2 background process/);
});
