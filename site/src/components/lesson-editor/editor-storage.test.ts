import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { clearEdits, editKey, lastRunKey, loadEdits, loadLastRun, saveEdit, saveLastRun } from './editor-storage.ts';
import { finishedReport } from './run-step.fixture.ts';

describe('edits', () => {
  it('keeps an edit per lesson and file, and forgets it once it matches the lesson again', () => {
    const store = memoryStore();
    saveEdit(store, '01-a', 'main.go', 'edited', 'original');
    saveEdit(store, '02-b', 'main.go', 'other lesson', 'original');
    expect(loadEdits(store, '01-a', ['main.go', 'go.mod'])).toEqual(new Map([['main.go', 'edited']]));
    saveEdit(store, '01-a', 'main.go', 'original', 'original');
    expect(store.values.has(editKey('01-a', 'main.go'))).toBe(false);
    expect(store.values.has(editKey('02-b', 'main.go'))).toBe(true);
  });

  it('clears only the given lesson', () => {
    const store = memoryStore();
    saveEdit(store, '01-a', 'main.go', 'x', 'y');
    saveEdit(store, '02-b', 'main.go', 'x', 'y');
    clearEdits(store, '01-a', ['main.go']);
    expect([...store.values.keys()]).toEqual([editKey('02-b', 'main.go')]);
  });

  it('reports a store that refuses to save', () => {
    const full = {
      ...memoryStore(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(saveEdit(full, '01-a', 'main.go', 'x', 'y')).toBe(false);
  });
});

describe('last run', () => {
  const fullStep = {
    name: 'run',
    exitCode: null,
    signal: 'SIGKILL',
    reason: 'timeout',
    message: 'killed: the program ran longer than its time limit of 10 s',
    stdout: 'tick\n',
    stderr: '',
    truncated: false,
    durationMs: 10_020,
    cpuMs: 9_980,
    peakMemoryBytes: 3_145_728,
    diagnostics: [],
  };

  it('round-trips a finished run with the run facts', () => {
    const store = memoryStore();
    const run = {
      at: '2026-11-21T10:00:00.000Z',
      outcome: {
        kind: 'completed' as const,
        ...finishedReport([fullStep], { cached: false, queueWaitMs: 12, totalMs: 14_000, backend: 'bubblewrap' }),
      },
    };
    expect(saveLastRun(store, '01-a', run)).toBe(true);
    expect(loadLastRun(store, '01-a')).toEqual(run);
    expect(loadLastRun(store, '02-b')).toBeNull();
  });

  it('still loads a run stored by the earlier page, the new fields unknown', () => {
    const store = memoryStore();
    const old = {
      at: '2026-11-21T10:00:00.000Z',
      outcome: { kind: 'completed', steps: [{ name: 'run', exitCode: 0, stdout: 'hi', stderr: '', durationMs: 3 }] },
    };
    store.setItem(lastRunKey('01-a'), JSON.stringify(old));
    expect(loadLastRun(store, '01-a')).toEqual({
      at: old.at,
      outcome: {
        kind: 'completed',
        steps: [
          {
            name: 'run',
            exitCode: 0,
            signal: null,
            reason: null,
            message: null,
            stdout: 'hi',
            stderr: '',
            truncated: false,
            durationMs: 3,
            cpuMs: null,
            peakMemoryBytes: null,
            diagnostics: [],
          },
        ],
        cached: null,
        queueWaitMs: null,
        totalMs: null,
        backend: null,
        status: null,
        message: null,
        tests: [],
      },
    });
    store.setItem(lastRunKey('01-a'), JSON.stringify({ at: old.at, outcome: { kind: 'busy', retryAfterSeconds: 3, message: 'Full.' } }));
    expect(loadLastRun(store, '01-a')?.outcome).toEqual({ kind: 'busy', retryAfterSeconds: 3, message: 'Full.' });
  });

  it('round-trips a run that ended without a result, and drops one with an unknown cause', () => {
    const store = memoryStore();
    const run = {
      at: '2026-11-21T10:00:00.000Z',
      outcome: {
        kind: 'interrupted' as const,
        cause: 'ended' as const,
        message: 'The answer ended.',
        steps: [fullStep],
        unfinished: 'run',
      },
    };
    saveLastRun(store, '01-a', run);
    expect(loadLastRun(store, '01-a')).toEqual(run);
    store.setItem(lastRunKey('01-a'), JSON.stringify({ ...run, outcome: { ...run.outcome, cause: 'meteor' } }));
    expect(loadLastRun(store, '01-a')).toBeNull();
  });

  it('drops stored runs it cannot trust', () => {
    const store = memoryStore();
    store.setItem(lastRunKey('01-a'), '{oops');
    expect(loadLastRun(store, '01-a')).toBeNull();
    store.setItem(lastRunKey('01-a'), JSON.stringify({ at: 'x', outcome: { kind: 'completed', steps: [] } }));
    expect(loadLastRun(store, '01-a')).toBeNull();
    store.setItem(lastRunKey('01-a'), JSON.stringify({ at: '2026-01-01T00:00:00Z', outcome: { kind: 'exploded' } }));
    expect(loadLastRun(store, '01-a')).toBeNull();
    store.setItem(
      lastRunKey('01-a'),
      JSON.stringify({ at: '2026-01-01T00:00:00Z', outcome: { kind: 'completed', steps: [{ exitCode: 0 }] } }),
    );
    expect(loadLastRun(store, '01-a')).toBeNull();
  });
});
