import type { KeyValueStore } from '../../lib/browser-storage.ts';
import { parseRunReport } from './run-report.ts';
import type { InterruptionCause, RunOutcome } from './runner-client.ts';

const PREFIX = 'hybrid-lab:editor:v1';

/** localStorage key of the reader's version of one example file. */
export function editKey(lesson: string, path: string): string {
  return `${PREFIX}:${lesson}:file:${path}`;
}

/** localStorage key of the last run of a lesson's program. */
export function lastRunKey(lesson: string): string {
  return `${PREFIX}:${lesson}:last-run`;
}

function read(store: KeyValueStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

/** The reader's edited files of a lesson (only those that differ from the lesson's code). */
export function loadEdits(store: KeyValueStore, lesson: string, paths: readonly string[]): Map<string, string> {
  const edits = new Map<string, string>();
  for (const path of paths) {
    const content = read(store, editKey(lesson, path));
    if (content !== null) edits.set(path, content);
  }
  return edits;
}

/** Stores an edit, or forgets it when the content is back to the lesson's code; false if the store refused. */
export function saveEdit(store: KeyValueStore, lesson: string, path: string, content: string, original: string): boolean {
  try {
    if (content === original) store.removeItem(editKey(lesson, path));
    else store.setItem(editKey(lesson, path), content);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the reader's edits of the given files. */
export function clearEdits(store: KeyValueStore, lesson: string, paths: readonly string[]): void {
  for (const path of paths) {
    try {
      store.removeItem(editKey(lesson, path));
    } catch {
      // A store that refuses removal has nothing we could clear either.
    }
  }
}

/**
 * A run outcome and when it happened, as kept between visits. Runs stored by older versions of
 * this page (steps with only name, exit code, output and duration; no run facts) still load:
 * the fields they lack read as unknown.
 */
export interface StoredRun {
  at: string;
  outcome: RunOutcome;
}

const OUTCOME_KINDS = new Set(['completed', 'interrupted', 'offline', 'busy', 'unavailable', 'rejected', 'failed']);
const CAUSES: ReadonlySet<string> = new Set<InterruptionCause>(['stopped', 'ended', 'error', 'timeout']);

/** The last stored run of a lesson, or null when there is none or it cannot be read. */
export function loadLastRun(store: KeyValueStore, lesson: string): StoredRun | null {
  const text = read(store, lastRunKey(lesson));
  if (text === null) return null;
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return null;
    const { at, outcome } = data as { at?: unknown; outcome?: unknown };
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null;
    if (typeof outcome !== 'object' || outcome === null) return null;
    const kind = (outcome as { kind?: unknown }).kind;
    if (typeof kind !== 'string' || !OUTCOME_KINDS.has(kind)) return null;
    if (kind === 'completed') return { at, outcome: { kind: 'completed', ...parseRunReport(outcome) } };
    if (kind === 'interrupted') {
      const { cause, message, unfinished } = outcome as { cause?: unknown; message?: unknown; unfinished?: unknown };
      if (typeof cause !== 'string' || !CAUSES.has(cause) || typeof message !== 'string') return null;
      return {
        at,
        outcome: {
          kind: 'interrupted',
          cause: cause as InterruptionCause,
          message,
          steps: parseRunReport(outcome).steps,
          unfinished: typeof unfinished === 'string' ? unfinished : null,
        },
      };
    }
    return { at, outcome: outcome as RunOutcome };
  } catch {
    return null;
  }
}

/** Keeps a run outcome for the next visit; false if the store refused it (e.g. too large). */
export function saveLastRun(store: KeyValueStore, lesson: string, run: StoredRun): boolean {
  try {
    store.setItem(lastRunKey(lesson), JSON.stringify(run));
    return true;
  } catch {
    return false;
  }
}
