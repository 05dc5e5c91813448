// The words the progress views show: pure, so unit tests can read them.

import { lessonStatus, nextLesson, type Progress, type ProgressLesson, progressCounts, tasksPassedCount } from '../../lib/progress.ts';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** What has been done in a lesson, e.g. "read, demo run, 1 of 3 tasks passed"; empty when nothing. */
export function lessonDetail(progress: Progress, lesson: ProgressLesson): string {
  const entry = Object.hasOwn(progress, lesson.id) ? progress[lesson.id] : undefined;
  if (!entry) return '';
  const parts: string[] = [];
  if (entry.read) parts.push('read');
  if (entry.demoRun && lesson.hasDemo) parts.push('demo run');
  const passed = tasksPassedCount(progress, lesson);
  if (lesson.taskCount > 0 && (passed > 0 || parts.length > 0))
    parts.push(`${passed} of ${plural(lesson.taskCount, 'task', 'tasks')} passed`);
  return parts.join(', ');
}

/** What is left to finish a lesson, e.g. "mark it read, pass tasks 2 and 3"; empty when done. */
export function lessonTodo(progress: Progress, lesson: ProgressLesson): string {
  if (lessonStatus(progress, lesson) === 'done') return '';
  const entry = Object.hasOwn(progress, lesson.id) ? progress[lesson.id] : undefined;
  const parts: string[] = [];
  if (!entry?.read) parts.push('mark it read');
  const passed = new Set(entry?.tasksPassed ?? []);
  const missing = Array.from({ length: lesson.taskCount }, (_, i) => i + 1).filter((task) => !passed.has(task));
  if (missing.length > 0) {
    const last = missing.pop();
    parts.push(missing.length === 0 ? `pass task ${last}` : `pass tasks ${missing.join(', ')} and ${last}`);
  }
  if (lesson.taskCount === 0 && lesson.hasDemo && !entry?.demoRun) parts.push('run the demo');
  return parts.join(', ');
}

/** Where a track stands: lessons done, whether any is begun, and the first lesson not done (undefined when all are). */
export function trackSummary<L extends ProgressLesson>(
  progress: Progress,
  lessons: readonly L[],
): { done: number; started: boolean; total: number; next: L | undefined; text: string } {
  const statuses = lessons.map((lesson) => lessonStatus(progress, lesson));
  const done = statuses.filter((status) => status === 'done').length;
  const started = statuses.some((status) => status !== 'not-started');
  const next = nextLesson(progress, lessons);
  const text =
    lessons.length === 0
      ? 'No lessons in this track yet.'
      : done === lessons.length
        ? `All ${plural(lessons.length, 'lesson', 'lessons')} done.`
        : `${done} of ${plural(lessons.length, 'lesson', 'lessons')} done.`;
  return { done, started, total: lessons.length, next, text };
}

/** One line over the whole course, for the progress tools. */
export function courseSummary(progress: Progress, lessons: readonly ProgressLesson[]): string {
  const statuses = lessons.map((lesson) => lessonStatus(progress, lesson));
  const done = statuses.filter((status) => status === 'done').length;
  const started = statuses.filter((status) => status === 'in-progress').length;
  if (done === 0 && started === 0) return 'Nothing recorded yet in this browser.';
  return `${done} of ${plural(lessons.length, 'lesson', 'lessons')} done, ${started} in progress.`;
}

/** What Clear would forget, e.g. "1 lesson marked read, 1 demo run and 3 passed tasks, over 2 lessons". */
export function describeCounts(progress: Progress): string {
  const counts = progressCounts(progress);
  if (counts.lessons === 0) return 'nothing: no progress is recorded in this browser';
  const parts = [
    plural(counts.read, 'lesson marked read', 'lessons marked read'),
    plural(counts.demoRuns, 'demo run', 'demo runs'),
    plural(counts.tasksPassed, 'passed task', 'passed tasks'),
  ];
  return `${parts[0]}, ${parts[1]} and ${parts[2]}, over ${plural(counts.lessons, 'lesson', 'lessons')}`;
}
