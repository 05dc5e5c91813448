import { describe, expect, it } from 'vitest';
import { formatDuration, splitCode, summarizeOutcome } from './run-messages.ts';

const url = 'http://127.0.0.1:8787';

describe('summarizeOutcome', () => {
  it('says plainly that the runner is offline, that the page still works, and how to start it', () => {
    const summary = summarizeOutcome({ kind: 'offline', url: `${url}/api/v1/runs`, detail: 'Failed to fetch' }, url);
    expect(summary.tone).toBe('offline');
    expect(summary.heading).toBe('The runner is offline');
    expect(summary.detail).toContain('Nothing answered at http://127.0.0.1:8787');
    expect(summary.detail).toContain('The rest of this page works without it');
    expect(summary.detail).toContain('npm run runner');
  });

  it('passes on what to install when the runner has no sandbox', () => {
    const summary = summarizeOutcome({ kind: 'unavailable', message: 'no sandbox: apt-get install bubblewrap' }, url);
    expect(summary.heading).toBe('Running code is unavailable on this runner');
    expect(summary.detail).toContain('apt-get install bubblewrap');
    expect(summary.detail).toContain('The rest of this page works without it');
  });

  it('names the first failing step', () => {
    const summary = summarizeOutcome(
      {
        kind: 'completed',
        steps: [
          { name: 'cargo build', exitCode: 0, stdout: '', stderr: '', durationMs: 1 },
          { name: 'go build', exitCode: 2, stdout: '', stderr: 'undefined: x', durationMs: 1 },
          { name: 'run', exitCode: null, stdout: '', stderr: '', durationMs: null },
        ],
      },
      url,
    );
    expect(summary).toMatchObject({ tone: 'failure', heading: 'Step "go build" exited with 2' });
  });

  it('calls a run where every step exited 0 a success, and a killed step unfinished', () => {
    expect(summarizeOutcome({ kind: 'completed', steps: [{ name: 'run', exitCode: 0, stdout: '', stderr: '', durationMs: 3 }] }, url).tone).toBe('success');
    expect(summarizeOutcome({ kind: 'completed', steps: [{ name: 'run', exitCode: null, stdout: '', stderr: '', durationMs: 3 }] }, url).heading).toBe(
      'Step "run" did not finish (killed or timed out)',
    );
    expect(summarizeOutcome({ kind: 'completed', steps: [] }, url).tone).toBe('error');
  });

  it('tells a busy runner apart from a refusal and a failure', () => {
    expect(summarizeOutcome({ kind: 'busy', retryAfterSeconds: 5, message: 'Full.' }, url).detail).toBe('Full. Try again in 5 s.');
    expect(summarizeOutcome({ kind: 'rejected', status: 413, message: 'Too big.' }, url).heading).toContain('413');
    expect(summarizeOutcome({ kind: 'failed', status: null, message: 'Timed out.' }, url).heading).toBe('The run did not finish');
  });
});

describe('formatDuration', () => {
  it('uses ms below a second and seconds above', () => {
    expect(formatDuration(340.4)).toBe('340 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(75_000)).toBe('75 s');
    expect(formatDuration(null)).toBe('time not reported');
  });
});

describe('splitCode', () => {
  it('marks the text between backticks as code', () => {
    expect(splitCode('start it with `npm run runner`, then retry')).toEqual([
      { text: 'start it with ', code: false },
      { text: 'npm run runner', code: true },
      { text: ', then retry', code: false },
    ]);
  });

  it('keeps plain text and an unmatched backtick as they are', () => {
    expect(splitCode('no code')).toEqual([{ text: 'no code', code: false }]);
    expect(splitCode('a `b')).toEqual([
      { text: 'a ', code: false },
      { text: '`b', code: false },
    ]);
    expect(splitCode('')).toEqual([]);
  });
});
