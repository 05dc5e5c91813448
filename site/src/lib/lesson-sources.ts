// Build-time access to the lessons folder: example files as text and lessons/tracks.json.
// "@lessons" is a Vite alias (astro.config.ts) for ../lessons, or HYBRID_LESSONS_DIR when set.
import { type ExampleFileIndex, indexExampleFiles } from './example-files.ts';
import { parseTracks, type TrackData } from './tracks.ts';

const exampleSources = import.meta.glob<string>(
  ['@lessons/*/example/**/*.{go,rs,toml,mod,sum,lock,c,h}', '!**/target/**', '!**/node_modules/**'],
  { query: '?raw', import: 'default', eager: true },
);

const trackSources = import.meta.glob<unknown>('@lessons/tracks.json', { import: 'default', eager: true });

/** Every lesson's example files, read at build time. */
export const exampleFiles: ExampleFileIndex = indexExampleFiles(exampleSources);

/** The validated tracks of lessons/tracks.json; throws naming the file when it is missing or wrong. */
export function loadTracks(): TrackData[] {
  const [json] = Object.values(trackSources);
  if (json === undefined) {
    throw new Error('lessons/tracks.json is missing: it lists the tracks and the order of their lessons.');
  }
  return parseTracks('lessons/tracks.json', json);
}
