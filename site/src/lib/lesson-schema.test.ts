import { describe, expect, it } from 'vitest';
import { lessonIdFromEntry, parseLessonFrontMatter } from './lesson-schema.ts';

const good = {
  title: 'Batching calls',
  description: 'Measure the boundary.',
  track: 'core',
  order: 1,
  minutes: 25,
  objectives: ['Measure one call'],
};

describe('parseLessonFrontMatter', () => {
  it('accepts complete front matter', () => {
    expect(parseLessonFrontMatter('lessons/01-batching/index.mdx', good)).toEqual(good);
  });

  it('names the file and every bad field with what it found', () => {
    const bad = { ...good, minutes: '25', objectives: [], track: 'advanced' };
    expect(() => parseLessonFrontMatter('lessons/01-batching/index.mdx', bad)).toThrow(
      /^Invalid front matter in lessons\/01-batching\/index\.mdx:\n {2}- track: .*found "advanced"\n {2}- minutes: .*found "25"\n {2}- objectives: .*found \[\]$/,
    );
  });

  it('names a missing field', () => {
    const { title: _title, ...missing } = good;
    expect(() => parseLessonFrontMatter('lessons/02-x/index.mdx', missing)).toThrow(
      /lessons\/02-x\/index\.mdx[\s\S]*- title: .*found nothing/,
    );
  });

  it('names an unknown field, which is usually a typo', () => {
    expect(() => parseLessonFrontMatter('lessons/02-x/index.mdx', { ...good, objective: ['x'] })).toThrow(/- objective: not a known field/);
  });

  it('rejects an order that is not a positive whole number', () => {
    expect(() => parseLessonFrontMatter('f.mdx', { ...good, order: 0 })).toThrow(/- order:/);
    expect(() => parseLessonFrontMatter('f.mdx', { ...good, order: 1.5 })).toThrow(/- order:/);
  });

  it('names the position of a bad objective', () => {
    expect(() => parseLessonFrontMatter('f.mdx', { ...good, objectives: ['ok', ''] })).toThrow(/- objectives\.1:/);
  });
});

describe('lessonIdFromEntry', () => {
  it('takes the folder name', () => {
    expect(lessonIdFromEntry('01-batching/index.mdx')).toBe('01-batching');
  });

  it('rejects other layouts', () => {
    expect(() => lessonIdFromEntry('index.mdx')).toThrow(/<lesson-id>\/index\.mdx/);
    expect(() => lessonIdFromEntry('a/b/index.mdx')).toThrow(/<lesson-id>\/index\.mdx/);
  });
});
