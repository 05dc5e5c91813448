import { describe, expect, it } from 'vitest';
import { assembleExercise } from './exercise.ts';

const mdx = '## Exercise\n\n### Task 1: Guard the boundary\n\nText.\n\n### Task 2: Batch\n\nMore.\n';
const hints =
  '## Task 1\n\n### Hint 1\n\nLook at `len`.\n\n### Hint 2\n\nUse catch_unwind.\n\n## Task 2\n\n### Hint 1\n\nA timer.\n\n### Hint 2\n\n```go\nselect {}\n```\n';
const test = 'package x\n\n// task: 2\nfunc TestA(t *testing.T) {}\n';
const starter = {
  'go.mod': 'module x',
  'batcher.go': 'package x // TODO',
  'batcher_test.go': test,
  'rust/Cargo.lock': '#',
  'rust/src/lib.rs': 'todo!()',
  'rust/tests/boundary.rs': '// task: 1',
};
const solution = { ...starter, 'batcher.go': 'package x // done', 'rust/src/lib.rs': 'fn ok() {}' };
const html = (markdown: string) => `<p>${markdown}</p>`;

describe('assembleExercise', () => {
  it('gives tasks with their hints, and every file with starter and solution, tests marked, Cargo.lock last', () => {
    const exercise = assembleExercise('01-x', mdx, { starter, solution, hints }, html);
    expect(exercise.tasks).toEqual([
      { id: 1, title: 'Guard the boundary', hints: ['<p>Look at `len`.</p>', '<p>Use catch_unwind.</p>'] },
      { id: 2, title: 'Batch', hints: ['<p>A timer.</p>', '<p>```go\nselect {}\n```</p>'] },
    ]);
    expect(exercise.files.map((f) => [f.path, f.test])).toEqual([
      ['batcher.go', false],
      ['batcher_test.go', true],
      ['rust/src/lib.rs', false],
      ['rust/tests/boundary.rs', true],
      ['go.mod', false],
      ['rust/Cargo.lock', false],
    ]);
    expect(exercise.files.find((f) => f.path === 'batcher.go')).toMatchObject({
      starter: 'package x // TODO',
      solution: 'package x // done',
      language: 'go',
    });
  });

  it('refuses an exercise whose parts disagree, naming the lesson and every problem', () => {
    const brokenSolution: Record<string, string> = { ...solution, 'batcher_test.go': `${test}// changed\n` };
    delete brokenSolution['go.mod'];
    const fewHints = '## Task 1\n\n### Hint 1\n\nOne.\n\n## Task 3\n\n### Hint 1\n\nA.\n\n### Hint 2\n\nB.\n';
    expect(() => assembleExercise('01-x', mdx, { starter, solution: brokenSolution, hints: fewHints }, html)).toThrow(
      [
        'The exercise of lesson 01-x is not complete:',
        '- 01-x, Task 1: hints.md has 1 hint for it; every task needs at least 2.',
        '- 01-x, Task 2: hints.md has 0 hints for it; every task needs at least 2.',
        '- 01-x: hints.md has hints for Task 3, which index.mdx does not have.',
        '- 01-x: go.mod is in exercise/starter/ but not in exercise/solution/.',
        '- 01-x: the test file batcher_test.go differs between starter/ and solution/; test files must be identical.',
      ].join('\n'),
    );
  });

  it('refuses task headings out of order, naming the line', () => {
    expect(() => assembleExercise('01-x', '### Task 1: A\n\n### Task 3: C\n', { starter, solution, hints }, html)).toThrow(
      'lessons/01-x/index.mdx:3: expected Task 2 next, found Task 3: tasks are numbered from 1 without gaps.',
    );
  });
});
