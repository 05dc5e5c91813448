import { describe, expect, it } from 'vitest';
import { PAGE_TOP } from '../../lib/speaker-notes.ts';
import {
  applyCommand,
  commandForKey,
  formatClock,
  initialState,
  isNewer,
  type KeyPress,
  moveTo,
  parseState,
  placeInPage,
  type StepInfo,
  stepForPlace,
  timerReading,
} from './presenter-state.ts';

const steps: StepInfo[] = [
  { title: 'Opening', anchors: [PAGE_TOP], minutes: { start: 0, end: 5 } },
  { title: 'The kernel; What a crossing costs', anchors: ['the-kernel', 'crossing'], minutes: { start: 5, end: 15 } },
  { title: 'Exercise', anchors: ['exercise'], minutes: { start: 15, end: 45 } },
  { title: 'Debrief', anchors: [], minutes: { start: 45, end: 50 } },
];

/** A key press on the page's body unless said otherwise. */
function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    shiftKey: false,
    defaultPrevented: false,
    target: { tagName: 'BODY' },
    ...extra,
  };
}

/** An element inside one that matches `within` (as Element.closest sees it). */
function targetInside(within: string, tagName = 'DIV') {
  return { tagName, closest: (selector: string) => (selector.split(', ').includes(within) ? {} : null) };
}

describe('moving through the steps', () => {
  it('moves forward and back within the lesson, restarting the timer on every move and only then', () => {
    let state = initialState(1_000);
    state = applyCommand(state, 'next', steps.length, 2_000);
    expect(state).toEqual({ step: 1, startedAt: 2_000, changedAt: 2_000 });
    state = applyCommand(applyCommand(state, 'next', steps.length, 3_000), 'next', steps.length, 4_000);
    const last = applyCommand(state, 'next', steps.length, 5_000);
    expect(last).toBe(state);
    expect(applyCommand(initialState(1_000), 'previous', steps.length, 2_000)).toEqual(initialState(1_000));
    expect(moveTo(state, 99, steps.length, 6_000)).toBe(state);
    expect(moveTo(state, 0, steps.length, 6_000)).toEqual({ step: 0, startedAt: 6_000, changedAt: 6_000 });
  });

  it('restarts the timer on the same step', () => {
    expect(applyCommand({ step: 2, startedAt: 1_000, changedAt: 1_000 }, 'restart', steps.length, 9_000)).toEqual({
      step: 2,
      startedAt: 9_000,
      changedAt: 9_000,
    });
  });

  it('keeps the later of two windows’ states', () => {
    const mine = { step: 1, startedAt: 1_000, changedAt: 5_000 };
    expect(isNewer({ step: 2, startedAt: 6_000, changedAt: 6_000 }, mine)).toBe(true);
    expect(isNewer({ step: 0, startedAt: 4_000, changedAt: 4_000 }, mine)).toBe(false);
    expect(isNewer({ ...mine }, mine)).toBe(false);
  });

  it('accepts a stored state only when it names a step of this lesson and real times', () => {
    expect(parseState({ step: 3, startedAt: 1, changedAt: 2 }, steps.length)).toEqual({ step: 3, startedAt: 1, changedAt: 2 });
    expect(parseState({ step: 4, startedAt: 1, changedAt: 2 }, steps.length)).toBeNull();
    expect(parseState({ step: 1.5, startedAt: 1, changedAt: 2 }, steps.length)).toBeNull();
    expect(parseState({ step: 1, startedAt: '1', changedAt: 2 }, steps.length)).toBeNull();
    expect(parseState({ step: 1, startedAt: Number.NaN, changedAt: 2 }, steps.length)).toBeNull();
    expect(parseState(null, steps.length)).toBeNull();
  });
});

describe('keys', () => {
  it('maps the presenter’s keys to commands', () => {
    expect(['ArrowRight', 'PageDown', ' ', 'n'].map((key) => commandForKey(press(key)))).toEqual(['next', 'next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp', 'p'].map((key) => commandForKey(press(key)))).toEqual(['previous', 'previous', 'previous']);
    expect(commandForKey(press('t'))).toBe('restart');
    expect(commandForKey(press('x'))).toBeNull();
  });

  it('leaves shortcuts, handled events, typing and editors alone', () => {
    expect(commandForKey(press('ArrowRight', { altKey: true }))).toBeNull();
    expect(commandForKey(press('n', { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press(' ', { shiftKey: true }))).toBeNull();
    expect(commandForKey(press('ArrowRight', { defaultPrevented: true }))).toBeNull();
    expect(commandForKey(press('n', { target: targetInside('input', 'INPUT') }))).toBeNull();
    expect(commandForKey(press('ArrowRight', { target: targetInside('textarea', 'TEXTAREA') }))).toBeNull();
    expect(commandForKey(press('ArrowLeft', { target: targetInside('.monaco-editor') }))).toBeNull();
    expect(commandForKey(press('p', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  });

  it('lets Space activate a focused button or link, but not the arrows', () => {
    expect(commandForKey(press(' ', { target: targetInside('button', 'BUTTON') }))).toBeNull();
    expect(commandForKey(press(' ', { target: targetInside('a[href]', 'A') }))).toBeNull();
    expect(commandForKey(press('ArrowRight', { target: targetInside('button', 'BUTTON') }))).toBe('next');
  });
});

describe('the timer', () => {
  it('reads elapsed time against the budget, and how far over once past it', () => {
    const state = { step: 1, startedAt: 0, changedAt: 0 };
    expect(timerReading(state, 10, 65_000)).toEqual({ elapsed: '1:05', budget: '10:00', over: false, overBy: null });
    expect(timerReading(state, 10, 600_000)).toEqual({ elapsed: '10:00', budget: '10:00', over: false, overBy: null });
    expect(timerReading(state, 10, 672_000)).toEqual({ elapsed: '11:12', budget: '10:00', over: true, overBy: '1:12' });
    expect(timerReading(state, 8.5, 0)).toMatchObject({ budget: '8:30' });
  });

  it('never goes over without a budget, and reads a start in the future as 0:00', () => {
    expect(timerReading({ step: 0, startedAt: 0, changedAt: 0 }, null, 4_000_000)).toEqual({
      elapsed: '1:06:40',
      budget: null,
      over: false,
      overBy: null,
    });
    expect(timerReading({ step: 0, startedAt: 10_000, changedAt: 10_000 }, 5, 0).elapsed).toBe('0:00');
    expect(formatClock(3_599_999)).toBe('59:59');
  });
});

describe('the page’s place and the presenter’s step', () => {
  it('finds the section whose heading is last above the reading line, the top above the first', () => {
    const headings = [
      { id: 'crossing', top: 900 },
      { id: 'the-kernel', top: 120 },
      { id: 'exercise', top: 2400 },
    ];
    expect(placeInPage(headings, 200, { height: 800, atBottom: false })).toBe('the-kernel');
    expect(placeInPage(headings, 100, { height: 800, atBottom: false })).toBe(PAGE_TOP);
    expect(
      placeInPage(
        headings.map((h) => ({ ...h, top: h.top - 800 })),
        200,
        { height: 800, atBottom: false },
      ),
    ).toBe('crossing');
  });

  it('at the bottom of the page, takes the last heading in view', () => {
    const headings = [
      { id: 'the-kernel', top: -500 },
      { id: 'exercise', top: 600 },
    ];
    expect(placeInPage(headings, 240, { height: 800, atBottom: false })).toBe('the-kernel');
    expect(placeInPage(headings, 240, { height: 800, atBottom: true })).toBe('exercise');
  });

  it('keeps the current step when it covers the place, else takes the first step that does', () => {
    expect(stepForPlace(steps, 'crossing', 1)).toBe(1);
    expect(stepForPlace(steps, 'crossing', 2)).toBe(1);
    expect(stepForPlace(steps, PAGE_TOP, 2)).toBe(0);
    // A place no step covers leaves the presenter where it is.
    expect(stepForPlace(steps, 'nowhere', 3)).toBe(3);
  });
});
