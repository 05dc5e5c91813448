/** An inclusive range of 1-based line numbers. */
export interface LineRange {
  first: number;
  last: number;
}

/** Lines of a text, without the empty string after a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Parses "12-30" or "12" against a file of `lineCount` lines; throws a message saying what is wrong. */
export function parseLineRange(spec: string, lineCount: number, where: string): LineRange {
  const match = /^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$/.exec(spec);
  if (!match) {
    throw new Error(`${where}: lines="${spec}" is not a line range; write lines="12-30" or lines="12".`);
  }
  const first = Number(match[1]);
  const last = match[2] === undefined ? first : Number(match[2]);
  if (first < 1 || last < first) {
    throw new Error(`${where}: lines="${spec}" must go from a first line >= 1 to a last line >= the first.`);
  }
  if (last > lineCount) {
    throw new Error(`${where}: lines="${spec}" goes past the end of the file, which has ${lineCount} lines.`);
  }
  return { first, last };
}

/** The lines of `text` in `range`, joined with newlines. */
export function sliceLines(text: string, range: LineRange): string {
  return splitLines(text)
    .slice(range.first - 1, range.last)
    .join('\n');
}
