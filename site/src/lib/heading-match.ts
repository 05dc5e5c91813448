// Matching a heading's text as an author types it (a workshop plan, speaker notes) with the text the
// page renders. Kept apart from workshops.ts and its zod schemas, so browser code that needs the
// speaker-notes types does not bundle zod.

/** The page's typographic quotes as plain ones, so a plan can name "Go's memory" as its author types it. */
function plainQuotes(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
}

/** Whether a heading text typed by an author (plan, speaker notes) names a page heading, quotes typed plain or curly. */
export function sameHeading(typed: string, onPage: string): boolean {
  return plainQuotes(typed) === plainQuotes(onPage);
}
