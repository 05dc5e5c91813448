import { describe, expect, it } from 'vitest';
import { loadStored, memoryStore, saveStored, storedJson } from './browser-storage.ts';

const parseCount = (text: string | null): number | null => {
  const value: unknown = text === null ? null : JSON.parse(text);
  return typeof value === 'number' ? value : null;
};

describe('loadStored and saveStored', () => {
  it('keep a value as JSON and read it back through the parser', () => {
    const store = memoryStore();
    expect(saveStored(store, 'k', 42)).toBe(true);
    expect(store.values.get('k')).toBe('42');
    expect(loadStored(store, 'k', parseCount)).toBe(42);
    expect(loadStored(store, 'other', parseCount)).toBeNull();
    store.setItem('k', '"text"');
    expect(loadStored(store, 'k', parseCount)).toBeNull();
  });

  it('read a store that throws, or a parser that throws, as empty, and report a refused save', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadStored(refusing, 'k', parseCount)).toBeNull();
    expect(saveStored(refusing, 'k', 1)).toBe(false);
    const store = memoryStore();
    store.setItem('k', '{');
    expect(loadStored(store, 'k', parseCount)).toBeNull();
  });
});

describe('storedJson', () => {
  it('parses JSON text, and gives undefined for no text or text that is not JSON', () => {
    expect(storedJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(storedJson('null')).toBeNull();
    expect(storedJson(null)).toBeUndefined();
    expect(storedJson('{not json')).toBeUndefined();
  });
});
