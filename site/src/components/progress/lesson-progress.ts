// The lesson page's progress box: the read toggle and the live state of demo and tasks.

import { required } from '../../lib/dom.ts';
import { lessonStatus, markRead, type Progress, type ProgressLesson, tasksPassedCount } from '../../lib/progress.ts';
import { progressStore, watchProgress } from './progress-store.ts';
import { STATUS_LABELS } from './status-labels.ts';

function setUp(root: HTMLElement): void {
  const id = root.dataset.lesson;
  if (!id) throw new Error('LessonProgress: missing data-lesson in its markup.');
  const lesson: ProgressLesson = { id, taskCount: Number(root.dataset.taskCount ?? 0), hasDemo: root.hasAttribute('data-has-demo') };
  const read = required<HTMLInputElement>(root, 'input[data-read]', 'LessonProgress');
  const symbol = required<HTMLElement>(root, '[data-status-symbol]', 'LessonProgress');
  const text = required<HTMLElement>(root, '[data-status-text]', 'LessonProgress');
  const demo = root.querySelector<HTMLElement>('[data-demo]');
  const tasks = root.querySelector<HTMLElement>('[data-tasks]');

  const draw = (progress: Progress) => {
    const entry = Object.hasOwn(progress, id) ? progress[id] : undefined;
    const status = lessonStatus(progress, lesson);
    root.dataset.status = status;
    symbol.textContent = STATUS_LABELS[status].symbol;
    text.textContent = STATUS_LABELS[status].text;
    read.checked = entry?.read ?? false;
    if (demo) {
      demo.textContent = entry?.demoRun ? '✓ Demo run' : 'Demo not run yet';
      demo.classList.toggle('achieved', entry?.demoRun ?? false);
    }
    if (tasks) {
      const passed = tasksPassedCount(progress, lesson);
      tasks.textContent = `${passed === lesson.taskCount ? '✓ ' : ''}Tasks passed: ${passed} of ${lesson.taskCount}`;
      tasks.classList.toggle('achieved', passed > 0);
    }
  };

  read.addEventListener('change', () => markRead(progressStore(), id, read.checked));
  watchProgress(draw);
  root.hidden = false;
}

/** Sets up every LessonProgress on the page. */
export function setUpLessonProgress(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-lesson-progress]')) setUp(root);
}
