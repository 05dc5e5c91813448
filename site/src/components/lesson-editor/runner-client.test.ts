import { describe, expect, it } from 'vitest';
import { errorMessage, parseRunResponse, retryAfterSeconds, runnerBaseUrl, runOnServer } from './runner-client.ts';

function answer(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json', ...headers },
    });
}

const files = { 'main.go': 'package main\n' };

describe('runnerBaseUrl', () => {
  it('uses the configured URL without trailing slashes, or the local default', () => {
    expect(runnerBaseUrl('https://runner.example.test/')).toBe('https://runner.example.test');
    expect(runnerBaseUrl(undefined)).toBe('http://127.0.0.1:8787');
    expect(runnerBaseUrl('  ')).toBe('http://127.0.0.1:8787');
  });
});

describe('runOnServer', () => {
  it('posts the files as JSON to /api/v1/runs and reads the steps', async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const fetchImpl: typeof fetch = async (url, init) => {
      seen = { url: String(url), init };
      return new Response(
        JSON.stringify({
          steps: [
            { name: 'cargo build', exitCode: 0, stdout: '', stderr: 'Compiling', durationMs: 1234 },
            { name: 'run', exit_code: 0, stdout: 'ok\n', stderr: '', duration_ms: 5 },
          ],
        }),
        { status: 200 },
      );
    };
    const outcome = await runOnServer('http://127.0.0.1:8787', files, { fetch: fetchImpl });
    expect(seen?.url).toBe('http://127.0.0.1:8787/api/v1/runs');
    expect(seen?.init?.method).toBe('POST');
    expect(new Headers(seen?.init?.headers).get('Accept')).toBe('application/json');
    expect(JSON.parse(String(seen?.init?.body))).toEqual({ files, action: 'run' });
    expect(outcome).toEqual({
      kind: 'completed',
      steps: [
        { name: 'cargo build', exitCode: 0, stdout: '', stderr: 'Compiling', durationMs: 1234 },
        { name: 'run', exitCode: 0, stdout: 'ok\n', stderr: '', durationMs: 5 },
      ],
    });
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
    const outcome = await runOnServer('http://127.0.0.1:9', files, { timeoutMs: 5000 });
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
    const outcome = await runOnServer('u', files, { fetch: answer(429, { error: { message: 'Queue full.' } }, { 'Retry-After': '7' }) });
    expect(outcome).toEqual({ kind: 'busy', retryAfterSeconds: 7, message: 'Queue full.' });
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

  it('gives up after the timeout', async () => {
    const never: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    expect(await runOnServer('u', files, { fetch: never, timeoutMs: 10 })).toEqual({
      kind: 'failed',
      status: null,
      message: 'The runner did not answer within 0 s.',
    });
  });
});

describe('parseRunResponse', () => {
  it('accepts steps nested under result and a step that did not finish', () => {
    expect(parseRunResponse({ result: { steps: [{ name: 'run', exitCode: null, stdout: 'x' }] } })).toEqual([
      { name: 'run', exitCode: null, stdout: 'x', stderr: '', durationMs: null },
    ]);
  });

  it('rejects steps without a name, with a fractional exit code, or with non-text output', () => {
    expect(() => parseRunResponse({ steps: [{ exitCode: 0 }] })).toThrow(/Step 1 .* has no name/);
    expect(() => parseRunResponse({ steps: [{ name: 'a', exitCode: 1.5 }] })).toThrow(/exit code/);
    expect(() => parseRunResponse({ steps: [{ name: 'a', stdout: 3 }] })).toThrow(/not text/);
    expect(() => parseRunResponse({ steps: ['x'] })).toThrow(/not an object/);
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
