// Build time: one function cut out of a source file, to show beside the demo the very code it runs.

/** A function's lines and where they are in their file (1-based, inclusive). */
export interface FunctionExcerpt {
  code: string;
  first: number;
  last: number;
}

/**
 * The lines of `source` that define the top-level function `name`: its `/** … *\/` comment when one
 * sits right above it, the declaration, and everything to the first `}` at the start of a line.
 * Throws, naming `file`, when there is no such function (the file changed under the page).
 */
export function functionExcerpt(source: string, name: string, file: string): FunctionExcerpt {
  const lines = source.split('\n');
  const declaration = new RegExp(`^(export )?(async )?function ${name}\\b`);
  const start = lines.findIndex((line) => declaration.test(line));
  if (start === -1) throw new Error(`${file} has no top-level function ${name}; the page shows it, so update the page.`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('}'));
  if (end === -1) throw new Error(`${file}: function ${name} has no closing brace at the start of a line.`);
  let first = start;
  if (lines[start - 1]?.trim().endsWith('*/')) {
    while (first > 0 && !lines[first]?.trim().startsWith('/**')) first -= 1;
  }
  return { code: lines.slice(first, end + 1).join('\n'), first: first + 1, last: end + 1 };
}
