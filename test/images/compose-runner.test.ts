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
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { composeService, parseYaml, type RunPlan, runPlan } from './compose-file.ts';

const repo = path.resolve(import.meta.dirname, '..', '..');
const composeFile = path.join(repo, 'docker', 'compose.yaml');
const containerName = `hybrid-lab-images-test-${process.pid}`;
/** A cold build makes the base (debootstrap, minutes) and the sandbox image (about 2 minutes) first. */
const BUILD_TIMEOUT_MS = 30 * 60_000;
const HEALTHY_WITHIN_MS = 90_000;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop; `show` streams its output to ours. */
function exec(cmd: string, args: string[], opts: { show?: boolean; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], timeout: opts.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (opts.show) process.stderr.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      if (opts.show) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

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

  const logs = async (): Promise<string> => {
    const r = await exec('podman', ['logs', '--tail', '40', containerName]).catch(() => null);
    return r ? `${r.stdout}${r.stderr}`.trim() : '(no logs)';
  };

  before(async () => {
    const version = await exec('podman', ['--version']).catch((err: Error) => ({ status: null, stdout: '', stderr: err.message }));
    if (version.status !== 0) {
      throw new Error(
        `podman is not usable (${version.stderr.trim() || `exit ${version.status}`}): this test starts the compose deployment's runner image with it. ` +
          'Fix: apt-get install -y podman runc',
      );
    }

    // The same service definition as compose's, its port moved to a free one; refuses options it cannot translate.
    port = await freePort();
    plan = runPlan(composeService(parseYaml(readFileSync(composeFile, 'utf8')), 'runner'), () => port);
    assert.equal(plan.ports.length, 1, 'the runner service publishes one port');
    containerPort = plan.ports[0]!.containerPort;

    const buildStarted = performance.now();
    const build = await exec('bash', ['docker/build-images.sh', 'runner'], { show: true, timeoutMs: BUILD_TIMEOUT_MS });
    if (build.status !== 0)
      throw new Error(`bash docker/build-images.sh runner exited with ${build.status}:\n${build.stderr.slice(-3000)}`);
    process.stderr.write(`[images test] runner image built or reused in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s\n`);

    // podman's default runtime (crun) fails on cgroup v1 hosts; the README's commands pass runc the same way.
    const runtime = existsSync('/usr/sbin/runc') ? ['--runtime', '/usr/sbin/runc'] : [];
    const run = await exec('podman', ['run', '-d', '--name', containerName, ...runtime, ...plan.options, plan.image]);
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
        throw new Error(`the runner container is ${state.stdout.trim() || 'gone'} instead of running; its last output:\n${await logs()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(
          `GET ${url} gave no healthy answer within ${HEALTHY_WITHIN_MS / 1000} s (last: ${last}); the container's output:\n${await logs()}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  after(async () => {
    if (!started) return;
    const rm = await exec('podman', ['rm', '--force', '--time', '5', containerName]);
    if (rm.status !== 0) process.stderr.write(`[images test] could not remove container ${containerName}: ${rm.stderr}\n`);
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
