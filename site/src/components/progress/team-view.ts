// The team view in the browser: files dropped anywhere on the page or chosen with the button are
// read here (file.text(), nothing is uploaded), checked by team-progress.ts, and drawn as a table.
// The accepted files are kept in sessionStorage, so a reload keeps the table and closing the tab
// forgets it.

import { formatDateTime } from '../../lib/date-time.ts';
import { required } from '../../lib/dom.ts';
import {
  addTeamMembers,
  parseStoredTeamFiles,
  readTeamFile,
  storedTeamFiles,
  TEAM_FILES_KEY,
  type TeamFileResult,
  type TeamLesson,
  type TeamMember,
  type TeamRow,
  teamFileSizeError,
  teamRows,
  teamSummary,
} from './team-progress.ts';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function readJson<T>(text: string | undefined, fallback: T): T {
  try {
    return text === undefined ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

/** sessionStorage, or null where the browser refuses it. */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function timeElement(iso: string): HTMLTimeElement {
  const time = element('time', undefined, formatDateTime(iso));
  time.dateTime = iso;
  return time;
}

function drawRow(row: TeamRow, lessons: readonly TeamLesson[], remove: (row: TeamRow) => void): HTMLTableRowElement {
  const tr = element('tr');
  tr.dataset.learnerRow = row.label;
  tr.dataset.file = row.fileName;

  const who = element('th');
  who.scope = 'row';
  who.append(element('span', 'team-learner', row.label));
  if (row.learner === undefined) who.append(element('span', 'team-sub', 'no name in the file'));
  if (row.sameLabel > 0) {
    const mark = element(
      'span',
      'team-same',
      row.sameLabel === 1 ? '⚠ Same name as another file' : `⚠ Same name as ${row.sameLabel} other files`,
    );
    mark.dataset.sameName = '';
    who.append(mark);
    tr.dataset.sameName = '';
  }
  tr.append(who);

  const next = element('td', 'team-next');
  if (row.next) {
    const link = element('a', undefined, `${lessons.indexOf(row.next) + 1}. ${row.next.title}`);
    link.href = row.next.href;
    next.append(link);
  } else {
    next.append('All done');
  }
  tr.append(next);

  const last = element('td', 'team-last');
  last.append(row.lastProgress === undefined ? 'Nothing yet' : timeElement(row.lastProgress));
  tr.append(last);

  for (const cell of row.cells) {
    const td = element('td', 'team-status');
    td.dataset.status = cell.status;
    td.dataset.lesson = cell.lessonId;
    const symbol = element('span', 'status-symbol', cell.symbol);
    symbol.setAttribute('aria-hidden', 'true');
    td.append(symbol, ' ', element('span', 'status-text', cell.text));
    if (cell.tasks) td.append(element('span', 'team-sub', cell.tasks));
    tr.append(td);
  }

  const file = element('td', 'team-file');
  const line = element('span', 'team-file-line');
  const exported = element('span', undefined, 'exported ');
  exported.append(timeElement(row.exportedAt));
  const button = element('button', 'button team-remove', 'Remove');
  button.type = 'button';
  button.setAttribute('aria-label', `Remove ${row.label} (${row.fileName})`);
  button.addEventListener('click', () => remove(row));
  line.append(exported, button);
  file.append(element('span', 'team-file-name', row.fileName), line);
  tr.append(file);
  return tr;
}

function setUp(root: HTMLElement): void {
  const lessons = readJson<TeamLesson[]>(root.dataset.trackLessons, []);
  const siteLessons = new Set(readJson<string[]>(root.dataset.siteLessons, []));
  const body = required<HTMLElement>(root, '[data-team-body]', 'TeamProgress');
  const dropZone = required<HTMLElement>(root, '[data-drop-zone]', 'TeamProgress');
  const chooseButton = required<HTMLButtonElement>(root, 'button[data-choose]', 'TeamProgress');
  const picker = required<HTMLInputElement>(root, 'input[data-team-files]', 'TeamProgress');
  const messages = required<HTMLElement>(root, '[data-messages]', 'TeamProgress');
  const summary = required<HTMLElement>(root, '[data-team-summary]', 'TeamProgress');
  const tableWrap = required<HTMLElement>(root, '[data-table-wrap]', 'TeamProgress');
  const rowsBody = required<HTMLTableSectionElement>(root, 'tbody[data-rows]', 'TeamProgress');
  const clearButton = required<HTMLButtonElement>(root, 'button[data-clear-table]', 'TeamProgress');
  const storage = tabStorage();

  let members: TeamMember[] = [];

  const keep = (): boolean => {
    if (!storage) return false;
    try {
      if (members.length === 0) storage.removeItem(TEAM_FILES_KEY);
      else storage.setItem(TEAM_FILES_KEY, JSON.stringify(storedTeamFiles(members)));
      return true;
    } catch {
      return false;
    }
  };

  const say = (lead: string, items: { kind: 'refused' | 'note' | 'skipped'; text: string }[]) => {
    const labels = { refused: 'Not added.', note: 'Note.', skipped: 'Skipped.' };
    const list = element('ul', 'team-message-list');
    for (const item of items) {
      const li = element('li', `team-message ${item.kind}`);
      li.dataset.message = item.kind;
      li.append(element('strong', undefined, labels[item.kind]), ` ${item.text}`);
      list.append(li);
    }
    messages.replaceChildren(element('p', undefined, lead), ...(items.length > 0 ? [list] : []));
  };

  const draw = () => {
    const rows = teamRows(members, lessons);
    rowsBody.replaceChildren(
      ...rows.map((row, index) =>
        drawRow(row, lessons, () => {
          members = members.filter((member) => member !== row.member);
          keep();
          draw();
          say(`Removed ${row.fileName} from the table.`, []);
          const buttons = rowsBody.querySelectorAll<HTMLButtonElement>('button.team-remove');
          (buttons[Math.min(index, buttons.length - 1)] ?? chooseButton).focus();
        }),
      ),
    );
    summary.textContent = teamSummary(rows);
    tableWrap.hidden = rows.length === 0;
    clearButton.hidden = rows.length === 0;
  };

  const add = async (files: readonly File[]) => {
    if (files.length === 0) return;
    const results = await Promise.all(
      files.map(async (file): Promise<TeamFileResult> => {
        const tooLarge = teamFileSizeError(file.name, file.size);
        if (tooLarge !== undefined) return { ok: false, fileName: file.name, error: tooLarge };
        try {
          return readTeamFile(file.name, await file.text(), siteLessons);
        } catch (error) {
          return {
            ok: false,
            fileName: file.name,
            error: `${file.name}: it could not be read (${error instanceof Error ? error.message : String(error)}).`,
          };
        }
      }),
    );
    const added = addTeamMembers(members, results);
    const count = added.members.length - members.length;
    members = added.members;
    const kept = keep();
    draw();
    const refused = results.flatMap((result) => (result.ok ? [] : [{ kind: 'refused' as const, text: result.error }]));
    const notes = results.flatMap((result) => (result.ok ? result.notes.map((text) => ({ kind: 'note' as const, text })) : []));
    const skipped = added.skipped.map((text) => ({ kind: 'skipped' as const, text }));
    const read = files.length === 1 ? '1 file' : `${files.length} files`;
    let lead = `Read ${read}: ${count === 0 ? 'none' : count} added to the table`;
    lead += refused.length === 0 ? '.' : `, ${refused.length} refused.`;
    if (!kept && members.length > 0) lead += ' This browser would not keep the table for this tab: it lasts until you leave the page.';
    say(lead, [...refused, ...skipped, ...notes]);
  };

  picker.addEventListener('change', () => {
    const files = [...(picker.files ?? [])];
    picker.value = '';
    void add(files);
  });
  chooseButton.addEventListener('click', () => picker.click());

  // Files dropped anywhere on the page are read, so a drop that misses the box does not make the
  // browser navigate away to the file.
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    dropZone.dataset.dragging = '';
  });
  window.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) delete dropZone.dataset.dragging;
  });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    delete dropZone.dataset.dragging;
    void add([...(event.dataTransfer?.files ?? [])]);
  });

  clearButton.addEventListener('click', () => {
    const count = members.length;
    members = [];
    keep();
    draw();
    say(`Cleared the table (${count === 1 ? '1 file' : `${count} files`}); nothing is kept in this tab now.`, []);
    chooseButton.focus();
  });

  // What this tab kept: read again, so a file is checked the same way however it arrives.
  let keptText: string | undefined;
  try {
    keptText = storage?.getItem(TEAM_FILES_KEY) ?? undefined;
  } catch {
    keptText = undefined;
  }
  const stored = parseStoredTeamFiles(readJson<unknown>(keptText, []));
  const restored = stored.map((file) => readTeamFile(file.fileName, file.text, siteLessons));
  members = addTeamMembers([], restored).members;
  draw();
  if (members.length > 0) {
    const notes = restored.flatMap((result) => (result.ok ? result.notes.map((text) => ({ kind: 'note' as const, text })) : []));
    say(`Restored ${members.length === 1 ? '1 file' : `${members.length} files`} kept in this tab.`, notes);
  }
  body.hidden = false;
}

/** Sets up every TeamProgress on the page. */
export function setUpTeamView(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-team-progress]')) setUp(root);
}
