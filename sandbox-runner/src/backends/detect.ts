/**
 * Picks the sandbox backend: the configured one, or the first that works
 * (container, then bubblewrap). A backend counts as working only after a
 * real probe step ran inside it. When none works, the runner stays up but
 * refuses jobs with a message that says what to install.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RunnerConfig } from '../config.ts';
import type { Logger } from '../logger.ts';
import { prepareBubblewrapHost } from '../prepare-sandbox.ts';
import { BubblewrapBackend } from './bubblewrap.ts';
import { cgroupV1Problem } from './cgroup-v1.ts';
import { ContainerBackend, type ContainerEngine, engineCli } from './container.ts';
import type { SandboxBackend } from './types.ts';

const exec = promisify(execFile);

export type Detection = { backend: SandboxBackend; problems: string[] } | { backend: null; problems: string[] };

/** What to tell someone whose machine has no usable sandbox. */
export const INSTALL_HINT =
  'To run code, install a sandbox: either podman + runc (apt-get install podman runc) and build the sandbox image ' +
  '(bash docker/build-images.sh), or bubblewrap (apt-get install bubblewrap) on a cgroup v1 host, with the runner running as root.';

async function onPath(cmd: string): Promise<string | null> {
  if (cmd.includes('/')) return existsSync(cmd) ? cmd : null;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = path.join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

/** Parses the `key=value` lines printed by `hl-step versions`. */
export function parseVersions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

/** Runs `hl-step versions` in a real sandbox of `backend`; returns the versions or throws. */
export async function probeBackend(backend: SandboxBackend, config: RunnerConfig): Promise<Record<string, string>> {
  const job = await backend.openJob(0, 64 * 1024 * 1024, 64 * 1024 * 1024);
  try {
    const outcome = await job.runStep({
      command: 'versions',
      limits: { ...config.limits.build, wallMs: 60_000 },
      outputBytes: 65536,
    });
    if (outcome.exitCode !== 0) {
      throw new Error(
        `probe step failed (exit ${outcome.exitCode}, ${outcome.signal ?? 'no signal'}): ${outcome.stderr.trim().slice(0, 2000)}`,
      );
    }
    const versions = parseVersions(outcome.stdout);
    if (!versions.go || !versions.rustc) throw new Error(`probe step printed no toolchain versions: ${outcome.stdout.slice(0, 500)}`);
    return versions;
  } finally {
    await job.dispose();
  }
}

async function tryContainer(config: RunnerConfig, log: Logger): Promise<SandboxBackend> {
  const candidates = config.containerEngine === 'auto' ? ['podman', 'docker'] : [config.containerEngine];
  let cli: string | null = null;
  const reasons: string[] = [];
  for (const c of candidates) {
    const found = await onPath(c);
    if (!found) {
      reasons.push(`${c} not found`);
      continue;
    }
    try {
      await exec(found, ['info'], { timeout: 20_000, maxBuffer: 4 * 1024 * 1024 });
      cli = found;
      break;
    } catch (err) {
      reasons.push(`${c} is installed but its engine does not answer (${(err as Error).message.split('\n')[0]})`);
    }
  }
  if (!cli) throw new Error(reasons.join('; '));
  const isPodman = path.basename(cli).startsWith('podman');
  let runtime = '';
  if (config.containerRuntime === 'auto') runtime = isPodman && existsSync('/usr/sbin/runc') ? '/usr/sbin/runc' : '';
  else if (config.containerRuntime !== 'none') runtime = config.containerRuntime;
  const engine: ContainerEngine = { cli, isPodman, runtime, image: config.sandboxImage };
  try {
    await engineCli(engine, ['image', 'inspect', '--format', '{{.Id}}', config.sandboxImage]);
  } catch {
    throw new Error(`the sandbox image ${config.sandboxImage} does not exist; build it with: bash docker/build-images.sh`);
  }
  const cgroupProblem = cgroupV1Problem();
  if (cgroupProblem) log.warn("container backend without the runner's own cgroup counters", { why: cgroupProblem });
  const probe = new ContainerBackend(engine, path.join(config.stateDir, 'jobs'), config.sandboxUidBase, cgroupProblem === null, {});
  const versions = await probeBackend(probe, config);
  const imageId = (await engineCli(engine, ['image', 'inspect', '--format', '{{.Id}}', config.sandboxImage])).trim();
  return new ContainerBackend(engine, path.join(config.stateDir, 'jobs'), config.sandboxUidBase, cgroupProblem === null, {
    ...versions,
    image: imageId.slice(0, 19),
  });
}

async function tryBubblewrap(config: RunnerConfig, log: Logger): Promise<SandboxBackend> {
  for (const tool of ['bwrap', 'prlimit', 'setpriv', 'mount']) {
    if (!(await onPath(tool))) throw new Error(`${tool} not found${tool === 'bwrap' ? ' (apt-get install bubblewrap)' : ''}`);
  }
  const problem = cgroupV1Problem();
  if (problem) throw new Error(problem);
  const prepared = await prepareBubblewrapHost(config, log);
  const probe = new BubblewrapBackend(prepared.layout, config.sandboxUidBase, {});
  const versions = await probeBackend(probe, config);
  return new BubblewrapBackend(prepared.layout, config.sandboxUidBase, { ...versions, warm: prepared.stamp });
}

/** Finds a working backend for `config`, or explains why there is none. */
export async function detectBackend(config: RunnerConfig, log: Logger): Promise<Detection> {
  const order: Array<'container' | 'bubblewrap'> = config.backend === 'auto' ? ['container', 'bubblewrap'] : [config.backend];
  const problems: string[] = [];
  for (const name of order) {
    try {
      const backend = name === 'container' ? await tryContainer(config, log) : await tryBubblewrap(config, log);
      log.info('sandbox backend ready', { backend: backend.name, description: backend.description, toolchains: backend.toolchains });
      return { backend, problems };
    } catch (err) {
      const why = (err as Error).message;
      problems.push(`${name}: ${why}`);
      log.warn('sandbox backend unavailable', { backend: name, why });
    }
  }
  return { backend: null, problems };
}
