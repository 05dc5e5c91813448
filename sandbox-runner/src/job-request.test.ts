import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRequestSchema } from './api-schema.ts';
import { HttpError } from './errors.ts';
import { checkPath, parseJobRequest, planJob } from './job-request.ts';

const limits = { maxBodyBytes: 10_000, maxFiles: 4, maxFileBytes: 1000 };
const body = (v: unknown) => Buffer.from(JSON.stringify(v));

test('plans the steps from the layout and the action', () => {
  const both = { 'go.mod': 'm', 'rust/Cargo.toml': 'c' };
  assert.deepEqual(
    planJob({ files: both, action: 'run' }).steps.map((s) => s.name),
    ['cargo-build', 'go-build', 'run'],
  );
  assert.deepEqual(
    planJob({ files: both, action: 'test' }).steps.map((s) => s.name),
    ['cargo-build', 'cargo-test', 'go-test'],
  );
  assert.deepEqual(
    planJob({ files: { 'rust/Cargo.toml': 'c' }, action: 'run' }).steps.map((s) => s.command),
    ['cargo-build', 'run-rust'],
  );
  assert.deepEqual(
    planJob({ files: { 'go.mod': 'm' }, action: 'test' }).steps.map((s) => s.name),
    ['go-test'],
  );
  // wasm compiles only the crate, even when Go files come along.
  assert.deepEqual(
    planJob({ files: both, action: 'wasm' }).steps.map((s) => s.command),
    ['wasm-build'],
  );
});

test('a wasm job without rust/Cargo.toml is refused, saying what to send', () => {
  assert.throws(
    () => planJob({ files: { 'go.mod': 'm', 'main.go': 'package main' }, action: 'wasm' }),
    (err: unknown) =>
      err instanceof HttpError && err.status === 400 && /no rust\/Cargo\.toml/.test(err.message) && /cdylib/.test(err.message),
  );
  assert.throws(
    () => parseJobRequest(body({ files: { 'go.mod': 'm' }, action: 'build' }), limits),
    /action must be "run", "test" or "wasm"/,
  );
});

test('accepts ordinary relative paths', () => {
  for (const p of ['main.go', 'rust/src/lib.rs', 'internal/kernel_test.go', '.cargo/config.toml', 'a-b_c+d@e.txt']) checkPath(p);
});

test('refuses paths that could leave the job folder or confuse it', () => {
  for (const p of [
    '',
    '/abs',
    '../x',
    'a/../b',
    'a//b',
    './a',
    'a\\b',
    'C:x',
    'sp ace',
    'rust/target/x',
    '.hybrid-lab/app',
    'a/b/c/d/e/f/g/h/i',
  ]) {
    assert.throws(() => checkPath(p), HttpError, p);
  }
});

test('reports the first invalid UTF-8 byte', () => {
  const raw = Buffer.concat([Buffer.from('{"files":{"go.mod":"é'), Buffer.from([0xc3]), Buffer.from('"}}')]);
  assert.throws(() => parseJobRequest(raw, limits), /offset 22/);
});

test('size limits are 413, shape problems 400', () => {
  const big = { files: { 'go.mod': 'x'.repeat(2000) }, action: 'run' };
  assert.throws(
    () => parseJobRequest(body(big), limits),
    (e: unknown) => e instanceof HttpError && e.status === 413,
  );
  assert.throws(() => parseJobRequest(body({ files: { 'go.mod': 'x' }, action: 'run', extra: 1 }), limits), /unknown field "extra"/);
});

test('the documented request schema (OpenAPI) and the runner agree on what is accepted', () => {
  const schema = runRequestSchema(limits);
  // What JSON Schema states beside the zod checks: go.mod or rust/Cargo.toml must be among the files.
  const documentedOk = (req: { files: Record<string, string>; action: string }) =>
    schema.safeParse(req).success && ('go.mod' in req.files || 'rust/Cargo.toml' in req.files);
  const paths = [
    'main.go',
    'rust/src/lib.rs',
    '../x',
    'a/./b',
    '.hybrid-lab',
    '.hybrid-lab/app',
    'rust/target',
    'rust/targets/x',
    '.',
    '..',
    'a//b',
    '/abs',
    'a\\b',
    'x y',
    'é.go',
    'a/b/c/d/e/f/g/h',
    'a/b/c/d/e/f/g/h/i',
    'x'.repeat(200),
    'x'.repeat(201),
    '.cargo/config.toml',
    'C:x',
    '...',
    'a/..b',
  ];
  const contents = ['package main\n', '', 'x'.repeat(1000), 'x'.repeat(1001), 'nul\u0000'];
  const cases: Array<{ files: Record<string, string>; action: string }> = [
    { files: {}, action: 'run' },
    { files: { 'go.mod': 'm' }, action: 'build' },
  ];
  for (const p of paths) cases.push({ files: { 'go.mod': 'm', [p]: 'x' }, action: 'run' });
  for (const c of contents) cases.push({ files: { 'go.mod': c }, action: 'test' });
  cases.push({ files: { 'main.go': 'x' }, action: 'run' });
  cases.push({ files: Object.fromEntries(['go.mod', 'a', 'b', 'c', 'd'].map((p) => [p, 'x'])), action: 'run' });
  for (const req of cases) {
    let accepted = true;
    try {
      parseJobRequest(body(req), limits);
    } catch (err) {
      assert.ok(err instanceof HttpError && err.status < 500, `${JSON.stringify(req).slice(0, 80)}: ${String(err)}`);
      accepted = false;
    }
    assert.equal(documentedOk(req), accepted, `schema and runner disagree on ${JSON.stringify(req).slice(0, 120)}`);
  }
});
