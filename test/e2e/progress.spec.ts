// The learner's progress in a real browser: marked on the lesson page, shown on the home and
// track pages after a reload, exported to a file that validates, cleared after a confirmation,
// imported back, and a bad file refused with a message that changes nothing.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { PROGRESS_FORMAT, PROGRESS_KEY, PROGRESS_VERSION, parseProgressFile } from '../../site/src/lib/progress.ts';
import { BATCHING_LESSON, collectErrors } from './helpers.ts';

const LESSON_ID = '01-batching';

const tracks = (
  JSON.parse(readFileSync(new URL('../../lessons/tracks.json', import.meta.url), 'utf8')) as {
    tracks: { id: string; lessons: string[] }[];
  }
).tracks;
/** "0 of N lessons done" for the core track, N read from lessons/tracks.json. */
const coreLessons = tracks.find((t) => t.id === 'core')?.lessons.length ?? 0;
const starterLessons = tracks.find((t) => t.id === 'rust-starter')?.lessons ?? [];
const noneDone = `0 of ${coreLessons} lesson${coreLessons === 1 ? '' : 's'} done`;
/** The same over every lesson of the site, as the progress tools' summary counts them. */
const siteLessons = tracks.reduce((sum, t) => sum + t.lessons.length, 0);
const noneDoneOnSite = `0 of ${siteLessons} lesson${siteLessons === 1 ? '' : 's'} done`;

function storedProgress(page: Page): Promise<string | null> {
  return page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY);
}

function coreTrack(page: Page) {
  return page.locator('section.track', { has: page.locator('#track-core') });
}

test('mark read, see it at home and on the track page, export, clear, import, and refuse a bad file', async ({ page }) => {
  const errors = collectErrors(page);

  // Lesson page: nothing yet, then "Mark as read".
  await page.goto(BATCHING_LESSON);
  const box = page.locator('[data-lesson-progress]');
  await expect(box).toBeVisible();
  await expect(box).toContainText('Not started');
  await expect(box).toContainText('Demo not run yet');
  await expect(box).toContainText('Tasks passed: 0 of 3');
  await box.getByLabel('Mark as read').check();
  await expect(box).toContainText('In progress');
  await expect(box).toHaveAttribute('data-status', 'in-progress');
  await page.reload();
  await expect(box.getByLabel('Mark as read')).toBeChecked();

  // Home page, after a reload: the lesson in progress, and the track's next step.
  await page.goto('/');
  await page.reload();
  const item = page.locator(`li[data-progress-lesson="${LESSON_ID}"]`);
  await expect(item.locator('[data-lesson-status]')).toHaveText(/^\s*◐ In progress: read, 0 of 3 tasks passed\s*$/);
  const next = coreTrack(page).locator('[data-track-next]');
  await expect(next).toContainText(`${noneDone}. Next:`);
  await expect(next).toContainText('(to do: pass tasks 1, 2 and 3).');
  await expect(next.getByRole('link')).toHaveAttribute('href', BATCHING_LESSON);
  await expect(page.locator('[data-summary]')).toHaveText(`${noneDoneOnSite}, 1 in progress.`);

  // The track pages: the same list and next step, and a link to each track's team view.
  await coreTrack(page).getByRole('heading', { level: 2 }).getByRole('link').click();
  await expect(page).toHaveURL('/tracks/core/');
  await expect(page.locator(`li[data-progress-lesson="${LESSON_ID}"] [data-lesson-status]`)).toContainText('In progress');
  await expect(page.locator('[data-track-next]')).toContainText('Next:');
  await expect(page.locator(`li[data-progress-lesson="${LESSON_ID}"] .lesson-minutes`)).toHaveText(/^\d+ min$/);
  await expect(page.getByRole('link', { name: 'team view of Go and Rust across one boundary' })).toHaveAttribute(
    'href',
    '/tracks/core/team/',
  );
  await page.goto('/tracks/rust-starter/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rust starter path');
  await expect(page.locator('li[data-progress-lesson]')).toHaveCount(starterLessons.length);
  await expect(page.locator('li[data-progress-lesson] [data-lesson-status]').first()).toContainText('Not started');
  await expect(page.getByRole('link', { name: 'team view of Rust starter path' })).toHaveAttribute('href', '/tracks/rust-starter/team/');

  // Export: a dated file whose JSON the site's own parser accepts, with the lesson read.
  await page.goto('/');
  const tools = page.locator('[data-progress-tools]');
  const downloading = page.waitForEvent('download');
  await tools.getByRole('button', { name: 'Export to a file' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^hybrid-lab-progress-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(exported);
  const text = await readFile(exported, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: PROGRESS_FORMAT, version: PROGRESS_VERSION });
  expect(JSON.parse(text)).not.toHaveProperty('learner');
  const parsed = parseProgressFile(text, new Set([LESSON_ID]));
  expect(parsed).toMatchObject({ ok: true, warnings: [], progress: { [LESSON_ID]: { read: true, demoRun: false, tasksPassed: [] } } });
  await expect(tools.getByRole('status')).toContainText('Exported the progress of 1 lesson');
  const before = await storedProgress(page);

  // Clear: Cancel keeps everything; "Yes, clear my progress" forgets it.
  await tools.getByRole('button', { name: 'Clear progress…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear your progress?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('This forgets 1 lesson marked read, 0 demo runs and 0 passed tasks, over 1 lesson.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await storedProgress(page)).toBe(before);
  await tools.getByRole('button', { name: 'Clear progress…' }).click();
  await dialog.getByRole('button', { name: 'Yes, clear my progress' }).click();
  await expect(dialog).toBeHidden();
  await expect(tools.getByRole('status')).toHaveText('Your progress was cleared.');
  expect(await storedProgress(page)).toBeNull();
  await expect(item.locator('[data-lesson-status]')).toContainText('Not started');
  await expect(page.locator('[data-summary]')).toHaveText('Nothing recorded yet in this browser.');
  await expect(tools.getByRole('button', { name: 'Clear progress…' })).toBeDisabled();

  // Import the exported file: the progress is back, and survives a reload.
  const choosing = page.waitForEvent('filechooser');
  await tools.getByRole('button', { name: 'Import from a file…' }).click();
  await (await choosing).setFiles(exported);
  await expect(tools.getByRole('status')).toContainText(`Imported ${download.suggestedFilename()}: the progress of 1 lesson`);
  await expect(tools.locator('[data-error]')).toBeEmpty();
  await expect(item.locator('[data-lesson-status]')).toContainText('In progress');
  expect(JSON.parse((await storedProgress(page)) ?? 'null')).toEqual(JSON.parse(before ?? 'null'));
  await page.reload();
  await expect(item.locator('[data-lesson-status]')).toContainText('In progress');

  // Bad files: a message in the alert saying what is wrong, and nothing changed.
  const stored = await storedProgress(page);
  const badFiles: { name: string; content: string; message: string }[] = [
    { name: 'notes.txt', content: 'read lesson 1', message: 'notes.txt: This file is not valid JSON: ' },
    {
      name: 'future.json',
      content: JSON.stringify({
        format: PROGRESS_FORMAT,
        version: PROGRESS_VERSION + 1,
        exportedAt: new Date().toISOString(),
        lessons: {},
      }),
      message: `This progress file is version ${PROGRESS_VERSION + 1}, written by a newer Hybrid Lab; this site reads version ${PROGRESS_VERSION} and older.`,
    },
    {
      name: 'wrong-task.json',
      content: text.replace('"tasksPassed": []', '"tasksPassed": [1, 2, "3"]'),
      message: `lessons["${LESSON_ID}"].tasksPassed[2] must be a positive whole number (found: "3").`,
    },
  ];
  for (const bad of badFiles) {
    const chooser = page.waitForEvent('filechooser');
    await tools.getByRole('button', { name: 'Import from a file…' }).click();
    await (await chooser).setFiles({ name: bad.name, mimeType: 'application/json', buffer: Buffer.from(bad.content) });
    await expect(tools.getByRole('alert')).toContainText(bad.message);
    await expect(tools.getByRole('alert')).toContainText('Nothing was changed.');
    await expect(tools.locator('[data-message]')).toBeEmpty();
    expect(await storedProgress(page)).toBe(stored);
  }
  await expect(item.locator('[data-lesson-status]')).toContainText('In progress');
  expect(errors).toEqual([]);
});

test('a change in one tab shows in another without a reload', async ({ context }) => {
  const home = await context.newPage();
  await home.goto('/');
  const status = home.locator(`li[data-progress-lesson="${LESSON_ID}"] [data-lesson-status]`);
  await expect(status).toContainText('Not started');
  // Nothing begun: the track points at its list rather than repeating the first lesson's link.
  await expect(coreTrack(home).locator('[data-track-next]')).toHaveText(`${noneDone}. Start with the first lesson below.`);
  const lesson = await context.newPage();
  await lesson.goto(BATCHING_LESSON);
  await lesson.locator('[data-lesson-progress]').getByLabel('Mark as read').check();
  await expect(status).toContainText('In progress');
  await lesson.locator('[data-lesson-progress]').getByLabel('Mark as read').uncheck();
  await expect(status).toContainText('Not started');
});

test('a finished demo run is recorded and shown in the lesson header', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const box = page.locator('[data-lesson-progress]');
  await expect(box).toContainText('Demo not run yet');
  const demo = page.locator('[data-batch-sweep]');
  await demo.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: 150_000 });
  await expect(box).toContainText('✓ Demo run');
  await expect(box).toContainText('In progress');
  const stored = JSON.parse((await storedProgress(page)) ?? 'null') as { lessons: Record<string, { demoRun: boolean }> };
  expect(stored.lessons[LESSON_ID]?.demoRun).toBe(true);
});

test('without JavaScript the home page and the lesson read fine and show no progress controls', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator(`a[href="${BATCHING_LESSON}"]`)).toBeVisible();
  await expect(page.locator('[data-lesson-status]:visible')).toHaveCount(0);
  await expect(page.locator('[data-track-next]').first()).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export to a file' })).toBeHidden();
  await page.goto(BATCHING_LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Batching');
  await expect(page.locator('[data-lesson-progress]')).toBeHidden();
  await context.close();
});
