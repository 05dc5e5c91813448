// The learner's progress: per lesson, whether it was read, whether its in-page demo ran, and
// which exercise tasks passed. Kept in the browser under one localStorage key, exported and
// imported as a versioned JSON file. Everything here is pure except the event the mark
// functions send, so the home page, the track pages and the lesson page can redraw.
//
// The file format, its versions and the rules of every field live here and nowhere else:
//   version 1: {format, version, exportedAt, lessons}
//   version 2: version 1 plus an optional `learner`, the name the learner typed before exporting
// The site writes the newest version and reads every version up to it.

import type { KeyValueStore } from './browser-storage.ts';

/** The `format` field of a progress file (and of the stored value). */
export const PROGRESS_FORMAT = 'hybrid-lab-progress';
/** The newest file version this site reads and the one it writes. */
export const PROGRESS_VERSION = 2;
/** localStorage key of the stored progress. */
export const PROGRESS_KEY = 'hybrid-lab:progress:v1';
/** localStorage key of the name the learner typed for their exported files. */
export const LEARNER_NAME_KEY = 'hybrid-lab:learner-name';
/** Longest learner name a file may carry (after trimming), in UTF-16 code units as an input's maxlength counts. */
export const MAX_LEARNER_CHARS = 60;
/** Name of the `window` CustomEvent sent after every change; its detail is a ProgressEventDetail. */
export const PROGRESS_EVENT = 'hybrid-lab:progress';

/** What the learner has done in one lesson. */
export interface LessonProgress {
  read: boolean;
  demoRun: boolean;
  /** Ids of the exercise tasks whose tests all passed: sorted, unique, each 1 or more. */
  tasksPassed: number[];
  /** When this lesson's entry last changed (ISO 8601). */
  updatedAt: string;
}

/** Progress by lesson id. */
export type Progress = Record<string, LessonProgress>;

/** The detail of the PROGRESS_EVENT: the progress now, and whether the store kept it. */
export interface ProgressEventDetail {
  progress: Progress;
  /** False when the store refused the write (storage full or disabled): the change lasts until the page closes. */
  saved: boolean;
}

/** What lessonStatus and nextLesson need to know about a lesson (computed at build time). */
export interface ProgressLesson {
  id: string;
  /** Number of `### Task N:` headings of the lesson's exercise; 0 for a lesson without one. */
  taskCount: number;
  /** Whether the lesson has an in-page demo; it only counts for lessons without an exercise. */
  hasDemo?: boolean;
}

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

/** A progress file read and checked: the progress, with the file's version, date and (from version 2) learner name. */
export type ParsedProgressFile =
  | { ok: true; progress: Progress; warnings: string[]; version: number; exportedAt: string; learner?: string }
  | { ok: false; error: string };

/** A typed or stored learner name made ready for a file: no name when blank, or why it cannot be one. */
export type LearnerName = { ok: true; name: string | undefined } | { ok: false; error: string };

/** Largest file parseProgressFile reads: a progress file of a hundred lessons is about 15 kB. */
export const MAX_PROGRESS_FILE_CHARS = 1_000_000;

const LESSON_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LESSON_FIELDS = ['read', 'demoRun', 'tasksPassed', 'updatedAt'] as const;
/** Every top-level field of a progress file, with the version that brought it. */
const FILE_FIELD_SINCE: Readonly<Record<string, number>> = { format: 1, version: 1, exportedAt: 1, learner: 2, lessons: 1 };

/** Thrown inside the validators; parseProgressFile turns it into its error message. */
class ProgressFileError extends Error {}

/** A short rendering of a value found in a file, for error messages. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

function isTaskId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

/** A lesson's own entry (never one inherited from Object.prototype, such as "constructor"). */
function entryOf(progress: Progress, lessonId: string): LessonProgress | undefined {
  return Object.hasOwn(progress, lessonId) ? progress[lessonId] : undefined;
}

/** Sorted, without repeats. */
function normaliseTasks(tasks: readonly number[]): number[] {
  return [...new Set(tasks)].sort((a, b) => a - b);
}

function checkFields(path: string, object: Record<string, unknown>, allowed: readonly string[], version: number): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const since = Object.hasOwn(FILE_FIELD_SINCE, key) ? FILE_FIELD_SINCE[key] : undefined;
      throw new ProgressFileError(
        since === undefined
          ? `${path} has a field "${key}" that version ${version} does not know (allowed: ${allowed.join(', ')}).`
          : `${path} has a field "${key}" that version ${version} does not know: it came in version ${since}, ` +
              `so a file with it says "version": ${since} or later.`,
      );
    }
  }
}

/**
 * The name as files carry it: trimmed, each run of spaces made one, at most MAX_LEARNER_CHARS,
 * no control characters; a blank name is no name. `subject` starts the error: "The name" for
 * what the learner typed, '"learner"' for a file's field.
 */
export function learnerName(typed: string, subject = 'The name'): LearnerName {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: true, name: undefined };
  if (/\p{Cc}/u.test(name))
    return { ok: false, error: `${subject} has a control character in it; use letters, digits, spaces and punctuation.` };
  if (name.length > MAX_LEARNER_CHARS) {
    return { ok: false, error: `${subject} is ${name.length} characters long; at most ${MAX_LEARNER_CHARS} fit. Shorten it.` };
  }
  return { ok: true, name };
}

function validateLearner(value: unknown): string {
  if (typeof value !== 'string') {
    throw new ProgressFileError(`"learner" must be the learner's name as text, such as "Ada Lovelace" (found: ${shown(value)}).`);
  }
  const checked = learnerName(value, '"learner"');
  if (!checked.ok) throw new ProgressFileError(checked.error);
  if (checked.name === undefined) throw new ProgressFileError('"learner" is blank: a file without a name leaves the field out.');
  return checked.name;
}

function validateLesson(id: string, value: unknown, version: number): LessonProgress {
  const path = `lessons[${JSON.stringify(id)}]`;
  if (!isPlainObject(value))
    throw new ProgressFileError(`${path} must be an object with read, demoRun, tasksPassed and updatedAt (found: ${shown(value)}).`);
  checkFields(path, value, LESSON_FIELDS, version);
  for (const field of ['read', 'demoRun'] as const) {
    if (typeof value[field] !== 'boolean')
      throw new ProgressFileError(`${path}.${field} must be true or false (found: ${shown(value[field])}).`);
  }
  const tasks = value.tasksPassed;
  if (!Array.isArray(tasks))
    throw new ProgressFileError(`${path}.tasksPassed must be a list of task numbers such as [1, 2] (found: ${shown(tasks)}).`);
  tasks.forEach((task: unknown, index) => {
    if (!isTaskId(task))
      throw new ProgressFileError(`${path}.tasksPassed[${index}] must be a positive whole number (found: ${shown(task)}).`);
  });
  if (!isIsoDateTime(value.updatedAt)) {
    throw new ProgressFileError(
      `${path}.updatedAt must be a date and time such as "2025-01-31T12:00:00.000Z" (found: ${shown(value.updatedAt)}).`,
    );
  }
  return {
    read: value.read as boolean,
    demoRun: value.demoRun as boolean,
    tasksPassed: normaliseTasks(tasks as number[]),
    updatedAt: value.updatedAt,
  };
}

function validateLessons(value: unknown, version: number): Progress {
  if (!isPlainObject(value)) throw new ProgressFileError(`"lessons" must be an object whose keys are lesson ids (found: ${shown(value)}).`);
  const progress: Progress = {};
  for (const [id, entry] of Object.entries(value)) {
    if (!LESSON_ID.test(id)) {
      throw new ProgressFileError(
        `lessons has the key ${JSON.stringify(id)}, which is not a lesson id (letters, digits, ".", "_" and "-", starting with a letter or digit).`,
      );
    }
    progress[id] = validateLesson(id, entry, version);
  }
  return progress;
}

/** What validateDocument found in a file or in the stored value. */
interface ProgressDocument {
  progress: Progress;
  version: number;
  exportedAt: string | undefined;
  learner: string | undefined;
}

/** Checks format, version, (for files) exportedAt and the learner, then the lessons. */
function validateDocument(data: unknown, requireExportedAt: boolean): ProgressDocument {
  if (!isPlainObject(data)) {
    const kind = Array.isArray(data) ? 'a list' : data === null ? 'null' : `a ${typeof data}`;
    throw new ProgressFileError(
      `This is not a Hybrid Lab progress file: it holds ${kind}, not an object with "format": "${PROGRESS_FORMAT}".`,
    );
  }
  if (data.format !== PROGRESS_FORMAT) {
    const found = data.format === undefined ? 'it has no "format" field' : `its "format" is ${shown(data.format)}`;
    throw new ProgressFileError(`This is not a Hybrid Lab progress file: ${found}, expected "${PROGRESS_FORMAT}".`);
  }
  const version = data.version;
  if (!isTaskId(version))
    throw new ProgressFileError(`"version" must be a positive whole number such as ${PROGRESS_VERSION} (found: ${shown(version)}).`);
  if (version > PROGRESS_VERSION) {
    throw new ProgressFileError(
      `This progress file is version ${version}, written by a newer Hybrid Lab; this site reads version ${PROGRESS_VERSION} and older. ` +
        'Open it on the site that wrote it, or update this one.',
    );
  }
  const allowed = Object.keys(FILE_FIELD_SINCE).filter((field) => (FILE_FIELD_SINCE[field] ?? Infinity) <= version);
  checkFields('The file', data, allowed, version);
  if (requireExportedAt || data.exportedAt !== undefined) {
    if (!isIsoDateTime(data.exportedAt)) {
      throw new ProgressFileError(
        `"exportedAt" must be a date and time such as "2025-01-31T12:00:00.000Z" (found: ${shown(data.exportedAt)}).`,
      );
    }
  }
  const learner = data.learner === undefined ? undefined : validateLearner(data.learner);
  if (data.lessons === undefined)
    throw new ProgressFileError('The file has no "lessons" field: it must hold an object whose keys are lesson ids, {} when empty.');
  const exportedAt = typeof data.exportedAt === 'string' ? data.exportedAt : undefined;
  return { progress: validateLessons(data.lessons, version), version, exportedAt, learner };
}

/** Thrown inside jsonErrorOffset: where the JSON went wrong. */
class JsonStop {
  at: number;
  constructor(at: number) {
    this.at = at;
  }
}

/**
 * Where JSON.parse stops on `text`: the offset of the first character that cannot continue
 * valid JSON (text.length when the text ends too early), or undefined if it is valid. Browsers
 * word their JSON errors differently and some give no position, so the site finds it itself.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const stop = (at: number): never => {
    throw new JsonStop(at);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i += 1;
  };
  const expect = (char: string) => {
    if (text[i] !== char) stop(i);
    i += 1;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const char = text[i];
      if (char === undefined || char < ' ') stop(i);
      i += 1;
      if (char === '"') return;
      if (char === '\\') {
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k += 1) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) stop(i + k);
          i += 5;
        } else if (text[i] !== undefined && '"\\/bfnrt'.includes(text[i] ?? '')) i += 1;
        else stop(i);
      }
    }
  };
  const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
  const digits = () => {
    if (!isDigit(text[i])) stop(i);
    while (isDigit(text[i])) i += 1;
  };
  const number = () => {
    if (text[i] === '-') i += 1;
    if (text[i] === '0') i += 1;
    else digits();
    if (text[i] === '.') {
      i += 1;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      digits();
    }
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i += 1;
      space();
      if (text[i] === close) {
        i += 1;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          string();
          space();
          expect(':');
        }
        value();
        space();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        expect(close);
        return;
      }
    }
    if (char === '"') {
      string();
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (char === word[0]) {
        for (const letter of word) expect(letter);
        return;
      }
    }
    number();
  };
  try {
    value();
    space();
    if (i < text.length) stop(i);
    return undefined;
  } catch (error) {
    if (error instanceof JsonStop) return error.at;
    return undefined; // Nesting too deep for this scanner: JSON.parse's own message has to do.
  }
}

/** A JSON.parse error as a sentence, with the line and column where the JSON goes wrong. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let reason = message
    .replace(/^(Unexpected token .+?), .*is not valid JSON$/s, '$1')
    .replace(/\s*\(line \d+ column \d+\)\s*$/, '')
    .replace(/\s+in JSON at position \d+\s*$/, '')
    .replace(/\s+at position \d+\s*$/, '')
    .replace(/^JSON\.parse:\s*/, '')
    .replace(/\s+at line \d+ column \d+ of the JSON data$/, '')
    .replace(/^JSON Parse error:\s*/, '')
    .replace(/\.$/, '');
  const engineOffset = /position (\d+)/.exec(message)?.[1];
  const offset = jsonErrorOffset(text) ?? (engineOffset === undefined ? undefined : Number(engineOffset));
  if (offset === undefined) return `This file is not valid JSON: ${reason}. A progress file is the JSON that "Export" writes.`;
  if (offset >= text.trimEnd().length) reason = 'the file ends before the JSON is complete';
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1) ?? '').length + 1;
  return `This file is not valid JSON: ${reason} at line ${line}, column ${column}. A progress file is the JSON that "Export" writes.`;
}

/**
 * Why a file of `size` bytes (or characters) is refused before it is read; undefined when it is
 * small enough. Callers holding a File check its size first, so a huge file is never read.
 */
export function progressFileSizeError(size: number): string | undefined {
  if (size <= MAX_PROGRESS_FILE_CHARS) return undefined;
  return `This file is ${Math.round(size / 1000)} kB; a progress file is a few kilobytes, so this is not one.`;
}

/** The lesson ids of `progress` that are not in `knownLessons`, in the progress's order. */
export function unknownLessonIds(progress: Progress, knownLessons: ReadonlySet<string>): string[] {
  return Object.keys(progress).filter((id) => !knownLessons.has(id));
}

/**
 * Reads and checks a progress file of any version up to PROGRESS_VERSION. On error, says what is
 * wrong and where (the JSON position, or the path of the bad field); on success, warns about
 * lessons this site does not know (their progress is kept, so it shows again once the lessons exist).
 */
export function parseProgressFile(text: string, knownLessons?: ReadonlySet<string>): ParsedProgressFile {
  const tooLarge = progressFileSizeError(text.length);
  if (tooLarge !== undefined) return { ok: false, error: tooLarge };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: 'This file is empty. A progress file is the JSON that "Export" writes.' };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: describeJsonError(body, error) };
  }
  let document: ProgressDocument;
  try {
    document = validateDocument(data, true);
  } catch (error) {
    if (error instanceof ProgressFileError) return { ok: false, error: error.message };
    throw error;
  }
  const { progress, version, exportedAt = '', learner } = document;
  const warnings: string[] = [];
  if (knownLessons) {
    const unknown = unknownLessonIds(progress, knownLessons);
    if (unknown.length > 0) {
      const list = unknown.map((id) => JSON.stringify(id)).join(', ');
      warnings.push(
        unknown.length === 1
          ? `The file has progress for a lesson this site does not have (${list}); it is kept, and shows if the lesson is added.`
          : `The file has progress for ${unknown.length} lessons this site does not have (${list}); they are kept, and show if the lessons are added.`,
      );
    }
  }
  return learner === undefined
    ? { ok: true, progress, warnings, version, exportedAt }
    : { ok: true, progress, warnings, version, exportedAt, learner };
}

/**
 * The progress file's text, in the newest version: {format, version, exportedAt, learner, lessons},
 * lessons in id order; `learner` only when a name is given (it goes through learnerName, and a
 * name learnerName refuses throws a RangeError with its message).
 */
export function exportProgress(progress: Progress, now: Date = new Date(), learner?: string): string {
  const checked = learnerName(learner ?? '');
  if (!checked.ok) throw new RangeError(checked.error);
  const lessons: Progress = {};
  for (const id of Object.keys(progress).sort()) {
    const entry = progress[id];
    if (entry) lessons[id] = { ...entry, tasksPassed: normaliseTasks(entry.tasksPassed) };
  }
  const file = {
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION,
    exportedAt: now.toISOString(),
    ...(checked.name === undefined ? {} : { learner: checked.name }),
    lessons,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * The file name Export offers, in the reader's local date: hybrid-lab-progress-YYYY-MM-DD.json,
 * or with a name hybrid-lab-progress-ada-lovelace-YYYY-MM-DD.json (letters and digits of any
 * script, accents dropped), so a team lead's folder of files tells them apart.
 */
export function exportFileName(now: Date = new Date(), learner?: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const slug = (learner ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `hybrid-lab-progress-${slug ? `${slug}-` : ''}${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

/** The stored progress; empty when there is none, or when what is stored cannot be read. Never throws. */
export function loadProgress(store: KeyValueStore): Progress {
  try {
    const text = store.getItem(PROGRESS_KEY);
    if (text === null) return {};
    return validateDocument(JSON.parse(text), false).progress;
  } catch {
    return {};
  }
}

/** The name the learner last typed for their files, as typed; '' when none or when the store refuses. */
export function loadLearnerName(store: KeyValueStore): string {
  try {
    return store.getItem(LEARNER_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Keeps the typed name (a blank one is removed); false when the store refused. */
export function saveLearnerName(store: KeyValueStore, typed: string): boolean {
  try {
    if (typed.trim() === '') store.removeItem(LEARNER_NAME_KEY);
    else store.setItem(LEARNER_NAME_KEY, typed);
    return true;
  } catch {
    return false;
  }
}

function save(store: KeyValueStore, progress: Progress): boolean {
  try {
    store.setItem(PROGRESS_KEY, JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, lessons: progress }));
    return true;
  } catch {
    return false;
  }
}

function announce(progress: Progress, saved: boolean): void {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent<ProgressEventDetail>(PROGRESS_EVENT, { detail: { progress, saved } }));
}

/** Loads, changes one lesson's entry (stamping updatedAt only if it changed), saves and announces. */
function update(store: KeyValueStore, lessonId: string, change: (entry: LessonProgress) => LessonProgress): Progress {
  if (!LESSON_ID.test(lessonId)) throw new RangeError(`progress: ${JSON.stringify(lessonId)} is not a lesson id.`);
  const progress = loadProgress(store);
  const before = entryOf(progress, lessonId) ?? { read: false, demoRun: false, tasksPassed: [], updatedAt: '' };
  const after = change(before);
  const changed = after.read !== before.read || after.demoRun !== before.demoRun || after.tasksPassed.join() !== before.tasksPassed.join();
  const next: Progress = changed ? { ...progress, [lessonId]: { ...after, updatedAt: new Date().toISOString() } } : progress;
  announce(next, save(store, next));
  return next;
}

/** Marks a lesson read (or, with read = false, not read). */
export function markRead(store: KeyValueStore, lessonId: string, read = true): Progress {
  return update(store, lessonId, (entry) => ({ ...entry, read }));
}

/** Records that the lesson's in-page demo ran to the end. */
export function markDemoRun(store: KeyValueStore, lessonId: string): Progress {
  return update(store, lessonId, (entry) => ({ ...entry, demoRun: true }));
}

/** Records that every test of one exercise task passed; taskId is the N of `### Task N:`. */
export function markTaskPassed(store: KeyValueStore, lessonId: string, taskId: number): Progress {
  if (!isTaskId(taskId)) throw new RangeError(`progress: task id must be a positive whole number, got ${String(taskId)}.`);
  return update(store, lessonId, (entry) => ({ ...entry, tasksPassed: normaliseTasks([...entry.tasksPassed, taskId]) }));
}

/**
 * Replaces the stored progress with `progress` and announces it. The site's Import merges first
 * (mergeProgress), so importing a file never loses what this browser had; false if the store refused.
 */
export function importProgress(store: KeyValueStore, progress: Progress): boolean {
  const saved = save(store, progress);
  announce(progress, saved);
  return saved;
}

/** Forgets all progress and announces it; false if the store refused. */
export function clearProgress(store: KeyValueStore): boolean {
  let removed = true;
  try {
    store.removeItem(PROGRESS_KEY);
  } catch {
    removed = false;
  }
  announce({}, removed);
  return removed;
}

/**
 * Both progresses together: a lesson is read, or its demo ran, or a task passed, if either says
 * so; updatedAt is the later of the two.
 */
export function mergeProgress(ours: Progress, theirs: Progress): Progress {
  const merged: Progress = { ...ours };
  for (const [id, entry] of Object.entries(theirs)) {
    const mine = entryOf(merged, id);
    merged[id] = mine
      ? {
          read: mine.read || entry.read,
          demoRun: mine.demoRun || entry.demoRun,
          tasksPassed: normaliseTasks([...mine.tasksPassed, ...entry.tasksPassed]),
          updatedAt: Date.parse(entry.updatedAt) > Date.parse(mine.updatedAt) ? entry.updatedAt : mine.updatedAt,
        }
      : { ...entry, tasksPassed: [...entry.tasksPassed] };
  }
  return merged;
}

/** How many of a lesson's tasks passed (ids beyond its task count, from an older version of the lesson, do not count). */
export function tasksPassedCount(progress: Progress, lesson: ProgressLesson): number {
  return (entryOf(progress, lesson.id)?.tasksPassed ?? []).filter((task) => task <= lesson.taskCount).length;
}

/**
 * Where the learner stands in a lesson. Done means read and every task passed; a lesson without
 * an exercise is done when read and, if it has a demo, once the demo ran. Not started means
 * nothing recorded yet; anything between is in progress.
 */
export function lessonStatus(progress: Progress, lesson: ProgressLesson): LessonStatus {
  const entry = entryOf(progress, lesson.id);
  if (!entry) return 'not-started';
  const passed = tasksPassedCount(progress, lesson);
  const demoDone = lesson.taskCount > 0 || !lesson.hasDemo || entry.demoRun;
  if (entry.read && passed === lesson.taskCount && demoDone) return 'done';
  if (entry.read || entry.demoRun || passed > 0) return 'in-progress';
  return 'not-started';
}

/** The first lesson of a track (in order) that is not done; undefined when all are. */
export function nextLesson<L extends ProgressLesson>(progress: Progress, trackLessons: readonly L[]): L | undefined {
  return trackLessons.find((lesson) => lessonStatus(progress, lesson) !== 'done');
}

/** Totals over all lessons: what Clear would forget. */
export function progressCounts(progress: Progress): { lessons: number; read: number; demoRuns: number; tasksPassed: number } {
  const entries = Object.values(progress);
  return {
    lessons: entries.length,
    read: entries.filter((entry) => entry.read).length,
    demoRuns: entries.filter((entry) => entry.demoRun).length,
    tasksPassed: entries.reduce((sum, entry) => sum + entry.tasksPassed.length, 0),
  };
}
