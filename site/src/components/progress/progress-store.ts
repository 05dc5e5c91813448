// In the browser: the one store the progress components share, and a way to hear every change.

import { browserStorage, type KeyValueStore, memoryStore } from '../../lib/browser-storage.ts';
import { loadProgress, PROGRESS_EVENT, PROGRESS_KEY, type Progress, type ProgressEventDetail } from '../../lib/progress.ts';

let fallback: KeyValueStore | undefined;

/** localStorage, or (where the browser refuses it) one in-memory store for the whole page. */
export function progressStore(): KeyValueStore {
  fallback ??= browserStorage() ?? memoryStore();
  return fallback;
}

/**
 * Calls `listener` with the progress now, and again after every change: from this page (the
 * progress event), from another tab (the storage event), and when the browser shows this page
 * again from its back/forward cache.
 */
export function watchProgress(listener: (progress: Progress) => void): void {
  const reload = () => listener(loadProgress(progressStore()));
  window.addEventListener(PROGRESS_EVENT, (event) => listener((event as CustomEvent<ProgressEventDetail>).detail.progress));
  window.addEventListener('storage', (event) => {
    if (event.key === PROGRESS_KEY || event.key === null) reload();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) reload();
  });
  reload();
}
