/**
 * Requests the runner must refuse with a 4xx and a message that says what
 * was wrong, plus CORS for the site's origins. The runner runs with a real
 * backend, and a good job still runs after all the bad ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, goJob, postRun, runJob, startRunner, step, type TestRunner } from './runner-harness.ts';

const hello = goJob('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("still fine") }\n');

describe(`bad requests (${BACKENDS[0]} backend)`, () => {
  let runner: TestRunner;
  before(async () => {
    runner = await startRunner(BACKENDS[0] ?? 'bubblewrap', 64000, {
      RUNNER_MAX_BODY_BYTES: '65536',
      RUNNER_MAX_FILES: '8',
      RUNNER_MAX_FILE_BYTES: '16384',
    });
  });
  after(async () => {
    await runner?.close();
  });

  const cases: Array<{
    name: string;
    body?: unknown;
    raw?: string | Uint8Array;
    headers?: Record<string, string>;
    status: number;
    message: RegExp;
  }> = [
    { name: 'invalid JSON', raw: '{"files": {"go.mod": "x"}, "action": "run"', status: 400, message: /not valid JSON/ },
    { name: 'a body that is not an object', body: ['run'], status: 400, message: /must be a JSON object/ },
    {
      name: 'a body too large',
      raw: JSON.stringify({ files: { 'go.mod': 'x'.repeat(70_000) }, action: 'run' }),
      status: 413,
      message: /more than the limit of 65536 bytes/,
    },
    {
      name: 'too many files',
      body: { files: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}.go`, 'package main\n'])), action: 'run' },
      status: 400,
      message: /too many files: 9, the limit is 8/,
    },
    {
      name: 'a file too large',
      body: { files: { 'go.mod': 'x'.repeat(20_000) }, action: 'run' },
      status: 413,
      message: /"go.mod" is 20000 bytes, more than the limit of 16384/,
    },
    {
      name: 'a path with ..',
      body: { files: { ...hello, '../escape.go': 'x' }, action: 'run' },
      status: 400,
      message: /invalid file path "\.\.\/escape\.go": "\.\." is not allowed/,
    },
    {
      name: 'a path with .. in the middle',
      body: { files: { ...hello, 'rust/../../x': 'x' }, action: 'run' },
      status: 400,
      message: /"\.\." is not allowed/,
    },
    {
      name: 'an absolute path',
      body: { files: { ...hello, '/etc/passwd': 'x' }, action: 'run' },
      status: 400,
      message: /absolute paths are not allowed/,
    },
    {
      name: 'a path through a symlink-like prefix (a file used as a folder)',
      body: { files: { ...hello, rust: 'not a folder', 'rust/Cargo.toml': '[package]' }, action: 'run' },
      status: 400,
      message: /goes through "rust", which is a file; a path may only pass through folders \(no links, no files\)/,
    },
    {
      name: "a path into the runner's own folder",
      body: { files: { ...hello, '.hybrid-lab/app': 'x' }, action: 'run' },
      status: 400,
      message: /\.hybrid-lab\/ is written by the runner itself/,
    },
    {
      name: 'a backslash path',
      body: { files: { ...hello, 'rust\\src\\lib.rs': 'x' }, action: 'run' },
      status: 400,
      message: /use "\/" as the separator/,
    },
    {
      name: 'non-UTF-8 bytes in the body',
      raw: Buffer.concat([Buffer.from('{"files": {"go.mod": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}, "action": "run"}')]),
      status: 400,
      message: /not valid UTF-8 \(first bad byte at offset 22\)/,
    },
    {
      name: 'a lone surrogate escape (not UTF-8 text)',
      raw: '{"files": {"go.mod": "module x\\ud800"}, "action": "run"}',
      status: 400,
      message: /"go.mod" is not valid UTF-8 text/,
    },
    {
      name: 'an unknown top-level field',
      body: { files: hello, action: 'run', image: 'ubuntu' },
      status: 400,
      message: /unknown field "image" in request body \(allowed: "files", "action"\)/,
    },
    { name: 'an unknown action', body: { files: hello, action: 'deploy' }, status: 400, message: /action must be "run", "test" or "wasm"/ },
    { name: 'a missing action', body: { files: hello }, status: 400, message: /action/ },
    {
      name: 'a file that is not a string',
      body: { files: { 'go.mod': 42 }, action: 'run' },
      status: 400,
      message: /file "go.mod" must be a string/,
    },
    {
      name: 'nothing to build',
      body: { files: { 'README.md': 'hi' }, action: 'run' },
      status: 400,
      message: /nothing to build: a job needs go.mod/,
    },
    { name: 'no files', body: { files: {}, action: 'run' }, status: 400, message: /"files" is empty/ },
    {
      name: 'a wrong content type',
      raw: JSON.stringify({ files: hello, action: 'run' }),
      headers: { 'content-type': 'text/plain' },
      status: 415,
      message: /Content-Type: application\/json/,
    },
    {
      name: 'an origin that is not allowed',
      body: { files: hello, action: 'run' },
      headers: { origin: 'http://evil.example' },
      status: 403,
      message: /origin http:\/\/evil\.example is not allowed/,
    },
  ];

  for (const c of cases) {
    test(`${c.name} -> ${c.status}`, async () => {
      const res = await postRun(runner, c.body, { raw: c.raw, headers: c.headers });
      assert.equal(res.status, c.status, JSON.stringify(res.body));
      const error = (res.body as { error?: string }).error ?? '';
      assert.match(error, c.message);
    });
  }

  test('a wrong method and an unknown path are refused with a hint', async () => {
    const get = await fetch(`${runner.url}/api/v1/runs`);
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const missing = await fetch(`${runner.url}/api/v2/nothing`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { error: string }).error, /openapi\.json/);
  });

  test("CORS: the site's origins get a preflight answer and the allow-origin header", async () => {
    for (const origin of ['http://localhost:4321', 'http://127.0.0.1:4321']) {
      const pre = await fetch(`${runner.url}/api/v1/runs`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,accept' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), origin);
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
      assert.match(pre.headers.get('access-control-allow-headers') ?? '', /content-type/);
    }
    const res = await postRun(runner, { files: { 'README.md': 'x' }, action: 'run' }, { headers: { origin: 'http://localhost:4321' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:4321', 'errors carry CORS headers too');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/, 'the site can read Retry-After of a 429');
  });

  test('health, metrics and the OpenAPI document answer', async () => {
    const health = (await (await fetch(`${runner.url}/healthz`)).json()) as { status: string; toolchains: Record<string, string> };
    assert.equal(health.status, 'ok');
    assert.match(health.toolchains.go ?? '', /^go1\./);
    assert.match(health.toolchains.rustc ?? '', /^rustc 1\./);
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    assert.match(metrics, /hybrid_runner_http_requests_total\{method="POST",route="\/api\/v1\/runs",status="400"\} \d+/);
    const doc = (await (await fetch(`${runner.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/runs']);
  });

  test('a good job still runs after all of that', async () => {
    const result = await runJob(runner, hello);
    assert.equal(step(result, 'run').stdout, 'still fine\n');
  });
});
