// Build-time assembly of a lesson's exercise for its page: the tasks with their hints (as
// HTML), and every file with its starter and solution text; test files are marked, shown
// read-only, and always sent as the lesson's copy.
import { type CodeLanguage, compareExamplePaths, languageOf } from './example-files.ts';
import { exerciseProblems, isExerciseTestFile, parseHints, parseTasks } from './exercise-format.ts';
import type { ExerciseSources } from './lesson-sources.ts';

export interface ExerciseFile {
  /** Path inside the job (go.mod, batcher.go, rust/src/lib.rs). */
  path: string;
  language: CodeLanguage;
  starter: string;
  solution: string;
  /** A test file: read-only in the editor, sent as the lesson's copy. */
  test: boolean;
}

export interface ExerciseTaskData {
  id: number;
  title: string;
  /** The task's hints as HTML, in the order they are revealed. */
  hints: string[];
}

/** Everything the exercise panel needs, embedded in the page as JSON. */
export interface ExerciseData {
  lesson: string;
  tasks: ExerciseTaskData[];
  files: ExerciseFile[];
}

// Cargo.lock is part of the job but not something a learner edits: it goes last.
const rank = (path: string) => (path.endsWith('Cargo.lock') ? 1 : 0);

/**
 * The exercise of `lesson` from its text (`mdx`, for the task headings) and its files;
 * `markdownToHtml` renders a hint. Throws with every problem of the layout, naming the lesson.
 */
export function assembleExercise(
  lesson: string,
  mdx: string,
  sources: ExerciseSources,
  markdownToHtml: (markdown: string) => string,
): ExerciseData {
  const tasks = parseTasks(`lessons/${lesson}/index.mdx`, mdx);
  const hints = parseHints(`lessons/${lesson}/exercise/hints.md`, sources.hints);
  const problems = exerciseProblems({ lesson, tasks, hints, starter: sources.starter, solution: sources.solution });
  if (problems.length > 0) throw new Error(`The exercise of lesson ${lesson} is not complete:\n- ${problems.join('\n- ')}`);
  const files = Object.keys(sources.starter)
    .sort((a, b) => rank(a) - rank(b) || compareExamplePaths(a, b))
    .map((path) => ({
      path,
      language: languageOf(path),
      starter: sources.starter[path] ?? '',
      solution: sources.solution[path] ?? '',
      test: isExerciseTestFile(path),
    }));
  return {
    lesson,
    tasks: tasks.map((task) => ({ ...task, hints: (hints.find((h) => h.taskId === task.id)?.hints ?? []).map(markdownToHtml) })),
    files,
  };
}
