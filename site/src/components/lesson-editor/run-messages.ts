import type { KillReason } from '@hybrid-lab/sandbox-runner/api-types';
import type { LiveRun } from './run-events.ts';
import type { RunReport, RunStep } from './run-report.ts';
import type { RunOutcome } from './runner-client.ts';
import type { BusyWait } from './runner-retry.ts';

/** What the output pane says above the steps of an outcome. */
export interface OutcomeSummary {
  tone: 'success' | 'failure' | 'offline' | 'busy' | 'unavailable' | 'error' | 'stopped' | 'pending';
  heading: string;
  detail: string;
}

/** A step duration for people: 340 ms, 1.2 s, 75 s. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'time not reported';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** A memory size for people, in binary units: 512 B, 40 KiB, 7.4 MiB, 212 MiB, 1.5 GiB. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? value.toFixed(1) : String(Math.round(value));
  // 1023.6 KiB rounds to "1024 KiB"; say 1.0 MiB instead.
  if (shown === '1024' && unit < units.length - 1) return `1.0 ${units[unit + 1]}`;
  return `${shown} ${units[unit]}`;
}

interface ReasonWords {
  /** Short label on the step, e.g. "killed: memory limit". */
  label: string;
  /** What follows the step name in the summary heading. */
  phrase: string;
}

// Every reason the runner can give has its words: a new one fails the type check here.
const REASONS: Record<KillReason, ReasonWords> = {
  timeout: { label: 'killed: time limit', phrase: 'was killed at its time limit' },
  memory: { label: 'killed: memory limit', phrase: 'was killed for using more memory than allowed' },
  'output-limit': { label: 'stopped: output limit', phrase: 'was stopped for writing more output than allowed' },
  pids: { label: 'stopped: process limit', phrase: 'hit the limit on processes and threads' },
  disk: { label: 'failed: disk full', phrase: 'ran out of disk space in the sandbox' },
  cpu: { label: 'killed: CPU time limit', phrase: 'was killed at its CPU time limit' },
  'file-size': { label: 'killed: file size limit', phrase: 'was killed for writing too large a file' },
};

/** Words for the sandbox's reason to stop a step; an unknown reason is named as the runner gave it. */
export function reasonWords(reason: string): ReasonWords {
  return (
    (REASONS as Record<string, ReasonWords | undefined>)[reason] ?? {
      label: `stopped: ${reason}`,
      phrase: `was stopped by the sandbox (${reason})`,
    }
  );
}

/** The label of a step's notice box (reason or abnormal end), or null when the step needs none. */
export function stepNoticeLabel(step: RunStep): string | null {
  if (step.reason) return reasonWords(step.reason).label;
  if (step.signal === 'SIGABRT' || (step.message !== null && /\bSIGABRT\b/.test(step.message))) return 'aborted';
  if (step.signal) return `ended by ${step.signal}`;
  if (step.message) return 'note';
  return null;
}

/** How a step ended, shortly: "exit code 0", "ended by SIGKILL", "did not finish". */
export function stepStatus(step: RunStep): string {
  if (step.exitCode !== null) return `exit code ${step.exitCode}`;
  if (step.signal) return `ended by ${step.signal}`;
  return 'did not finish';
}

/** The measurements of a step the runner reported: wall time, CPU time, peak memory. */
export function stepMeasures(step: RunStep): string[] {
  const measures = [formatDuration(step.durationMs)];
  if (step.cpuMs !== null) measures.push(`CPU ${formatDuration(step.cpuMs)}`);
  if (step.peakMemoryBytes !== null) measures.push(`peak memory ${formatBytes(step.peakMemoryBytes)}`);
  return measures;
}

/** The facts about a whole run: from cache, queue wait, total time, sandbox (each only when reported). */
export function runFacts(report: RunReport): string[] {
  const facts: string[] = [];
  if (report.cached === true) facts.push('from cache (these files ran before; nothing ran again)');
  else if (report.queueWaitMs !== null) facts.push(`queue wait ${formatDuration(report.queueWaitMs)}`);
  if (report.totalMs !== null) facts.push(`total ${formatDuration(report.totalMs)}`);
  if (report.backend !== null) facts.push(`${report.backend} sandbox`);
  return facts;
}

/** Ends a message from the runner with a full stop when it has no closing punctuation. */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?…:]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The first step that did not exit with 0, if any. */
export function firstFailedStep(steps: readonly RunStep[]): RunStep | undefined {
  return steps.find((step) => step.exitCode !== 0);
}

function failedStepSummary(failed: RunStep): OutcomeSummary {
  if (failed.reason) {
    return {
      tone: 'failure',
      heading: `Step "${failed.name}" ${reasonWords(failed.reason).phrase}`,
      detail: failed.message ?? 'The sandbox stopped it; its output up to then is below.',
    };
  }
  const how =
    failed.exitCode !== null
      ? `exited with ${failed.exitCode}`
      : failed.signal
        ? `was ended by ${failed.signal}`
        : 'did not finish (killed or timed out)';
  const isBuild = /build|test/.test(failed.name);
  return {
    tone: 'failure',
    heading: `Step "${failed.name}" ${how}`,
    detail:
      failed.message ?? (isBuild ? 'Its output is below. A compile error here is about the code, not the server.' : 'Its output is below.'),
  };
}

const INTERRUPTED_HEADINGS = {
  stopped: 'Stopped',
  ended: 'The run ended without a result',
  error: 'The runner failed during the run',
  timeout: 'The runner stopped answering',
} as const;

/**
 * Heading and explanation of a run outcome; the offline case says how to start the runner.
 * `button` is the label of the button that sends the files again.
 */
export function summarizeOutcome(outcome: RunOutcome, runnerUrl: string, button = 'Run on the server'): OutcomeSummary {
  switch (outcome.kind) {
    case 'completed': {
      if (outcome.steps.length === 0) {
        return { tone: 'error', heading: 'The runner reported no steps', detail: 'Nothing was built or run.' };
      }
      const failed = firstFailedStep(outcome.steps);
      if (!failed) {
        return { tone: 'success', heading: 'Built and ran: every step exited with 0', detail: '' };
      }
      return failedStepSummary(failed);
    }
    case 'interrupted': {
      const partial = outcome.steps.length > 0 ? ' The steps below show what had happened until then.' : '';
      const again = outcome.cause === 'stopped' ? '' : ` Press "${button}" to try again.`;
      return {
        tone: outcome.cause === 'stopped' ? 'stopped' : 'error',
        heading: INTERRUPTED_HEADINGS[outcome.cause],
        detail: `${asSentence(outcome.message)}${partial}${again}`,
      };
    }
    case 'offline':
      return {
        tone: 'offline',
        heading: 'The runner is offline',
        detail:
          `Nothing answered at ${runnerUrl}. The rest of this page works without it: the code, this editor and the ` +
          'wasm demo all run in your browser. To build and run the program, start the runner from the repository ' +
          `with \`npm run runner\`, then press "${button}" again.`,
      };
    case 'busy': {
      const tried = outcome.gaveUp
        ? ` This page tried ${outcome.gaveUp.tries} times over ${formatDuration(outcome.gaveUp.waitedMs)} and stopped trying.`
        : '';
      const again = outcome.retryAfterSeconds === null ? 'Try again in a moment.' : `Try again in ${outcome.retryAfterSeconds} s.`;
      return { tone: 'busy', heading: 'The runner is busy', detail: `${asSentence(outcome.message)}${tried} ${again}` };
    }
    case 'unavailable':
      return {
        tone: 'unavailable',
        heading: 'Running code is unavailable on this runner',
        detail: `${asSentence(outcome.message)} The rest of this page works without it.`,
      };
    case 'rejected':
      return { tone: 'error', heading: `The runner refused this run (HTTP ${outcome.status})`, detail: outcome.message };
    case 'failed':
      return {
        tone: 'error',
        heading: outcome.status === null ? 'The run did not finish' : `The runner failed (HTTP ${outcome.status})`,
        detail: outcome.message,
      };
  }
}

/** Heading and countdown while the page waits to send a run again to a busy runner; `now` is Date.now(). */
export function describeBusyWait(wait: BusyWait, now: number): OutcomeSummary {
  const seconds = Math.max(0, Math.ceil((wait.retryAt - now) / 1000));
  const counts = wait.queue ? ` (${wait.queue.running} running, ${wait.queue.waiting} waiting)` : '';
  return {
    tone: 'busy',
    heading: `The runner is busy${counts}`,
    detail: seconds === 0 ? `Trying again now — attempt ${wait.attempt}` : `Trying again in ${seconds} s — attempt ${wait.attempt}`,
  };
}

/** Heading and detail of the output pane while a run streams in. */
export function describeLive(state: LiveRun, fileCount: number, runnerUrl: string): OutcomeSummary {
  switch (state.phase) {
    case 'waiting':
      return { tone: 'pending', heading: `Sending ${fileCount} files to the runner…`, detail: `The runner is at ${runnerUrl}.` };
    case 'queued': {
      const ahead = state.queuePosition ?? 0;
      return {
        tone: 'pending',
        heading: `Queued (position ${ahead + 1})`,
        detail: ahead === 0 ? 'Yours is the next run to start.' : `${ahead} run${ahead === 1 ? '' : 's'} ahead of yours.`,
      };
    }
    case 'running': {
      const current = state.steps.at(-1);
      const waited =
        state.queueWaitMs !== null && state.queueWaitMs >= 1000 ? ` It waited ${formatDuration(state.queueWaitMs)} in the queue.` : '';
      if (!current) return { tone: 'pending', heading: 'Started: preparing the sandbox…', detail: waited.trim() };
      const verb = current.end === null ? 'Running' : 'Finished';
      return {
        tone: 'pending',
        heading: `${verb} step ${state.steps.length}: ${current.name}`,
        detail: `Output appears below as it arrives.${waited}`,
      };
    }
    case 'done':
      return { tone: 'pending', heading: 'Finished; reading the result…', detail: '' };
    case 'failed':
      return { tone: 'error', heading: 'The runner failed during the run', detail: state.error ?? '' };
  }
}

/** Splits text at `backticks` into plain and code pieces, so commands can be shown as <code>. */
export function splitCode(text: string): { text: string; code: boolean }[] {
  const pieces: { text: string; code: boolean }[] = [];
  text.split('`').forEach((part, index, parts) => {
    // An unmatched final backtick stays literal text.
    const unmatched = index === parts.length - 1 && index % 2 === 1;
    const code = index % 2 === 1 && !unmatched;
    const piece = unmatched ? `\`${part}` : part;
    if (piece) pieces.push({ text: piece, code });
  });
  return pieces;
}
