// The presenter window's script: shows the current part of the notes, runs the timer against the
// part's budget (from the notes, or from a workshop plan with ?plan=<id>), and moves with the keys,
// the buttons and the lesson page (through presenter-link.ts).
import { required } from '../../lib/dom.ts';
import { type LessonPlan, stepBudgets } from './plan-budgets.ts';
import { linkPresenter } from './presenter-link.ts';
import {
  applyCommand,
  type Command,
  commandForKey,
  formatClock,
  moveTo,
  type PresenterState,
  type StepInfo,
  timerReading,
} from './presenter-state.ts';

interface ViewConfig {
  lesson: string;
  steps: StepInfo[];
  plans: LessonPlan[];
}

const COMPONENT = 'PresenterView';
/** How often the timer redraws; a second would let it lag up to a second behind. */
const TICK_MS = 250;

function budgetText(minutes: number | null): string {
  return minutes === null ? 'no budget' : `${formatClock(minutes * 60_000)}`;
}

/** Wires the presenter view on the page, if there is one. */
export function setUpPresenterView(): void {
  const root = document.querySelector<HTMLElement>('[data-presenter]');
  if (!root) return;
  const config = JSON.parse(root.dataset.config ?? '{}') as ViewConfig;
  const steps = config.steps;
  const sections = [...root.querySelectorAll<HTMLElement>('section[data-step]')];
  const bar = required<HTMLElement>(root, '[data-bar]', COMPONENT);
  const timer = required<HTMLElement>(root, '[data-timer]', COMPONENT);
  const elapsed = required<HTMLElement>(root, '[data-elapsed]', COMPONENT);
  const budget = required<HTMLElement>(root, '[data-budget]', COMPONENT);
  const status = required<HTMLElement>(root, '[data-timer-status]', COMPONENT);
  const upNext = required<HTMLElement>(root, '[data-up-next]', COMPONENT);
  const announce = required<HTMLElement>(root, '[data-announce]', COMPONENT);
  const planNote = required<HTMLElement>(root, '[data-plan-note]', COMPONENT);
  const partLinks = [...root.querySelectorAll<HTMLAnchorElement>('a[data-go]')];
  const planId = new URLSearchParams(location.search).get('plan');
  const plan = config.plans.find((candidate) => candidate.id === planId) ?? null;
  const budgets = stepBudgets(steps, plan);
  if (planId) {
    planNote.textContent = plan
      ? `Budgets from the workshop plan "${plan.title}"; parts it does not cover keep the notes' minutes.`
      : `No workshop plan "${planId}" teaches this lesson; budgets come from the notes.`;
  }

  const link = linkPresenter(config.lesson, steps.length);
  let shown = -1;

  const drawTimer = (state: PresenterState) => {
    const minutes = budgets[state.step]?.minutes ?? null;
    const reading = timerReading(state, minutes, Date.now());
    elapsed.textContent = reading.elapsed;
    budget.textContent = reading.budget ? `of ${reading.budget}` : '(no budget)';
    timer.dataset.state = reading.over ? 'over' : 'within';
    status.textContent = reading.over ? `⚠ Over budget by ${reading.overBy}` : reading.budget ? 'Within budget' : 'This part is not timed';
  };

  const draw = (state: PresenterState) => {
    if (state.step !== shown) {
      shown = state.step;
      sections.forEach((section, index) => {
        section.hidden = index !== state.step;
      });
      partLinks.forEach((a, index) => {
        if (index === state.step) a.setAttribute('aria-current', 'step');
        else a.removeAttribute('aria-current');
      });
      const step = steps[state.step];
      const next = steps[state.step + 1];
      const nextBudget = budgets[state.step + 1]?.minutes ?? null;
      upNext.textContent = next ? `Next: ${next.title} (${budgetText(nextBudget)})` : 'Next: nothing, this is the last part.';
      announce.textContent = `Part ${state.step + 1} of ${steps.length}: ${step?.title ?? ''}`;
      document.title = `${state.step + 1}/${steps.length} ${step?.title ?? ''} · Presenter`;
    }
    drawTimer(state);
  };

  const run = (command: Command) => {
    const next = applyCommand(link.current(), command, steps.length, Date.now());
    link.update(next);
    draw(next);
  };

  link.onRemoteChange(draw);
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-command]')) {
    button.addEventListener('click', () => run(button.dataset.command as Command));
  }
  partLinks.forEach((a, index) => {
    a.addEventListener('click', (event) => {
      event.preventDefault();
      const next = moveTo(link.current(), index, steps.length, Date.now());
      link.update(next);
      draw(next);
    });
  });
  document.addEventListener('keydown', (event) => {
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    run(command);
  });
  bar.hidden = false;
  draw(link.current());
  // From here each part's `hidden` decides; before, the CSS showed only the first (see PresenterView.astro).
  root.dataset.ready = '';
  setInterval(() => drawTimer(link.current()), TICK_MS);
}
