// Build time: what the progress views need to know about a lesson, read from its MDX.

import { parseTasks } from '../../lib/exercise-format.ts';
import type { ProgressLesson } from '../../lib/progress.ts';

/** A line that places an in-page demo (a component tag at the start of a line, as MDX lessons write it). */
const DEMO_TAG = /^<(?:BatchSweepDemo|GcWindowDemo|WasmMemoryDemo|WasmPanicDemo)[\s/>]/m;

/** Whether a lesson's MDX places an in-page demo whose finished run counts as progress. */
export function lessonHasDemo(mdx: string): boolean {
  return DEMO_TAG.test(mdx);
}

/** Id, number of exercise tasks (`### Task N:` headings) and whether it has a demo; throws on a malformed task heading. */
export function progressLesson(lesson: { id: string; body?: string | undefined }): ProgressLesson {
  const mdx = lesson.body ?? '';
  return { id: lesson.id, taskCount: parseTasks(`lessons/${lesson.id}/index.mdx`, mdx).length, hasDemo: lessonHasDemo(mdx) };
}
