import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from './browser-storage.ts';
import {
  clearProgress,
  exportFileName,
  exportProgress,
  importProgress,
  jsonErrorOffset,
  LEARNER_NAME_KEY,
  learnerName,
  lessonStatus,
  loadLearnerName,
  loadProgress,
  MAX_LEARNER_CHARS,
  MAX_PROGRESS_FILE_CHARS,
  markDemoRun,
  markRead,
  markTaskPassed,
  mergeProgress,
  nextLesson,
  PROGRESS_EVENT,
  PROGRESS_FORMAT,
  PROGRESS_KEY,
  PROGRESS_VERSION,
  type Progress,
  type ProgressEventDetail,
  parseProgressFile,
  progressCounts,
  progressFileSizeError,
  saveLearnerName,
  tasksPassedCount,
  unknownLessonIds,
} from './progress.ts';

const T0 = '2025-03-01T10:00:00.000Z';
const T1 = '2025-03-02T11:30:00.000Z';

const sample: Progress = {
  '01-batching': { read: true, demoRun: true, tasksPassed: [1, 3], updatedAt: T0 },
  '02-memory': { read: false, demoRun: false, tasksPassed: [2], updatedAt: T1 },
};

/** A progress file's text (the newest version) with `lessons` (and any top-level field) replaced. */
function file(fields: Record<string, unknown>): string {
  return JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION, exportedAt: T1, lessons: {}, ...fields });
}

/** A file with one lesson whose fields are overridden. */
function fileWithLesson(fields: Record<string, unknown>): string {
  return file({ lessons: { '01-batching': { read: true, demoRun: false, tasksPassed: [1], updatedAt: T0, ...fields } } });
}

function errorOf(text: string): string {
  const result = parseProgressFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
}

describe('constants', () => {
  it('are the ones other components and old files rely on', () => {
    expect(PROGRESS_FORMAT).toBe('hybrid-lab-progress');
    expect(PROGRESS_VERSION).toBe(2);
    expect(PROGRESS_KEY).toBe('hybrid-lab:progress:v1');
    expect(PROGRESS_EVENT).toBe('hybrid-lab:progress');
    expect(LEARNER_NAME_KEY).toBe('hybrid-lab:learner-name');
    expect(MAX_LEARNER_CHARS).toBe(60);
  });
});

describe('loadProgress', () => {
  it('is empty when nothing is stored', () => {
    expect(loadProgress(memoryStore())).toEqual({});
  });

  it('is empty, without throwing, for unreadable stored values', () => {
    for (const bad of [
      '{',
      'null',
      '[]',
      '"text"',
      JSON.stringify({ format: 'other', version: 1, lessons: {} }),
      JSON.stringify({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION + 1, lessons: {} }),
      JSON.stringify({ format: PROGRESS_FORMAT, version: 1, lessons: { x: { read: 'yes' } } }),
    ]) {
      const store = memoryStore();
      store.setItem(PROGRESS_KEY, bad);
      expect(loadProgress(store), bad).toEqual({});
    }
  });

  it('is empty when the store itself throws', () => {
    const store = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {},
      removeItem: () => {},
    };
    expect(loadProgress(store)).toEqual({});
  });

  it('reads what the mark functions stored', () => {
    const store = memoryStore();
    markRead(store, '01-batching');
    markTaskPassed(store, '01-batching', 2);
    const loaded = loadProgress(store);
    expect(loaded['01-batching']).toMatchObject({ read: true, demoRun: false, tasksPassed: [2] });
    expect(JSON.parse(store.values.get(PROGRESS_KEY) ?? '')).toMatchObject({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION });
  });

  it('reads a value stored by the site before version 2', () => {
    const store = memoryStore();
    store.setItem(PROGRESS_KEY, JSON.stringify({ format: PROGRESS_FORMAT, version: 1, lessons: sample }));
    expect(loadProgress(store)).toEqual(sample);
  });
});

describe('mark functions', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(T0));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('record read, demo run and passed tasks (sorted, unique), stamping updatedAt', () => {
    const store = memoryStore();
    expect(markRead(store, '01-batching')).toEqual({ '01-batching': { read: true, demoRun: false, tasksPassed: [], updatedAt: T0 } });
    vi.setSystemTime(new Date(T1));
    markTaskPassed(store, '01-batching', 3);
    markTaskPassed(store, '01-batching', 1);
    markTaskPassed(store, '01-batching', 3);
    const progress = markDemoRun(store, '01-batching');
    expect(progress).toEqual({ '01-batching': { read: true, demoRun: true, tasksPassed: [1, 3], updatedAt: T1 } });
    expect(loadProgress(store)).toEqual(progress);
  });

  it('un-marks read with read = false and leave updatedAt alone when nothing changed', () => {
    const store = memoryStore();
    markRead(store, '01-batching');
    vi.setSystemTime(new Date(T1));
    expect(markRead(store, '01-batching')['01-batching']?.updatedAt).toBe(T0);
    expect(markRead(store, '01-batching', false)['01-batching']).toEqual({ read: false, demoRun: false, tasksPassed: [], updatedAt: T1 });
    expect(markRead(memoryStore(), '02-memory', false)).toEqual({});
  });

  it('keep other lessons as they are', () => {
    const store = memoryStore();
    importProgress(store, sample);
    const progress = markRead(store, '02-memory');
    expect(progress['01-batching']).toEqual(sample['01-batching']);
    expect(progress['02-memory']).toEqual({ read: true, demoRun: false, tasksPassed: [2], updatedAt: T0 });
  });

  it('refuse task ids that are not positive whole numbers, and ids that are not lesson ids', () => {
    const store = memoryStore();
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => markTaskPassed(store, '01-batching', bad)).toThrow(RangeError);
    expect(() => markRead(store, '')).toThrow(RangeError);
    expect(() => markRead(store, '__proto__')).toThrow(RangeError);
    expect(store.values.size).toBe(0);
  });

  it('treat ids such as "constructor" as ordinary lessons', () => {
    const store = memoryStore();
    expect(lessonStatus({}, { id: 'constructor', taskCount: 0 })).toBe('not-started');
    expect(markTaskPassed(store, 'constructor', 1).constructor).toEqual({ read: false, demoRun: false, tasksPassed: [1], updatedAt: T0 });
  });

  it('dispatch the progress event on window, with the new progress and whether it was saved', () => {
    const target = new EventTarget();
    vi.stubGlobal('window', target);
    const seen: ProgressEventDetail[] = [];
    target.addEventListener(PROGRESS_EVENT, (event) => seen.push((event as CustomEvent<ProgressEventDetail>).detail));
    const store = memoryStore();
    const progress = markRead(store, '01-batching');
    markDemoRun(store, '01-batching');
    markTaskPassed(store, '01-batching', 2);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toEqual({ progress, saved: true });
    expect(seen[2]?.progress['01-batching']).toMatchObject({ read: true, demoRun: true, tasksPassed: [2] });

    const full = {
      ...memoryStore(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(markRead(full, '01-batching')['01-batching']?.read).toBe(true);
    expect(seen[3]?.saved).toBe(false);
  });

  it('work without a window (no event, no error)', () => {
    expect(typeof window).toBe('undefined');
    expect(markDemoRun(memoryStore(), '01-batching')['01-batching']?.demoRun).toBe(true);
  });
});

describe('import and clear', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('importProgress replaces the stored progress and announces it', () => {
    const target = new EventTarget();
    vi.stubGlobal('window', target);
    const events: ProgressEventDetail[] = [];
    target.addEventListener(PROGRESS_EVENT, (event) => events.push((event as CustomEvent<ProgressEventDetail>).detail));
    const store = memoryStore();
    markRead(store, '03-other');
    expect(importProgress(store, sample)).toBe(true);
    expect(loadProgress(store)).toEqual(sample);
    expect(events.at(-1)).toEqual({ progress: sample, saved: true });
  });

  it('clearProgress forgets everything and announces an empty progress', () => {
    const target = new EventTarget();
    vi.stubGlobal('window', target);
    const events: ProgressEventDetail[] = [];
    target.addEventListener(PROGRESS_EVENT, (event) => events.push((event as CustomEvent<ProgressEventDetail>).detail));
    const store = memoryStore();
    importProgress(store, sample);
    expect(clearProgress(store)).toBe(true);
    expect(store.values.has(PROGRESS_KEY)).toBe(false);
    expect(loadProgress(store)).toEqual({});
    expect(events.at(-1)).toEqual({ progress: {}, saved: true });
  });

  it('mergeProgress keeps whatever either side has done, and the later updatedAt', () => {
    const theirs: Progress = {
      '01-batching': { read: false, demoRun: false, tasksPassed: [2, 3], updatedAt: T1 },
      '03-panics': { read: true, demoRun: false, tasksPassed: [], updatedAt: T0 },
    };
    expect(mergeProgress(sample, theirs)).toEqual({
      '01-batching': { read: true, demoRun: true, tasksPassed: [1, 2, 3], updatedAt: T1 },
      '02-memory': sample['02-memory'],
      '03-panics': theirs['03-panics'],
    });
    expect(mergeProgress({}, sample)).toEqual(sample);
    expect(mergeProgress(sample, {})).toEqual(sample);
  });
});

describe('exportProgress and parseProgressFile', () => {
  it('round-trips: export then parse gives the same progress', () => {
    const text = exportProgress(sample, new Date(T1));
    const parsed = parseProgressFile(text, new Set(Object.keys(sample)));
    expect(parsed).toEqual({ ok: true, progress: sample, warnings: [], version: PROGRESS_VERSION, exportedAt: T1 });
    expect(JSON.parse(text)).toEqual({ format: PROGRESS_FORMAT, version: 2, exportedAt: T1, lessons: sample });
  });

  it('round-trips an empty progress', () => {
    expect(parseProgressFile(exportProgress({}, new Date(T0)))).toEqual({
      ok: true,
      progress: {},
      warnings: [],
      version: PROGRESS_VERSION,
      exportedAt: T0,
    });
  });

  it('writes the learner name when one is given, trimmed, and reads it back', () => {
    const text = exportProgress(sample, new Date(T1), '  Ada   Lovelace ');
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'version', 'exportedAt', 'learner', 'lessons']);
    expect(JSON.parse(text).learner).toBe('Ada Lovelace');
    expect(parseProgressFile(text)).toEqual({
      ok: true,
      progress: sample,
      warnings: [],
      version: 2,
      exportedAt: T1,
      learner: 'Ada Lovelace',
    });
    for (const blank of [undefined, '', '   ']) expect(JSON.parse(exportProgress({}, new Date(T1), blank))).not.toHaveProperty('learner');
  });

  it('refuses to export under a name learnerName refuses', () => {
    expect(() => exportProgress(sample, new Date(T1), 'x'.repeat(61))).toThrow(
      new RangeError('The name is 61 characters long; at most 60 fit. Shorten it.'),
    );
  });

  it('reads version 1 files, which have no learner', () => {
    const text = JSON.stringify({ format: PROGRESS_FORMAT, version: 1, exportedAt: T1, lessons: sample });
    const parsed = parseProgressFile(text);
    expect(parsed).toEqual({ ok: true, progress: sample, warnings: [], version: 1, exportedAt: T1 });
    expect(parsed.ok && 'learner' in parsed).toBe(false);
  });

  it('writes lessons in id order with sorted tasks', () => {
    const text = exportProgress({ b: { ...sample['02-memory']!, tasksPassed: [3, 1] }, a: sample['01-batching']! }, new Date(T0));
    const lessons = JSON.parse(text).lessons as Progress;
    expect(Object.keys(lessons)).toEqual(['a', 'b']);
    expect(lessons.b?.tasksPassed).toEqual([1, 3]);
  });

  it('names the download after the local date, and the learner when there is a name', () => {
    const day = new Date(2025, 0, 9, 23, 59);
    expect(exportFileName(day)).toBe('hybrid-lab-progress-2025-01-09.json');
    expect(exportFileName(day, 'Ada Lovelace')).toBe('hybrid-lab-progress-ada-lovelace-2025-01-09.json');
    expect(exportFileName(day, 'Zoë O’Brien-Łukasz')).toBe('hybrid-lab-progress-zoe-o-brien-łukasz-2025-01-09.json');
    expect(exportFileName(day, '李雷')).toBe('hybrid-lab-progress-李雷-2025-01-09.json');
    expect(exportFileName(day, '*** ///')).toBe('hybrid-lab-progress-2025-01-09.json');
    expect(exportFileName(day, `${'a'.repeat(39)} bcd`)).toBe(`hybrid-lab-progress-${'a'.repeat(39)}-2025-01-09.json`);
  });

  it('sorts and de-duplicates tasksPassed and accepts a byte order mark', () => {
    const parsed = parseProgressFile(`\uFEFF${fileWithLesson({ tasksPassed: [3, 1, 3] })}`);
    expect(parsed.ok && parsed.progress['01-batching']?.tasksPassed).toEqual([1, 3]);
  });

  it('keeps lessons this site does not know, and warns about them', () => {
    const known = new Set(['01-batching']);
    expect(parseProgressFile(exportProgress(sample), known)).toMatchObject({
      ok: true,
      progress: sample,
      warnings: ['The file has progress for a lesson this site does not have ("02-memory"); it is kept, and shows if the lesson is added.'],
    });
    expect(parseProgressFile(exportProgress(sample), new Set())).toMatchObject({
      ok: true,
      warnings: [
        'The file has progress for 2 lessons this site does not have ("01-batching", "02-memory"); they are kept, and show if the lessons are added.',
      ],
    });
  });

  describe('refuses, saying what is wrong', () => {
    it('an empty file', () => {
      expect(errorOf('')).toBe('This file is empty. A progress file is the JSON that "Export" writes.');
      expect(errorOf('  \n')).toBe('This file is empty. A progress file is the JSON that "Export" writes.');
    });

    it('text that is not JSON, with the line and column', () => {
      expect(errorOf('{\n  "format": "hybrid-lab-progress",\n  version: 1\n}')).toMatch(
        /^This file is not valid JSON: .+ at line 3, column 3\. A progress file is the JSON that "Export" writes\.$/,
      );
      expect(errorOf('{"lessons": {"a": tru}}')).toBe(
        `This file is not valid JSON: Unexpected token '}' at line 1, column 22. A progress file is the JSON that "Export" writes.`,
      );
      expect(errorOf('PK\u0003\u0004 zip')).toMatch(/^This file is not valid JSON: .+ at line 1, column 1\./);
      expect(errorOf('{"format": ')).toBe(
        'This file is not valid JSON: the file ends before the JSON is complete at line 1, column 12. A progress file is the JSON that "Export" writes.',
      );
    });

    it('JSON that is not an object', () => {
      expect(errorOf('[1, 2]')).toBe(
        'This is not a Hybrid Lab progress file: it holds a list, not an object with "format": "hybrid-lab-progress".',
      );
      expect(errorOf('null')).toBe(
        'This is not a Hybrid Lab progress file: it holds null, not an object with "format": "hybrid-lab-progress".',
      );
      expect(errorOf('42')).toBe(
        'This is not a Hybrid Lab progress file: it holds a number, not an object with "format": "hybrid-lab-progress".',
      );
    });

    it('a missing or different format', () => {
      expect(errorOf(JSON.stringify({ version: 1, lessons: {} }))).toBe(
        'This is not a Hybrid Lab progress file: it has no "format" field, expected "hybrid-lab-progress".',
      );
      expect(errorOf(file({ format: 'vscode-settings' }))).toBe(
        'This is not a Hybrid Lab progress file: its "format" is "vscode-settings", expected "hybrid-lab-progress".',
      );
    });

    it('a version from a newer site', () => {
      expect(errorOf(file({ version: 3 }))).toBe(
        'This progress file is version 3, written by a newer Hybrid Lab; this site reads version 2 and older. Open it on the site that wrote it, or update this one.',
      );
    });

    it('a version that is not a positive whole number', () => {
      expect(errorOf(file({ version: '1' }))).toBe('"version" must be a positive whole number such as 2 (found: "1").');
      expect(errorOf(file({ version: 0 }))).toBe('"version" must be a positive whole number such as 2 (found: 0).');
      expect(errorOf(file({ version: undefined }))).toBe('"version" must be a positive whole number such as 2 (found: nothing).');
    });

    it('an unknown top-level field', () => {
      expect(errorOf(file({ extra: true }))).toBe(
        'The file has a field "extra" that version 2 does not know (allowed: format, version, exportedAt, learner, lessons).',
      );
      expect(errorOf(file({ version: 1, extra: true }))).toBe(
        'The file has a field "extra" that version 1 does not know (allowed: format, version, exportedAt, lessons).',
      );
    });

    it('a learner name in a version 1 file, saying which version brought it', () => {
      expect(errorOf(file({ version: 1, learner: 'Ada' }))).toBe(
        'The file has a field "learner" that version 1 does not know: it came in version 2, so a file with it says "version": 2 or later.',
      );
    });

    it('a learner that is not a short name', () => {
      expect(errorOf(file({ learner: 42 }))).toBe('"learner" must be the learner\'s name as text, such as "Ada Lovelace" (found: 42).');
      expect(errorOf(file({ learner: null }))).toBe('"learner" must be the learner\'s name as text, such as "Ada Lovelace" (found: null).');
      expect(errorOf(file({ learner: '  ' }))).toBe('"learner" is blank: a file without a name leaves the field out.');
      expect(errorOf(file({ learner: 'x'.repeat(61) }))).toBe('"learner" is 61 characters long; at most 60 fit. Shorten it.');
      expect(errorOf(file({ learner: 'Ada\u0000' }))).toBe(
        '"learner" has a control character in it; use letters, digits, spaces and punctuation.',
      );
    });

    it('a missing or malformed exportedAt', () => {
      expect(errorOf(file({ exportedAt: undefined }))).toBe(
        '"exportedAt" must be a date and time such as "2025-01-31T12:00:00.000Z" (found: nothing).',
      );
      expect(errorOf(file({ exportedAt: 'last Tuesday' }))).toBe(
        '"exportedAt" must be a date and time such as "2025-01-31T12:00:00.000Z" (found: "last Tuesday").',
      );
    });

    it('missing lessons, or lessons that are not an object', () => {
      expect(errorOf(file({ lessons: undefined }))).toBe(
        'The file has no "lessons" field: it must hold an object whose keys are lesson ids, {} when empty.',
      );
      expect(errorOf(file({ lessons: ['01-batching'] }))).toBe(
        '"lessons" must be an object whose keys are lesson ids (found: ["01-batching"]).',
      );
    });

    it('a key that is not a lesson id', () => {
      expect(errorOf(file({ lessons: { '../etc': {} } }))).toBe(
        'lessons has the key "../etc", which is not a lesson id (letters, digits, ".", "_" and "-", starting with a letter or digit).',
      );
      expect(
        errorOf('{"format":"hybrid-lab-progress","version":2,"exportedAt":"2025-03-01T10:00:00Z","lessons":{"__proto__":{}}}'),
      ).toMatch(/^lessons has the key "__proto__", which is not a lesson id/);
    });

    it('a lesson entry that is not an object', () => {
      expect(errorOf(file({ lessons: { '01-batching': true } }))).toBe(
        'lessons["01-batching"] must be an object with read, demoRun, tasksPassed and updatedAt (found: true).',
      );
    });

    it('an unknown field in a lesson', () => {
      expect(errorOf(fileWithLesson({ score: 10 }))).toBe(
        'lessons["01-batching"] has a field "score" that version 2 does not know (allowed: read, demoRun, tasksPassed, updatedAt).',
      );
    });

    it('read or demoRun that are not true or false', () => {
      expect(errorOf(fileWithLesson({ read: 'yes' }))).toBe('lessons["01-batching"].read must be true or false (found: "yes").');
      expect(errorOf(fileWithLesson({ demoRun: undefined }))).toBe(
        'lessons["01-batching"].demoRun must be true or false (found: nothing).',
      );
    });

    it('tasksPassed that is not a list of positive whole numbers, naming the index', () => {
      expect(errorOf(fileWithLesson({ tasksPassed: 3 }))).toBe(
        'lessons["01-batching"].tasksPassed must be a list of task numbers such as [1, 2] (found: 3).',
      );
      expect(errorOf(fileWithLesson({ tasksPassed: [1, 2, '3'] }))).toBe(
        'lessons["01-batching"].tasksPassed[2] must be a positive whole number (found: "3").',
      );
      expect(errorOf(fileWithLesson({ tasksPassed: [0] }))).toBe(
        'lessons["01-batching"].tasksPassed[0] must be a positive whole number (found: 0).',
      );
      expect(errorOf(fileWithLesson({ tasksPassed: [1, 2.5] }))).toBe(
        'lessons["01-batching"].tasksPassed[1] must be a positive whole number (found: 2.5).',
      );
    });

    it('an updatedAt that is not an ISO date and time', () => {
      for (const bad of ['2025-03-01', '2025-13-45T99:00:00Z', 12]) {
        expect(errorOf(fileWithLesson({ updatedAt: bad }))).toBe(
          `lessons["01-batching"].updatedAt must be a date and time such as "2025-01-31T12:00:00.000Z" (found: ${JSON.stringify(bad)}).`,
        );
      }
    });

    it('a file far too large to be a progress file', () => {
      expect(errorOf(' '.repeat(MAX_PROGRESS_FILE_CHARS + 1))).toBe(
        'This file is 1000 kB; a progress file is a few kilobytes, so this is not one.',
      );
      expect(progressFileSizeError(MAX_PROGRESS_FILE_CHARS)).toBeUndefined();
      expect(progressFileSizeError(25_000_000)).toBe('This file is 25000 kB; a progress file is a few kilobytes, so this is not one.');
    });

    it('long values shortened in the message', () => {
      expect(errorOf(fileWithLesson({ read: 'x'.repeat(100) }))).toBe(
        `lessons["01-batching"].read must be true or false (found: "${'x'.repeat(36)}...).`,
      );
    });
  });
});

describe('learner names', () => {
  it('learnerName trims, makes each run of spaces one, and treats a blank name as none', () => {
    expect(learnerName('  Ada \t Lovelace\n')).toEqual({ ok: true, name: 'Ada Lovelace' });
    expect(learnerName('')).toEqual({ ok: true, name: undefined });
    expect(learnerName(' \u00a0 ')).toEqual({ ok: true, name: undefined });
    expect(learnerName('x'.repeat(MAX_LEARNER_CHARS))).toEqual({ ok: true, name: 'x'.repeat(MAX_LEARNER_CHARS) });
  });

  it('learnerName refuses a long name or a control character, naming the subject', () => {
    expect(learnerName('x'.repeat(MAX_LEARNER_CHARS + 1))).toEqual({
      ok: false,
      error: 'The name is 61 characters long; at most 60 fit. Shorten it.',
    });
    expect(learnerName('A\u0007da', 'Your name')).toEqual({
      ok: false,
      error: 'Your name has a control character in it; use letters, digits, spaces and punctuation.',
    });
  });

  it('saveLearnerName keeps the typed name, removes a blank one, and loadLearnerName reads it back', () => {
    const store = memoryStore();
    expect(loadLearnerName(store)).toBe('');
    expect(saveLearnerName(store, 'Ada ')).toBe(true);
    expect(store.values.get(LEARNER_NAME_KEY)).toBe('Ada ');
    expect(loadLearnerName(store)).toBe('Ada ');
    expect(saveLearnerName(store, '  ')).toBe(true);
    expect(store.values.has(LEARNER_NAME_KEY)).toBe(false);
  });

  it('the name functions survive a store that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(loadLearnerName(broken)).toBe('');
    expect(saveLearnerName(broken, 'Ada')).toBe(false);
  });
});

describe('unknownLessonIds', () => {
  it('lists the lessons of a progress that a site does not have', () => {
    expect(unknownLessonIds(sample, new Set(['01-batching']))).toEqual(['02-memory']);
    expect(unknownLessonIds(sample, new Set(Object.keys(sample)))).toEqual([]);
  });
});

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on what is valid, and points at the first bad character', () => {
    const cases: [string, number | undefined][] = [
      ['{"a":[1,2.5e3,{"b":null}],"c":"\\u00e9\\n","d":true,"e":false}', undefined],
      [' [ ] ', undefined],
      ['-0.1E+2', undefined],
      ['{"a":01}', 6],
      ['{"a":1.}', 7],
      ['[1 2]', 3],
      ['"\t"', 1],
      ['{"a"}', 4],
      ['[,]', 1],
      ['{"a":1,}', 7],
      ['1e', 2],
      ['["\\u12G4"]', 6],
      ['[]]', 2],
      ['{"a": tru}', 9],
      ['{"a": ', 6],
      ["{'a':1}", 1],
    ];
    for (const [text, offset] of cases) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(offset === undefined, text).toBe(valid);
      expect(jsonErrorOffset(text), text).toBe(offset);
    }
  });
});

describe('lessonStatus and nextLesson', () => {
  const withTasks = { id: 'a', taskCount: 3, hasDemo: true };
  const demoOnly = { id: 'b', taskCount: 0, hasDemo: true };
  const textOnly = { id: 'c', taskCount: 0 };
  const entry = (fields: Partial<Progress[string]>) => ({ read: false, demoRun: false, tasksPassed: [], updatedAt: T0, ...fields });

  it('is not started with no entry, or an entry with nothing done', () => {
    expect(lessonStatus({}, withTasks)).toBe('not-started');
    expect(lessonStatus({ a: entry({}) }, withTasks)).toBe('not-started');
  });

  it('is in progress once anything is done, and done when read with every task passed', () => {
    expect(lessonStatus({ a: entry({ read: true }) }, withTasks)).toBe('in-progress');
    expect(lessonStatus({ a: entry({ demoRun: true }) }, withTasks)).toBe('in-progress');
    expect(lessonStatus({ a: entry({ tasksPassed: [1, 2, 3] }) }, withTasks)).toBe('in-progress');
    expect(lessonStatus({ a: entry({ read: true, tasksPassed: [1, 3] }) }, withTasks)).toBe('in-progress');
    expect(lessonStatus({ a: entry({ read: true, tasksPassed: [1, 2, 3] }) }, withTasks)).toBe('done');
  });

  it('does not need the demo for a lesson with an exercise', () => {
    expect(lessonStatus({ a: entry({ read: true, demoRun: false, tasksPassed: [1, 2, 3] }) }, withTasks)).toBe('done');
  });

  it('ignores task ids beyond the lesson’s task count', () => {
    expect(tasksPassedCount({ a: entry({ tasksPassed: [2, 7] }) }, withTasks)).toBe(1);
    expect(lessonStatus({ a: entry({ read: true, tasksPassed: [1, 2, 7] }) }, withTasks)).toBe('in-progress');
  });

  it('needs the demo run for a lesson with a demo and no exercise, and only reading for a text-only lesson', () => {
    expect(lessonStatus({ b: entry({ read: true }) }, demoOnly)).toBe('in-progress');
    expect(lessonStatus({ b: entry({ read: true, demoRun: true }) }, demoOnly)).toBe('done');
    expect(lessonStatus({ c: entry({ read: true }) }, textOnly)).toBe('done');
  });

  it('nextLesson is the first lesson not done, or undefined when all are', () => {
    const track = [withTasks, demoOnly, textOnly];
    expect(nextLesson({}, track)).toBe(withTasks);
    const progress = { a: entry({ read: true, tasksPassed: [1, 2, 3] }), c: entry({ read: true }) };
    expect(nextLesson(progress, track)).toBe(demoOnly);
    expect(nextLesson({ ...progress, b: entry({ read: true, demoRun: true }) }, track)).toBeUndefined();
    expect(nextLesson({}, [])).toBeUndefined();
  });

  it('progressCounts totals what Clear would forget', () => {
    expect(progressCounts(sample)).toEqual({ lessons: 2, read: 1, demoRuns: 1, tasksPassed: 3 });
    expect(progressCounts({})).toEqual({ lessons: 0, read: 0, demoRuns: 0, tasksPassed: 0 });
  });
});
