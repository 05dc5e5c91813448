import { describe, expect, it } from 'vitest';
import { type CheckedPart, checkNotes, PAGE_TOP, type PageSection, parsePartHeading, splitNotes } from './speaker-notes.ts';

const FILE = 'lessons/01-batching/notes.md';

const page: { sections: PageSection[]; minutes: number } = {
  sections: [
    { text: 'The kernel', slug: 'the-kernel' },
    { text: 'What a crossing costs, and why', slug: 'what-a-crossing-costs-and-why' },
    { text: 'Go’s memory, lent for one call', slug: 'gos-memory-lent-for-one-call' },
    { text: 'Try it in the editor', slug: 'try-it-in-the-editor' },
    { text: 'Exercise: build the batcher', slug: 'exercise-build-the-batcher' },
  ],
  minutes: 60,
};

/** Parts as the loader hands them over: the heading as written, its line, and its rendered text (here the same). */
function parts(...headings: string[]): CheckedPart[] {
  return headings.map((heading, index) => ({ heading, line: 10 * (index + 1), text: heading }));
}

const fitting = parts(
  'Before the session',
  'Opening (0–5)',
  'The kernel; What a crossing costs, and why (5–15)',
  "Go's memory, lent for one call (15–25)",
  'Try it in the editor (not timed)',
  'Exercise: build the batcher (25–55)',
  'Debrief (55–60)',
  'Misconceptions to expect',
);

describe('splitNotes', () => {
  it('splits at ## headings, keeps the summary, and takes each part’s "Run live" block out of its notes', () => {
    const split = splitNotes(
      FILE,
      [
        '# Speaker notes: Lesson 01',
        '',
        'The through-line.',
        '',
        '## The kernel (5–15)',
        '',
        'Walk the steps.',
        '',
        '### Run live',
        '',
        '`./batching`',
        '',
        '### After the run',
        '',
        'Ask the room.',
        '',
        '## Debrief (15–20)',
        'The question.',
      ].join('\n'),
    );
    expect(split.title).toBe('Speaker notes: Lesson 01');
    expect(split.summary).toBe('The through-line.');
    expect(split.parts).toEqual([
      { heading: 'The kernel (5–15)', line: 5, body: 'Walk the steps.\n\n### After the run\n\nAsk the room.', runLive: '`./batching`' },
      { heading: 'Debrief (15–20)', line: 17, body: 'The question.', runLive: null },
    ]);
  });

  it('ignores headings inside fenced code, however the fence is indented or marked', () => {
    const split = splitNotes(
      FILE,
      ['## Opening (0–5)', '', '  ```sh', '## not a heading', '  ```', '~~~~', '### Run live', '~~~~', 'After.'].join('\n'),
    );
    expect(split.parts).toHaveLength(1);
    expect(split.parts[0]?.runLive).toBeNull();
    expect(split.parts[0]?.body).toContain('## not a heading');
  });

  it('refuses a second "Run live" in one part, naming the file, the line and the part', () => {
    expect(() => splitNotes(FILE, ['## Opening (0–5)', '### Run live', 'a', '### Run live', 'b'].join('\n'))).toThrow(
      'lessons/01-batching/notes.md:4: "## Opening (0–5)" has a second "### Run live"; keep one per part.',
    );
  });
});

describe('parsePartHeading', () => {
  it('reads page sections with minutes, several sections, untimed sections, segments and reference parts', () => {
    expect(parsePartHeading('The kernel (5–15)')).toEqual({ kind: 'sections', names: ['The kernel'], minutes: { start: 5, end: 15 } });
    expect(parsePartHeading('A; B, and C (5-15)')).toEqual({ kind: 'sections', names: ['A', 'B, and C'], minutes: { start: 5, end: 15 } });
    expect(parsePartHeading('Try it in the editor (not timed)')).toEqual({
      kind: 'sections',
      names: ['Try it in the editor'],
      minutes: null,
    });
    expect(parsePartHeading('Opening (0–5)')).toEqual({ kind: 'segment', name: 'Opening', minutes: { start: 0, end: 5 } });
    expect(parsePartHeading('If something goes wrong')).toEqual({ kind: 'reference', name: 'If something goes wrong' });
  });

  it('says what is wrong with minutes that are missing, do not parse or run backwards', () => {
    expect(parsePartHeading('The kernel')).toEqual({
      error: 'has no minutes: expected "(start–end)" in whole minutes from the lesson\'s start, such as "(5–15)", or "(not timed)"',
    });
    expect(parsePartHeading('The kernel (5 to 15)')).toEqual({
      error:
        'has "(5 to 15)", whose minutes do not parse: expected "(start–end)" in whole minutes from the lesson\'s start, such as "(5–15)", or "(not timed)"',
    });
    expect(parsePartHeading('The kernel (15–5)')).toEqual({ error: 'ends at minute 5, not after it starts (minute 15)' });
    expect(parsePartHeading('Debrief (not timed)')).toEqual({ error: 'is a timed part: give it "(start–end)" minutes' });
    expect(parsePartHeading('Before the session (0–5)')).toEqual({
      error: 'is instructor reference, which takes no minutes: write "## Before the session"',
    });
  });
});

describe('checkNotes', () => {
  it('turns notes that fit the page into the presenter’s steps, in the notes’ order, and the reference parts', () => {
    const checked = checkNotes(FILE, fitting, page);
    expect(checked.problems).toEqual([]);
    expect(checked.steps).toEqual([
      { part: 1, title: 'Opening', anchors: [PAGE_TOP], minutes: { start: 0, end: 5 } },
      {
        part: 2,
        title: 'The kernel; What a crossing costs, and why',
        anchors: ['the-kernel', 'what-a-crossing-costs-and-why'],
        minutes: { start: 5, end: 15 },
      },
      // Named with a plain quote, titled as the page writes it.
      { part: 3, title: 'Go’s memory, lent for one call', anchors: ['gos-memory-lent-for-one-call'], minutes: { start: 15, end: 25 } },
      { part: 4, title: 'Try it in the editor', anchors: ['try-it-in-the-editor'], minutes: null },
      { part: 5, title: 'Exercise: build the batcher', anchors: ['exercise-build-the-batcher'], minutes: { start: 25, end: 55 } },
      { part: 6, title: 'Debrief', anchors: [], minutes: { start: 55, end: 60 } },
    ]);
    expect(checked.references).toEqual([
      { part: 0, title: 'Before the session' },
      { part: 7, title: 'Misconceptions to expect' },
    ]);
  });

  it('names the file, line and heading of a heading that names no section, and points at the likely one', () => {
    const checked = checkNotes(FILE, parts('The kernel; What a crossing costs (5–15)', 'Elsewhere (15–25)'), page);
    expect(checked.problems).toEqual([
      `${FILE}:10: "## The kernel; What a crossing costs (5–15)" names "What a crossing costs", which is no section of the page (its sections: "The kernel", "What a crossing costs, and why", "Go’s memory, lent for one call", "Try it in the editor", "Exercise: build the batcher"). Did you mean "What a crossing costs, and why"?`,
      `${FILE}:20: "## Elsewhere (15–25)" names "Elsewhere", which is no section of the page (its sections: "The kernel", "What a crossing costs, and why", "Go’s memory, lent for one call", "Try it in the editor", "Exercise: build the batcher").`,
      `${FILE}: no notes for the page's section "Go’s memory, lent for one call": add "## Go’s memory, lent for one call (start–end)", or "(not timed)" when the session leaves it to the learners.`,
      `${FILE}: no notes for the page's section "Try it in the editor": add "## Try it in the editor (start–end)", or "(not timed)" when the session leaves it to the learners.`,
      `${FILE}: no notes for the page's section "Exercise: build the batcher": add "## Exercise: build the batcher (start–end)", or "(not timed)" when the session leaves it to the learners.`,
      `${FILE}:20: "## Elsewhere (15–25)" ends the timed parts at minute 25, but the lesson's front matter says minutes: 60; make them agree.`,
    ]);
  });

  it('fails minutes that do not parse, overlap the part above, or end elsewhere than the lesson', () => {
    const checked = checkNotes(
      FILE,
      parts(
        'The kernel; What a crossing costs, and why (5–15)',
        "Go's memory, lent for one call (12–25)",
        'Try it in the editor (25 min)',
        'Exercise: build the batcher (25–50)',
      ),
      page,
    );
    expect(checked.problems).toEqual([
      `${FILE}:20: "## Go's memory, lent for one call (12–25)" starts at minute 12, before the timed part above it ("## The kernel; What a crossing costs, and why (5–15)", line 10) ends at minute 15; timed parts go in teaching order and do not overlap.`,
      `${FILE}:30: "## Try it in the editor (25 min)" has "(25 min)", whose minutes do not parse: expected "(start–end)" in whole minutes from the lesson's start, such as "(5–15)", or "(not timed)".`,
      `${FILE}: no notes for the page's section "Try it in the editor": add "## Try it in the editor (start–end)", or "(not timed)" when the session leaves it to the learners.`,
      `${FILE}:40: "## Exercise: build the batcher (25–50)" ends the timed parts at minute 50, but the lesson's front matter says minutes: 60; make them agree.`,
    ]);
  });

  it('fails a section covered twice and an instructor heading repeated', () => {
    const more = parts('The kernel (60–61)', 'Before the session').map((part) => ({ ...part, line: part.line + 100 }));
    const checked = checkNotes(FILE, [...fitting, ...more], { ...page, minutes: 61 });
    expect(checked.problems).toEqual([
      `${FILE}:110: "## The kernel (60–61)" names "The kernel", which line 30 already covers; give each section one part.`,
      `${FILE}:120: "## Before the session" repeats "Before the session" of line 10; keep one.`,
    ]);
  });

  it('fails notes with no timed part at all', () => {
    const checked = checkNotes(FILE, parts('Before the session'), { sections: [], minutes: 60 });
    expect(checked.problems).toEqual([`${FILE}: no timed part; give the parts minutes, such as "## Opening (0–5)".`]);
  });
});
