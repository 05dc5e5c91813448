// The lesson page while its instructor presents (loaded by present-boot.ts): the page scrolls to the
// section the presenter is on and marks its heading, and tells the presenter when the instructor
// scrolls to another section or presses the presenter's keys here. Presenting is a per-tab choice,
// so a reload keeps it and another tab of the same lesson is left alone.
import { required } from '../../lib/dom.ts';
import { PAGE_TOP } from '../../lib/speaker-notes.ts';
import { type PresentConfig, rememberPresenting } from './present-boot.ts';
import { linkPresenter } from './presenter-link.ts';
import {
  applyCommand,
  commandForKey,
  type HeadingPosition,
  moveTo,
  type PresenterState,
  placeInPage,
  stepForPlace,
} from './presenter-state.ts';

const COMPONENT = 'PresentButton';
/** A section is the reader's once its heading is above this share of the window's height. */
const READING_LINE = 0.3;

/** What the Present button does once the presenting code is loaded. */
export interface Presenting {
  /** The Present button was clicked; `popupOpened` says whether the browser let the presenter window open. */
  presentClicked(popupOpened: boolean): void;
  /** Presents again at the shared state's part: this tab was presenting before a reload, or was opened with ?present. */
  resume(): void;
}

/** Wires presenting on the lesson page; nothing follows the presenter until one of Presenting's calls. */
export function startPresenting(root: HTMLElement, config: PresentConfig): Presenting {
  const { steps, lesson } = config;
  const openButton = required<HTMLButtonElement>(root, '[data-open-presenter]', COMPONENT);
  const stopButton = required<HTMLButtonElement>(root, '[data-stop-presenting]', COMPONENT);
  const status = required<HTMLElement>(root, '[data-present-status]', COMPONENT);

  const headingOf = (place: string): HTMLElement | null =>
    place === PAGE_TOP ? document.querySelector<HTMLElement>('.lesson h1') : document.getElementById(place);
  const anchors = [...new Set(steps.flatMap((step) => step.anchors).filter((anchor) => anchor !== PAGE_TOP))];
  const currentPlace = (): string => {
    const positions: HeadingPosition[] = anchors.flatMap((id) => {
      const heading = document.getElementById(id);
      return heading ? [{ id, top: heading.getBoundingClientRect().top }] : [];
    });
    const atBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    return placeInPage(positions, window.innerHeight * READING_LINE, { height: window.innerHeight, atBottom });
  };

  const link = linkPresenter(lesson, steps.length);
  let presenting = false;
  let marked: HTMLElement | null = null;
  // The section last seen on screen: the page reports a section only when the reader moves into another.
  let lastPlace = currentPlace();

  const show = (state: PresenterState, scroll: boolean) => {
    const place = steps[state.step]?.anchors[0];
    marked?.removeAttribute('aria-current');
    marked = place ? headingOf(place) : null;
    marked?.setAttribute('aria-current', 'step');
    if (scroll && place) {
      if (place === PAGE_TOP) window.scrollTo({ top: 0, behavior: 'instant' });
      else marked?.scrollIntoView({ block: 'start', behavior: 'instant' });
      lastPlace = currentPlace();
    }
    status.textContent = `Part ${state.step + 1} of ${steps.length}`;
  };

  const setPresenting = (on: boolean) => {
    presenting = on;
    rememberPresenting(lesson, on);
    root.toggleAttribute('data-presenting', on);
    stopButton.hidden = !on;
    openButton.textContent = on ? 'Presenter window' : 'Present';
    if (on) return;
    marked?.removeAttribute('aria-current');
    marked = null;
    status.textContent = '';
  };

  const update = (next: PresenterState, scroll: boolean) => {
    link.update(next);
    show(next, scroll);
  };

  stopButton.addEventListener('click', () => setPresenting(false));
  link.onRemoteChange((state) => {
    if (presenting) show(state, true);
  });

  let pending = false;
  window.addEventListener(
    'scroll',
    () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        const place = currentPlace();
        if (place === lastPlace) return;
        lastPlace = place;
        if (!presenting) return;
        const state = link.current();
        const step = stepForPlace(steps, place, state.step);
        if (step !== state.step) update(moveTo(state, step, steps.length, Date.now()), false);
      });
    },
    { passive: true },
  );

  document.addEventListener('keydown', (event) => {
    if (!presenting) return;
    const command = commandForKey(event);
    if (!command) return;
    event.preventDefault();
    update(applyCommand(link.current(), command, steps.length, Date.now()), true);
  });

  return {
    presentClicked(popupOpened) {
      if (!presenting) {
        setPresenting(true);
        // Presenting starts where the reader is: the stored part and its timer when it is the same one.
        const state = link.current();
        update(moveTo(state, stepForPlace(steps, currentPlace(), state.step), steps.length, Date.now()), false);
      }
      if (!popupOpened) {
        status.textContent = `Your browser blocked the presenter window. Allow pop-ups for this site, or open ${config.presenterUrl} yourself.`;
      }
    },
    resume() {
      setPresenting(true);
      show(link.current(), true);
    },
  };
}
