import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

test('defaults are safe: loopback, port 8787, the site origins', () => {
  const c = loadConfig({});
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.port, 8787);
  assert.deepEqual(c.corsOrigins, ['http://localhost:4321', 'http://127.0.0.1:4321']);
  assert.equal(c.limits.run.memoryBytes, 512 * 1024 * 1024);
  assert.ok(c.limits.diskBytes < c.limits.run.memoryBytes, 'a full disk is reported before the memory limit kills');
});

test('every problem is listed with the variable name', () => {
  assert.throws(
    () => loadConfig({ RUNNER_PORT: 'eighty', RUNNER_BACKEND: 'vm', RUNNER_PROT: '1' }),
    (err: unknown) =>
      err instanceof ConfigError &&
      /RUNNER_PORT="eighty"/.test(err.message) &&
      /RUNNER_BACKEND="vm"/.test(err.message) &&
      /RUNNER_PROT is not a setting of the runner \(typo\?\)/.test(err.message),
  );
  assert.throws(() => loadConfig({ RUNNER_CORS_ORIGINS: 'http://localhost:4321/path' }), /not an origin/);
});

test('the README table lists every variable', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const v of CONFIG_VARIABLES) assert.match(readme, new RegExp(`\\| \`${v.name}\` \\|`), `${v.name} missing from README.md`);
  const example = readFileSync(new URL('../runner.env.example', import.meta.url), 'utf8');
  for (const v of CONFIG_VARIABLES) assert.match(example, new RegExp(`^#? ?${v.name}=`, 'm'), `${v.name} missing from runner.env.example`);
});
