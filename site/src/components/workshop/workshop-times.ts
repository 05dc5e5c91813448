// The timetable's clock times from the start time the instructor picks: every time cell carries its
// offset in minutes from the day's start, and is rewritten from the chosen time. The choice is kept in
// localStorage, so the page opens with it next time.
import { browserStorage } from '../../lib/browser-storage.ts';
// From date-time.ts, not workshops.ts: that one brings zod into the page's script.
import { clockTime, parseClockTime } from '../../lib/date-time.ts';

/** localStorage key of the chosen start time ("09:00"). */
export const WORKSHOP_START_KEY = 'hybrid-lab:workshop-start:v1';

function show(root: HTMLElement, start: number): void {
  for (const cell of root.querySelectorAll<HTMLElement>('[data-offset]')) {
    const from = start + Number(cell.dataset.offset);
    const to = from + Number(cell.dataset.minutes);
    cell.textContent = `${clockTime(from)}–${clockTime(to)}`;
  }
}

/** Wires the start-time field of every timetable on the page. */
export function setUpWorkshopTimes(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-workshop-plan]')) {
    const input = root.querySelector<HTMLInputElement>('input[data-start]');
    const note = root.querySelector<HTMLElement>('[data-start-note]');
    if (!input) continue;
    const store = browserStorage();
    let kept: string | null = null;
    try {
      kept = store?.getItem(WORKSHOP_START_KEY) ?? null;
    } catch {
      kept = null;
    }
    if (kept && parseClockTime(kept) !== null) input.value = kept;
    const apply = () => {
      const start = parseClockTime(input.value);
      if (start === null) {
        if (note) note.textContent = 'Type a time such as 09:00; the timetable keeps the last valid one.';
        return;
      }
      if (note) note.textContent = '';
      show(root, start);
      try {
        store?.setItem(WORKSHOP_START_KEY, input.value);
      } catch {
        // Storage refused (private mode): the time still applies to this page.
      }
    };
    input.addEventListener('input', apply);
    input.closest('fieldset')?.removeAttribute('hidden');
    apply();
  }
}
