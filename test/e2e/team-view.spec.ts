// The team view in a real browser: two learners, each in their own browser context, record
// progress on the Rust starter path, type their names and export their files; a team lead, in a
// fresh context, chooses some files with the keyboard and drops others (a real drop event carrying
// a DataTransfer), and sees one row per learner with the statuses each learner's own track page
// showed. Bad and foreign files get messages naming them while the good ones still show; two files
// with one name are both shown and marked; the table survives a reload in the tab; axe passes.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { type LessonProgress, PROGRESS_FORMAT, PROGRESS_KEY, PROGRESS_VERSION, parseProgressFile } from '../../site/src/lib/progress.ts';
import { axeViolationsInBothSchemes, collectErrors } from './helpers.ts';

const TRACK = 'rust-starter';
const TEAM_VIEW = `/tracks/${TRACK}/team/`;
const tracks = (
  JSON.parse(readFileSync(new URL('../../lessons/tracks.json', import.meta.url), 'utf8')) as {
    tracks: { id: string; lessons: string[] }[];
  }
).tracks;
const starterLessons = tracks.find((t) => t.id === TRACK)?.lessons ?? [];
const [FIRST, SECOND, THIRD] = starterLessons;

/** Task ids well beyond any lesson's task count: ids past the count do not count, so this passes every task. */
const EVERY_TASK = Array.from({ length: 20 }, (_, i) => i + 1);

interface Exported {
  name: string;
  path: string;
  text: string;
  /** Each lesson's status as the learner's own track page showed it just before the export. */
  statuses: Record<string, string>;
  /** Each lesson's task count, as the track page has it. */
  taskCounts: Record<string, number>;
}

/** Adds lesson entries to the progress stored in this context's localStorage, as a finished action would. */
async function seedProgress(page: Page, entries: Record<string, Partial<LessonProgress>>): Promise<void> {
  await page.evaluate(
    ({ key, format, version, entries, now }) => {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') ?? { format, version, lessons: {} };
      for (const [id, fields] of Object.entries(entries)) {
        stored.lessons[id] = { read: false, demoRun: false, tasksPassed: [], updatedAt: now, ...stored.lessons[id], ...fields };
      }
      localStorage.setItem(key, JSON.stringify(stored));
    },
    { key: PROGRESS_KEY, format: PROGRESS_FORMAT, version: PROGRESS_VERSION, entries, now: new Date().toISOString() },
  );
}

/**
 * One learner in their own browser: marks the first lesson read on its page, has `seeded` recorded
 * as well, reads the statuses their track page shows, then types `name` and exports.
 */
async function learnerExports(
  browser: Browser,
  name: string,
  seeded: Record<string, Partial<LessonProgress>>,
  outputPath: string,
): Promise<Exported> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`/lessons/${FIRST}/`);
  await page.locator('[data-lesson-progress]').getByLabel('Mark as read').check();
  await seedProgress(page, seeded);

  await page.goto(`/tracks/${TRACK}/`);
  const items = page.locator('li[data-progress-lesson]');
  await expect(items).toHaveCount(starterLessons.length);
  await expect(items.first()).toHaveAttribute('data-status', /./);
  const statuses: Record<string, string> = {};
  const taskCounts: Record<string, number> = {};
  for (const item of await items.all()) {
    const id = (await item.getAttribute('data-progress-lesson')) ?? '';
    statuses[id] = (await item.getAttribute('data-status')) ?? '';
    taskCounts[id] = Number(await item.getAttribute('data-task-count'));
  }
  await expect(page.getByRole('link', { name: 'team view of Rust starter path' })).toHaveAttribute('href', TEAM_VIEW);

  await page.goto('/');
  const tools = page.locator('[data-progress-tools]');
  await tools.getByLabel('Your name in exported files').fill(name);
  // The name is kept in this browser for the next export.
  await page.reload();
  await expect(tools.getByLabel('Your name in exported files')).toHaveValue(name);
  const downloading = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'Export to a file' }).click();
  const download = await downloading;
  const slug = name.toLowerCase().replaceAll(' ', '-');
  expect(download.suggestedFilename()).toMatch(new RegExp(`^hybrid-lab-progress-${slug}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  await expect(tools.getByRole('status')).toContainText(`under the name ${name}.`);
  const path = `${outputPath}-${download.suggestedFilename()}`;
  await download.saveAs(path);
  const text = await readFile(path, 'utf8');
  expect(parseProgressFile(text)).toMatchObject({ ok: true, version: PROGRESS_VERSION, learner: name });
  expect(errors).toEqual([]);
  await context.close();
  return { name: download.suggestedFilename(), path, text, statuses, taskCounts };
}

/** Drops files on the drop box the way a drag from the desktop does: dragenter, dragover, drop, with a DataTransfer. */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<{ highlighted: boolean; accepted: boolean }> {
  return page.evaluate((files) => {
    const zone = document.querySelector<HTMLElement>('[data-drop-zone]');
    if (!zone) throw new Error('no drop zone');
    const data = new DataTransfer();
    for (const file of files) data.items.add(new File([file.text], file.name, { type: 'application/json' }));
    const fire = (type: string) => zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    fire('dragenter');
    fire('dragover');
    const highlighted = zone.hasAttribute('data-dragging');
    // dispatchEvent is false when the page called preventDefault: it took the files, the browser does not open them.
    const accepted = !fire('drop');
    return { highlighted, accepted };
  }, files);
}

test('two learners export their progress; the team view shows both, with messages for bad files, and passes axe', async ({ browser }) => {
  expect(starterLessons.length).toBeGreaterThanOrEqual(3);
  const out = test.info().outputPath('learner');

  // Ada: the first lesson read on its page, the second finished, the third's demo run but not read.
  const ada = await learnerExports(
    browser,
    'Ada Lovelace',
    { [SECOND!]: { read: true, demoRun: true, tasksPassed: EVERY_TASK }, [THIRD!]: { demoRun: true } },
    `${out}-ada`,
  );
  expect(ada.statuses[SECOND!]).toBe('done');
  expect(ada.statuses[THIRD!]).toBe('in-progress');
  // Grace: the first lesson finished, nothing else.
  const grace = await learnerExports(
    browser,
    'Grace Hopper',
    { [FIRST!]: { read: true, demoRun: true, tasksPassed: EVERY_TASK } },
    `${out}-grace`,
  );
  expect(grace.statuses[FIRST!]).toBe('done');

  // An older file of Ada's (nothing recorded yet), and Linus's file that names a lesson this site lacks.
  const adaBefore = JSON.stringify({ ...JSON.parse(ada.text), exportedAt: '2025-01-06T09:00:00.000Z', lessons: {} });
  const linus = JSON.parse(grace.text) as { learner: string; lessons: Record<string, unknown> };
  linus.learner = 'Linus';
  linus.lessons['starter-99-retired'] = { read: true, demoRun: false, tasksPassed: [], updatedAt: '2025-01-06T09:00:00.000Z' };

  // The team lead, in a fresh browser.
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(TEAM_VIEW);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Team progress: Rust starter path');
  await expect(page.getByRole('heading', { name: 'How a learner sends you their progress' })).toBeVisible();
  await expect(page.getByText('never uploaded')).toBeVisible();
  const view = page.locator('[data-team-progress]');
  const messages = view.locator('[data-messages]');
  const table = view.getByRole('table');
  await expect(table).toBeHidden();

  // First batch, chosen with the keyboard: Ada's file and three that are refused.
  const choose = view.getByRole('button', { name: 'Choose files…' });
  await choose.focus();
  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  const chooser = await choosing;
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles([
    { name: ada.name, mimeType: 'application/json', buffer: await readFile(ada.path) },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Ada: lessons 1 and 2 done') },
    { name: 'package.json', mimeType: 'application/json', buffer: Buffer.from('{"name": "hybrid-lab", "private": true}') },
    { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(1_100_000, 0x20) },
  ]);
  await expect(messages).toContainText('Read 4 files: 1 added to the table, 3 refused.');
  const refused = messages.locator('[data-message="refused"]');
  await expect(refused).toHaveCount(3);
  await expect(refused.filter({ hasText: 'notes.txt:' })).toContainText('Not added. notes.txt: This file is not valid JSON');
  await expect(refused.filter({ hasText: 'package.json:' })).toContainText(
    'package.json: This is not a Hybrid Lab progress file: it has no "format" field, expected "hybrid-lab-progress".',
  );
  await expect(refused.filter({ hasText: 'huge.json:' })).toContainText(
    'huge.json: This file is 1100 kB; a progress file is a few kilobytes, so this is not one.',
  );
  await expect(table).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(1);

  // Second batch, dropped: Grace's file, Ada's older one, Linus's, and one from a newer site.
  const future = JSON.stringify({
    format: PROGRESS_FORMAT,
    version: PROGRESS_VERSION + 1,
    exportedAt: new Date().toISOString(),
    lessons: {},
  });
  const drop = await dropFiles(page, [
    { name: grace.name, text: grace.text },
    { name: 'ada-in-january.json', text: adaBefore },
    { name: 'linus.json', text: JSON.stringify(linus) },
    { name: 'future.json', text: future },
  ]);
  expect(drop).toEqual({ highlighted: true, accepted: true });
  await expect(messages).toContainText('Read 4 files: 3 added to the table, 1 refused.');
  await expect(messages.locator('[data-message="refused"]')).toHaveText(
    `Not added. future.json: This progress file is version ${PROGRESS_VERSION + 1}, written by a newer Hybrid Lab; ` +
      `this site reads version ${PROGRESS_VERSION} and older. Open it on the site that wrote it, or update this one.`,
  );
  await expect(messages.locator('[data-message="note"]')).toHaveText(
    'Note. linus.json: it has progress for a lesson this site does not have ("starter-99-retired"); that lesson is left out, the rest is shown.',
  );
  await expect(view.locator('[data-drop-zone]')).not.toHaveAttribute('data-dragging');

  // The table: headers and caption, one row per file, sorted by name, Ada's two files marked.
  await expect(table.locator('caption')).toHaveText('Rust starter path: progress by learner');
  await expect(table.locator('thead th[scope="col"]')).toHaveText([
    'Learner',
    'Next lesson',
    'Last progress',
    ...starterLessons.map((_, index) => new RegExp(`^\\s*${index + 1}\\. \\S`)),
    'File',
  ]);
  const lessonColumns = table.locator('thead th[data-lesson-column]');
  await expect(lessonColumns.first().getByRole('link')).toHaveAttribute('href', `/lessons/${FIRST}/`);
  await expect(lessonColumns.last().getByRole('link')).toHaveAttribute('href', `/lessons/${starterLessons.at(-1)}/`);
  const rows = table.locator('tbody tr');
  await expect(rows.locator('th[scope="row"] .team-learner')).toHaveText(['Ada Lovelace', 'Ada Lovelace', 'Grace Hopper', 'Linus']);
  await expect(rows.nth(0).locator('td.team-file')).toContainText('ada-in-january.json');
  await expect(rows.nth(1).locator('td.team-file')).toContainText(ada.name);
  await expect(rows.locator('[data-same-name]')).toHaveCount(2);
  await expect(rows.nth(0).locator('[data-same-name]')).toHaveText('⚠ Same name as another file');
  await expect(rows.nth(2).locator('[data-same-name]')).toHaveCount(0);
  await expect(view.locator('[data-team-summary]')).toHaveText('4 progress files in the table; none has finished the track.');

  // Each cell says what the learner's own track page said, in the same words, with tasks passed.
  const labels: Record<string, RegExp> = { done: /✓\s*Done/, 'in-progress': /◐\s*In progress/, 'not-started': /○\s*Not started/ };
  for (const [row, learner] of [
    [rows.nth(1), ada],
    [rows.nth(2), grace],
  ] as const) {
    for (const id of starterLessons) {
      const cell = row.locator(`td[data-lesson="${id}"]`);
      const status = learner.statuses[id] ?? '';
      await expect(cell).toHaveAttribute('data-status', status);
      await expect(cell).toContainText(labels[status] ?? /unknown status/);
      const tasks = learner.taskCounts[id] ?? 0;
      if (tasks > 0) await expect(cell).toContainText(new RegExp(`\\d+ of ${tasks} tasks`));
    }
  }
  await expect(rows.nth(1).locator(`td[data-lesson="${SECOND}"]`)).toContainText('Done');
  await expect(rows.nth(1).locator(`td[data-lesson="${THIRD}"]`)).toContainText('In progress');
  await expect(rows.nth(2).locator(`td[data-lesson="${FIRST}"]`)).toContainText('Done');
  await expect(rows.nth(0).locator('td.team-status[data-status="not-started"]')).toHaveCount(starterLessons.length);

  // Next lesson and last progress.
  await expect(rows.nth(0).locator('td.team-next a')).toHaveAttribute('href', `/lessons/${FIRST}/`);
  await expect(rows.nth(2).locator('td.team-next a')).toHaveAttribute('href', `/lessons/${SECOND}/`);
  await expect(rows.nth(0).locator('td.team-last')).toHaveText('Nothing yet');
  await expect(rows.nth(1).locator('td.team-last time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  expect(await axeViolationsInBothSchemes(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // A reload keeps the table (sessionStorage), and nothing was written to localStorage.
  await page.reload();
  await expect(messages.locator('p')).toHaveText('Restored 4 files kept in this tab.');
  await expect(messages.locator('[data-message="note"]')).toContainText('linus.json: it has progress for a lesson this site does not have');
  await expect(rows).toHaveCount(4);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);

  // Remove Ada's older file: the mark goes, and focus stays in the table.
  await rows.nth(0).getByRole('button', { name: 'Remove Ada Lovelace (ada-in-january.json)' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.locator('[data-same-name]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Remove Ada Lovelace (${ada.name})` })).toBeFocused();

  // Clear the table: gone, and gone from the tab's storage too.
  await view.getByRole('button', { name: 'Clear the table' }).click();
  await expect(table).toBeHidden();
  await expect(messages).toHaveText('Cleared the table (3 files); nothing is kept in this tab now.');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.reload();
  await expect(table).toBeHidden();
  expect(errors).toEqual([]);
  await context.close();
});

test('every track has a team view whose columns are its lessons; without JavaScript it says it needs it', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/tracks/core/');
  await page.getByRole('link', { name: /^team view of / }).click();
  await expect(page).toHaveURL('/tracks/core/team/');
  const coreLessons = tracks.find((t) => t.id === 'core')?.lessons ?? [];
  // The table stays hidden until a file is added; its columns are there from the build.
  const columns = page.locator('thead th[data-lesson-column]');
  await expect(columns).toHaveCount(coreLessons.length);
  await expect(columns.first().locator('a')).toHaveAttribute('href', `/lessons/${coreLessons[0]}/`);
  await expect(page.getByRole('button', { name: 'Choose files…' })).toBeVisible();
  await page.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await noScript.goto(TEAM_VIEW);
  await expect(noScript.getByRole('heading', { name: 'How a learner sends you their progress' })).toBeVisible();
  expect(await noScript.content()).toMatch(/<noscript>.*The team view reads the files with the page's script/s);
  await expect(noScript.getByRole('button', { name: 'Choose files…' })).toBeHidden();
  await context.close();
});
