/** Languages the site highlights and edits. */
export type CodeLanguage = 'rust' | 'go' | 'toml' | 'plaintext';

/** One file of a lesson's example/ folder. */
export interface ExampleFile {
  /** Path relative to lessons/<id>/example/, with forward slashes. */
  path: string;
  content: string;
  language: CodeLanguage;
}

/** Example files of every lesson: lesson id -> path inside example/ -> content. */
export type ExampleFileIndex = ReadonlyMap<string, ReadonlyMap<string, string>>;

// The lesson id is the folder name: "01-batching" in the core track, "starter-01-cargo" in the starter path.
const exampleKey = /\/([a-z0-9][a-z0-9-]*)\/example\/(.+)$/;

/** Groups a glob result keyed by file path (ending in <id>/example/<path>) by lesson id. */
export function indexExampleFiles(files: Readonly<Record<string, string>>): ExampleFileIndex {
  const index = new Map<string, Map<string, string>>();
  for (const [key, content] of Object.entries(files)) {
    const match = exampleKey.exec(key.replaceAll('\\', '/'));
    if (!match) continue;
    const [, lesson = '', path = ''] = match;
    if (path.split('/').includes('target')) continue;
    let lessonFiles = index.get(lesson);
    if (!lessonFiles) {
      lessonFiles = new Map();
      index.set(lesson, lessonFiles);
    }
    lessonFiles.set(path, content);
  }
  return index;
}

/** The language used to highlight and edit a file, from its name. */
export function languageOf(path: string): CodeLanguage {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name.endsWith('.rs')) return 'rust';
  if (name.endsWith('.go')) return 'go';
  if (name.endsWith('.toml') || name === 'Cargo.lock') return 'toml';
  return 'plaintext';
}

function tabRank(path: string): number {
  if (path === 'main.go') return 0;
  if (path.endsWith('_test.go')) return 2;
  if (path.endsWith('.go')) return 1;
  if (path.endsWith('.rs')) return 3;
  if (path.endsWith('Cargo.toml')) return 4;
  if (path === 'go.mod') return 5;
  return 6;
}

/** Reading order of example files: main.go, other Go, Go tests, Rust, Cargo.toml, go.mod, the rest. */
export function compareExamplePaths(a: string, b: string): number {
  return tabRank(a) - tabRank(b) || a.localeCompare(b, 'en');
}

/** All example files of a lesson in reading order; throws if the lesson has none. */
export function lessonExampleFiles(index: ExampleFileIndex, lesson: string): ExampleFile[] {
  const files = index.get(lesson);
  if (!files || files.size === 0) {
    throw new Error(`Lesson "${lesson}" has no example files: expected them under lessons/${lesson}/example/.`);
  }
  return [...files.keys()].sort(compareExamplePaths).map((path) => ({ path, content: files.get(path) ?? '', language: languageOf(path) }));
}

/** One example file of a lesson; throws naming the lesson, the path and the files that do exist. */
export function exampleFile(index: ExampleFileIndex, lesson: string, path: string): ExampleFile {
  const normalised = path.replace(/^\.\//, '');
  const files = index.get(lesson);
  const content = files?.get(normalised);
  if (content === undefined) {
    const known = files ? [...files.keys()].sort(compareExamplePaths).join(', ') : '(none)';
    throw new Error(
      `SourceFile: lesson "${lesson}" has no file lessons/${lesson}/example/${normalised}. ` + `Files in that example: ${known}.`,
    );
  }
  return { path: normalised, content, language: languageOf(normalised) };
}
