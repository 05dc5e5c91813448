// A lesson shows parts of its example with <SourceFile path="..." lines="a-b" />.
// When someone edits the example, those line numbers drift silently and the
// page starts showing half a function. This test fails first: every excerpt
// must name an existing example file, fit inside it, and start and end on
// the boundaries of a top-level item.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lessonsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');

/** One <SourceFile /> use in a lesson page. */
interface Excerpt {
  path: string;
  lines: { first: number; last: number } | null;
}

/** The <SourceFile /> elements of an MDX page, with their path and optional line range. */
function findExcerpts(mdx: string): Excerpt[] {
  const excerpts: Excerpt[] = [];
  for (const tag of mdx.matchAll(/<SourceFile\b([^>]*)\/>/g)) {
    const attrs = tag[1] ?? '';
    const path = /\bpath="([^"]+)"/.exec(attrs)?.[1];
    if (!path) throw new Error(`<SourceFile> without a path: ${tag[0]}`);
    const range = /\blines="(\d+)(?:-(\d+))?"/.exec(attrs);
    excerpts.push({
      path,
      lines: range?.[1] ? { first: Number(range[1]), last: Number(range[2] ?? range[1]) } : null,
    });
  }
  return excerpts;
}

const itemStart = /^(\/\/|#\[|pub |fn |unsafe |func |type |const |var |impl|struct |enum |mod |use |import )/;
const itemEnd = /^[})\]]/;

/** Why a line range does not cover whole top-level items, or null when it does. */
function rangeProblem(fileLines: string[], first: number, last: number): string | null {
  if (first < 1 || last < first || last > fileLines.length) {
    return `lines ${first}-${last} do not fit in a file of ${fileLines.length} lines`;
  }
  const before = fileLines[first - 2];
  const start = fileLines[first - 1] ?? '';
  const end = fileLines[last - 1] ?? '';
  const after = fileLines[last];
  if (before !== undefined && before.trim() !== '') {
    return `line ${first - 1} ("${before.trim()}") is not blank: the excerpt starts inside an item`;
  }
  if (!itemStart.test(start)) {
    return `line ${first} ("${start.trim()}") does not start a comment or declaration`;
  }
  if (!itemEnd.test(end)) {
    return `line ${last} ("${end.trim()}") does not close a top-level item`;
  }
  if (after !== undefined && after.trim() !== '') {
    return `line ${last + 1} ("${after.trim()}") is not blank: the excerpt ends inside an item`;
  }
  return null;
}

const pages = readdirSync(lessonsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(lessonsDir, entry.name, 'index.mdx')))
  .map((entry) => entry.name)
  .sort();

describe('rangeProblem', () => {
  const file = ['// one', 'fn one() {', '}', '', '/// two', 'fn two() {', '    body();', '}', ''];
  it('accepts a range that covers whole items', () => {
    expect(rangeProblem(file, 5, 8)).toBeNull();
    expect(rangeProblem(file, 1, 3)).toBeNull();
  });
  it('rejects a range that starts or ends inside an item', () => {
    expect(rangeProblem(file, 6, 8)).toMatch(/starts inside an item/);
    expect(rangeProblem(file, 5, 7)).toMatch(/does not close/);
    expect(rangeProblem(file, 5, 12)).toMatch(/do not fit/);
  });
});

// A page that shows no excerpt (the capstone shows its files in the exercise panel) has nothing to check here.
for (const lesson of pages.filter((id) => findExcerpts(readFileSync(join(lessonsDir, id, 'index.mdx'), 'utf8')).length > 0)) {
  describe(`lessons/${lesson}/index.mdx excerpts`, () => {
    const mdx = readFileSync(join(lessonsDir, lesson, 'index.mdx'), 'utf8');
    const excerpts = findExcerpts(mdx);

    for (const excerpt of excerpts) {
      const label = excerpt.lines ? `${excerpt.path} lines ${excerpt.lines.first}-${excerpt.lines.last}` : excerpt.path;
      it(`${label} exists and covers whole items`, () => {
        const file = join(lessonsDir, lesson, 'example', excerpt.path);
        expect(existsSync(file), `${file} does not exist`).toBe(true);
        if (!excerpt.lines) return;
        const lines = readFileSync(file, 'utf8').split('\n');
        expect(rangeProblem(lines, excerpt.lines.first, excerpt.lines.last)).toBeNull();
      });
    }
  });
}
