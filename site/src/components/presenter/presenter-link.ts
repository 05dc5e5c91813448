// Keeps a lesson's presenter state in step between the windows of one origin, with no server:
// localStorage holds it (so a window opened or reloaded later resumes the step and its timer), and a
// BroadcastChannel tells the other windows at once. Either window works alone; the later change wins.
import { browserStorage, loadStored, memoryStore, saveStored, storedJson } from '../../lib/browser-storage.ts';
import { initialState, isNewer, PRESENTER_CHANNEL, type PresenterState, parseState, stateKey } from './presenter-state.ts';

/** One window's end of the link. */
export interface PresenterLink {
  current(): PresenterState;
  /** Keeps `next` and tells the other windows; this window draws it itself. */
  update(next: PresenterState): void;
  /** Called with every state this window did not make itself (from another window). */
  onRemoteChange(listener: (state: PresenterState) => void): void;
}

/** Opens the link for `lesson`, resuming the stored state or starting at its first step. */
export function linkPresenter(lesson: string, stepCount: number): PresenterLink {
  const store = browserStorage() ?? memoryStore();
  const key = stateKey(lesson);
  let state = loadStored(store, key, (text) => parseState(storedJson(text), stepCount));
  if (!state) {
    state = initialState(Date.now());
    saveStored(store, key, state);
  }
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(PRESENTER_CHANNEL) : null;
  let listener: (next: PresenterState) => void = () => {};
  channel?.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as { lesson?: unknown; state?: unknown } | null;
    if (message?.lesson !== lesson) return;
    const received = parseState(message.state, stepCount);
    if (received && state && isNewer(received, state)) {
      state = received;
      listener(received);
    }
  });
  return {
    current: () => state as PresenterState,
    update(next) {
      if (next === state) return;
      state = next;
      saveStored(store, key, next);
      channel?.postMessage({ lesson, state: next });
    },
    onRemoteChange(callback) {
      listener = callback;
    },
  };
}
