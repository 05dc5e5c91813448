// The lessons folder read with node:fs: the files of a lesson as the site sends them to the runner
// (the example's files, what the editor opens and Run sends, and an exercise's job folders), and the
// validated tracks.json and workshops.json. Shared by the site's build (lesson-sources.ts) and the
// workshop preflight (scripts/workshop.ts), which warms the runner with exactly the jobs a learner's
// unedited Run sends, so those are answered from its cache.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseTracks, type TrackData } from './tracks.ts';
import { type PlanData, parseWorkshops } from './workshops.ts';

/** File types of an example the site shows; build output and dependencies are skipped. */
const exampleFile = /\.(go|rs|toml|mod|sum|lock|c|h)$/;
const skippedDirs = new Set(['target', 'node_modules']);

function readTree(dir: string, into: Record<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) readTree(path, into);
    } else if (entry.isFile() && exampleFile.test(entry.name)) {
      into[path] = readFileSync(path, 'utf8');
    }
  }
}

/** Every lesson's example files, keyed by absolute path (…/<id>/example/<path>), as indexExampleFiles expects. */
export function readExampleSources(lessonsDir: string): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const lesson of readdirSync(lessonsDir, { withFileTypes: true })) {
    const example = join(lessonsDir, lesson.name, 'example');
    if (lesson.isDirectory() && existsSync(example)) readTree(example, sources);
  }
  return sources;
}

/** The files of one job folder (an example/, an exercise's starter/ or solution/), keyed by path inside it. */
export function readJobFolder(dir: string): Record<string, string> {
  const absolute: Record<string, string> = {};
  readTree(dir, absolute);
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(absolute)) files[relative(dir, path).split(sep).join('/')] = content;
  return files;
}

/** The parsed JSON of lessons/<name>; throws naming the file and saying what it is for when it is missing or not JSON. */
function readLessonsJson(lessonsDir: string, name: string, whatItIs: string): unknown {
  const file = join(lessonsDir, name);
  if (!existsSync(file)) throw new Error(`lessons/${name} is missing: ${whatItIs}.`);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`lessons/${name} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The validated tracks of lessons/tracks.json; throws naming the file when it is missing or wrong. */
export function readTracks(lessonsDir: string): TrackData[] {
  return parseTracks(
    'lessons/tracks.json',
    readLessonsJson(lessonsDir, 'tracks.json', 'it lists the tracks and the order of their lessons'),
  );
}

/** The validated workshop plans of lessons/workshops.json (not yet checked against the lessons). */
export function readWorkshopPlans(lessonsDir: string): PlanData[] {
  return parseWorkshops('lessons/workshops.json', readLessonsJson(lessonsDir, 'workshops.json', 'it holds the workshop plans'));
}
