// Sets up every exercise panel without loading Monaco: the hints (one level at a time,
// remembered), the task states of the last check, and the button that opens the editor.
import type { KeyValueStore } from '../../lib/browser-storage.ts';
import { required } from '../../lib/dom.ts';
import type { ExerciseData } from '../../lib/exercise.ts';
import { loadLastRun } from '../lesson-editor/editor-storage.ts';
import { openOnClick } from '../lesson-editor/open-on-click.ts';
import { runnerBaseUrl } from '../lesson-editor/runner-client.ts';
import { progressStore } from '../progress/progress-store.ts';
import { exerciseScope, loadHintCounts, saveHintCount } from './exercise-storage.ts';

/** The exercise embedded in a panel's markup. */
export function exerciseData(root: HTMLElement): ExerciseData {
  return JSON.parse(required<HTMLScriptElement>(root, 'script[data-exercise-data]', 'ExercisePanel').textContent ?? '{}') as ExerciseData;
}

function setUpHints(root: HTMLElement, data: ExerciseData, store: KeyValueStore): void {
  const counts = loadHintCounts(store, data.lesson);
  for (const task of data.tasks) {
    const item = root.querySelector<HTMLElement>(`[data-task="${task.id}"]`);
    const button = item?.querySelector<HTMLButtonElement>('[data-show-hint]');
    if (!item || !button) continue;
    const hints = [...item.querySelectorAll<HTMLElement>('[data-hint]')];
    let shown = Math.min(counts.get(task.id) ?? 0, hints.length);
    const draw = () => {
      hints.forEach((hint, index) => {
        hint.hidden = index >= shown;
      });
      button.hidden = shown >= hints.length;
      button.textContent = `Show hint ${shown + 1} of ${hints.length}`;
    };
    button.addEventListener('click', () => {
      shown = Math.min(shown + 1, hints.length);
      saveHintCount(store, data.lesson, task.id, shown);
      draw();
      const revealed = hints[shown - 1];
      if (revealed) {
        revealed.tabIndex = -1;
        revealed.focus();
      }
    });
    draw();
  }
}

/** Makes each ExercisePanel work: hints, last check, and "Open the exercise" loading the editor. */
export function setUpExercises(): void {
  const runnerUrl = runnerBaseUrl(import.meta.env.PUBLIC_RUNNER_URL);
  for (const root of document.querySelectorAll<HTMLElement>('[data-exercise]')) {
    const data = exerciseData(root);
    // The same store as the progress components, so a passed task shows in the header even
    // where the browser refuses localStorage.
    const store = progressStore();
    setUpHints(root, data, store);
    const summary = root.querySelector<HTMLElement>('[data-summary]');
    const lastCheck = loadLastRun(store, exerciseScope(data.lesson));
    // The view (and the runner's message texts) load only when there is a check to draw, so a
    // first visit's page stays light.
    if (lastCheck) {
      void import('./exercise-view.ts').then(({ drawStoredCheck }) =>
        drawStoredCheck(
          root,
          data.tasks.map((t) => t.id),
          lastCheck,
          summary,
          runnerUrl,
        ),
      );
    }
    openOnClick(root, async () => {
      const { openExercise } = await import('./exercise-app.ts');
      openExercise(root, data, store);
    });
  }
}
