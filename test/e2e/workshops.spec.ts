// The instructors' pages in Chromium: from the home page to a plan, whose timetable follows the start
// time chosen (and keeps it across a reload), with every segment linked to a section that exists.
import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers.ts';

test('a plan’s timetable follows the chosen start time, keeps it, and links to sections that exist', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await page.getByRole('link', { name: 'Workshop plans' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Running a workshop');
  await page.getByRole('link', { name: 'The core course in one day' }).click();

  const times = page.locator('tbody td[data-offset]');
  // The morning session: lesson 01's first segment at 09:00; after it, 185 minutes and the hour's lunch.
  await expect(times.first()).toHaveText('09:00–09:15');
  const afternoonFirst = page.locator('tbody tr', { hasText: 'Afternoon' }).first().locator('td[data-offset]');
  await expect(afternoonFirst).toHaveText('13:05–13:22');

  await page.getByLabel('Each day starts at').fill('08:30');
  await expect(times.first()).toHaveText('08:30–08:45');
  await expect(afternoonFirst).toHaveText('12:35–12:52');
  await page.reload();
  await expect(times.first()).toHaveText('08:30–08:45');

  const link = page.locator('tbody a').first();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^\/lessons\/01-batching\/#/);
  await link.click();
  await expect(page.locator(`[id="${decodeURIComponent(href.split('#')[1] ?? '')}"]`)).toBeVisible();
  expect(errors).toEqual([]);
});

test('without JavaScript the timetable reads from 09:00 and the start-time field stays hidden', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/workshops/core-half-day/');
  await expect(page.locator('tbody td[data-offset]').first()).toHaveText('09:00–09:15');
  await expect(page.locator('tbody td[data-offset]').last()).toHaveText('11:30–12:05');
  await expect(page.getByLabel('Each day starts at')).toBeHidden();
  await context.close();
});
