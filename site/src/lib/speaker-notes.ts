// Speaker notes (lessons/<id>/notes.md), organised by the page's `##` sections so the presenter view
// shows the part that belongs to the section on the projector. lessons/README.md documents the format:
//
//   # Speaker notes: <lesson>              text up to the first `##` is the lesson's summary
//   ## <page heading> (5–15)               notes of one page section; minutes from the lesson's start
//   ## <page heading>; <page heading> (15–25)   one part for sections taught together
//   ## <page heading> (not timed)          a section the session leaves to the learners
//   ## Opening (0–5), ## Debrief (85–90)   timed parts that have no section on the page
//   ## Before the session, ...             instructor reference, never timed (REFERENCE_HEADINGS)
//   ### Run live                           inside a part: what to run on the projector, shown in its own box
//
// Split here (pure), rendered by the notes loader, checked against the page at build time.
import { sameHeading } from './heading-match.ts';

/** Headings of the instructor's reference parts: shown beside every section, never timed. */
export const REFERENCE_HEADINGS = ['Before the session', 'Misconceptions to expect', 'If something goes wrong'] as const;

/** Timed parts with no section on the page: the presenter shows them in their place in the sequence. */
export const SEGMENT_HEADINGS = ['Opening', 'Debrief'] as const;

/** The sub-heading whose content the presenter shows in its "Run live" box. */
export const RUN_LIVE_HEADING = 'Run live';

/** Where the main window goes for a step that is before the page's first section (the Opening). */
export const PAGE_TOP = ':top';

/** Minutes from the lesson's start. */
export interface Minutes {
  start: number;
  end: number;
}

/** One `##` part of a notes file, as written. */
export interface NotesPart {
  /** The heading as written after `## `. */
  heading: string;
  /** Line of the heading in the file, from 1. */
  line: number;
  /** Markdown of the part without its heading and without its "Run live" block. */
  body: string;
  /** Markdown under `### Run live` (to the next heading of level 3 or above), or null. */
  runLive: string | null;
}

/** A notes file split at its `##` headings. */
export interface SplitNotes {
  /** Text of the `#` heading, or null when there is none. */
  title: string | null;
  /** Markdown between the title and the first `##`. */
  summary: string;
  parts: NotesPart[];
}

const fence = /^\s*(`{3,}|~{3,})/;
const atxHeading = /^(#{1,6})\s+(.*?)\s*#*\s*$/;

/** Splits a notes file at its `##` headings (ignoring any inside fenced code); throws naming the file and line of a second "Run live" in one part. */
export function splitNotes(file: string, markdown: string): SplitNotes {
  const lines = markdown.split(/\r?\n/);
  let title: string | null = null;
  const summary: string[] = [];
  const parts: (NotesPart & { bodyLines: string[]; liveLines: string[] | null })[] = [];
  let open: string | null = null;
  let inRunLive = false;
  lines.forEach((text, index) => {
    const current = parts.at(-1);
    const fenceMark = fence.exec(text)?.[1];
    if (open !== null) {
      if (fenceMark && fenceMark[0] === open[0] && fenceMark.length >= open.length && text.trim() === fenceMark) open = null;
    } else if (fenceMark) {
      open = fenceMark;
    } else {
      const heading = atxHeading.exec(text);
      const level = heading?.[1]?.length ?? 0;
      if (heading && level === 1 && title === null && parts.length === 0) {
        title = heading[2] ?? '';
        return;
      }
      if (heading && level === 2) {
        parts.push({ heading: heading[2] ?? '', line: index + 1, body: '', runLive: null, bodyLines: [], liveLines: null });
        inRunLive = false;
        return;
      }
      if (heading && level <= 3 && current) {
        if (heading[2] === RUN_LIVE_HEADING) {
          if (current.liveLines !== null) {
            throw new Error(`${file}:${index + 1}: "## ${current.heading}" has a second "### ${RUN_LIVE_HEADING}"; keep one per part.`);
          }
          current.liveLines = [];
          inRunLive = true;
          return;
        }
        inRunLive = false;
      }
    }
    if (!current) summary.push(text);
    else if (inRunLive && current.liveLines) current.liveLines.push(text);
    else current.bodyLines.push(text);
  });
  return {
    title,
    summary: summary.join('\n').trim(),
    parts: parts.map(({ heading, line, bodyLines, liveLines }) => ({
      heading,
      line,
      body: bodyLines.join('\n').trim(),
      runLive: liveLines === null ? null : liveLines.join('\n').trim(),
    })),
  };
}

/** What a part's heading says: reference, a timed segment off the page, or page sections. */
export type PartHeading =
  | { kind: 'reference'; name: string }
  | { kind: 'segment'; name: string; minutes: Minutes }
  | { kind: 'sections'; names: string[]; minutes: Minutes | null };

const trailingGroup = /^(.*\S)\s+\(([^()]*)\)$/;
const minuteRange = /^(\d+)\s*[–-]\s*(\d+)$/;
const FORMAT_HINT = 'expected "(start–end)" in whole minutes from the lesson\'s start, such as "(5–15)", or "(not timed)"';

/** Reads a part's heading (as rendered: typographic quotes, no backticks); an error says what is wrong and what was expected. */
export function parsePartHeading(text: string): PartHeading | { error: string } {
  const group = trailingGroup.exec(text.trim());
  const name = (group?.[1] ?? text).trim();
  const reference = REFERENCE_HEADINGS.find((candidate) => candidate === name);
  const segment = SEGMENT_HEADINGS.find((candidate) => candidate === name);
  if (!group) {
    if (reference) return { kind: 'reference', name: reference };
    return { error: `has no minutes: ${FORMAT_HINT}` };
  }
  if (reference) return { error: `is instructor reference, which takes no minutes: write "## ${reference}"` };
  const inside = (group[2] ?? '').trim();
  let minutes: Minutes | null = null;
  if (inside !== 'not timed') {
    const range = minuteRange.exec(inside);
    if (!range) return { error: `has "(${inside})", whose minutes do not parse: ${FORMAT_HINT}` };
    minutes = { start: Number(range[1]), end: Number(range[2]) };
    if (minutes.end <= minutes.start) {
      return { error: `ends at minute ${minutes.end}, not after it starts (minute ${minutes.start})` };
    }
  }
  if (segment) {
    if (!minutes) return { error: `is a timed part: give it "(start–end)" minutes` };
    return { kind: 'segment', name: segment, minutes };
  }
  return { kind: 'sections', names: name.split(/\s*;\s*/), minutes };
}

/** A page section: its `##` heading's text as rendered, and its anchor. */
export interface PageSection {
  text: string;
  slug: string;
}

/** A notes part's heading with its rendered text, which is what the check compares with the page. */
export interface CheckedPart {
  /** The heading as written, for messages. */
  heading: string;
  line: number;
  /** The heading's text as Astro renders it (typographic quotes, no markup). */
  text: string;
}

/** One place in the presenter's sequence: a timed or untimed part, in the order of the notes. */
export interface NotesStep {
  /** Index of its part in the file's parts. */
  part: number;
  /** The page's heading texts joined by "; ", or "Opening" / "Debrief". */
  title: string;
  /** Ids of the page headings it covers; [PAGE_TOP] for the Opening, [] when the page has nothing to show (Debrief). */
  anchors: string[];
  /** Minutes from the lesson's start, or null for a section the session does not time. */
  minutes: Minutes | null;
}

/** A notes file checked against its page: the sequence, the reference parts, and every problem found. */
export interface CheckedNotes {
  steps: NotesStep[];
  references: { part: number; title: string }[];
  problems: string[];
}

/** A page section that a mistyped name probably meant, for the hint in a message. */
function likelySection(name: string, sections: readonly PageSection[]): PageSection | undefined {
  const lower = name.toLowerCase();
  return sections.find((section) => {
    const page = section.text.toLowerCase();
    return page.startsWith(lower) || lower.startsWith(page);
  });
}

/**
 * Checks a notes file's parts against its page: every heading names page sections (or is a fixed
 * instructor heading), every page section has notes exactly once, timed parts follow each other
 * without going back, and the last one ends at the lesson's `minutes`. Each problem names the file,
 * the line and the heading.
 */
export function checkNotes(
  file: string,
  parts: readonly CheckedPart[],
  page: { sections: readonly PageSection[]; minutes: number },
): CheckedNotes {
  const steps: NotesStep[] = [];
  const references: { part: number; title: string }[] = [];
  const problems: string[] = [];
  const coveredBy = new Map<string, number>();
  // Sections a "did you mean" already pointed at: their "no notes" line would say the same thing twice.
  const suggested = new Set<string>();
  const seenInstructor = new Map<string, number>();
  let previous: { part: CheckedPart; minutes: Minutes } | null = null;
  const where = (part: CheckedPart) => `${file}:${part.line}: "## ${part.heading}"`;
  const pageList = page.sections.map((section) => `"${section.text}"`).join(', ');

  for (const [index, part] of parts.entries()) {
    const parsed = parsePartHeading(part.text);
    if ('error' in parsed) {
      problems.push(`${where(part)} ${parsed.error}.`);
      continue;
    }
    if (parsed.kind === 'reference' || parsed.kind === 'segment') {
      const earlier = seenInstructor.get(parsed.name);
      if (earlier !== undefined) problems.push(`${where(part)} repeats "${parsed.name}" of line ${earlier}; keep one.`);
      seenInstructor.set(parsed.name, part.line);
    }
    if (parsed.kind === 'reference') {
      references.push({ part: index, title: parsed.name });
      continue;
    }
    const minutes = parsed.minutes;
    if (minutes && previous && minutes.start < previous.minutes.end) {
      problems.push(
        `${where(part)} starts at minute ${minutes.start}, before the timed part above it ("## ${previous.part.heading}", line ${previous.part.line}) ends at minute ${previous.minutes.end}; timed parts go in teaching order and do not overlap.`,
      );
    }
    if (minutes) previous = { part, minutes };
    if (parsed.kind === 'segment') {
      steps.push({ part: index, title: parsed.name, anchors: parsed.name === 'Opening' ? [PAGE_TOP] : [], minutes });
      continue;
    }
    const found: PageSection[] = [];
    for (const name of parsed.names) {
      const section = page.sections.find((candidate) => sameHeading(name, candidate.text));
      if (!section) {
        const likely = likelySection(name, page.sections);
        if (likely) suggested.add(likely.slug);
        const hint = likely ? ` Did you mean "${likely.text}"?` : '';
        problems.push(`${where(part)} names "${name}", which is no section of the page (its sections: ${pageList}).${hint}`);
        continue;
      }
      const earlier = coveredBy.get(section.slug);
      if (earlier !== undefined) {
        problems.push(`${where(part)} names "${section.text}", which line ${earlier} already covers; give each section one part.`);
        continue;
      }
      coveredBy.set(section.slug, part.line);
      found.push(section);
    }
    if (found.length > 0) {
      steps.push({ part: index, title: found.map((s) => s.text).join('; '), anchors: found.map((s) => s.slug), minutes });
    }
  }

  for (const section of page.sections) {
    if (!coveredBy.has(section.slug) && !suggested.has(section.slug)) {
      problems.push(
        `${file}: no notes for the page's section "${section.text}": add "## ${section.text} (start–end)", or "(not timed)" when the session leaves it to the learners.`,
      );
    }
  }
  const last = previous;
  if (!last) {
    problems.push(`${file}: no timed part; give the parts minutes, such as "## Opening (0–5)".`);
  } else if (last.minutes.end !== page.minutes) {
    problems.push(
      `${where(last.part)} ends the timed parts at minute ${last.minutes.end}, but the lesson's front matter says minutes: ${page.minutes}; make them agree.`,
    );
  }
  return { steps, references, problems };
}
