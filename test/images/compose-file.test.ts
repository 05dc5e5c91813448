/** The compose.yaml reader of the images test: what it reads, and that it refuses what it cannot translate. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeService, parseYaml, runPlan } from './compose-file.ts';

const sample = `# a comment
services:
  runner:
    image: localhost/x:latest   # trailing comment
    privileged: true
    ulimits:
      nofile: { soft: 1024, hard: 2048 }
      nproc: 4096
    environment:
      A: "a,b:c # not a comment"
    ports:
      - "127.0.0.1:8787:8787"
    tmpfs:
    - /var/lib/x
    healthcheck:
      test: ["CMD", "node", "-e", "f('a, b').then(r => 1)"]
      interval: 10s
      retries: 3
`;

describe('images: compose.yaml reader', () => {
  test("turns a service into podman run options, the port moved to the caller's", () => {
    const plan = runPlan(composeService(parseYaml(sample), 'runner'), () => 40123);
    assert.equal(plan.image, 'localhost/x:latest');
    assert.deepEqual(plan.options, [
      '--privileged',
      '--ulimit',
      'nofile=1024:2048',
      '--ulimit',
      'nproc=4096:4096',
      '--env',
      'A=a,b:c # not a comment',
      '--publish',
      '127.0.0.1:40123:8787',
      '--tmpfs',
      '/var/lib/x',
      '--health-cmd',
      JSON.stringify(['node', '-e', "f('a, b').then(r => 1)"]),
      '--health-interval',
      '10s',
      '--health-retries',
      '3',
    ]);
    assert.deepEqual(plan.ports, [{ hostIp: '127.0.0.1', hostPort: 8787, containerPort: 8787 }]);
    assert.deepEqual(plan.healthcheck, ['node', '-e', "f('a, b').then(r => 1)"]);
  });

  test('refuses a service key it does not translate', () => {
    const doc = parseYaml(`${sample}    volumes:\n      - /data:/data\n`);
    assert.throws(
      () => runPlan(composeService(doc, 'runner'), () => 1),
      /uses "volumes", which test\/images\/compose-file.ts does not translate/,
    );
  });

  test('refuses YAML beyond its subset instead of misreading it', () => {
    assert.throws(() => parseYaml('a: &x 1\nb: *x\n'), /anchors, aliases/);
    assert.throws(() => parseYaml('a: |\n  text\n'), /block scalars/);
    assert.throws(() => parseYaml('a:\n  - b: 1\n'), /mappings inside sequences/);
    assert.throws(() => parseYaml('a: [1, 2\n'), /must end on its line/);
  });

  test('names the services when one is missing', () => {
    assert.throws(() => composeService(parseYaml(sample), 'site'), /no service "site" \(services: runner\)/);
  });
});
