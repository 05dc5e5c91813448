import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../lib/browser-storage.ts';
import { loadBackup, loadHintCounts, saveBackup, saveHintCount } from './exercise-storage.ts';

describe('hint counts', () => {
  it('remembers how many hints of each task are open, per lesson', () => {
    const store = memoryStore();
    saveHintCount(store, '01-a', 1, 2);
    saveHintCount(store, '01-a', 3, 1);
    saveHintCount(store, '02-b', 1, 3);
    expect([...loadHintCounts(store, '01-a')]).toEqual([
      [1, 2],
      [3, 1],
    ]);
    expect([...loadHintCounts(store, '02-b')]).toEqual([[1, 3]]);
  });

  it('reads a damaged value as no hints open', () => {
    const store = memoryStore();
    store.setItem('hybrid-lab:exercise:v1:01-a:hints', '{"1": "two", "x": 3, "2": 1}');
    expect([...loadHintCounts(store, '01-a')]).toEqual([[2, 1]]);
    store.setItem('hybrid-lab:exercise:v1:01-a:hints', 'not json');
    expect(loadHintCounts(store, '01-a').size).toBe(0);
  });
});

describe('backup', () => {
  it('keeps the newest copy of the learner code and forgets it when asked', () => {
    const store = memoryStore();
    const backup = { reason: 'reset' as const, at: '2026-11-22T10:00:00.000Z', files: { 'batcher.go': 'package x' } };
    expect(saveBackup(store, '01-a', backup)).toBe(true);
    expect(loadBackup(store, '01-a')).toEqual(backup);
    saveBackup(store, '01-a', { ...backup, reason: 'solution', files: { 'batcher.go': 'mine' } });
    expect(loadBackup(store, '01-a')?.files['batcher.go']).toBe('mine');
    saveBackup(store, '01-a', null);
    expect(loadBackup(store, '01-a')).toBeNull();
  });

  it('ignores a stored value of another shape', () => {
    const store = memoryStore();
    store.setItem('hybrid-lab:exercise:v1:01-a:backup', JSON.stringify({ reason: 'reset', at: 'x', files: { a: 1 } }));
    expect(loadBackup(store, '01-a')).toBeNull();
  });
});
