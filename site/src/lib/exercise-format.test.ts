import { describe, expect, it } from 'vitest';
import { type ExerciseParts, exerciseProblems, isExerciseTestFile, parseHints, parseTasks } from './exercise-format.ts';

const where = 'lessons/01-x/index.mdx';
const hintsAt = 'lessons/01-x/exercise/hints.md';

describe('parseTasks', () => {
  it('reads the "### Task N: title" headings in order, and nothing else', () => {
    const mdx = [
      '---',
      'title: "A lesson"',
      '---',
      '## The kernel',
      '### From Go into C',
      '## Exercise: build it',
      '',
      '### Task 1: Guard the boundary',
      'Edit `rust/src/lib.rs`.',
      '### Task 2:   Wrap it in Go   ',
      '#### Task 9: a deeper heading is not a task',
      '## Task 7: nor is a shallower one',
      '### Task 3: Batch ###',
      '',
      '<ExercisePanel />',
    ].join('\n');
    expect(parseTasks(where, mdx)).toEqual([
      { id: 1, title: 'Guard the boundary' },
      { id: 2, title: 'Wrap it in Go' },
      { id: 3, title: 'Batch' },
    ]);
  });

  it('gives an empty list for a lesson without an exercise', () => {
    expect(parseTasks(where, '# Title\n\n## Section\n\nText about a task.\n')).toEqual([]);
  });

  it('keeps a "#" that belongs to the title, and drops only a closing sequence', () => {
    expect(parseTasks(where, '### Task 1: Call C# from Go\n### Task 2: Count to 3 #\n### Task 3: Learn C#\n')).toEqual([
      { id: 1, title: 'Call C# from Go' },
      { id: 2, title: 'Count to 3' },
      { id: 3, title: 'Learn C#' },
    ]);
  });

  it('accepts Windows line ends', () => {
    expect(parseTasks(where, '### Task 1: One\r\n\r\n### Task 2: Two\r\n')).toEqual([
      { id: 1, title: 'One' },
      { id: 2, title: 'Two' },
    ]);
  });

  it('skips headings inside fenced code blocks, whatever the fence', () => {
    const mdx = [
      '### Task 1: Real',
      '```md',
      '### Task 5: an example in a code block',
      '```',
      '~~~',
      '### Task 6: also an example',
      '~~~',
      '````markdown',
      '```',
      '### Task 7: inside a longer fence, after a shorter fence line',
      '```',
      '````',
      '### Task 2: Also real',
    ].join('\n');
    expect(parseTasks(where, mdx).map((t) => t.id)).toEqual([1, 2]);
  });

  it('does not let a fence of the other kind close a block', () => {
    const mdx = ['### Task 1: Real', '```', '~~~', '### Task 4: still in the block', '```', '### Task 2: After'].join('\n');
    expect(parseTasks(where, mdx).map((t) => t.id)).toEqual([1, 2]);
  });

  it('refuses numbers that skip, repeat or do not start at 1, naming the file and line', () => {
    expect(() => parseTasks(where, '### Task 1: A\n\n### Task 3: C\n')).toThrow(
      'lessons/01-x/index.mdx:3: expected Task 2 next, found Task 3: tasks are numbered from 1 without gaps.',
    );
    expect(() => parseTasks(where, '### Task 1: A\n### Task 1: A again\n')).toThrow(
      'lessons/01-x/index.mdx:2: expected Task 2 next, found Task 1',
    );
    expect(() => parseTasks(where, '### Task 2: B\n')).toThrow('lessons/01-x/index.mdx:1: expected Task 1 next, found Task 2');
  });

  it('refuses a malformed task heading instead of skipping it', () => {
    for (const line of [
      '### Task 1 Guard the boundary',
      '### Task one: Guard',
      '### Task: Guard',
      '### Task 1:',
      '### Task 1:   ',
      '### Task 1: #',
    ]) {
      expect(() => parseTasks(where, `Intro.\n\n${line}\n`), line).toThrow(
        `lessons/01-x/index.mdx:3: a task heading must read "### Task N: what to do", not "${line.trim()}".`,
      );
    }
  });
});

describe('parseHints', () => {
  const hints = [
    '# Hints for the exercise',
    '',
    'Read them in order.',
    '',
    '## Task 2',
    '',
    '### Hint 1',
    '',
    'A timer.',
    '',
    '### Hint 2',
    '',
    'Use `select`:',
    '',
    '```go',
    '## Task 9 is not a heading in code',
    '### Hint 7 neither',
    'select {}',
    '```',
    '',
    '## Task 1',
    '### Hint 1',
    'Look at `len`.',
    '- one',
    '- two',
    '### Hint 2',
    '  Use catch_unwind.  ',
  ].join('\n');

  it("reads each task's hints in order, trimmed, sorted by task, with fenced code kept as is", () => {
    expect(parseHints(hintsAt, hints)).toEqual([
      { taskId: 1, hints: ['Look at `len`.\n- one\n- two', 'Use catch_unwind.'] },
      { taskId: 2, hints: ['A timer.', 'Use `select`:\n\n```go\n## Task 9 is not a heading in code\n### Hint 7 neither\nselect {}\n```'] },
    ]);
  });

  it('keeps a task with no hint, for exerciseProblems to report', () => {
    expect(parseHints(hintsAt, '## Task 1\n\n## Task 2\n### Hint 1\nx\n')).toEqual([
      { taskId: 1, hints: [] },
      { taskId: 2, hints: ['x'] },
    ]);
  });

  it('accepts Windows line ends', () => {
    expect(parseHints(hintsAt, '## Task 1\r\n### Hint 1\r\nOne.\r\n### Hint 2\r\nTwo.\r\n')).toEqual([
      { taskId: 1, hints: ['One.', 'Two.'] },
    ]);
  });

  it('refuses a hint outside a task, naming the line', () => {
    expect(() => parseHints(hintsAt, 'Intro\n### Hint 1\nx\n')).toThrow(
      'lessons/01-x/exercise/hints.md:2: "### Hint 1" comes before any "## Task N" heading.',
    );
  });

  it('refuses hint numbers out of order', () => {
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\na\n### Hint 3\nc\n')).toThrow(
      'lessons/01-x/exercise/hints.md:4: Task 1 expects Hint 2 next, found Hint 3.',
    );
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 2\nb\n')).toThrow('hints.md:2: Task 1 expects Hint 1 next, found Hint 2.');
  });

  it('numbers hints again from 1 in each task', () => {
    expect(parseHints(hintsAt, '## Task 1\n### Hint 1\na\n## Task 2\n### Hint 1\nb\n').map((t) => t.hints)).toEqual([['a'], ['b']]);
  });

  it('refuses an empty hint, at the end of a task or of the file', () => {
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\n\n\n## Task 2\n### Hint 1\nb\n')).toThrow(
      'lessons/01-x/exercise/hints.md:2: Task 1, Hint 1 is empty.',
    );
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\na\n### Hint 2\n   \n')).toThrow(
      'lessons/01-x/exercise/hints.md:4: Task 1, Hint 2 is empty.',
    );
  });

  it('refuses a task that appears twice', () => {
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\na\n## Task 1\n### Hint 2\nb\n')).toThrow(
      'lessons/01-x/exercise/hints.md:4: "## Task 1" appears twice.',
    );
  });

  it('refuses a stray heading in a task instead of swallowing it into a hint', () => {
    // A misspelt hint heading would otherwise become part of the hint before it.
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\na\n### Hnt 2\nb\n')).toThrow(
      'lessons/01-x/exercise/hints.md:4: expected "### Hint N" or "## Task N", found "### Hnt 2".',
    );
    expect(() => parseHints(hintsAt, '## Task 1\n### Hint 1\na\n## Notes\nb\n')).toThrow(
      'hints.md:4: expected "### Hint N" or "## Task N", found "## Notes".',
    );
    expect(() => parseHints(hintsAt, '## Task 1\nSome text.\n### Hint 1\na\n')).not.toThrow();
    expect(() => parseHints(hintsAt, '## Task 1\n## Summary\n### Hint 1\na\n')).toThrow(
      'hints.md:2: expected "### Hint N" or "## Task N", found "## Summary".',
    );
  });

  it('allows deeper headings inside a hint', () => {
    expect(parseHints(hintsAt, '## Task 1\n### Hint 1\n#### Step one\nDo it.\n')).toEqual([
      { taskId: 1, hints: ['#### Step one\nDo it.'] },
    ]);
  });

  it('refuses a task heading with a title, saying what it must read', () => {
    expect(() => parseHints(hintsAt, '## Task 1: the boundary\n### Hint 1\na\n')).toThrow(
      'lessons/01-x/exercise/hints.md:1: a task section must read "## Task N", not "## Task 1: the boundary".',
    );
  });
});

describe('isExerciseTestFile', () => {
  it('is true for Go test files anywhere and Rust integration tests directly in rust/tests/', () => {
    for (const path of ['batcher_test.go', 'internal/queue/queue_test.go', 'rust/tests/boundary.rs'])
      expect(isExerciseTestFile(path), path).toBe(true);
  });

  it('is false for sources, helpers in subfolders of rust/tests/, and look-alikes', () => {
    for (const path of [
      'batcher.go',
      'go.mod',
      'rust/src/lib.rs',
      'rust/tests/common/mod.rs',
      'tests/boundary.rs',
      'rust/tests/notes.md',
      'test.go',
      'batcher_test.go.orig',
      'other/rust/tests/x.rs',
    ]) {
      expect(isExerciseTestFile(path), path).toBe(false);
    }
  });
});

describe('exerciseProblems', () => {
  const test = 'package x\n\n// task: 1\nfunc TestA(t *testing.T) {}\n';
  const good: ExerciseParts = {
    lesson: '01-x',
    tasks: [
      { id: 1, title: 'A' },
      { id: 2, title: 'B' },
    ],
    hints: [
      { taskId: 1, hints: ['a', 'b'] },
      { taskId: 2, hints: ['a', 'b', 'c'] },
    ],
    starter: { 'go.mod': 'module x', 'x.go': 'package x // TODO', 'x_test.go': test, 'rust/tests/boundary.rs': '// task: 2' },
    solution: { 'go.mod': 'module x', 'x.go': 'package x // done', 'x_test.go': test, 'rust/tests/boundary.rs': '// task: 2' },
  };

  it('finds nothing wrong with a complete exercise (starter and solution may differ outside the tests)', () => {
    expect(exerciseProblems(good)).toEqual([]);
  });

  it('names every problem, with the lesson and the task', () => {
    const problems = exerciseProblems({
      ...good,
      hints: [
        { taskId: 1, hints: ['only one'] },
        { taskId: 4, hints: ['a', 'b'] },
      ],
      starter: { ...good.starter, 'extra.go': 'package x' },
      solution: {
        'go.mod': 'module x',
        'x.go': 'package x',
        'x_test.go': `${test}// edited\n`,
        'rust/tests/boundary.rs': '// task: 2',
        'rust/Cargo.lock': '#',
      },
    });
    expect(problems).toEqual([
      '01-x, Task 1: hints.md has 1 hint for it; every task needs at least 2.',
      '01-x, Task 2: hints.md has 0 hints for it; every task needs at least 2.',
      '01-x: hints.md has hints for Task 4, which index.mdx does not have.',
      '01-x: extra.go is in exercise/starter/ but not in exercise/solution/.',
      '01-x: rust/Cargo.lock is in exercise/solution/ but not in exercise/starter/.',
      '01-x: the test file x_test.go differs between starter/ and solution/; test files must be identical.',
    ]);
  });

  it('wants tasks and at least one test file', () => {
    expect(
      exerciseProblems({ ...good, tasks: [], hints: [], starter: { 'x.go': 'package x' }, solution: { 'x.go': 'package x' } }),
    ).toEqual([
      '01-x: the exercise has no "### Task N: ..." heading in index.mdx.',
      '01-x: exercise/starter/ has no test file (*_test.go or rust/tests/*.rs).',
    ]);
  });
});
