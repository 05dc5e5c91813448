import { describe, expect, it } from 'vitest';
import { neighbours, parseTracks, resolveTracks } from './tracks.ts';

const file = 'lessons/tracks.json';
const json = {
  tracks: [
    { id: 'core', title: 'Core', description: 'The core.', lessons: ['01-a', '02-b', '03-c'] },
    { id: 'rust-starter', title: 'Starter', description: 'Starter path.', lessons: [] },
  ],
};
const lessons = [
  { id: '02-b', track: 'core', order: 2 },
  { id: '01-a', track: 'core', order: 1 },
  { id: '03-c', track: 'core', order: 3 },
];

describe('parseTracks', () => {
  it('accepts tracks, including a planned empty one', () => {
    expect(parseTracks(file, json).map((track) => track.id)).toEqual(['core', 'rust-starter']);
  });

  it('names the file and the bad field', () => {
    expect(() => parseTracks(file, { tracks: [{ id: 'Core Track', title: '', description: 'd', lessons: [] }] })).toThrow(
      /^Invalid lessons\/tracks\.json:\n {2}- tracks\.0\.id: expected a kebab-case id[\s\S]*- tracks\.0\.title:/,
    );
    expect(() => parseTracks(file, [])).toThrow(/Invalid lessons\/tracks\.json/);
  });

  it('rejects a duplicated track or lesson', () => {
    const twice = { tracks: [json.tracks[0], json.tracks[0]] };
    expect(() => parseTracks(file, twice)).toThrow(/track id "core" appears twice/);
    const lessonTwice = { tracks: [{ ...json.tracks[0], lessons: ['01-a', '01-a'] }] };
    expect(() => parseTracks(file, lessonTwice)).toThrow(/lists lesson "01-a" twice/);
  });
});

describe('resolveTracks', () => {
  it('orders lessons as tracks.json lists them', () => {
    const [core, starter] = resolveTracks(file, parseTracks(file, json), lessons);
    expect(core?.lessons.map((lesson) => lesson.id)).toEqual(['01-a', '02-b', '03-c']);
    expect(starter?.lessons).toEqual([]);
  });

  it('fails clearly on a lesson id that does not exist', () => {
    const missing = { tracks: [{ ...json.tracks[0], lessons: ['01-a', '02-b', '03-c', '04-gone'] }] };
    expect(() => resolveTracks(file, parseTracks(file, missing), lessons)).toThrow(
      'lessons/tracks.json: track "core" lists lesson "04-gone", but there is no lessons/04-gone/index.mdx. Known lessons: 01-a, 02-b, 03-c.',
    );
  });

  it('fails when a lesson is not listed in its own track', () => {
    const short = { tracks: [{ ...json.tracks[0], lessons: ['01-a', '02-b'] }] };
    expect(() => resolveTracks(file, parseTracks(file, short), lessons)).toThrow(/03-c.*does not list "03-c"/);
  });

  it('fails when a lesson names a track that does not exist', () => {
    expect(() => resolveTracks(file, parseTracks(file, json), [...lessons, { id: '09-x', track: 'workshop', order: 1 }])).toThrow(
      /lessons\/09-x\/index\.mdx: front matter says track "workshop"/,
    );
  });

  it('fails when front matter order and tracks.json disagree', () => {
    const swapped = lessons.map((lesson) => (lesson.id === '01-a' ? { ...lesson, order: 2 } : lesson));
    expect(() => resolveTracks(file, parseTracks(file, json), swapped)).toThrow(
      /01-a\/index\.mdx: front matter says order 2, but lessons\/tracks\.json lists it at position 1/,
    );
  });
});

describe('neighbours', () => {
  const [core] = resolveTracks(file, parseTracks(file, json), lessons);

  it('gives the lessons either side', () => {
    if (!core) throw new Error('no core track');
    expect(neighbours(core, '02-b')).toEqual({ previous: lessons[1], next: lessons[2] });
    expect(neighbours(core, '01-a').previous).toBeUndefined();
    expect(neighbours(core, '03-c').next).toBeUndefined();
    expect(neighbours(core, 'nope')).toEqual({ previous: undefined, next: undefined });
  });
});
