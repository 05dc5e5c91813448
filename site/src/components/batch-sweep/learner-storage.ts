// The learner's last measured kernels, kept per lesson so a run before an edit can be set beside
// one after it. Used by the kernel editor only (loaded on demand).
import type { KeyValueStore } from '../../lib/browser-storage.ts';
import type { SweepResult } from './sweep-protocol.ts';
import { parseStoredSweep } from './sweep-storage.ts';

/** localStorage key prefix of the learner's last measured kernels, per lesson. */
export const LEARNER_RUNS_KEY = 'hybrid-lab:batch-sweep:learner-runs:v1';

/** How many measured runs of the learner's kernel are kept, newest first. */
export const MAX_LEARNER_RUNS = 5;

function learnerRunsKey(lesson: string): string {
  return `${LEARNER_RUNS_KEY}:${lesson}`;
}

/** The learner's last measured runs of a lesson, newest first; unreadable entries are dropped. */
export function loadLearnerRuns(store: KeyValueStore, lesson: string): SweepResult[] {
  let data: unknown;
  try {
    data = JSON.parse(store.getItem(learnerRunsKey(lesson)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.flatMap((entry) => {
    const result = parseStoredSweep(JSON.stringify(entry));
    return result?.learner ? [result] : [];
  });
}

/** Puts a run of the learner's kernel first in its history, keeping MAX_LEARNER_RUNS; false when the store refused. */
export function addLearnerRun(store: KeyValueStore, lesson: string, result: SweepResult): boolean {
  const runs = [result, ...loadLearnerRuns(store, lesson)].slice(0, MAX_LEARNER_RUNS);
  try {
    store.setItem(learnerRunsKey(lesson), JSON.stringify(runs));
    return true;
  } catch {
    return false;
  }
}
