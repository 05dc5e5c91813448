/**
 * What the image tests share: running podman and docker/build-images.sh
 * without blocking the event loop, and the checks and flags every one of
 * them needs before it starts a container.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const repo = path.resolve(import.meta.dirname, '..', '..');

/** A cold build makes the base (debootstrap, minutes) and the sandbox image (about 2 minutes) first. */
const BUILD_TIMEOUT_MS = 30 * 60_000;

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the repository; `input` goes to its stdin, `show` streams its output to ours. */
export function exec(cmd: string, args: string[], opts: { input?: string; show?: boolean; timeoutMs?: number } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: repo,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d;
      if (opts.show) process.stderr.write(d);
    });
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d;
      if (opts.show) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** podman's default runtime (crun) fails on cgroup v1 hosts; the README's commands pass runc the same way. */
export const runtimeFlags: string[] = existsSync('/usr/sbin/runc') ? ['--runtime', '/usr/sbin/runc'] : [];

/** Throws saying what to install when podman cannot be run. */
export async function requirePodman(): Promise<void> {
  const version = await exec('podman', ['--version']).catch((err: Error) => ({ status: null, stdout: '', stderr: err.message }));
  if (version.status !== 0) {
    throw new Error(
      `podman is not usable (${version.stderr.trim() || `exit ${version.status}`}): the image tests start the compose deployment's images with it. ` +
        'Fix: apt-get install -y podman runc',
    );
  }
}

/** Builds the images with docker/build-images.sh (seconds when their inputs hash is unchanged). */
export async function buildImages(what: 'runner' | 'all'): Promise<void> {
  const started = performance.now();
  const build = await exec('bash', ['docker/build-images.sh', what], { show: true, timeoutMs: BUILD_TIMEOUT_MS });
  if (build.status !== 0) throw new Error(`bash docker/build-images.sh ${what} exited with ${build.status}:\n${build.stderr.slice(-3000)}`);
  process.stderr.write(`[images test] images (${what}) built or reused in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

/** The last lines a container printed, for failure messages. */
export async function containerLogs(name: string): Promise<string> {
  const r = await exec('podman', ['logs', '--tail', '40', name]).catch(() => null);
  return r ? `${r.stdout}${r.stderr}`.trim() || '(no output)' : '(no logs)';
}

/** Removes a container the test started; a failure is reported, not thrown, so the other cleanups still run. */
export async function removeContainer(name: string): Promise<void> {
  const rm = await exec('podman', ['rm', '--force', '--time', '5', name]);
  if (rm.status !== 0) process.stderr.write(`[images test] could not remove container ${name}: ${rm.stderr}\n`);
}
