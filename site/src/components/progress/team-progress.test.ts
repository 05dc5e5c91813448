import { describe, expect, it } from 'vitest';
import { exportProgress, lessonStatus, MAX_PROGRESS_FILE_CHARS, PROGRESS_FORMAT, type Progress } from '../../lib/progress.ts';
import { STATUS_LABELS } from './status-labels.ts';
import {
  addTeamMembers,
  parseStoredTeamFiles,
  readTeamFile,
  storedTeamFiles,
  type TeamFileResult,
  type TeamLesson,
  type TeamMember,
  teamFileSizeError,
  teamRows,
  teamSummary,
} from './team-progress.ts';

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-02T11:30:00.000Z';
const T2 = '2025-03-03T09:15:00.000Z';

const lessons: TeamLesson[] = [
  { id: 'starter-01-cargo', taskCount: 2, title: 'Cargo', href: '/lessons/starter-01-cargo/' },
  { id: 'starter-02-ownership', taskCount: 0, title: 'Ownership', href: '/lessons/starter-02-ownership/' },
  { id: 'starter-03-demo', taskCount: 0, hasDemo: true, title: 'A demo', href: '/lessons/starter-03-demo/' },
];
const site = new Set([...lessons.map((lesson) => lesson.id), '01-batching']);

const entry = (fields: Partial<Progress[string]>) => ({ read: false, demoRun: false, tasksPassed: [], updatedAt: T0, ...fields });

/** A member read from an exported file, as the team view would read it. */
function member(fileName: string, progress: Progress, learner?: string, now = new Date(T2)): TeamMember {
  const result = readTeamFile(fileName, exportProgress(progress, now, learner), site);
  if (!result.ok) throw new Error(result.error);
  return result.member;
}

describe('readTeamFile', () => {
  it('reads an exported file with its name, date and progress', () => {
    const progress = { 'starter-01-cargo': entry({ read: true, tasksPassed: [1] }) };
    const text = exportProgress(progress, new Date(T2), 'Ada Lovelace');
    expect(readTeamFile('ada.json', text, site)).toEqual({
      ok: true,
      member: { fileName: 'ada.json', text, learner: 'Ada Lovelace', exportedAt: T2, progress },
      notes: [],
    });
  });

  it('reads a version 1 file, which has no name', () => {
    const text = JSON.stringify({ format: PROGRESS_FORMAT, version: 1, exportedAt: T1, lessons: {} });
    expect(readTeamFile('old.json', text, site)).toMatchObject({ ok: true, member: { learner: undefined, exportedAt: T1 } });
  });

  it('refuses bad and foreign files with a message that names the file', () => {
    const cases: [string, string, string | RegExp][] = [
      ['notes.txt', 'read lesson 1', /^notes\.txt: This file is not valid JSON: .+ at line 1, column 1\./],
      [
        'package.json',
        '{"name": "x"}',
        'package.json: This is not a Hybrid Lab progress file: it has no "format" field, expected "hybrid-lab-progress".',
      ],
      [
        'future.json',
        JSON.stringify({ format: PROGRESS_FORMAT, version: 3, exportedAt: T1, lessons: {} }),
        'future.json: This progress file is version 3, written by a newer Hybrid Lab; this site reads version 2 and older. Open it on the site that wrote it, or update this one.',
      ],
      ['empty.json', '', 'empty.json: This file is empty. A progress file is the JSON that "Export" writes.'],
      [
        'huge.json',
        ' '.repeat(MAX_PROGRESS_FILE_CHARS + 1),
        'huge.json: This file is 1000 kB; a progress file is a few kilobytes, so this is not one.',
      ],
    ];
    for (const [fileName, text, message] of cases) {
      const result = readTeamFile(fileName, text, site);
      expect(result.ok, fileName).toBe(false);
      if (!result.ok) {
        expect(result.fileName).toBe(fileName);
        if (typeof message === 'string') expect(result.error).toBe(message);
        else expect(result.error).toMatch(message);
      }
    }
  });

  it('keeps a file naming lessons this site does not have, with a note naming them', () => {
    const progress = { 'starter-01-cargo': entry({ read: true }), 'rust-99-gone': entry({}), 'old-lesson': entry({}) };
    const result = readTeamFile('bob.json', exportProgress(progress, new Date(T2)), site);
    expect(result).toMatchObject({
      ok: true,
      notes: [
        'bob.json: it has progress for 2 lessons this site does not have ("old-lesson", "rust-99-gone"); they are left out, the rest is shown.',
      ],
    });
    const one = readTeamFile('eve.json', exportProgress({ gone: entry({}) }, new Date(T2)), site);
    expect(one).toMatchObject({
      ok: true,
      notes: ['eve.json: it has progress for a lesson this site does not have ("gone"); that lesson is left out, the rest is shown.'],
    });
  });
});

describe('teamFileSizeError', () => {
  it('refuses a file too large before it is read, naming it', () => {
    expect(teamFileSizeError('a.json', 4_000)).toBeUndefined();
    expect(teamFileSizeError('video.mp4', 52_000_000)).toBe(
      'video.mp4: This file is 52000 kB; a progress file is a few kilobytes, so this is not one.',
    );
  });
});

describe('addTeamMembers', () => {
  it('adds the accepted files, ignores the refused ones, and skips a file already in the table', () => {
    const ada = member('ada.json', {}, 'Ada');
    const results: TeamFileResult[] = [
      { ok: true, member: ada, notes: [] },
      { ok: false, fileName: 'bad.json', error: 'bad.json: broken' },
    ];
    const first = addTeamMembers([], results);
    expect(first).toEqual({ members: [ada], skipped: [] });
    const again = addTeamMembers(first.members, [
      { ok: true, member: { ...ada }, notes: [] },
      { ok: true, member: { ...ada, fileName: 'copy of ada.json' }, notes: [] },
    ]);
    expect(again).toEqual({
      members: [ada],
      skipped: ['ada.json: this file is already in the table.', 'copy of ada.json: the same file as ada.json, already in the table.'],
    });
  });
});

describe('teamRows', () => {
  const ada = member(
    'hybrid-lab-progress-ada-2025-03-03.json',
    {
      'starter-01-cargo': entry({ read: true, tasksPassed: [1, 2], updatedAt: T0 }),
      'starter-02-ownership': entry({ read: true, updatedAt: T1 }),
      '01-batching': entry({ read: true, updatedAt: T2 }),
    },
    'Ada',
  );
  const nameless = member('hybrid-lab-progress-2025-03-03.json', { 'starter-01-cargo': entry({ tasksPassed: [1], updatedAt: T1 }) });
  const nobody = member('zed.json', {}, 'Zed');

  it('has one row per file, labelled by the name in the file or else the file name, sorted by label', () => {
    const rows = teamRows([nobody, ada, nameless], lessons);
    expect(rows.map((row) => row.label)).toEqual(['Ada', 'hybrid-lab-progress-2025-03-03.json', 'Zed']);
    expect(rows.map((row) => row.learner)).toEqual(['Ada', undefined, 'Zed']);
    expect(rows[0]?.member).toBe(ada);
  });

  it('gives each lesson of the track, in order, the status and words the track page uses, with tasks passed', () => {
    const [row] = teamRows([ada], lessons);
    expect(row?.cells).toEqual([
      { lessonId: 'starter-01-cargo', status: 'done', symbol: '✓', text: 'Done', tasks: '2 of 2 tasks' },
      { lessonId: 'starter-02-ownership', status: 'done', symbol: '✓', text: 'Done', tasks: '' },
      { lessonId: 'starter-03-demo', status: 'not-started', symbol: '○', text: 'Not started', tasks: '' },
    ]);
    for (const [index, lesson] of lessons.entries()) {
      const status = lessonStatus(ada.progress, lesson);
      expect(row?.cells[index]).toMatchObject({ status, ...STATUS_LABELS[status] });
    }
    expect(teamRows([nameless], lessons)[0]?.cells[0]).toEqual({
      lessonId: 'starter-01-cargo',
      status: 'in-progress',
      symbol: '◐',
      text: 'In progress',
      tasks: '1 of 2 tasks',
    });
  });

  it('names the next lesson and the newest change among the track’s lessons', () => {
    const [adaRow, namelessRow, zedRow] = teamRows([ada, nameless, nobody], lessons);
    expect(adaRow?.next?.id).toBe('starter-03-demo');
    // 01-batching changed later (T2) but is not in this track.
    expect(adaRow?.lastProgress).toBe(T1);
    expect(namelessRow?.next?.id).toBe('starter-01-cargo');
    expect(namelessRow?.lastProgress).toBe(T1);
    expect(zedRow?.next?.id).toBe('starter-01-cargo');
    expect(zedRow?.lastProgress).toBeUndefined();
    const finished = member('done.json', {
      'starter-01-cargo': entry({ read: true, tasksPassed: [1, 2] }),
      'starter-02-ownership': entry({ read: true }),
      'starter-03-demo': entry({ read: true, demoRun: true, updatedAt: T2 }),
    });
    expect(teamRows([finished], lessons)[0]).toMatchObject({ next: undefined, lastProgress: T2 });
  });

  it('marks rows with the same name (case, accents and spacing aside), keeping both', () => {
    const older = member('ada-monday.json', { 'starter-01-cargo': entry({ read: true }) }, 'Ada', new Date(T0));
    const newer = member('ada-friday.json', {}, 'ADA', new Date(T1));
    const zoe1 = member('z1.json', {}, 'Zoë  Smith');
    const zoe2 = member('z2.json', { 'starter-02-ownership': entry({ read: true }) }, 'zoe smith');
    const rows = teamRows([newer, zoe1, older, nobody, zoe2], lessons);
    expect(rows.map((row) => [row.fileName, row.sameLabel])).toEqual([
      ['ada-monday.json', 1],
      ['ada-friday.json', 1],
      ['zed.json', 0],
      ['z1.json', 1],
      ['z2.json', 1],
    ]);
    const three = teamRows([older, newer, member('ada3.json', { x: entry({}) }, 'Ada')], lessons);
    expect(three.map((row) => row.sameLabel)).toEqual([2, 2, 2]);
  });

  it('marks nameless files that share a file name', () => {
    const a = member('hybrid-lab-progress-2025-03-03.json', {}, undefined, new Date(T0));
    const b = member('hybrid-lab-progress-2025-03-03.json', { 'starter-02-ownership': entry({ read: true }) }, undefined, new Date(T1));
    expect(teamRows([b, a], lessons).map((row) => [row.exportedAt, row.sameLabel])).toEqual([
      [T0, 1],
      [T1, 1],
    ]);
  });

  it('is empty for no files, and has no cells for a track without lessons', () => {
    expect(teamRows([], lessons)).toEqual([]);
    expect(teamRows([ada], [])[0]).toMatchObject({ cells: [], next: undefined, lastProgress: undefined });
  });
});

describe('teamSummary', () => {
  it('counts the files and those who finished the track', () => {
    expect(teamSummary([])).toBe('No progress files yet.');
    const started = member('a.json', { 'starter-01-cargo': entry({ read: true }) }, 'A');
    const finished = member('b.json', {
      'starter-01-cargo': entry({ read: true, tasksPassed: [1, 2] }),
      'starter-02-ownership': entry({ read: true }),
      'starter-03-demo': entry({ read: true, demoRun: true }),
    });
    expect(teamSummary(teamRows([started], lessons))).toBe('1 progress file in the table; none has finished the track.');
    expect(teamSummary(teamRows([started, finished], lessons))).toBe('2 progress files in the table; 1 has finished the track.');
    expect(teamSummary(teamRows([finished, { ...finished, fileName: 'c.json' }], lessons))).toBe(
      '2 progress files in the table; 2 have finished the track.',
    );
  });
});

describe('storedTeamFiles and parseStoredTeamFiles', () => {
  it('keep each file’s name and text, and read back only well-formed entries', () => {
    const ada = member('ada.json', {}, 'Ada');
    const stored = storedTeamFiles([ada]);
    expect(stored).toEqual([{ fileName: 'ada.json', text: ada.text }]);
    expect(parseStoredTeamFiles(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
    expect(parseStoredTeamFiles(null)).toEqual([]);
    expect(parseStoredTeamFiles({ fileName: 'a', text: '' })).toEqual([]);
    expect(parseStoredTeamFiles([{ fileName: 'a' }, 3, null, { fileName: 'b', text: 'x' }])).toEqual([{ fileName: 'b', text: 'x' }]);
  });
});
