/**
 * The bubblewrap backend: each step runs in fresh namespaces (user, pid,
 * net, ipc, uts, mount, cgroup) as the job slot's unprivileged uid, inside
 * a cgroup v1 group with memory and pids limits, under rlimits, with the
 * toolchains read-only and only the job's work dir writable.
 *
 * Every flag is in bubblewrapCommand(): the security posture fits on one screen.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { StepLimits } from '../config.ts';
import { JobCgroup } from './cgroup-v1.ts';
import { JobWorkspace } from './job-workspace.ts';
import { describeOutcome, launchStep, stepArgs } from './step-process.ts';
import {
  type JobSandbox,
  SANDBOX_INNER_UID,
  SANDBOX_PATHS,
  type SandboxBackend,
  type StepOutcome,
  type StepRequest,
  sandboxEnv,
} from './types.ts';

/** Host folders the sandbox is made of (see prepare-sandbox.ts). */
export interface BubblewrapHostLayout {
  bwrap: string;
  goRoot: string;
  rustSysroot: string;
  cargoHome: string;
  warmTarget: string;
  warmGoCache: string;
  /** wasm32 std for Debian's rustc-web, prepared once (an empty folder on the rustup route). */
  wasmSysroot: string;
  hlStep: string;
  passwdFile: string;
  groupFile: string;
  jobsDir: string;
}

export interface BubblewrapStep {
  command: string;
  args?: string[];
  limits: StepLimits;
  uid: number;
  workDir: string;
  tmpBytes: number;
  cgroupProcs: string[];
  /** Extra read-write binds (host, sandbox); used only to build the warm caches. */
  writableBinds?: Array<[string, string]>;
}

/** The complete host command of one bubblewrap step: cgroup join, rlimits, uid drop, namespaces, mounts. */
export function bubblewrapCommand(host: BubblewrapHostLayout, step: BubblewrapStep): string[] {
  const l = step.limits;
  const env = Object.entries(sandboxEnv()).flatMap(([k, v]) => ['--setenv', k, v]);
  const p = SANDBOX_PATHS;
  const writable = new Map(step.writableBinds ?? []);
  const warmTarget = writable.has(host.warmTarget) ? [] : ['--ro-bind', host.warmTarget, p.warmTarget];
  const warmGoCache = writable.has(host.warmGoCache) ? [] : ['--ro-bind', host.warmGoCache, p.warmGoCache];
  const wasmSysroot = writable.has(host.wasmSysroot) ? [] : ['--ro-bind', host.wasmSysroot, p.wasmSysroot];
  return [
    // 1. Join the step's cgroups (memory, pids, cpuacct, freezer) before anything else starts.
    '/bin/sh',
    '-c',
    'for f; do shift; [ "$f" = -- ] && break; echo $$ > "$f"; done; exec "$@"',
    'hl-join',
    ...step.cgroupProcs,
    '--',
    // 2. Per-process limits: CPU seconds (SIGXCPU, then SIGKILL), file size, open files, processes of this uid (a backstop above the cgroup's pids limit), no core dumps.
    '/usr/bin/prlimit',
    `--cpu=${l.cpuSeconds}:${l.cpuSeconds + 1}`,
    `--fsize=${l.fileSizeBytes}`,
    `--nofile=${l.openFiles}`,
    `--nproc=${l.pids + 16}`,
    '--core=0',
    '--',
    // 3. Leave root for the slot's own unprivileged uid: no groups, no capabilities, no way back (no_new_privs).
    '/usr/bin/setpriv',
    `--reuid=${step.uid}`,
    `--regid=${step.uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--',
    // 4. New namespaces of every kind; network = a private loopback only; no nested user namespaces.
    host.bwrap,
    '--unshare-all',
    '--unshare-user',
    '--disable-userns',
    '--uid',
    String(SANDBOX_INNER_UID),
    '--gid',
    String(SANDBOX_INNER_UID),
    '--hostname',
    'sandbox',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...env,
    // 5. Read-only system files: /usr (compilers, libc headers for cgo) and the few /etc files they need.
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--symlink',
    'usr/sbin',
    '/sbin',
    '--ro-bind',
    '/etc/alternatives',
    '/etc/alternatives',
    '--ro-bind',
    '/etc/ld.so.cache',
    '/etc/ld.so.cache',
    '--ro-bind',
    host.passwdFile,
    '/etc/passwd',
    '--ro-bind',
    host.groupFile,
    '/etc/group',
    // 6. Read-only toolchains, prefetched crates, warm caches and the in-sandbox step script.
    '--ro-bind',
    host.goRoot,
    p.goRoot,
    '--ro-bind',
    host.rustSysroot,
    p.rustSysroot,
    '--ro-bind',
    host.cargoHome,
    p.cargoHome,
    ...warmTarget,
    ...warmGoCache,
    ...wasmSysroot,
    '--ro-bind',
    host.hlStep,
    p.hlStep,
    // 7. Private /proc and /dev, a size-capped /tmp, and the job's work dir (its own size-capped tmpfs) as the only other writable place.
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(step.tmpBytes),
    '--tmpfs',
    p.tmp,
    '--bind',
    step.workDir,
    p.work,
    ...[...writable].flatMap(([src, dst]) => ['--bind', src, dst]),
    // 8. Then the sandbox's own root (a tmpfs holding the mount points) turns read-only too.
    '--remount-ro',
    '/',
    '--chdir',
    p.work,
    '--',
    p.hlStep,
    step.command,
    ...stepArgs(step.args),
  ];
}

/** Runs one bubblewrap step in its own cgroup and returns what happened. */
export async function runBubblewrapStep(
  host: BubblewrapHostLayout,
  workspace: JobWorkspace,
  tmpBytes: number,
  req: StepRequest,
  kind: 'build' | 'run',
  writableBinds?: Array<[string, string]>,
): Promise<StepOutcome> {
  const cgroup = await JobCgroup.create(`${workspaceName(workspace)}-${req.command}-${randomBytes(3).toString('hex')}`);
  try {
    await cgroup.limit(req.limits.memoryBytes, req.limits.pids);
    const argv = bubblewrapCommand(host, {
      command: req.command,
      args: req.args,
      limits: req.limits,
      uid: workspace.uid,
      workDir: workspace.dir,
      tmpBytes,
      cgroupProcs: cgroup.procsFiles(),
      writableBinds,
    });
    const launch = await launchStep({
      argv,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
      cwd: path.dirname(workspace.dir),
      wallMs: req.limits.wallMs,
      outputBytes: req.outputBytes,
      onOutput: req.onOutput,
      signal: req.signal,
      renderReport: req.renderReport,
      stop: async () => {
        await cgroup.killAll();
      },
    });
    await cgroup.killAll();
    const usage = await cgroup.usage();
    const full = launch.exitCode !== 0 ? await workspace.isFull() : false;
    return describeOutcome(launch, usage, req.limits, req.outputBytes, full, kind);
  } finally {
    await cgroup.killAll().catch(() => {});
    await cgroup.remove().catch(() => {});
  }
}

function workspaceName(ws: JobWorkspace): string {
  return ws.dir.split('/').pop() ?? 'job';
}

export class BubblewrapBackend implements SandboxBackend {
  readonly name = 'bubblewrap' as const;
  readonly toolchains: Record<string, string>;
  readonly description: string;
  private readonly host: BubblewrapHostLayout;
  private readonly uidBase: number;
  private counter = 0;

  constructor(host: BubblewrapHostLayout, uidBase: number, toolchains: Record<string, string>) {
    this.host = host;
    this.uidBase = uidBase;
    this.toolchains = toolchains;
    this.description = `bubblewrap (${host.bwrap}) with cgroup v1 limits, one unprivileged uid per job slot from ${uidBase}`;
  }

  async openJob(slot: number, diskBytes: number, tmpBytes: number): Promise<JobSandbox> {
    const name = `job-${process.pid}-${++this.counter}-${randomBytes(3).toString('hex')}`;
    const workspace = await JobWorkspace.create(this.host.jobsDir, name, this.uidBase + slot, diskBytes);
    const host = this.host;
    return {
      writeFiles: (files) => workspace.writeFiles(files),
      readOutputs: (dir, suffix, maxBytes) => workspace.readOutputs(dir, suffix, maxBytes),
      runStep: (req) => runBubblewrapStep(host, workspace, tmpBytes, req, req.command.startsWith('run') ? 'run' : 'build'),
      dispose: () => workspace.dispose(),
    };
  }
}
