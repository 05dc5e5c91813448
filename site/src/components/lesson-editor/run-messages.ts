import type { RunOutcome, RunStep } from './runner-client.ts';

/** What the output pane says above the steps of an outcome. */
export interface OutcomeSummary {
  tone: 'success' | 'failure' | 'offline' | 'busy' | 'unavailable' | 'error';
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

/** The first step that did not exit with 0, if any. */
export function firstFailedStep(steps: readonly RunStep[]): RunStep | undefined {
  return steps.find((step) => step.exitCode !== 0);
}

/** Heading and explanation of a run outcome; the offline case says how to start the runner. */
export function summarizeOutcome(outcome: RunOutcome, runnerUrl: string): OutcomeSummary {
  switch (outcome.kind) {
    case 'completed': {
      if (outcome.steps.length === 0) {
        return { tone: 'error', heading: 'The runner reported no steps', detail: 'Nothing was built or run.' };
      }
      const failed = firstFailedStep(outcome.steps);
      if (!failed) {
        return { tone: 'success', heading: 'Built and ran: every step exited with 0', detail: '' };
      }
      const how = failed.exitCode === null ? 'did not finish (killed or timed out)' : `exited with ${failed.exitCode}`;
      return {
        tone: 'failure',
        heading: `Step "${failed.name}" ${how}`,
        detail: 'Its output is below. A compile error here is about the code, not the server.',
      };
    }
    case 'offline':
      return {
        tone: 'offline',
        heading: 'The runner is offline',
        detail:
          `Nothing answered at ${runnerUrl}. The rest of this page works without it: the code, this editor and the ` +
          'wasm demo all run in your browser. To build and run the program, start the runner from the repository ' +
          'with `npm run runner`, then press "Run on the server" again.',
      };
    case 'busy':
      return {
        tone: 'busy',
        heading: 'The runner is busy',
        detail:
          outcome.retryAfterSeconds === null
            ? `${outcome.message} Try again in a moment.`
            : `${outcome.message} Try again in ${outcome.retryAfterSeconds} s.`,
      };
    case 'unavailable':
      return {
        tone: 'unavailable',
        heading: 'Running code is unavailable on this runner',
        detail: `${outcome.message} The rest of this page works without it.`,
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
