// What the page says when the learner's kernel cannot be measured: a module that does not fit,
// a trap (a Rust panic is one), or a call that never returned and was stopped by the watchdog.
import type { ErrorOrigin } from './sweep-protocol.ts';

/** How long the page waits for any message from a worker measuring the learner's kernel before it ends the worker. */
export const KERNEL_WATCHDOG_MS = 10_000;

/** The explanation of an error the worker reported while the learner's kernel was in the sweep. */
export function explainLearnerError(origin: ErrorOrigin, name: string, message: string): string {
  const what = `${name}: ${message}`;
  if (origin === 'learner-module') return `Your module cannot be measured: ${message}`;
  if (origin === 'learner-kernel' && name === 'RuntimeError') {
    const panic =
      message === 'unreachable'
        ? 'In wasm32-unknown-unknown, built with panic=abort, a Rust panic does not unwind: it ends in the "unreachable" trap. '
        : 'A wasm trap stops the call at once. ';
    return (
      `Your kernel trapped (${what}). ${panic}Destructors did not run and the module's memory may be half-updated, so that ` +
      'instance cannot be trusted any more: the page threw its worker away and started a fresh one. Look for an index past ' +
      "the end of a slice, an unwrap or a panic! in your kernel. The lesson's demo still works."
    );
  }
  if (origin === 'learner-kernel') return `Your kernel failed (${what}). The page started a fresh worker.`;
  return `The demo failed (${what}). The page started a fresh worker; press the button to measure again.`;
}

/** The message when the watchdog ended a worker because the learner's kernel did not return. */
export function watchdogMessage(ms: number = KERNEL_WATCHDOG_MS): string {
  return (
    `Your kernel did not return within ${ms / 1000} s, so the page stopped its worker and started a fresh one. ` +
    'A loop whose condition never becomes false (an index that never advances) is the usual cause. The page stayed ' +
    'responsive because the kernel runs in a worker, not on the page.'
  );
}
