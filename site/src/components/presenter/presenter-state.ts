// The state the presenter window and the lesson page share: which step of the speaker notes is on,
// and when its timer started. Pure, so the rules (moving, restarting, which copy wins, which key
// does what, what the timer reads) are tested without a browser; presenter-link.ts moves the
// state between windows.
import { type Minutes, PAGE_TOP } from '../../lib/speaker-notes.ts';

/** What both windows know of a step (serialised into both pages at build time). */
export interface StepInfo {
  title: string;
  /** Ids of the page headings the step covers; PAGE_TOP for the Opening; none for the Debrief. */
  anchors: string[];
  /** Minutes from the lesson's start in the notes, or null when the step is not timed. */
  minutes: Minutes | null;
}

/** The shared state. `changedAt` orders copies from different windows: the later one wins. */
export interface PresenterState {
  step: number;
  /** When the current step's timer started (ms since the epoch). */
  startedAt: number;
  changedAt: number;
}

/** localStorage key of a lesson's presenter state. */
export function stateKey(lesson: string): string {
  return `hybrid-lab:presenter:v1:${lesson}`;
}

/** BroadcastChannel the windows of one origin talk on; messages carry the lesson's id. */
export const PRESENTER_CHANNEL = 'hybrid-lab-presenter';

/** The first step, its timer starting now. */
export function initialState(now: number): PresenterState {
  return { step: 0, startedAt: now, changedAt: now };
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** A stored or received state, or null when it is not one or names a step the lesson does not have. */
export function parseState(value: unknown, stepCount: number): PresenterState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { step, startedAt, changedAt } = value as Record<string, unknown>;
  if (!Number.isInteger(step) || (step as number) < 0 || (step as number) >= stepCount) return null;
  if (!isTime(startedAt) || !isTime(changedAt)) return null;
  return { step: step as number, startedAt, changedAt };
}

/** Whether `candidate` (from another window) should replace `current`. */
export function isNewer(candidate: PresenterState, current: PresenterState): boolean {
  return candidate.changedAt > current.changedAt;
}

/** The state on step `step` (kept within the lesson), its timer restarted; the same state when it is already there. */
export function moveTo(state: PresenterState, step: number, stepCount: number, now: number): PresenterState {
  const target = Math.min(Math.max(step, 0), stepCount - 1);
  if (target === state.step) return state;
  return { step: target, startedAt: now, changedAt: now };
}

/** What the keys and buttons ask for. */
export type Command = 'next' | 'previous' | 'restart';

/** The state after a command. */
export function applyCommand(state: PresenterState, command: Command, stepCount: number, now: number): PresenterState {
  if (command === 'restart') return { ...state, startedAt: now, changedAt: now };
  return moveTo(state, state.step + (command === 'next' ? 1 : -1), stepCount, now);
}

const KEY_COMMANDS: Record<string, Command> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ' ': 'next',
  n: 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  p: 'previous',
  t: 'restart',
};

/** The part of an event target the key rules look at (an Element in the browser). */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/** The part of a KeyboardEvent the key rules look at (a KeyboardEvent is one). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
  /** The element the key went to: read as a KeyTarget. */
  target: unknown;
}

/** Where typing goes: inputs, text areas, editable content and Monaco (whose input is not always a textarea). */
const TYPING = 'input, textarea, select, [contenteditable=""], [contenteditable="true"], .monaco-editor';
/** Controls that Space and Enter already activate. */
const CONTROLS = 'button, a[href], summary, [role="button"]';

/**
 * The command a key press asks for, or null when it is not one of the presenter's keys or belongs to
 * something else: a key with a modifier (browser shortcuts), a press into an input or an editor, Space
 * on a button or link (which activates it), or an event a component already handled.
 */
export function commandForKey(press: KeyPress): Command | null {
  if (press.defaultPrevented || press.ctrlKey || press.altKey || press.metaKey || press.shiftKey) return null;
  const command = KEY_COMMANDS[press.key];
  if (!command) return null;
  const target = typeof press.target === 'object' ? (press.target as KeyTarget | null) : null;
  const inside = (selector: string) => typeof target?.closest === 'function' && Boolean(target.closest(selector));
  if (target?.isContentEditable || inside(TYPING)) return null;
  if (press.key === ' ' && inside(CONTROLS)) return null;
  return command;
}

/** "4:05" for 245 s, "1:02:03" past an hour; negative durations read as 0:00. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** What the timer shows: time in this step against its budget. */
export interface TimerReading {
  elapsed: string;
  /** The budget as a clock, or null for a step with none. */
  budget: string | null;
  over: boolean;
  /** How far past the budget, as a clock; null while within it. */
  overBy: string | null;
}

/** The timer of `state`'s step at `now`, against `budgetMinutes` (null: no budget, never over). */
export function timerReading(state: PresenterState, budgetMinutes: number | null, now: number): TimerReading {
  const elapsedMs = Math.max(0, now - state.startedAt);
  if (budgetMinutes === null) return { elapsed: formatClock(elapsedMs), budget: null, over: false, overBy: null };
  const budgetMs = Math.round(budgetMinutes * 60_000);
  const over = elapsedMs > budgetMs;
  return { elapsed: formatClock(elapsedMs), budget: formatClock(budgetMs), over, overBy: over ? formatClock(elapsedMs - budgetMs) : null };
}

/** A step's length in the notes, in minutes, or null when it is not timed. */
export function notesBudget(step: StepInfo): number | null {
  return step.minutes ? step.minutes.end - step.minutes.start : null;
}

/** Whether `place` (a heading id, or PAGE_TOP) is part of `step`. */
export function stepCovers(step: StepInfo | undefined, place: string): boolean {
  return step?.anchors.includes(place) ?? false;
}

/** The step the main window's `place` belongs to: the current one when it covers it, else the first that does, else the current one. */
export function stepForPlace(steps: readonly StepInfo[], place: string, current: number): number {
  if (stepCovers(steps[current], place)) return current;
  const found = steps.findIndex((step) => stepCovers(step, place));
  return found === -1 ? current : found;
}

/** A heading's id and its distance from the top of the viewport. */
export interface HeadingPosition {
  id: string;
  top: number;
}

/**
 * Which section the reader is in: the last heading at or above `line` (px from the viewport's top), or
 * PAGE_TOP above the first. At the bottom of the page, the last heading in view, since a short last
 * section never scrolls up to the line.
 */
export function placeInPage(headings: readonly HeadingPosition[], line: number, view: { height: number; atBottom: boolean }): string {
  const sorted = [...headings].sort((a, b) => a.top - b.top);
  const limit = view.atBottom ? view.height : line;
  let place = PAGE_TOP;
  for (const heading of sorted) {
    if (heading.top <= limit) place = heading.id;
  }
  return place;
}
