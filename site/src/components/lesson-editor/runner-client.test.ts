import { describe, expect, it } from 'vitest';
import type { LiveRun, RunEvent } from './run-events.ts';
import { finishedStep } from './run-step.fixture.ts';
import { errorMessage, type RunOutcome, retryAfterSeconds, runnerBaseUrl, runOnServer } from './runner-client.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
}

/** SSE text of one event, framed like the runner frames it. */
function sse(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A fetch answering 200 with an event stream made of `chunks` (strings, sent one by one). */
function streaming(chunks: string[], seen?: { init?: RequestInit; url?: string }): typeof fetch {
  return async (url, init) => {
    if (seen) {
      seen.url = String(url);
      seen.init = init;
    }
    const encoder = new TextEncoder();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(encoder.encode(chunk));
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream; charset=utf-8' } });
  };
}

const step = (name: string, over: Record<string, unknown> = {}) => ({ ...finishedStep(name), ...over });

const files = { 'main.go': 'package main\n' };

describe('runnerBaseUrl', () => {
  it('uses the configured URL without trailing slashes, or the local default', () => {
    expect(runnerBaseUrl('https://runner.example.test/')).toBe('https://runner.example.test');
    expect(runnerBaseUrl(undefined)).toBe('http://127.0.0.1:8787');
    expect(runnerBaseUrl('  ')).toBe('http://127.0.0.1:8787');
  });
});

describe('runOnServer over an event stream', () => {
  const runDoc = {
    cached: false,
    ok: false,
    steps: [
      step('go-build', { stderr: 'building\n' }),
      step('run', { exitCode: 2, stdout: 'hello\n', signal: null, message: 'the program aborted (SIGABRT)' }),
    ],
    backend: 'bubblewrap',
    queueWaitMs: 0,
    totalMs: 900,
  };
  const chunks = [
    ': connected\n\n',
    sse('queued', { position: 0 }),
    sse('started', { queueWaitMs: 0 }),
    sse('step-start', { name: 'go-build' }),
    sse('output', { step: 'go-build', stream: 'stderr', data: 'build' }),
    sse('output', { step: 'go-build', stream: 'stderr', data: 'ing\n' }),
    sse('step-end', runDoc.steps[0]),
    sse('step-start', { name: 'run' }),
    // One event split over three chunks, CRLF line ends.
    'event: output\r\ndata: {"step":"run","stream":"stdout",',
    '"data":"hello\\n"}\r',
    '\n\r\n',
    sse('step-end', runDoc.steps[1]),
    sse('result', runDoc),
  ];

  it('asks for an event stream, reports progress event by event, and ends with the result', async () => {
    const seen: { init?: RequestInit; url?: string } = {};
    const progress: { event: RunEvent; state: LiveRun }[] = [];
    const outcome = await runOnServer('http://127.0.0.1:8787', files, {
      fetch: streaming(chunks, seen),
      onProgress: (state, event) => progress.push({ state, event }),
    });
    expect(seen.url).toBe('http://127.0.0.1:8787/api/v1/runs');
    expect(seen.init?.method).toBe('POST');
    expect(new Headers(seen.init?.headers).get('Accept')).toMatch(/^text\/event-stream\b/);
    expect(JSON.parse(String(seen.init?.body))).toEqual({ files, action: 'run' });

    expect(progress.map((p) => p.event.type)).toEqual([
      'queued',
      'started',
      'step-start',
      'output',
      'output',
      'step-end',
      'step-start',
      'output',
      'step-end',
      'result',
    ]);
    // The go-build step's output grew as it came, before the step ended.
    const afterSecondChunk = progress[4]?.state;
    expect(afterSecondChunk?.steps[0]).toMatchObject({ name: 'go-build', stderr: 'building\n', end: null });
    expect(progress[7]?.state.steps[1]).toMatchObject({ name: 'run', stdout: 'hello\n', end: null });

    expect(outcome).toMatchObject({ kind: 'completed', cached: false, backend: 'bubblewrap', totalMs: 900, queueWaitMs: 0 });
    const completed = outcome as Extract<RunOutcome, { kind: 'completed' }>;
    expect(completed.steps.map((s) => s.name)).toEqual(['go-build', 'run']);
    expect(completed.steps[1]).toMatchObject({
      exitCode: 2,
      message: 'the program aborted (SIGABRT)',
      cpuMs: 8,
      peakMemoryBytes: 1_048_576,
    });
  });

  it('says plainly when the stream ends without a result, keeping the steps seen so far', async () => {
    const outcome = await runOnServer('u', files, { fetch: streaming(chunks.slice(0, 8)) });
    expect(outcome).toMatchObject({ kind: 'interrupted', cause: 'ended', unfinished: 'run' });
    const cut = outcome as Extract<RunOutcome, { kind: 'interrupted' }>;
    expect(cut.message).toBe("The runner's answer ended without a final result.");
    expect(cut.steps.map((s) => [s.name, s.exitCode])).toEqual([
      ['go-build', 0],
      ['run', null],
    ]);

    const midEvent = await runOnServer('u', files, { fetch: streaming([...chunks.slice(0, 8), 'event: output\ndata: {"st']) });
    expect(midEvent).toMatchObject({ kind: 'interrupted', cause: 'ended', message: expect.stringContaining('middle of an event') });
  });

  it("reports the runner's error event with its message", async () => {
    const outcome = await runOnServer('u', files, {
      fetch: streaming([
        sse('started', { queueWaitMs: 3 }),
        sse('step-start', { name: 'cargo-build' }),
        sse('error', { error: 'internal error in the runner' }),
      ]),
    });
    expect(outcome).toMatchObject({
      kind: 'interrupted',
      cause: 'error',
      message: 'internal error in the runner',
      unfinished: 'cargo-build',
    });
  });

  it('reports an event it cannot read instead of guessing', async () => {
    const outcome = await runOnServer('u', files, { fetch: streaming([sse('queued', { position: 'first' })]) });
    expect(outcome).toMatchObject({
      kind: 'interrupted',
      cause: 'error',
      message: expect.stringContaining('"queued" event has no queue position'),
    });
  });

  it('answers a cached run, which streams only its result', async () => {
    const outcome = await runOnServer('u', files, { fetch: streaming([sse('result', { ...runDoc, cached: true, totalMs: 2 })]) });
    expect(outcome).toMatchObject({ kind: 'completed', cached: true, totalMs: 2 });
  });

  it('stops when the signal is aborted mid-stream, and the connection is closed', async () => {
    const controller = new AbortController();
    let requestSignal: AbortSignal | null | undefined;
    const hanging: typeof fetch = async (_url, init) => {
      requestSignal = init?.signal;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(sse('started', { queueWaitMs: 0 }) + sse('step-start', { name: 'run' })));
          init?.signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    };
    const outcome = runOnServer('u', files, {
      fetch: hanging,
      signal: controller.signal,
      onProgress: (state) => {
        if (state.steps.length === 1) setTimeout(() => controller.abort(), 5);
      },
    });
    expect(await outcome).toMatchObject({ kind: 'interrupted', cause: 'stopped', unfinished: 'run' });
    // The request itself was aborted, so the runner sees the connection drop and cancels the job.
    expect(requestSignal?.aborted).toBe(true);
  });

  it('stops before an answer when the signal is aborted', async () => {
    const controller = new AbortController();
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const pending = runOnServer('u', files, { fetch: never, signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({
      kind: 'interrupted',
      cause: 'stopped',
      message: 'You stopped the run before the runner answered.',
      steps: [],
      unfinished: null,
    });
  });

  it('gives up when the stream goes quiet, but keep-alives keep it going', async () => {
    // Like a real fetch, aborting the request errors its body.
    const quietAfter =
      (pieces: string[], gapMs: number): typeof fetch =>
      async (_url, init) => {
        let index = 0;
        let aborted = false;
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            init?.signal?.addEventListener('abort', () => {
              aborted = true;
              c.error(new DOMException('aborted', 'AbortError'));
            });
          },
          async pull(c) {
            const piece = pieces[index++];
            // After the last piece: silence until aborted.
            if (piece === undefined) return new Promise(() => {});
            if (index > 1) await new Promise((resolve) => setTimeout(resolve, gapMs));
            if (!aborted) c.enqueue(new TextEncoder().encode(piece));
          },
        });
        return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
      };
    const keepAlives = [sse('started', { queueWaitMs: 0 }), ': ka\n\n', ': ka\n\n', ': ka\n\n', sse('result', runDoc)];
    expect(await runOnServer('u', files, { fetch: quietAfter(keepAlives, 60), idleTimeoutMs: 150 })).toMatchObject({ kind: 'completed' });
    expect(await runOnServer('u', files, { fetch: quietAfter([sse('started', { queueWaitMs: 0 })], 0), idleTimeoutMs: 50 })).toMatchObject({
      kind: 'interrupted',
      cause: 'timeout',
      message: 'The runner sent nothing for 0 s, so this page stopped waiting.',
    });
  });
});

describe('runOnServer errors and JSON answers', () => {
  it('reads a runner that answers with one JSON document', async () => {
    const outcome = await runOnServer('u', files, {
      fetch: answer(200, {
        cached: true,
        steps: [
          { name: 'cargo build', exitCode: 0, stdout: '', stderr: 'Compiling', durationMs: 1234 },
          { name: 'run', exit_code: 0, stdout: 'ok\n', stderr: '', duration_ms: 5, reason: 'timeout', truncated: true },
        ],
      }),
    });
    expect(outcome).toMatchObject({ kind: 'completed', cached: true, totalMs: null, backend: null });
    const completed = outcome as Extract<RunOutcome, { kind: 'completed' }>;
    expect(completed.steps[0]).toEqual({
      name: 'cargo build',
      exitCode: 0,
      signal: null,
      reason: null,
      message: null,
      stdout: '',
      stderr: 'Compiling',
      truncated: false,
      durationMs: 1234,
      cpuMs: null,
      peakMemoryBytes: null,
      diagnostics: [],
    });
    expect(completed.steps[1]).toMatchObject({ exitCode: 0, durationMs: 5, reason: 'timeout', truncated: true });
  });

  it('calls a network failure offline', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await runOnServer('http://127.0.0.1:9', files, { fetch: refused })).toEqual({
      kind: 'offline',
      url: 'http://127.0.0.1:9/api/v1/runs',
      detail: 'Failed to fetch',
    });
  });

  it('really reports offline for a port where nothing listens', async () => {
    const outcome = await runOnServer('http://127.0.0.1:9', files, { idleTimeoutMs: 5000 });
    expect(outcome.kind).toBe('offline');
  });

  it('reports a runner without a sandbox as unavailable, with its message, not as busy', async () => {
    const message = 'no sandbox can run code on this machine. apt-get install bubblewrap';
    const outcome = await runOnServer('u', files, { fetch: answer(503, { error: message }) });
    expect(outcome).toEqual({ kind: 'unavailable', message });
  });

  it('reports a 503 with Retry-After (sandbox still preparing) as busy', async () => {
    const outcome = await runOnServer('u', files, { fetch: answer(503, { error: { message: 'Preparing.' } }, { 'Retry-After': '10' }) });
    expect(outcome).toEqual({ kind: 'busy', retryAfterSeconds: 10, message: 'Preparing.' });
  });

  it('reports busy with the Retry-After seconds', async () => {
    const outcome = await runOnServer('u', files, { fetch: answer(429, { error: 'Queue full.' }, { 'Retry-After': '7' }) });
    expect(outcome).toEqual({ kind: 'busy', retryAfterSeconds: 7, message: 'Queue full.' });
  });

  it("reads how full the runner is from a 429's body", async () => {
    const body = { error: 'Queue full.', running: 2, waiting: 16, retryAfterSeconds: 7 };
    const outcome = await runOnServer('u', files, { fetch: answer(429, body, { 'Retry-After': '7' }) });
    expect(outcome).toEqual({ kind: 'busy', retryAfterSeconds: 7, message: 'Queue full.', queue: { running: 2, waiting: 16 } });
    const odd = await runOnServer('u', files, { fetch: answer(429, { ...body, waiting: -1 }, { 'Retry-After': '7' }) });
    expect(odd).toEqual({ kind: 'busy', retryAfterSeconds: 7, message: 'Queue full.' });
  });

  it('passes a 4xx message through and keeps a 5xx generic when it has none', async () => {
    expect(await runOnServer('u', files, { fetch: answer(400, { error: 'files: main.go is missing' }) })).toEqual({
      kind: 'rejected',
      status: 400,
      message: 'files: main.go is missing',
    });
    expect(await runOnServer('u', files, { fetch: answer(500, '') })).toEqual({
      kind: 'failed',
      status: 500,
      message: 'The runner failed (HTTP 500).',
    });
  });

  it('reports an answer of the wrong shape as a failure', async () => {
    expect(await runOnServer('u', files, { fetch: answer(200, { ok: true }) })).toEqual({
      kind: 'failed',
      status: 200,
      message: 'The runner answered without a "steps" list.',
    });
    expect(await runOnServer('u', files, { fetch: answer(200, '<html>') })).toMatchObject({ kind: 'failed' });
  });

  it('gives up when nothing answers in time', async () => {
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    expect(await runOnServer('u', files, { fetch: never, idleTimeoutMs: 10 })).toEqual({
      kind: 'failed',
      status: null,
      message: 'The runner did not answer within 0 s.',
    });
  });
});

describe('errorMessage and retryAfterSeconds', () => {
  it('finds the message in the usual places', () => {
    expect(errorMessage({ message: 'm' }, 'f')).toBe('m');
    expect(errorMessage({ error: { message: 'e' } }, 'f')).toBe('e');
    expect(errorMessage(null, 'f')).toBe('f');
  });

  it('reads seconds and ignores dates', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });
});
