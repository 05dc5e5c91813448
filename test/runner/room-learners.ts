/**
 * A workshop room: learners who press Run on lesson 01's program within the same instant, each
 * through the page's own client (runWithRetry: it waits out a busy runner and tries again). Some
 * send the lesson's program as it is, the others their own edit, which prints a line naming the
 * learner, so each can find its own output. Used by room.test.ts and the bench's room part.
 */
import type { RunOutcome } from '../../site/src/components/lesson-editor/runner-client.ts';
import { type BusyWait, runWithRetry } from '../../site/src/components/lesson-editor/runner-retry.ts';
import { jobFromDir, lessonPath } from './runner-harness.ts';

const MAIN_START = 'func main() {\n';

export interface Learner {
  index: number;
  /** The line the learner's edit prints first, or null for the lesson's program as it is. */
  token: string | null;
  files: Record<string, string>;
}

/**
 * `count` learners; every third one, up to `unmodified` of them, sends the lesson's program as it
 * is, so identical requests arrive among different ones. `room` goes into each token, so tokens
 * differ between rooms (and no edit is answered from an earlier room's cache).
 */
export function roomLearners(count: number, unmodified: number, room: string): Learner[] {
  const lesson = jobFromDir(lessonPath('01-batching', 'example'));
  const main = lesson['main.go'] ?? '';
  if (main.split(MAIN_START).length !== 2) throw new Error(`lesson 01's main.go should have one "${MAIN_START.trim()}" line`);
  let plain = 0;
  return Array.from({ length: count }, (_, index) => {
    if (index % 3 === 0 && plain < unmodified) {
      plain++;
      return { index, token: null, files: lesson };
    }
    const token = `learner ${index} of room ${room}`;
    const edited = main.replace(MAIN_START, `${MAIN_START}\tfmt.Println(${JSON.stringify(token)})\n`);
    return { index, token, files: { ...lesson, 'main.go': edited } };
  });
}

export interface LearnerRun {
  learner: Learner;
  outcome: RunOutcome;
  /** The waits the page made for a busy runner before it was let in (empty: let in at the first try). */
  waits: BusyWait[];
  /** From pressing Run to the result. */
  ms: number;
}

/** Every learner presses Run at once; resolves when each has its outcome. */
export function pressRunTogether(runnerUrl: string, learners: readonly Learner[]): Promise<LearnerRun[]> {
  return Promise.all(
    learners.map(async (learner) => {
      const started = performance.now();
      const waits: BusyWait[] = [];
      const outcome = await runWithRetry(runnerUrl, learner.files, { onBusyWait: (wait) => waits.push(wait) });
      return { learner, outcome, waits, ms: performance.now() - started };
    }),
  );
}

/** The run step's stdout of a completed outcome, or a failure that says what the outcome was. */
export function runOutput(run: LearnerRun): string {
  const { outcome } = run;
  if (outcome.kind !== 'completed')
    throw new Error(`learner ${run.learner.index}: ${outcome.kind}: ${JSON.stringify(outcome).slice(0, 600)}`);
  const step = outcome.steps.find((s) => s.name === 'run');
  if (!step || outcome.steps.some((s) => s.exitCode !== 0)) {
    const steps = outcome.steps.map((s) => ({ name: s.name, exit: s.exitCode, message: s.message, stderr: s.stderr.slice(-600) }));
    throw new Error(`learner ${run.learner.index}: the program did not build and run: ${JSON.stringify(steps)}`);
  }
  return step.stdout;
}

/** The sum of a counter's samples in Prometheus text over the label sets that have `labels`; 0 when none. */
export function counterTotal(metrics: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (!match) continue;
    const set = match[1] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) total += Number(match[2]);
  }
  return total;
}
