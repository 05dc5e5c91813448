// The lesson page's Present button, kept small: the page loads the presenting code
// (lesson-presenting.ts) only once the instructor presents, by a click or in a tab that was
// presenting before a reload (sessionStorage) or was opened with ?present.
import { required } from '../../lib/dom.ts';
import type { StepInfo } from './presenter-state.ts';

/** What PresentButton.astro puts in its data-config attribute. */
export interface PresentConfig {
  lesson: string;
  presenterUrl: string;
  steps: StepInfo[];
}

/** The query parameter that opens a lesson page presenting (the presenter's "Open the lesson page" link). */
export const PRESENT_PARAM = 'present';
const POPUP_FEATURES = 'popup,width=980,height=760';

/** sessionStorage key that says this tab presents `lesson`. */
function presentingKey(lesson: string): string {
  return `hybrid-lab:presenting:v1:${lesson}`;
}

/** Whether this tab was presenting `lesson`. */
function wasPresenting(lesson: string): boolean {
  try {
    return window.sessionStorage.getItem(presentingKey(lesson)) === '1';
  } catch {
    return false;
  }
}

/** Remembers for this tab whether it presents `lesson`. */
export function rememberPresenting(lesson: string, on: boolean): void {
  try {
    if (on) window.sessionStorage.setItem(presentingKey(lesson), '1');
    else window.sessionStorage.removeItem(presentingKey(lesson));
  } catch {
    // A refused sessionStorage only means a reload forgets that this tab was presenting.
  }
}

/** Shows the Present button of the lesson page, if there is one, and loads the rest when presenting starts. */
export function setUpPresentButton(): void {
  const root = document.querySelector<HTMLElement>('[data-present]');
  if (!root) return;
  const config = JSON.parse(root.dataset.config ?? '{}') as PresentConfig;
  if (config.steps.length === 0) return;
  const button = required<HTMLButtonElement>(root, '[data-open-presenter]', 'PresentButton');
  const load = () => import('./lesson-presenting.ts').then(({ startPresenting }) => startPresenting(root, config));
  let loading: ReturnType<typeof load> | null = null;
  button.addEventListener('click', () => {
    // Opened inside the click: browsers block a pop-up opened later, after the module has loaded.
    // A lesson opened from a workshop plan (?plan=<id>) passes the plan on, so the timer uses its minutes.
    const plan = new URLSearchParams(location.search).get('plan');
    const url = plan ? `${config.presenterUrl}?plan=${encodeURIComponent(plan)}` : config.presenterUrl;
    const opened = window.open(url, `hybrid-lab-presenter-${config.lesson}`, POPUP_FEATURES);
    loading ??= load();
    void loading.then((presenting) => presenting.presentClicked(opened !== null));
  });
  root.hidden = false;
  if (wasPresenting(config.lesson) || new URLSearchParams(location.search).has(PRESENT_PARAM)) {
    loading = load();
    void loading.then((presenting) => presenting.resume());
  }
}
