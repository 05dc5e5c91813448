// Home and track pages: each lesson's status, and each track's next lesson, from localStorage.

import { lessonStatus, type Progress, type ProgressLesson } from '../../lib/progress.ts';
import { watchProgress } from './progress-store.ts';
import { lessonDetail, lessonTodo, trackSummary } from './progress-text.ts';
import { STATUS_LABELS } from './status-labels.ts';

interface ListedLesson extends ProgressLesson {
  item: HTMLElement;
  href: string;
  title: string;
}

function listedLessons(root: HTMLElement): ListedLesson[] {
  return [...root.querySelectorAll<HTMLElement>('li[data-progress-lesson]')].map((item) => {
    const link = item.querySelector<HTMLAnchorElement>('a.lesson-link');
    return {
      item,
      id: item.dataset.progressLesson ?? '',
      taskCount: Number(item.dataset.taskCount ?? 0),
      hasDemo: item.hasAttribute('data-has-demo'),
      href: link?.getAttribute('href') ?? '#',
      title: link?.textContent?.trim() ?? '',
    };
  });
}

function drawLesson(progress: Progress, lesson: ListedLesson): void {
  const line = lesson.item.querySelector<HTMLElement>('[data-lesson-status]');
  if (!line) return;
  const status = lessonStatus(progress, lesson);
  line.dataset.status = status;
  lesson.item.dataset.status = status;
  const set = (selector: string, text: string) => {
    const element = line.querySelector<HTMLElement>(selector);
    if (element) element.textContent = text;
  };
  const detail = lessonDetail(progress, lesson);
  set('[data-status-symbol]', STATUS_LABELS[status].symbol);
  set('[data-status-text]', STATUS_LABELS[status].text);
  set('[data-status-detail]', detail ? `: ${detail}` : '');
  line.hidden = false;
}

function drawNext(progress: Progress, element: HTMLElement, lessons: readonly ListedLesson[]): void {
  const summary = trackSummary(progress, lessons);
  element.replaceChildren(summary.text);
  element.toggleAttribute('data-all-done', summary.next === undefined);
  if (summary.next && !summary.started) {
    // The list right below starts with it; a second link to the same lesson would only repeat it.
    element.append(' Start with the first lesson below.');
  } else if (summary.next) {
    const link = document.createElement('a');
    link.href = summary.next.href;
    link.textContent = summary.next.title;
    const todo = lessonTodo(progress, summary.next);
    element.append(' Next: ', link, todo ? ` (to do: ${todo}).` : '.');
  }
  element.hidden = false;
}

function setUp(root: HTMLElement): void {
  const lessons = listedLessons(root);
  const next = root.querySelector<HTMLElement>('[data-track-next]');
  watchProgress((progress) => {
    for (const lesson of lessons) drawLesson(progress, lesson);
    if (next) drawNext(progress, next, lessons);
  });
}

/** Sets up every TrackLessons list on the page. */
export function setUpTrackProgress(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-track-progress]')) setUp(root);
}
