import { expect, test } from '@playwright/test';
import { BATCHING_LESSON, collectErrors, openEditor } from './helpers.ts';

test('the home page says what the course is and links to the lesson', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const link = page.locator(`a[href="${BATCHING_LESSON}"]`);
  await expect(link).toBeVisible();
  await expect(page.locator('.lesson-minutes').first()).toHaveText(/^\d+ min$/);
  await link.click();
  await expect(page).toHaveURL(BATCHING_LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Batching');
  expect(errors).toEqual([]);
});

test('the lesson page loads with no console errors, and Monaco only when the editor is opened', async ({ page }) => {
  const errors = collectErrors(page);
  const scripts = new Map<string, number>();
  page.on('response', async (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || response.url().endsWith('.wasm')) {
      scripts.set(response.url(), (await response.body().catch(() => Buffer.alloc(0))).length);
    }
  });
  await page.goto(BATCHING_LESSON);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.objectives li').first()).toBeVisible();
  await expect(page.locator('.lesson-meta')).toContainText(/About \d+ min/);
  await expect(page.locator('figure.source-file pre.astro-code').first()).toBeVisible();
  await expect(page.locator('[data-batch-sweep] [data-run]')).toBeVisible();
  await expect(page.locator('[data-lesson-editor] [data-open]')).toBeVisible();
  expect(errors).toEqual([]);
  // Before any click the page runs only its two small button scripts: no Monaco, worker or wasm.
  const before = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
  expect(before).toBeLessThan(40_000);
  expect([...scripts.keys()].filter((url) => url.endsWith('.wasm'))).toEqual([]);

  await openEditor(page);
  await page.waitForLoadState('networkidle');
  const after = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
  expect(after - before).toBeGreaterThan(1_000_000);
  expect(errors).toEqual([]);
});

test('the lesson reads without JavaScript: text, code and the batch sizes to be measured', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BATCHING_LESSON);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Batching');
  await expect(page.locator('figure.source-file pre').first()).toContainText('pub fn dot_step');
  await expect(page.locator('[data-batch-sweep] tbody tr')).toHaveCount(17);
  await expect(page.locator('[data-batch-sweep] noscript')).toHaveCount(1);
  await expect(page.locator('[data-lesson-editor] [data-open]')).toBeHidden();
  await context.close();
});

for (const path of ['/', BATCHING_LESSON]) {
  test(`at 375 px wide, ${path} has no horizontal page scroll and code scrolls inside its block`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(path);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: document.documentElement.clientWidth,
      // The right edge of everything not inside a box that scrolls or clips its own overflow.
      widest: (function widest(element: Element): number {
        let right = element.getBoundingClientRect().right;
        const overflow = getComputedStyle(element).overflowX;
        if (element !== document.body && overflow !== 'visible') return right;
        for (const child of element.children) right = Math.max(right, widest(child));
        return right;
      })(document.body),
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    expect(widths.widest).toBeLessThanOrEqual(widths.viewport + 0.5);
    if (path === BATCHING_LESSON) {
      const scrolling = await page
        .locator('pre.astro-code')
        .evaluateAll((blocks) => blocks.filter((block) => block.scrollWidth > block.clientWidth).length);
      expect(scrolling).toBeGreaterThan(0);
    }
    await context.close();
  });
}
