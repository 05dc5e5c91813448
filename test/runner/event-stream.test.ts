/**
 * The text/event-stream answer: queued, started, each step's start, output
 * chunks as they come, each step's end, then the same result as the JSON
 * answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BACKENDS, fixture, startRunner, type TestRunner } from './runner-harness.ts';

interface Event {
  name: string;
  data: Record<string, unknown>;
}

function parseEvents(text: string): Event[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.startsWith(':'))
    .map((block) => {
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>;
      return { name, data };
    });
}

describe(`event stream (${BACKENDS[0]} backend)`, () => {
  let runner: TestRunner;
  before(async () => {
    runner = await startRunner(BACKENDS[0] ?? 'bubblewrap', 64200);
  });
  after(async () => {
    await runner?.close();
  });

  test('a cgo job streams its steps and output, then the result', async () => {
    const files = { ...fixture('zero-copy-slice'), 'stream.txt': `${Date.now()}` };
    const res = await fetch(`${runner.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: 'http://localhost:4321' },
      body: JSON.stringify({ files, action: 'run' }),
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:4321');
    const events = parseEvents(await res.text());
    const names = events.map((e) => e.name);
    assert.deepEqual(names.slice(0, 2), ['queued', 'started']);
    assert.equal(events[0]?.data.position, 0);
    assert.deepEqual(
      events.filter((e) => e.name === 'step-start').map((e) => e.data.name),
      ['cargo-build', 'go-build', 'run'],
    );
    assert.ok(names.indexOf('step-start') < names.indexOf('output'), 'output comes after its step started');
    const runOutput = events
      .filter((e) => e.name === 'output' && e.data.step === 'run' && e.data.stream === 'stdout')
      .map((e) => e.data.data)
      .join('');
    assert.equal(runOutput, 'sum=25.0 values=[2.5 5 7.5 10] same-memory=true\n');
    assert.equal(names.at(-1), 'result');
    const result = events.at(-1)?.data as { ok: boolean; steps: Array<{ stdout: string }> };
    assert.equal(result.ok, true);
    assert.equal(result.steps.at(-1)?.stdout, runOutput);
    assert.equal(events.filter((e) => e.name === 'step-end').length, 3);
  });

  test('identical jobs share one run; the first client leaving cancels nothing for the second', async () => {
    // A program that takes a moment, so the second request joins while the first is running.
    const token = `shared ${Date.now()}-${process.pid}`;
    const files = {
      'go.mod': 'module hybridlab.example/shared\n\ngo 1.22\n',
      'main.go': `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(1500 * time.Millisecond)\n\tfmt.Println(${JSON.stringify(token)})\n}\n`,
    };
    const body = JSON.stringify({ files, action: 'run' });
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
    const leaving = new AbortController();
    const first = await fetch(`${runner.url}/api/v1/runs`, { method: 'POST', headers, body, signal: leaving.signal });
    const reader = first.body?.getReader();
    // Wait until the first job's build has started, then join it.
    let seen = '';
    while (!seen.includes('event: step-start')) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      seen += new TextDecoder().decode(chunk.value);
    }
    const second = fetch(`${runner.url}/api/v1/runs`, { method: 'POST', headers, body });
    await new Promise((r) => setTimeout(r, 300));
    leaving.abort();
    const events = parseEvents(await (await second).text());
    assert.deepEqual(
      events.filter((e) => e.name === 'step-start').map((e) => e.data.name),
      ['go-build', 'run'],
      'the joined client hears every step, the ones before it joined included',
    );
    const result = events.at(-1);
    assert.equal(result?.name, 'result');
    const data = result.data as { ok: boolean; steps: Array<{ name: string; stdout: string }> };
    assert.equal(data.ok, true, JSON.stringify(data));
    const run = data.steps.find((s) => s.name === 'run');
    assert.equal(run?.stdout, `${token}\n`);
    const metrics = await (await fetch(`${runner.url}/metrics`)).text();
    assert.match(metrics, /hybrid_runner_jobs_joined_total [1-9]/);
  });

  test('a repeated job streams only the cached result', async () => {
    const files = fixture('zero-copy-slice');
    const body = JSON.stringify({ files, action: 'run' });
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
    await (await fetch(`${runner.url}/api/v1/runs`, { method: 'POST', headers, body })).text();
    const events = parseEvents(await (await fetch(`${runner.url}/api/v1/runs`, { method: 'POST', headers, body })).text());
    assert.deepEqual(
      events.map((e) => e.name),
      ['result'],
    );
    assert.equal(events[0]?.data.cached, true);
  });
});

describe(`event stream keep-alives (${BACKENDS[0]} backend)`, () => {
  let runner: TestRunner;
  before(async () => {
    runner = await startRunner(BACKENDS[0] ?? 'bubblewrap', 64300, { RUNNER_SSE_KEEPALIVE_MS: '200' });
  });
  after(async () => {
    await runner?.close();
  });

  test('a silent stretch (a program sleeping) carries keep-alive comments, then the result', async () => {
    const files = {
      'go.mod': 'module hybridlab.example/quiet\n\ngo 1.22\n',
      'main.go': `package main\n\nimport (\n\t"fmt"\n\t"time"\n)\n\nfunc main() {\n\ttime.Sleep(1500 * time.Millisecond)\n\tfmt.Println("awake ${Date.now()}")\n}\n`,
    };
    const res = await fetch(`${runner.url}/api/v1/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ files, action: 'run' }),
    });
    const text = await res.text();
    assert.ok((text.match(/^: keep-alive$/gm) ?? []).length >= 2, `expected keep-alive comments in:\n${text.slice(0, 2000)}`);
    const events = parseEvents(text);
    const last = events.at(-1);
    assert.equal(last?.name, 'result');
    assert.equal((last.data as { ok: boolean }).ok, true);
  });
});
