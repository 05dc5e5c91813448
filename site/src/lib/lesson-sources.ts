// Build-time access to the lessons folder: example files as text, lessons/tracks.json and lessons/workshops.json.
// Read with node:fs rather than import.meta.glob: in `astro dev`, Vite's import
// analysis scanned the globbed .go files as JavaScript and warned about every
// Go `import (...)` block. __LESSONS_DIR__ is defined in astro.config.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ExampleFileIndex, indexExampleFiles } from './example-files.ts';
import { readExampleSources, readJobFolder, readTracks, readWorkshopPlans } from './lesson-files.ts';
import type { TrackData } from './tracks.ts';
import type { PlanData } from './workshops.ts';

declare const __LESSONS_DIR__: string;

/** What lessons/<id>/exercise/ holds, as text; null when the lesson has no exercise. */
export interface ExerciseSources {
  starter: Record<string, string>;
  solution: Record<string, string>;
  hints: string;
}

/** A lesson's exercise files, read at build time; throws naming what is missing. */
export function readExerciseSources(lesson: string): ExerciseSources | null {
  const dir = join(__LESSONS_DIR__, lesson, 'exercise');
  if (!existsSync(dir)) return null;
  for (const part of ['starter', 'solution', 'hints.md']) {
    if (!existsSync(join(dir, part)))
      throw new Error(`lessons/${lesson}/exercise/ has no ${part}: see lessons/README.md for an exercise's layout.`);
  }
  return {
    starter: readJobFolder(join(dir, 'starter')),
    solution: readJobFolder(join(dir, 'solution')),
    hints: readFileSync(join(dir, 'hints.md'), 'utf8'),
  };
}

/** Every lesson's example files, read at build time. */
export const exampleFiles: ExampleFileIndex = indexExampleFiles(readExampleSources(__LESSONS_DIR__));

/** The validated tracks of lessons/tracks.json; throws naming the file when it is missing or wrong. */
export function loadTracks(): TrackData[] {
  return readTracks(__LESSONS_DIR__);
}

/** The validated workshop plans of lessons/workshops.json (not yet checked against the lessons). */
export function loadWorkshopPlans(): PlanData[] {
  return readWorkshopPlans(__LESSONS_DIR__);
}
