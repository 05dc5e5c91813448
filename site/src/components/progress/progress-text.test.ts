import { describe, expect, it } from 'vitest';
import type { Progress } from '../../lib/progress.ts';
import { lessonHasDemo, progressLesson } from './lesson-facts.ts';
import { courseSummary, describeCounts, lessonDetail, lessonTodo, trackSummary } from './progress-text.ts';

const T0 = '2025-03-01T10:00:00.000Z';
const entry = (fields: Partial<Progress[string]>) => ({ read: false, demoRun: false, tasksPassed: [], updatedAt: T0, ...fields });
const batching = { id: '01-batching', taskCount: 3, hasDemo: true };
const reading = { id: '02-reading', taskCount: 0, hasDemo: false };
const demoOnly = { id: '03-demo', taskCount: 0, hasDemo: true };

describe('lesson facts', () => {
  it('counts the tasks and sees the demo tag at the start of a line', () => {
    const mdx = 'Intro.\n\n<BatchSweepDemo />\n\n## Exercise\n\n### Task 1: One\n\n### Task 2: Two\n';
    expect(progressLesson({ id: 'x', body: mdx })).toEqual({ id: 'x', taskCount: 2, hasDemo: true });
    expect(progressLesson({ id: 'y' })).toEqual({ id: 'y', taskCount: 0, hasDemo: false });
    expect(lessonHasDemo('<BatchSweepDemo panicDemo={false}/>')).toBe(true);
    expect(lessonHasDemo('Write `<BatchSweepDemo />` to place it.')).toBe(false);
    expect(lessonHasDemo('<BatchSweepDemoOther />')).toBe(false);
    expect(lessonHasDemo('Text.\n\n<GcWindowDemo />\n')).toBe(true);
    expect(lessonHasDemo('Text.\n\n<WasmMemoryDemo />\n')).toBe(true);
    expect(lessonHasDemo('<WasmMemoryDemoOther />')).toBe(false);
  });

  it('fails the build on a malformed task heading, naming the file', () => {
    expect(() => progressLesson({ id: 'x', body: '### Task 2: Late' })).toThrow(/^lessons\/x\/index\.mdx:1: expected Task 1 next/);
  });
});

describe('lessonDetail and lessonTodo', () => {
  it('say nothing done and everything to do for a lesson not started', () => {
    expect(lessonDetail({}, batching)).toBe('');
    expect(lessonTodo({}, batching)).toBe('mark it read, pass tasks 1, 2 and 3');
    expect(lessonTodo({}, reading)).toBe('mark it read');
    expect(lessonTodo({}, demoOnly)).toBe('mark it read, run the demo');
  });

  it('list what is done and what is left', () => {
    const progress = { '01-batching': entry({ read: true, demoRun: true, tasksPassed: [2] }) };
    expect(lessonDetail(progress, batching)).toBe('read, demo run, 1 of 3 tasks passed');
    expect(lessonTodo(progress, batching)).toBe('pass tasks 1 and 3');
    expect(lessonTodo({ '01-batching': entry({ read: true, tasksPassed: [1, 3] }) }, batching)).toBe('pass task 2');
    expect(lessonDetail({ '01-batching': entry({ read: true }) }, batching)).toBe('read, 0 of 3 tasks passed');
    expect(lessonDetail({ '01-batching': entry({ read: true }) }, { ...batching, taskCount: 1 })).toBe('read, 0 of 1 task passed');
  });

  it('have nothing left for a done lesson', () => {
    const progress = { '01-batching': entry({ read: true, tasksPassed: [1, 2, 3] }) };
    expect(lessonTodo(progress, batching)).toBe('');
    expect(lessonDetail(progress, batching)).toBe('read, 3 of 3 tasks passed');
  });
});

describe('trackSummary and courseSummary', () => {
  it('count the lessons done and name the next one', () => {
    const lessons = [batching, reading, demoOnly];
    expect(trackSummary({}, lessons)).toEqual({ done: 0, started: false, total: 3, next: batching, text: '0 of 3 lessons done.' });
    const progress = { '01-batching': entry({ read: true, tasksPassed: [1, 2, 3] }), '02-reading': entry({ read: true }) };
    expect(trackSummary(progress, lessons)).toMatchObject({ done: 2, started: true, next: demoOnly, text: '2 of 3 lessons done.' });
    expect(trackSummary({ '03-demo': entry({ demoRun: true }) }, lessons)).toMatchObject({ done: 0, started: true, next: batching });
    expect(trackSummary(progress, [batching])).toMatchObject({ done: 1, next: undefined, text: 'All 1 lesson done.' });
    expect(trackSummary({}, [])).toMatchObject({ next: undefined, text: 'No lessons in this track yet.' });
  });

  it('sum the course up in one line', () => {
    const lessons = [batching, reading];
    expect(courseSummary({}, lessons)).toBe('Nothing recorded yet in this browser.');
    expect(courseSummary({ '01-batching': entry({ read: true }) }, lessons)).toBe('0 of 2 lessons done, 1 in progress.');
    expect(courseSummary({ '02-reading': entry({ read: true }) }, lessons)).toBe('1 of 2 lessons done, 0 in progress.');
  });
});

describe('describeCounts', () => {
  it('says what Clear would forget', () => {
    expect(describeCounts({})).toBe('nothing: no progress is recorded in this browser');
    expect(describeCounts({ a: entry({ read: true }) })).toBe('1 lesson marked read, 0 demo runs and 0 passed tasks, over 1 lesson');
    expect(
      describeCounts({ a: entry({ read: true, demoRun: true, tasksPassed: [1, 2] }), b: entry({ read: true, tasksPassed: [1] }) }),
    ).toBe('2 lessons marked read, 1 demo run and 3 passed tasks, over 2 lessons');
  });
});
