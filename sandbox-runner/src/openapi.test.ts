import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { openApiText } from './openapi.ts';

test('openapi.json is up to date with the schemas (run: npm run openapi)', () => {
  assert.equal(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8'), openApiText());
});
