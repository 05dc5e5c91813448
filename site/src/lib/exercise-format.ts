// The exercise format of lessons/README.md, read from text: the tasks of a
// lesson's exercise section, the hints of exercise/hints.md, and which files
// are tests. Pure functions, so the site's build and `npm test`'s exercise
// checks read an exercise the same way.

/** One task: `### Task N: title` in the lesson's exercise section. */
export interface ExerciseTask {
  id: number;
  title: string;
}

/** A task's hints, in the order they are revealed (markdown). */
export interface TaskHints {
  taskId: number;
  hints: string[];
}

const TASK_HEADING = /^###\s+Task\s+(\d+)\s*:(.*)$/;
const ANY_TASK_HEADING = /^###\s+Task\b/;
const HINT_TASK_HEADING = /^##\s+Task\s+(\d+)\s*$/;
const ANY_HINT_TASK_HEADING = /^##\s+Task\b/;
const HINT_HEADING = /^###\s+Hint\s+(\d+)\s*$/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;

/**
 * Reads lines one by one and says which belong to fenced code (the fence lines
 * included). As in CommonMark, a block closes only on a fence of the same
 * character at least as long as the one that opened it, with nothing after it,
 * so a ``` line inside a ```` block, or ~~~ inside ```, stays code.
 */
function fenceTracker(): (line: string) => boolean {
  let open: string | null = null;
  return (line) => {
    if (open === null) {
      open = FENCE_OPEN.exec(line)?.[1] ?? null;
      return open !== null;
    }
    const close = FENCE_CLOSE.exec(line)?.[1];
    if (close && close[0] === open[0] && close.length >= open.length) open = null;
    return true;
  };
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(text: string): { line: string; number: number }[] {
  const out: { line: string; number: number }[] = [];
  const inCode = fenceTracker();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!inCode(line)) out.push({ line, number: i + 1 });
  });
  return out;
}

/** A heading's text without a closing sequence of #s ("Batch ###" is "Batch"; "Learn C#" stays). */
const headingText = (text: string) =>
  text
    .trim()
    .replace(/(^|\s+)#+$/, '')
    .trim();

/**
 * The tasks of a lesson, from the `### Task N: title` headings of its text.
 * Throws naming `where` and the line when a heading is malformed or the
 * numbers do not run 1, 2, 3, ... without gaps.
 */
export function parseTasks(where: string, mdx: string): ExerciseTask[] {
  const tasks: ExerciseTask[] = [];
  for (const { line, number } of proseLines(mdx)) {
    if (!ANY_TASK_HEADING.test(line)) continue;
    const match = TASK_HEADING.exec(line);
    const title = headingText(match?.[2] ?? '');
    if (!match || !title) throw new Error(`${where}:${number}: a task heading must read "### Task N: what to do", not "${line.trim()}".`);
    const id = Number(match[1]);
    if (id !== tasks.length + 1) {
      throw new Error(
        `${where}:${number}: expected Task ${tasks.length + 1} next, found Task ${id}: tasks are numbered from 1 without gaps.`,
      );
    }
    tasks.push({ id, title });
  }
  return tasks;
}

/**
 * The hints of exercise/hints.md: `## Task N` sections holding `### Hint 1`,
 * `### Hint 2`, ... Throws naming `where` and the line when a hint sits
 * outside a task, a number is out of order, a hint is empty, or a heading of
 * level 1 to 3 inside a task is neither (deeper headings may be part of a hint).
 */
export function parseHints(where: string, markdown: string): TaskHints[] {
  const sections: TaskHints[] = [];
  let current: { task: TaskHints; body: string[] | null; startedAt: number } | null = null;
  const inCode = fenceTracker();
  const finishHint = () => {
    if (current?.body) {
      const text = current.body.join('\n').trim();
      if (!text)
        throw new Error(`${where}:${current.startedAt}: Task ${current.task.taskId}, Hint ${current.task.hints.length + 1} is empty.`);
      current.task.hints.push(text);
      current.body = null;
    }
  };
  markdown.split(/\r?\n/).forEach((line, i) => {
    const number = i + 1;
    const code = inCode(line);
    const taskMatch = code ? null : HINT_TASK_HEADING.exec(line);
    const hintMatch = code ? null : HINT_HEADING.exec(line);
    if (!code && !taskMatch && ANY_HINT_TASK_HEADING.test(line)) {
      throw new Error(`${where}:${number}: a task section must read "## Task N", not "${line.trim()}".`);
    }
    if (taskMatch) {
      finishHint();
      const taskId = Number(taskMatch[1]);
      if (sections.some((s) => s.taskId === taskId)) throw new Error(`${where}:${number}: "## Task ${taskId}" appears twice.`);
      const task = { taskId, hints: [] };
      sections.push(task);
      current = { task, body: null, startedAt: number };
    } else if (hintMatch) {
      if (!current) throw new Error(`${where}:${number}: "${line.trim()}" comes before any "## Task N" heading.`);
      finishHint();
      const n = Number(hintMatch[1]);
      if (n !== current.task.hints.length + 1) {
        throw new Error(
          `${where}:${number}: Task ${current.task.taskId} expects Hint ${current.task.hints.length + 1} next, found Hint ${n}.`,
        );
      }
      current.body = [];
      current.startedAt = number;
    } else if (!code && current && /^#{1,3}\s/.test(line)) {
      // Inside a task, a heading of level 1 to 3 that is not a hint is a mistake
      // (a misspelt "### Hint 2" would otherwise become part of the hint above it).
      throw new Error(`${where}:${number}: expected "### Hint N" or "## Task N", found "${line.trim()}".`);
    } else if (current?.body) {
      current.body.push(line);
    }
  });
  finishHint();
  return sections.sort((a, b) => a.taskId - b.taskId);
}

/** True for a test file of an exercise (lessons/README.md): `*_test.go` or `rust/tests/*.rs`. */
export function isExerciseTestFile(path: string): boolean {
  return path.endsWith('_test.go') || /^rust\/tests\/[^/]+\.rs$/.test(path);
}

/** An exercise's parts as text, for exerciseProblems. */
export interface ExerciseParts {
  /** Names the exercise in messages, e.g. "01-batching". */
  lesson: string;
  tasks: readonly ExerciseTask[];
  hints: readonly TaskHints[];
  starter: Readonly<Record<string, string>>;
  solution: Readonly<Record<string, string>>;
}

/**
 * What is wrong with an exercise's layout, one sentence each (empty when nothing): the
 * lesson has tasks, every task has at least two hints, no hints for a task that does not
 * exist, starter and solution hold the same files, and test files are the same in both.
 * Which test checks which task is the runner's to read (test-discovery.ts); `npm test`
 * checks that part with the runner's answer.
 */
export function exerciseProblems(parts: ExerciseParts): string[] {
  const { lesson, tasks, hints, starter, solution } = parts;
  const problems: string[] = [];
  if (tasks.length === 0) problems.push(`${lesson}: the exercise has no "### Task N: ..." heading in index.mdx.`);
  for (const task of tasks) {
    const count = hints.find((h) => h.taskId === task.id)?.hints.length ?? 0;
    if (count < 2)
      problems.push(`${lesson}, Task ${task.id}: hints.md has ${count} hint${count === 1 ? '' : 's'} for it; every task needs at least 2.`);
  }
  for (const h of hints) {
    if (!tasks.some((t) => t.id === h.taskId))
      problems.push(`${lesson}: hints.md has hints for Task ${h.taskId}, which index.mdx does not have.`);
  }
  for (const path of Object.keys(starter).sort()) {
    if (!(path in solution)) problems.push(`${lesson}: ${path} is in exercise/starter/ but not in exercise/solution/.`);
  }
  for (const path of Object.keys(solution).sort()) {
    if (!(path in starter)) problems.push(`${lesson}: ${path} is in exercise/solution/ but not in exercise/starter/.`);
    else if (isExerciseTestFile(path) && starter[path] !== solution[path]) {
      problems.push(`${lesson}: the test file ${path} differs between starter/ and solution/; test files must be identical.`);
    }
  }
  if (!Object.keys(starter).some(isExerciseTestFile))
    problems.push(`${lesson}: exercise/starter/ has no test file (*_test.go or rust/tests/*.rs).`);
  return problems;
}
