/**
 * The compose deployment's runner, as a user starts it: builds the runner
 * image with docker/build-images.sh (seconds when its inputs hash is
 * unchanged), starts it with the options docker/compose.yaml gives the
 * runner service (read from the file, see compose-file.ts), waits for
 * GET /healthz and checks what a user would: status ok, the bubblewrap
 * backend, toolchain versions, a Node in the image new enough for the
 * runner's TypeScript sources, compose's healthcheck, loopback-only port,
 * CORS for the site. Then it removes the one container it started.
 *
 * Needs podman (with runc on cgroup v1 hosts); without it the test fails and
 * says what to install. Its container and port are its own (a free port on
 * 127.0.0.1), so it runs beside a compose deployment or a dev runner.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composeService, parseYaml, type RunPlan, runPlan } from './compose-file.ts';
import { buildImages, containerLogs, exec, removeContainer, repo, requirePodman, runtimeFlags } from './podman.ts';

const composeFile = path.join(repo, 'docker', 'compose.yaml');
const containerName = `hybrid-lab-images-test-${process.pid}`;
const HEALTHY_WITHIN_MS = 90_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('could not get a free port');
  return address.port;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The Node the runner declares it needs (sandbox-runner/package.json engines, e.g. ">=22.12.0"). */
function runnerNodeMinimum(): string {
  const pkg = JSON.parse(readFileSync(path.join(repo, 'sandbox-runner', 'package.json'), 'utf8')) as { engines?: { node?: string } };
  const m = /^>=\s*(\d+\.\d+\.\d+)$/.exec(pkg.engines?.node ?? '');
  if (!m?.[1])
    throw new Error(`sandbox-runner/package.json engines.node is ${JSON.stringify(pkg.engines?.node)}, not ">=x.y.z" as this test expects`);
  return m[1];
}

interface Health {
  status: string;
  backend: string | null;
  detail: string;
  toolchains: Record<string, string>;
}

describe('images: the compose deployment runner answers /healthz', () => {
  let plan: RunPlan;
  let port = 0;
  let containerPort = 0;
  let started = false;
  let health: Health;
  let healthStatus = 0;

  before(async () => {
    await requirePodman();

    // The same service definition as compose's, its port moved to a free one; refuses options it cannot translate.
    port = await freePort();
    plan = runPlan(composeService(parseYaml(readFileSync(composeFile, 'utf8')), 'runner'), () => port);
    assert.equal(plan.ports.length, 1, 'the runner service publishes one port');
    containerPort = plan.ports[0]!.containerPort;

    await buildImages('runner');

    const run = await exec('podman', ['run', '-d', '--name', containerName, ...runtimeFlags, ...plan.options, plan.image]);
    if (run.status !== 0) throw new Error(`podman run failed (exit ${run.status}): ${run.stderr.trim()}`);
    started = true;

    const url = `http://127.0.0.1:${port}/healthz`;
    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    let last = 'no answer yet';
    for (;;) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
        const body = (await res.json()) as Health;
        last = `${res.status} ${JSON.stringify(body)}`;
        if (res.status === 200 || (body.status === 'unavailable' && !/^preparing/.test(body.detail))) {
          health = body;
          healthStatus = res.status;
          break;
        }
      } catch (err) {
        last = (err as Error).message;
      }
      const state = await exec('podman', ['inspect', '--format', '{{.State.Status}}', containerName]);
      if (state.stdout.trim() !== 'running') {
        throw new Error(
          `the runner container is ${state.stdout.trim() || 'gone'} instead of running; its last output:\n${await containerLogs(containerName)}`,
        );
      }
      if (Date.now() > deadline) {
        throw new Error(
          `GET ${url} gave no healthy answer within ${HEALTHY_WITHIN_MS / 1000} s (last: ${last}); the container's output:\n${await containerLogs(containerName)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  after(async () => {
    if (started) await removeContainer(containerName);
  });

  test('GET /healthz answers 200 with status ok and the bubblewrap backend', () => {
    assert.equal(healthStatus, 200, `health: ${JSON.stringify(health)}`);
    assert.equal(health.status, 'ok');
    assert.equal(health.backend, 'bubblewrap', 'the runner image runs jobs with bubblewrap inside its container');
    assert.match(health.detail, /bubblewrap/);
  });

  test('the health answer names the toolchains jobs build with', () => {
    const t = health.toolchains;
    assert.match(t.go ?? '', /^go\d+\.\d+/, `go: ${JSON.stringify(t)}`);
    assert.match(t.rustc ?? '', /^rustc \d+\.\d+\.\d+/, `rustc: ${JSON.stringify(t)}`);
    assert.match(t.cargo ?? '', /^cargo \d+\.\d+\.\d+/, `cargo: ${JSON.stringify(t)}`);
    assert.match(t.cc ?? '', /^\d+\.\d+/, `cc: ${JSON.stringify(t)}`);
  });

  test("the image's Node is one the runner runs on", async () => {
    const r = await exec('podman', ['exec', containerName, 'node', '--version']);
    assert.equal(r.status, 0, r.stderr);
    const version = r.stdout.trim().replace(/^v/, '');
    const minimum = runnerNodeMinimum();
    assert.ok(
      compareVersions(version, minimum) >= 0,
      `the runner image has Node ${version}; the runner needs >= ${minimum} (docker/build-images.sh copies the Node scripts/find-node.sh finds)`,
    );
  });

  test("compose's healthcheck reports healthy", async () => {
    assert.ok(plan.healthcheck, 'compose.yaml gives the runner a healthcheck');
    const r = await exec('podman', ['healthcheck', 'run', containerName]);
    assert.equal(r.status, 0, `podman healthcheck run: exit ${r.status}: ${r.stdout}${r.stderr}`);
  });

  test('the port is published on the loopback only', async () => {
    for (const p of plan.ports) assert.equal(p.hostIp, '127.0.0.1', `compose.yaml publishes ${p.hostPort} on ${p.hostIp}`);
    const r = await exec('podman', ['port', containerName, `${containerPort}/tcp`]);
    assert.equal(r.stdout.trim(), `127.0.0.1:${port}`);
  });

  test("the site's origin may call the runner (CORS from compose's environment)", async () => {
    const origins = (plan.environment.RUNNER_CORS_ORIGINS ?? '').split(',').filter(Boolean);
    assert.ok(origins.includes('http://localhost:4321'), `RUNNER_CORS_ORIGINS in compose.yaml: ${JSON.stringify(origins)}`);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { origin: 'http://localhost:4321' } });
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:4321');
    await res.body?.cancel();
  });
});
