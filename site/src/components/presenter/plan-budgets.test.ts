import { describe, expect, it } from 'vitest';
import { PAGE_TOP } from '../../lib/speaker-notes.ts';
import type { PlanData } from '../../lib/workshops.ts';
import { lessonPlans, stepBudgets } from './plan-budgets.ts';
import type { StepInfo } from './presenter-state.ts';

const sections = [
  { text: 'The kernel', slug: 'the-kernel' },
  { text: 'What a crossing costs', slug: 'crossing' },
  { text: 'Go’s memory', slug: 'gos-memory' },
  { text: 'Exercise: build it', slug: 'exercise' },
];

const steps: StepInfo[] = [
  { title: 'Opening', anchors: [PAGE_TOP], minutes: { start: 0, end: 5 } },
  { title: 'The kernel; What a crossing costs', anchors: ['the-kernel', 'crossing'], minutes: { start: 5, end: 15 } },
  { title: 'Go’s memory', anchors: ['gos-memory'], minutes: { start: 15, end: 20 } },
  { title: 'Exercise: build it', anchors: ['exercise'], minutes: { start: 20, end: 50 } },
];

const plan: PlanData = {
  id: 'half-day',
  title: 'Half a day',
  description: 'd',
  audience: 'a',
  days: [
    {
      sessions: [
        {
          title: 'Morning',
          minutes: 70,
          segments: [
            { lesson: '01-batching', sections: ['The kernel', 'What a crossing costs', "Go's memory"], minutes: 30 },
            { break: 'Break', minutes: 5 },
            { lesson: '01-batching', exercise: true, minutes: 35 },
          ],
        },
      ],
    },
  ],
};

describe('budgets from a workshop plan', () => {
  it('finds the plans that teach the lesson, with their segments as page anchors', () => {
    expect(lessonPlans('01-batching', [plan], sections)).toEqual([
      {
        id: 'half-day',
        title: 'Half a day',
        segments: [
          { anchors: ['the-kernel', 'crossing', 'gos-memory'], minutes: 30 },
          { anchors: ['exercise'], minutes: 35 },
        ],
      },
    ]);
    expect(lessonPlans('02-gc-pressure', [plan], sections)).toEqual([]);
  });

  it('shares a segment among its steps by their minutes in the notes, and leaves the rest to the notes', () => {
    const [lessonPlan] = lessonPlans('01-batching', [plan], sections);
    expect(stepBudgets(steps, lessonPlan ?? null)).toEqual([
      { minutes: 5, source: 'notes' },
      { minutes: 20, source: 'plan' },
      { minutes: 10, source: 'plan' },
      { minutes: 35, source: 'plan' },
    ]);
  });

  it('takes every budget from the notes without a plan, and none for an untimed step', () => {
    expect(stepBudgets([...steps, { title: 'Try it', anchors: ['try'], minutes: null }], null).map((b) => b.minutes)).toEqual([
      5,
      10,
      5,
      30,
      null,
    ]);
  });
});
