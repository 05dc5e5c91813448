/**
 * The container backend: each step of a job runs in a short-lived
 * container from the sandbox image (docker/sandbox.Dockerfile), through the
 * podman or docker CLI with the same flags, sharing the job's work dir. The
 * image holds the toolchains, the prefetched crates and the warm caches at
 * the same paths as the bubblewrap sandbox.
 *
 * Every flag is in containerRunArgs(): the security posture fits on one screen.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { StepLimits } from '../config.ts';
import { JobCgroup } from './cgroup-v1.ts';
import { JobWorkspace } from './job-workspace.ts';
import { describeOutcome, launchStep, stepArgs } from './step-process.ts';
import { type JobSandbox, SANDBOX_PATHS, type SandboxBackend, type StepRequest, sandboxEnv } from './types.ts';

const exec = promisify(execFile);

export interface ContainerEngine {
  /** podman or docker CLI (path or name). */
  cli: string;
  /** podman adds its own tmpfs mounts to a read-only container unless told not to; docker has no such flag. */
  isPodman: boolean;
  /** OCI runtime for podman's --runtime, or '' for the engine's default. */
  runtime: string;
  image: string;
}

export interface ContainerStep {
  name: string;
  command: string;
  args?: string[];
  limits: StepLimits;
  uid: number;
  workDir: string;
  tmpBytes: number;
  /** Host cgroup (relative path) that holds the container: the runner's own limits and counters. */
  cgroupParent: string | null;
}

/**
 * The complete `run` arguments of one step. The runner's cgroup parent
 * carries the exact limits and counters; the engine's own --memory and
 * --pids-limit sit a little above them as a second fence.
 */
export function containerRunArgs(engine: ContainerEngine, step: ContainerStep): string[] {
  const l = step.limits;
  const env = Object.entries(sandboxEnv()).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
  const fence = 32 * 1024 * 1024;
  return [
    'run',
    '--rm',
    '--pull=never',
    '--name',
    step.name,
    '--hostname',
    'sandbox',
    ...(engine.runtime ? ['--runtime', engine.runtime] : []),
    // No network at all: not even the host's loopback.
    '--network=none',
    // An unprivileged uid of the job slot, no capabilities, no privilege gain, read-only root filesystem.
    '--user',
    `${step.uid}:${step.uid}`,
    '--cap-drop=ALL',
    '--security-opt',
    'no-new-privileges',
    '--read-only',
    ...(engine.isPodman ? ['--read-only-tmpfs=false'] : []),
    // Memory (no swap), processes, per-process rlimits (explicit nofile and nproc: raising the engine's default is not permitted).
    '--memory',
    String(l.memoryBytes + fence),
    '--memory-swap',
    String(l.memoryBytes + fence),
    '--pids-limit',
    String(l.pids + 16),
    ...(step.cgroupParent ? ['--cgroup-parent', `/${step.cgroupParent}`] : []),
    '--ulimit',
    `nofile=${l.openFiles}:${l.openFiles}`,
    '--ulimit',
    `nproc=${l.pids + 16}:${l.pids + 16}`,
    '--ulimit',
    `cpu=${l.cpuSeconds}:${l.cpuSeconds + 1}`,
    '--ulimit',
    `fsize=${l.fileSizeBytes}:${l.fileSizeBytes}`,
    '--ulimit',
    'core=0:0',
    // Writable places: a size-capped /tmp and the job's work dir (its own size-capped tmpfs on the host).
    '--tmpfs',
    `${SANDBOX_PATHS.tmp}:rw,nosuid,nodev,exec,size=${step.tmpBytes},mode=1777`,
    '--mount',
    `type=bind,source=${step.workDir},target=${SANDBOX_PATHS.work}`,
    '--workdir',
    SANDBOX_PATHS.work,
    '--log-driver',
    'none',
    ...env,
    // The report channel (fd 3) reaches hl-step; docker has no such flag, so there reports go nowhere.
    ...(engine.isPodman ? ['--preserve-fds', '1'] : []),
    engine.image,
    SANDBOX_PATHS.hlStep,
    step.command,
    ...stepArgs(step.args),
  ];
}

/** Runs `args` with the engine CLI and returns stdout (throws with stderr on failure). */
export async function engineCli(engine: ContainerEngine, args: string[], timeoutMs = 60_000): Promise<string> {
  const { stdout } = await exec(engine.cli, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

export class ContainerBackend implements SandboxBackend {
  readonly name = 'container' as const;
  readonly toolchains: Record<string, string>;
  readonly description: string;
  private readonly engine: ContainerEngine;
  private readonly jobsDir: string;
  private readonly uidBase: number;
  private readonly useCgroups: boolean;
  private counter = 0;

  constructor(engine: ContainerEngine, jobsDir: string, uidBase: number, useCgroups: boolean, toolchains: Record<string, string>) {
    this.engine = engine;
    this.jobsDir = jobsDir;
    this.uidBase = uidBase;
    this.useCgroups = useCgroups;
    this.toolchains = toolchains;
    this.description = `container (${engine.cli}${engine.runtime ? ` --runtime ${engine.runtime}` : ''}, image ${engine.image})`;
  }

  async openJob(slot: number, diskBytes: number, tmpBytes: number): Promise<JobSandbox> {
    const name = `job-${process.pid}-${++this.counter}-${randomBytes(3).toString('hex')}`;
    const workspace = await JobWorkspace.create(this.jobsDir, name, this.uidBase + slot, diskBytes);
    return {
      writeFiles: (files) => workspace.writeFiles(files),
      readOutputs: (dir, suffix, maxBytes) => workspace.readOutputs(dir, suffix, maxBytes),
      runStep: (req) => this.runStep(workspace, name, tmpBytes, req),
      dispose: () => workspace.dispose(),
    };
  }

  private async runStep(workspace: JobWorkspace, jobName: string, tmpBytes: number, req: StepRequest) {
    const kind = req.command.startsWith('run') ? 'run' : 'build';
    const containerName = `hybrid-lab-${jobName}-${req.command}`;
    const cgroup = this.useCgroups ? await JobCgroup.create(`${jobName}-${req.command}`) : null;
    let clean = false;
    try {
      if (cgroup) await cgroup.limit(req.limits.memoryBytes, req.limits.pids + 8);
      const argv = [
        this.engine.cli,
        ...containerRunArgs(this.engine, {
          name: containerName,
          command: req.command,
          args: req.args,
          limits: req.limits,
          uid: workspace.uid,
          workDir: workspace.dir,
          tmpBytes,
          cgroupParent: cgroup?.relative ?? null,
        }),
      ];
      const launch = await launchStep({
        argv,
        env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', HOME: process.env.HOME ?? '/root' },
        cwd: this.jobsDir,
        wallMs: req.limits.wallMs,
        outputBytes: req.outputBytes,
        onOutput: req.onOutput,
        signal: req.signal,
        renderReport: req.renderReport,
        stop: async () => {
          await engineCli(this.engine, ['rm', '-f', '-t', '0', containerName]).catch(() => '');
          await cgroup?.killAll();
        },
      });
      const usage = cgroup ? await cgroup.usage() : null;
      const full = launch.exitCode !== 0 ? await workspace.isFull() : false;
      const outcome = describeOutcome(launch, usage, req.limits, req.outputBytes, full, kind);
      if (launch.exitCode === 125 || launch.exitCode === 126 || launch.exitCode === 127) {
        if (/Error: |docker: /.test(launch.stderr) && !/hl-step/.test(launch.stderr)) {
          throw new Error(`the container engine could not start the step: ${launch.stderr.trim()}`);
        }
      }
      clean = !launch.timedOut && !launch.outputLimited && !launch.aborted;
      return outcome;
    } finally {
      // `run --rm` removes a container that ended by itself; anything else is removed here.
      if (!clean) await engineCli(this.engine, ['rm', '-f', '-t', '0', containerName]).catch(() => '');
      if (cgroup) {
        await cgroup.killAll().catch(() => {});
        await cgroup.remove().catch(() => {});
      }
    }
  }
}
