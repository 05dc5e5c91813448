// What the exercise panel keeps in the browser besides the learner's files and last check
// (those use the editor's storage, under the scope exerciseScope(lesson)): how many hints of
// each task are shown, and the learner's code from before a reset or "use the solution", so
// it can be brought back.
import type { KeyValueStore } from '../../lib/browser-storage.ts';

const PREFIX = 'hybrid-lab:exercise:v1';

/** The scope under which editor-storage keeps the exercise's files and last check. */
export function exerciseScope(lesson: string): string {
  return `${lesson}:exercise`;
}

function get(store: KeyValueStore, key: string): unknown {
  try {
    const text = store.getItem(key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function put(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    if (value === null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

const hintsKey = (lesson: string) => `${PREFIX}:${lesson}:hints`;
const backupKey = (lesson: string) => `${PREFIX}:${lesson}:backup`;

/** How many hints of each task the learner has opened (task id -> count). */
export function loadHintCounts(store: KeyValueStore, lesson: string): Map<number, number> {
  const data = get(store, hintsKey(lesson));
  const counts = new Map<number, number>();
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return counts;
  for (const [task, count] of Object.entries(data)) {
    const id = Number(task);
    if (Number.isInteger(id) && id > 0 && typeof count === 'number' && Number.isInteger(count) && count > 0) counts.set(id, count);
  }
  return counts;
}

/** Records that `count` hints of a task are shown; false if the store refused. */
export function saveHintCount(store: KeyValueStore, lesson: string, taskId: number, count: number): boolean {
  const counts = loadHintCounts(store, lesson);
  counts.set(taskId, count);
  return put(store, hintsKey(lesson), Object.fromEntries(counts));
}

/** The learner's code as it was before something replaced it. */
export interface CodeBackup {
  /** What replaced it: a reset to the starter, or the solution (of one file or all). */
  reason: 'reset' | 'solution';
  at: string;
  files: Record<string, string>;
}

/** The backup kept by the last reset or use of the solution, or null. */
export function loadBackup(store: KeyValueStore, lesson: string): CodeBackup | null {
  const data = get(store, backupKey(lesson));
  if (typeof data !== 'object' || data === null) return null;
  const { reason, at, files } = data as Partial<CodeBackup>;
  if ((reason !== 'reset' && reason !== 'solution') || typeof at !== 'string' || typeof files !== 'object' || files === null) return null;
  if (!Object.values(files).every((content) => typeof content === 'string')) return null;
  return { reason, at, files };
}

/** Keeps `backup` (one at a time: the newest wins), or forgets it with null; false if refused. */
export function saveBackup(store: KeyValueStore, lesson: string, backup: CodeBackup | null): boolean {
  return put(store, backupKey(lesson), backup);
}
