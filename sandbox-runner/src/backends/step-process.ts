/**
 * Host side of one sandboxed step: spawns the sandbox launcher, collects
 * stdout and stderr up to the output limit, enforces the wall time, and
 * turns what was measured into a StepOutcome with a reason and a message
 * a learner can act on. Shared by every backend.
 */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import type { KillReason } from '../api-schema.ts';
import type { StepLimits } from '../config.ts';
import type { CgroupUsage } from './cgroup-v1.ts';
import type { StepOutcome } from './types.ts';

export const TRUNCATION_MARKER = '\n[... output cut: the step wrote more than the limit of %d bytes to this stream ...]\n';

export interface LaunchOptions {
  argv: string[];
  env: Record<string, string>;
  /**
   * Working directory of the launcher: a runner-owned dir, never the runner's
   * own cwd (podman 4.3's conmon drops a file named `oom` in its cwd when a
   * container is OOM-killed, which landed in the user's checkout).
   */
  cwd: string;
  wallMs: number;
  outputBytes: number;
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  signal?: AbortSignal;
  /** Stops the whole sandbox of the step (cgroup sweep, container removal). */
  stop: () => Promise<void>;
  /**
   * Turns a line of the report channel (fd 3, see sandbox/hl-step.sh) into text for the
   * learner's stderr (cargo's rendered diagnostics), or null. Every line is kept in `reports`.
   */
  renderReport?: (line: string) => string | null;
}

/** Bytes of reports kept per step; a step that sends more is stopped (its reports are unreadable). */
export const REPORT_LIMIT_BYTES = 8 * 1024 * 1024;

export interface LaunchResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  outputLimited: boolean;
  aborted: boolean;
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
  /** Lines of the report channel, in order. */
  reports: string[];
  /** True when the report channel carried more than REPORT_LIMIT_BYTES (the step was stopped). */
  reportsOverflow: boolean;
}

/** Splits the report channel into lines as it comes, up to a byte limit. */
class ReportReader {
  readonly lines: string[] = [];
  overflow = false;
  private partial = '';
  private bytes = 0;
  private readonly decoder = new TextDecoder('utf-8');
  private readonly onLine: (line: string) => void;

  constructor(onLine: (line: string) => void) {
    this.onLine = onLine;
  }

  /** Adds a chunk; returns false once the limit is passed. */
  push(chunk: Buffer): boolean {
    if (this.overflow) return false;
    this.bytes += chunk.length;
    if (this.bytes > REPORT_LIMIT_BYTES) {
      this.overflow = true;
      return false;
    }
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      this.onLine(line);
    }
    return true;
  }

  finish(): void {
    const rest = this.partial + this.decoder.decode();
    if (rest.length > 0 && !this.overflow) {
      this.lines.push(rest);
      this.onLine(rest);
    }
    this.partial = '';
  }
}

class StreamCollector {
  private readonly decoder = new TextDecoder('utf-8');
  private bytes = 0;
  text = '';
  cut = false;
  private readonly limit: number;
  private readonly emit: (text: string) => void;

  constructor(limit: number, emit: (text: string) => void) {
    this.limit = limit;
    this.emit = emit;
  }

  /** Adds a chunk; returns false once the limit is passed. */
  push(chunk: Buffer): boolean {
    if (this.cut) return false;
    const room = this.limit - this.bytes;
    const take = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.bytes += take.length;
    let text = this.decoder.decode(take, { stream: true });
    if (take.length < chunk.length) {
      this.cut = true;
      text += this.decoder.decode() + TRUNCATION_MARKER.replace('%d', String(this.limit));
    }
    if (text.length > 0) {
      this.text += text;
      this.emit(text);
    }
    return !this.cut;
  }

  finish(): void {
    if (this.cut) return;
    const rest = this.decoder.decode();
    if (rest.length > 0) {
      this.text += rest;
      this.emit(rest);
    }
  }
}

/** Checks the arguments of an hl-step command: plain words only (test names, folders, numbers). */
export function stepArgs(args: readonly string[] = []): string[] {
  for (const arg of args) {
    if (!/^[A-Za-z0-9_.:/+@-]{1,300}$/.test(arg) || arg.startsWith('-'))
      throw new Error(`refusing the hl-step argument ${JSON.stringify(arg)}`);
  }
  return [...args];
}

/** Runs the launcher until it exits or is stopped; never throws for the program's own failures. */
export function launchStep(opts: LaunchOptions): Promise<LaunchResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(opts.argv[0] as string, opts.argv.slice(1), {
      env: opts.env,
      cwd: opts.cwd,
      // fd 3: the report channel, which hl-step closes for every tool and program it runs.
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let timedOut = false;
    let outputLimited = false;
    let aborted = false;
    let stopping: Promise<void> | null = null;
    const stopAll = () => {
      if (!stopping) {
        stopping = opts.stop().catch(() => {});
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The launcher already exited.
        }
      }
      return stopping;
    };
    const out = new StreamCollector(opts.outputBytes, (t) => opts.onOutput?.('stdout', t));
    const err = new StreamCollector(opts.outputBytes, (t) => opts.onOutput?.('stderr', t));
    const onChunk = (collector: StreamCollector) => (chunk: Buffer) => {
      if (!collector.push(chunk) && !outputLimited) {
        outputLimited = true;
        void stopAll();
      }
    };
    child.stdout?.on('data', onChunk(out));
    child.stderr?.on('data', onChunk(err));
    const reports = new ReportReader((line) => {
      const text = opts.renderReport?.(line);
      if (text) onChunk(err)(Buffer.from(text));
    });
    const channel = child.stdio[3] as NodeJS.ReadableStream | null;
    channel?.on('data', (chunk: Buffer) => {
      if (!reports.push(chunk)) void stopAll();
    });
    channel?.on('error', () => {});
    const timer = setTimeout(() => {
      timedOut = true;
      void stopAll();
    }, opts.wallMs);
    const onAbort = () => {
      aborted = true;
      void stopAll();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) onAbort();
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start the sandbox (${opts.argv[0]}): ${e.message}`));
    });
    child.on('close', async (code, sig) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      out.finish();
      err.finish();
      reports.finish();
      if (stopping) await stopping;
      let exitCode = code;
      let signal: string | null = sig;
      // Sandboxes report a signal death of the program as 128 + the signal number.
      if (code !== null && code > 128 && code < 128 + 65) {
        const name = signalName(code - 128);
        if (name) {
          exitCode = null;
          signal = name;
        }
      }
      resolve({
        exitCode,
        signal,
        timedOut,
        outputLimited,
        aborted,
        stdout: out.text,
        stderr: err.text,
        truncated: out.cut || err.cut,
        durationMs: Math.round(performance.now() - started),
        reports: reports.lines,
        reportsOverflow: reports.overflow,
      });
    });
  });
}

const SIGNAL_NAMES = new Map<number, string>(Object.entries(osConstants.signals).map(([name, num]) => [num, name]));

function signalName(num: number): string | null {
  return SIGNAL_NAMES.get(num) ?? null;
}

const mib = (b: number) => `${Math.round(b / (1024 * 1024))} MiB`;

/** Decides why a step ended and what to tell the learner, from what the host measured. */
export function describeOutcome(
  launch: LaunchResult,
  usage: CgroupUsage | null,
  limits: StepLimits,
  outputBytes: number,
  diskFull: boolean,
  stepKind: 'build' | 'run',
): StepOutcome {
  let reason: KillReason | null = null;
  let message: string | null = null;
  const failed = launch.exitCode !== 0;
  const what = stepKind === 'build' ? 'build' : 'program';
  if (launch.outputLimited) {
    reason = 'output-limit';
    message = `stopped: the ${what} wrote more than ${outputBytes} bytes to one stream; the output above is cut there`;
  } else if (
    usage &&
    (usage.oomKills > 0 || (launch.signal === 'SIGKILL' && usage.memoryLimitHits > 0 && !launch.timedOut && !launch.aborted))
  ) {
    reason = 'memory';
    message = `killed: the ${what} used more than its memory limit of ${mib(limits.memoryBytes)}`;
  } else if (usage && usage.pidsLimitHits > 0) {
    reason = 'pids';
    message = `stopped: the ${what} tried to run more than ${limits.pids} processes and threads at once; further forks failed${launch.timedOut ? ', and it was killed at its time limit' : ''}`;
  } else if (launch.timedOut) {
    reason = 'timeout';
    message = `killed: the ${what} ran longer than its time limit of ${limits.wallMs / 1000} s`;
  } else if (diskFull && failed) {
    reason = 'disk';
    message = `failed: the work folder is full (limit reached); the ${what} could not write more`;
  } else if (launch.signal === 'SIGXCPU' || (launch.signal === 'SIGKILL' && usage !== null && usage.cpuMs >= limits.cpuSeconds * 1000)) {
    reason = 'cpu';
    message = `killed: a process used more than its CPU time limit of ${limits.cpuSeconds} s`;
  } else if (launch.signal === 'SIGXFSZ') {
    reason = 'file-size';
    message = `killed: a process wrote a file larger than the limit of ${mib(limits.fileSizeBytes)}`;
  } else if (launch.signal === 'SIGABRT' || /^SIGABRT: abort$/m.test(launch.stderr)) {
    message =
      'the program aborted (SIGABRT). A Rust panic that reaches an extern "C" function aborts the whole process; catch it with std::panic::catch_unwind at the boundary';
  } else if (launch.signal !== null) {
    message = `the ${what} was ended by ${launch.signal}`;
  } else if (launch.aborted) {
    message = 'stopped: the request was cancelled';
  }
  // Read from the report channel, which the program cannot print to (its stderr can say anything).
  const leftover = launch.reports.map((line) => /^leftover (\d+)$/.exec(line)).find((m) => m !== null);
  if (leftover && message === null) {
    message = `the program exited but left ${leftover[1]} background process(es) running; the sandbox killed them`;
  }
  return {
    exitCode: launch.exitCode,
    signal: launch.signal,
    reason,
    message,
    stdout: launch.stdout,
    stderr: launch.stderr,
    truncated: launch.truncated,
    durationMs: launch.durationMs,
    cpuMs: usage ? Math.round(usage.cpuMs) : null,
    peakMemoryBytes: usage ? usage.peakMemoryBytes : null,
    reports: launch.reports,
    reportsOverflow: launch.reportsOverflow,
  };
}
