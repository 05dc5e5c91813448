// The team view's logic, pure so unit tests reach it: read the progress files a team lead drops,
// say what is wrong with the ones that cannot be read, and turn the rest into one table row per
// file, with the status words and the next lesson the learner's own track page shows.

import {
  type LessonStatus,
  lessonStatus,
  nextLesson,
  type Progress,
  type ProgressLesson,
  parseProgressFile,
  progressFileSizeError,
  tasksPassedCount,
  unknownLessonIds,
} from '../../lib/progress.ts';
import { STATUS_LABELS } from './status-labels.ts';

/** sessionStorage key of the files in the team table: a list of {fileName, text}. */
export const TEAM_FILES_KEY = 'hybrid-lab:team-files';

/** A lesson of the track the team view shows (computed at build time). */
export interface TeamLesson extends ProgressLesson {
  title: string;
  href: string;
}

/** One progress file the team view accepted. */
export interface TeamMember {
  fileName: string;
  /** The file's text as dropped, kept so the table can be restored from sessionStorage. */
  text: string;
  /** The name in the file (version 2 and later), if the learner typed one. */
  learner: string | undefined;
  exportedAt: string;
  progress: Progress;
}

/** What came of one dropped file: a member (with notes worth reading), or why it was refused. */
export type TeamFileResult = { ok: true; member: TeamMember; notes: string[] } | { ok: false; fileName: string; error: string };

/** One cell of the table: a lesson's status for one learner. */
export interface TeamCell {
  lessonId: string;
  status: LessonStatus;
  symbol: string;
  /** "Done", "In progress" or "Not started", as the track pages say it. */
  text: string;
  /** "1 of 3 tasks" for a lesson with an exercise; '' without one. */
  tasks: string;
}

/** One row of the table: one file. */
export interface TeamRow {
  /** The file the row shows (Remove takes it out of the list by identity). */
  member: TeamMember;
  /** The learner's name from the file, else the file name. */
  label: string;
  fileName: string;
  learner: string | undefined;
  exportedAt: string;
  /** How many other rows carry the same label (the same name, or the same file name when nameless). */
  sameLabel: number;
  cells: TeamCell[];
  /** The first lesson of the track not done; undefined when all are. */
  next: TeamLesson | undefined;
  /** The newest updatedAt among the track's lessons; undefined when nothing in the track is recorded. */
  lastProgress: string | undefined;
}

/** Why a file of `bytes` bytes is refused before it is read, naming it; undefined when it may be read. */
export function teamFileSizeError(fileName: string, bytes: number): string | undefined {
  const error = progressFileSizeError(bytes);
  return error === undefined ? undefined : `${fileName}: ${error}`;
}

/**
 * Reads one dropped file's text with the site's own parser. A file naming lessons this site does
 * not have is still shown (those lessons are left out) with a note naming them.
 */
export function readTeamFile(fileName: string, text: string, siteLessons: ReadonlySet<string>): TeamFileResult {
  const parsed = parseProgressFile(text);
  if (!parsed.ok) return { ok: false, fileName, error: `${fileName}: ${parsed.error}` };
  const notes: string[] = [];
  const unknown = unknownLessonIds(parsed.progress, siteLessons);
  if (unknown.length > 0) {
    const list = unknown.map((id) => JSON.stringify(id)).join(', ');
    notes.push(
      unknown.length === 1
        ? `${fileName}: it has progress for a lesson this site does not have (${list}); that lesson is left out, the rest is shown.`
        : `${fileName}: it has progress for ${unknown.length} lessons this site does not have (${list}); they are left out, the rest is shown.`,
    );
  }
  return { ok: true, member: { fileName, text, learner: parsed.learner, exportedAt: parsed.exportedAt, progress: parsed.progress }, notes };
}

/**
 * Adds the accepted files of `results` to `members`, skipping a file whose text is already in the
 * table. Returns the new list and one message per skipped file.
 */
export function addTeamMembers(
  members: readonly TeamMember[],
  results: readonly TeamFileResult[],
): { members: TeamMember[]; skipped: string[] } {
  const next = [...members];
  const skipped: string[] = [];
  for (const result of results) {
    if (!result.ok) continue;
    const same = next.find((member) => member.text === result.member.text);
    if (same) {
      skipped.push(
        same.fileName === result.member.fileName
          ? `${result.member.fileName}: this file is already in the table.`
          : `${result.member.fileName}: the same file as ${same.fileName}, already in the table.`,
      );
      continue;
    }
    next.push(result.member);
  }
  return { members: next, skipped };
}

/** The label two rows are compared by: case, accents and spacing ignored. */
function sameLabelKey(label: string): string {
  return label.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/** The table's rows, sorted by label (then by export date, older first), each lesson in track order. */
export function teamRows(members: readonly TeamMember[], lessons: readonly TeamLesson[]): TeamRow[] {
  const counts = new Map<string, number>();
  const labelOf = (member: TeamMember) => member.learner ?? member.fileName;
  for (const member of members) {
    const key = sameLabelKey(labelOf(member));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = members.map((member): TeamRow => {
    const label = labelOf(member);
    const cells = lessons.map((lesson): TeamCell => {
      const status = lessonStatus(member.progress, lesson);
      return {
        lessonId: lesson.id,
        status,
        ...STATUS_LABELS[status],
        tasks: lesson.taskCount > 0 ? `${tasksPassedCount(member.progress, lesson)} of ${lesson.taskCount} tasks` : '',
      };
    });
    const times = lessons.flatMap((lesson) => {
      const entry = Object.hasOwn(member.progress, lesson.id) ? member.progress[lesson.id] : undefined;
      return entry ? [entry.updatedAt] : [];
    });
    const lastProgress = times.reduce<string | undefined>(
      (latest, time) => (latest === undefined || Date.parse(time) > Date.parse(latest) ? time : latest),
      undefined,
    );
    return {
      member,
      label,
      fileName: member.fileName,
      learner: member.learner,
      exportedAt: member.exportedAt,
      sameLabel: (counts.get(sameLabelKey(label)) ?? 1) - 1,
      cells,
      next: nextLesson(member.progress, lessons),
      lastProgress,
    };
  });
  return rows.sort(
    (a, b) =>
      a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) ||
      Date.parse(a.exportedAt) - Date.parse(b.exportedAt) ||
      a.fileName.localeCompare(b.fileName, 'en'),
  );
}

/** One line on how far the team is, e.g. "2 learners; 1 has finished the track." */
export function teamSummary(rows: readonly TeamRow[]): string {
  if (rows.length === 0) return 'No progress files yet.';
  const finished = rows.filter((row) => row.next === undefined).length;
  const files = rows.length === 1 ? '1 progress file' : `${rows.length} progress files`;
  const done = finished === 0 ? 'none has' : finished === 1 ? '1 has' : `${finished} have`;
  return `${files} in the table; ${done} finished the track.`;
}

/** The text to keep in sessionStorage for `members`. */
export function storedTeamFiles(members: readonly TeamMember[]): { fileName: string; text: string }[] {
  return members.map(({ fileName, text }) => ({ fileName, text }));
}

/** The files kept in sessionStorage, or none when what is kept is not such a list. */
export function parseStoredTeamFiles(value: unknown): { fileName: string; text: string }[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is { fileName: string; text: string } =>
      typeof item === 'object' && item !== null && typeof item.fileName === 'string' && typeof item.text === 'string',
  );
}
