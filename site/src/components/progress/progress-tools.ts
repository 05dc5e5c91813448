// The home page's progress tools: summary, the learner's name for exported files, Export (a
// download), Import (merge a checked file), Clear (after a confirmation that says what will be lost).

import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import {
  clearProgress,
  exportFileName,
  exportProgress,
  importProgress,
  learnerName,
  loadLearnerName,
  loadProgress,
  mergeProgress,
  type Progress,
  type ProgressLesson,
  parseProgressFile,
  saveLearnerName,
} from '../../lib/progress.ts';
import { progressStore, watchProgress } from './progress-store.ts';
import { courseSummary, describeCounts } from './progress-text.ts';

function readLessons(root: HTMLElement): ProgressLesson[] {
  try {
    const data: unknown = JSON.parse(root.dataset.lessons ?? '[]');
    return Array.isArray(data) ? (data as ProgressLesson[]) : [];
  } catch {
    return [];
  }
}

function paragraph(text: string, className?: string): HTMLParagraphElement {
  const element = document.createElement('p');
  element.textContent = text;
  if (className) element.className = className;
  return element;
}

function setUp(root: HTMLElement): void {
  const lessons = readLessons(root);
  const known = new Set(lessons.map((lesson) => lesson.id));
  const body = required<HTMLElement>(root, '[data-tools-body]', 'ProgressTools');
  const summary = required<HTMLElement>(root, '[data-summary]', 'ProgressTools');
  const nameInput = required<HTMLInputElement>(root, 'input[data-learner-name]', 'ProgressTools');
  const exportButton = required<HTMLButtonElement>(root, '[data-export]', 'ProgressTools');
  const importButton = required<HTMLButtonElement>(root, '[data-import]', 'ProgressTools');
  const importFile = required<HTMLInputElement>(root, 'input[data-import-file]', 'ProgressTools');
  const clearButton = required<HTMLButtonElement>(root, '[data-clear]', 'ProgressTools');
  const errorBox = required<HTMLElement>(root, '[data-error]', 'ProgressTools');
  const message = required<HTMLElement>(root, '[data-message]', 'ProgressTools');
  const dialog = required<HTMLDialogElement>(root, 'dialog[data-clear-dialog]', 'ProgressTools');
  const clearCounts = required<HTMLElement>(root, '[data-clear-counts]', 'ProgressTools');

  const say = (...lines: HTMLElement[]) => {
    errorBox.textContent = '';
    message.replaceChildren(...lines);
  };
  const fail = (text: string) => {
    message.replaceChildren();
    errorBox.textContent = text;
  };

  watchProgress((progress: Progress) => {
    summary.textContent = courseSummary(progress, lessons);
    clearButton.disabled = Object.keys(progress).length === 0;
  });

  nameInput.value = loadLearnerName(progressStore());
  nameInput.addEventListener('input', () => {
    nameInput.removeAttribute('aria-invalid');
    saveLearnerName(progressStore(), nameInput.value);
  });

  exportButton.addEventListener('click', () => {
    const learner = learnerName(nameInput.value);
    if (!learner.ok) {
      nameInput.setAttribute('aria-invalid', 'true');
      fail(`${learner.error} Nothing was exported.`);
      nameInput.focus();
      return;
    }
    const progress = loadProgress(progressStore());
    const now = new Date();
    const name = exportFileName(now, learner.name);
    const url = URL.createObjectURL(new Blob([exportProgress(progress, now, learner.name)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    const count = Object.keys(progress).length;
    const owner = learner.name === undefined ? 'without a name' : `under the name ${learner.name}`;
    say(paragraph(`Exported the progress of ${count} ${count === 1 ? 'lesson' : 'lessons'} as ${name}, ${owner}.`));
  });

  importButton.addEventListener('click', () => importFile.click());

  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0];
    importFile.value = '';
    if (!file) return;
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      fail(`${file.name} could not be read (${error instanceof Error ? error.message : String(error)}). Nothing was changed.`);
      return;
    }
    const parsed = parseProgressFile(text, known);
    if (!parsed.ok) {
      fail(`${file.name}: ${parsed.error} Nothing was changed.`);
      return;
    }
    const store = progressStore();
    const merged = mergeProgress(loadProgress(store), parsed.progress);
    const saved = importProgress(store, merged);
    const count = Object.keys(parsed.progress).length;
    say(
      paragraph(
        `Imported ${file.name}: the progress of ${count} ${count === 1 ? 'lesson' : 'lessons'}, exported ${formatDateTime(parsed.exportedAt)}, ` +
          'added to what this browser had.',
      ),
      ...parsed.warnings.map((warning) => paragraph(warning, 'warning')),
      ...(saved ? [] : [paragraph('This browser refused to store it, so it lasts only until this page is closed.', 'warning')]),
    );
  });

  clearButton.addEventListener('click', () => {
    clearCounts.textContent = `This forgets ${describeCounts(loadProgress(progressStore()))}.`;
    dialog.showModal();
  });

  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'clear') {
      clearButton.focus();
      return;
    }
    dialog.returnValue = '';
    const cleared = clearProgress(progressStore());
    if (cleared) say(paragraph('Your progress was cleared.'));
    else fail('This browser refused to remove the stored progress.');
    exportButton.focus();
  });

  body.hidden = false;
}

/** Sets up every ProgressTools on the page. */
export function setUpProgressTools(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-progress-tools]')) setUp(root);
}
