// Where the components keep a learner's state (edits, last run, last sweep).

/** The part of the Web Storage API the components use; tests pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or null where the browser refuses it (private modes, disabled storage). */
export function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A store that lives as long as the page: the fallback when localStorage is refused. */
export function memoryStore(): KeyValueStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** The value of stored JSON text, or undefined for no text or text that is not JSON. */
export function storedJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads what `store` keeps under `key` through `parse`; null when nothing is kept, `parse` refuses it, or the store throws. */
export function loadStored<T>(store: KeyValueStore, key: string, parse: (text: string | null) => T | null): T | null {
  try {
    return parse(store.getItem(key));
  } catch {
    return null;
  }
}

/** Keeps `value` as JSON under `key`; false when the store refused it (full, or disabled). */
export function saveStored(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}
