import { describe, expect, it } from 'vitest';
import { clockTime, parseClockTime } from './date-time.ts';
import { dayTimetable, formatDuration, type PlanLesson, parseWorkshops, resolvePlans } from './workshops.ts';

const lessons: PlanLesson[] = [
  {
    id: '01-batching',
    title: 'Batching',
    sections: [
      { text: 'What a crossing costs, and why', slug: 'what-a-crossing-costs-and-why' },
      { text: 'Go’s memory', slug: 'gos-memory' },
      { text: 'Exercise: build the boundary', slug: 'exercise-build-the-boundary' },
    ],
    hasExercise: true,
  },
  { id: '02-gc-pressure', title: 'GC pressure', sections: [{ text: 'The measurement', slug: 'the-measurement' }], hasExercise: false },
];

const plan = (sessions: unknown[]) => ({
  plans: [{ id: 'p', title: 'P', description: 'D', audience: 'A', days: [{ sessions }] }],
});

const resolve = (json: unknown) => resolvePlans('lessons/workshops.json', parseWorkshops('lessons/workshops.json', json), lessons);

describe('workshop plans', () => {
  it('resolves segments to links at their sections, matching typographic quotes to plain ones', () => {
    const [resolved] = resolve(
      plan([
        {
          title: 'Morning',
          minutes: 45,
          breakAfter: 60,
          segments: [
            { lesson: '01-batching', sections: ["Go's memory", 'What a crossing costs, and why'], minutes: 10 },
            { break: 'Break', minutes: 5 },
            { lesson: '01-batching', exercise: true, minutes: 30 },
          ],
        },
        { title: 'Afternoon', minutes: 20, segments: [{ lesson: '02-gc-pressure', sections: ['The measurement'], minutes: 20 }] },
      ]),
    );
    const [morning, afternoon] = resolved?.days[0]?.sessions ?? [];
    expect(morning?.segments.map((s) => [s.kind, s.href ?? null, s.minutes])).toEqual([
      ['sections', '/lessons/01-batching/#gos-memory', 10],
      ['break', null, 5],
      ['exercise', '/lessons/01-batching/#exercise-build-the-boundary', 30],
    ]);
    expect(resolved?.totalMinutes).toBe(65);
    const rows = dayTimetable(resolved?.days[0] ?? { sessions: [] }, 9 * 60);
    expect(rows.map((r) => `${clockTime(r.start)}-${clockTime(r.end)} ${r.session}`)).toEqual([
      '09:00-09:10 Morning',
      '09:10-09:15 Morning',
      '09:15-09:45 Morning',
      '10:45-11:05 Afternoon',
    ]);
    expect(afternoon?.breakAfter).toBe(0);
  });

  it('fails naming the plan, day, session and segment for everything that does not fit the lessons', () => {
    const broken = plan([
      {
        title: 'Morning',
        minutes: 30,
        segments: [
          { lesson: '01-batching', sections: ['No such section'], minutes: 20 },
          { lesson: '09-nothing', sections: ['X'], minutes: 5 },
          { lesson: '02-gc-pressure', exercise: true, minutes: 10 },
        ],
      },
      { title: 'Afternoon', minutes: 60, segments: [{ break: 'Lunch', minutes: 45 }] },
    ]);
    expect(() => resolve(broken)).toThrow(
      [
        'lessons/workshops.json does not fit the lessons:',
        '  - plan "p", day 1, session "Morning", segment 1: lesson "01-batching" has no section "No such section" (its sections: "What a crossing costs, and why", "Go’s memory", "Exercise: build the boundary").',
        '  - plan "p", day 1, session "Morning", segment 2: no lesson "09-nothing" (known: 01-batching, 02-gc-pressure).',
        '  - plan "p", day 1, session "Morning", segment 3: lesson "02-gc-pressure" has no exercise.',
        '  - plan "p", day 1, session "Morning" runs long: its segments add up to 35 minutes, 5 more than its 30.',
        '  - plan "p", day 1, session "Afternoon": its segments add up to 45 minutes, 15 fewer than its 60; give the time to a segment or shorten the session.',
      ].join('\n'),
    );
  });

  it('refuses a malformed file with the field named, and a plan id used twice', () => {
    expect(() => parseWorkshops('lessons/workshops.json', { plans: [{ id: 'Bad Id' }] })).toThrow(
      /^Invalid lessons\/workshops.json:\n {2}- plans\.0\.id: expected a kebab-case id/,
    );
    const one = plan([{ title: 'S', minutes: 5, segments: [{ break: 'B', minutes: 5 }] }]).plans[0];
    const twice = { plans: [one, one] };
    expect(() => parseWorkshops('lessons/workshops.json', twice)).toThrow('plan id "p" appears twice');
  });

  it('reads and writes clock times and durations', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime(' 23:59 ')).toBe(1439);
    for (const bad of ['8:30', '24:00', '12:60', '', 'noon']) expect(parseClockTime(bad)).toBeNull();
    expect(clockTime(545)).toBe('09:05');
    expect(formatDuration(185)).toBe('3 h 05 min');
    expect(formatDuration(120)).toBe('2 h');
    expect(formatDuration(45)).toBe('45 min');
  });
});
