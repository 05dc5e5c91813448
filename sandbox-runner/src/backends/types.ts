/**
 * The interface every sandbox backend implements, and the layout that all
 * of them present to the code inside (see sandbox/hl-step.sh).
 */
import type { StepResult } from '../api-types.ts';
import type { StepLimits } from '../config.ts';
import type { JobPlanStep } from '../job-request.ts';

export type BackendName = 'bubblewrap' | 'container';

/** One step to run: an hl-step command under the step's limits. */
export interface StepRequest {
  command: JobPlanStep['command'] | 'versions' | 'noop' | 'wasm-std';
  /** Arguments after the command (test names, the per-test time limit); plain words, never shell text. */
  args?: string[];
  limits: StepLimits;
  /** Bytes kept per stream; the step is stopped when a stream goes past it. */
  outputBytes: number;
  /** Hears output as it comes (already cut at the limit). */
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Aborting stops the step at once (client gone, runner shutting down). */
  signal?: AbortSignal;
  /** See LaunchOptions.renderReport (step-process.ts). */
  renderReport?: (line: string) => string | null;
}

/** What happened to one step, as measured by the host: a StepResult before the runner names it and places its diagnostics. */
export interface StepOutcome extends Omit<StepResult, 'name' | 'diagnostics'> {
  /** Lines of the step's report channel (fd 3; see sandbox/hl-step.sh), which the sandboxed code cannot print to. */
  reports: string[];
  /** True when the step sent more reports than the runner keeps (it was stopped). */
  reportsOverflow: boolean;
}

/** A file a step left in the work dir, for the runner to return (see JobSandbox.readOutputs). */
export interface OutputFile {
  name: string;
  size: number;
  /** The bytes, or null when the file is bigger than the limit it was read with (then it was not read). */
  data: Buffer | null;
}

/** A job's sandbox: its work dir and cgroup, alive from openJob to dispose. */
export interface JobSandbox {
  /** Writes the job's files into the work dir (before any step runs). */
  writeFiles(files: Record<string, string>): Promise<void>;
  /**
   * The regular files named *`suffix` directly in the work dir's `relDir`, sorted by name; called
   * between steps, when nothing of the sandbox runs. Links are never followed (the sandboxed code
   * could have made any of these paths a link to a host file); a missing folder gives [].
   */
  readOutputs(relDir: string, suffix: string, maxBytes: number): Promise<OutputFile[]>;
  runStep(step: StepRequest): Promise<StepOutcome>;
  /** Kills whatever is left, unmounts and removes everything of the job. */
  dispose(): Promise<void>;
}

export interface SandboxBackend {
  readonly name: BackendName;
  /** Versions of the toolchains inside the sandbox (part of the cache key). */
  readonly toolchains: Record<string, string>;
  /** A human sentence: which sandbox, with what. */
  readonly description: string;
  openJob(slot: number, diskBytes: number, tmpBytes: number): Promise<JobSandbox>;
}

/** Paths inside every sandbox. */
export const SANDBOX_PATHS = {
  work: '/work',
  tmp: '/tmp',
  goRoot: '/opt/go',
  rustSysroot: '/opt/rust',
  cargoHome: '/opt/cargo-home',
  warmTarget: '/opt/hybrid/warm/target',
  warmGoCache: '/opt/hybrid/warm/go-build',
  /** The wasm32 std prepared once for Debian's rustc-web (hl-step's wasm-std); empty on the rustup route. */
  wasmSysroot: '/opt/hybrid/wasm-sysroot',
  hlStep: '/opt/hybrid/bin/hl-step',
} as const;

/** The uid and gid the sandboxed code has inside the sandbox. */
export const SANDBOX_INNER_UID = 1000;

/** The environment of every step: toolchains offline, caches in /tmp, no telemetry. */
export function sandboxEnv(): Record<string, string> {
  return {
    PATH: `${SANDBOX_PATHS.rustSysroot}/bin:${SANDBOX_PATHS.goRoot}/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
    HOME: '/tmp/home',
    USER: 'sandbox',
    LANG: 'C.UTF-8',
    TMPDIR: '/tmp',
    GOCACHE: '/tmp/go-build',
    GOPATH: '/tmp/gopath',
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    GOFLAGS: '-buildvcs=false',
    CGO_ENABLED: '1',
    CARGO_HOME: SANDBOX_PATHS.cargoHome,
    CARGO_NET_OFFLINE: 'true',
    CARGO_TERM_COLOR: 'never',
    CARGO_INCREMENTAL: '0',
    RUST_BACKTRACE: '0',
  };
}
