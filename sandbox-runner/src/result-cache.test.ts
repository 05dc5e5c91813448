import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunResult } from './api-schema.ts';
import { loadConfig } from './config.ts';
import { cacheKey, ResultCache } from './result-cache.ts';

const limits = loadConfig({}).limits;
const parts = {
  files: { 'go.mod': 'a', 'main.go': 'b' },
  action: 'run',
  limits,
  backend: 'bubblewrap',
  toolchains: { go: 'go1.26' },
  target: null,
};

test('the key ignores file order but not content, action, limits, toolchains or target', () => {
  const k = cacheKey(parts);
  assert.equal(cacheKey({ ...parts, files: { 'main.go': 'b', 'go.mod': 'a' } }), k);
  assert.notEqual(cacheKey({ ...parts, files: { 'go.mod': 'a', 'main.go': 'c' } }), k);
  assert.notEqual(cacheKey({ ...parts, action: 'test' }), k);
  assert.notEqual(cacheKey({ ...parts, limits: { ...limits, outputBytes: 1 } }), k);
  assert.notEqual(cacheKey({ ...parts, toolchains: { go: 'go1.27' } }), k);
  assert.notEqual(
    cacheKey({ ...parts, action: 'wasm', target: 'wasm32-unknown-unknown' }),
    cacheKey({ ...parts, action: 'wasm', target: 'wasm32-wasip1' }),
  );
});

test('keeps the most recently used entries', () => {
  const c = new ResultCache(2);
  const r = (n: number) => ({ totalMs: n }) as unknown as RunResult;
  c.set('a', r(1));
  c.set('b', r(2));
  c.get('a');
  c.set('c', r(3));
  assert.equal(c.get('b'), undefined);
  assert.equal(c.get('a')?.totalMs, 1);
  assert.equal(c.size, 2);
});
