// The presenter window in Chromium: opened from a lesson's Present button, it and the lesson page
// follow each other (keys in either window, scrolling the page); its timer runs against the part's
// budget and warns past it; closing it leaves the page working, and reopening it resumes the part.
// Time is Playwright's fake clock, moved forward by hand, so nothing here waits for a real minute.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { axeViolationsInBothSchemes, BATCHING_LESSON, collectErrors } from './helpers.ts';

/** The heading of the part the presenter shows (the others are hidden). */
function shownPart(presenter: Page): Locator {
  return presenter.locator('section[data-step]:visible h2');
}

/** The heading the lesson page marks as the one being presented. */
function markedHeading(page: Page): Locator {
  return page.locator('.lesson [aria-current="step"]');
}

async function openPresenter(page: Page, button: string): Promise<Page> {
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: button, exact: true }).click()]);
  await presenter.waitForLoadState();
  return presenter;
}

test('the presenter and the lesson page follow each other, the timer runs and warns, and closing one leaves the other working', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await context.clock.install();
  await page.goto(BATCHING_LESSON);
  const presenter = await openPresenter(page, 'Present');
  errors.push(...collectErrors(presenter));

  // Present from the top of the page starts at the notes' Opening, and the page marks its title.
  await expect(shownPart(presenter)).toHaveText('Opening');
  await expect(markedHeading(page)).toHaveText(/^Batching: pay for the crossing once/);
  await expect(presenter.locator('[data-up-next]')).toHaveText('Next: The kernel; What a crossing costs, and why (10:00)');

  // → in the presenter: the page scrolls to the part's first section and marks it.
  await presenter.keyboard.press('ArrowRight');
  await expect(shownPart(presenter)).toHaveText('The kernel; What a crossing costs, and why');
  await expect(markedHeading(page)).toHaveAttribute('id', 'the-kernel');
  await expect(page.locator('#the-kernel')).toBeInViewport();
  await expect(presenter.locator('[data-budget]')).toHaveText('of 10:00');

  // The same key in the lesson page moves the presenter.
  await page.keyboard.press('ArrowRight');
  await expect(shownPart(presenter)).toHaveText('Batching: one fixed cost, many elements');
  await expect(presenter.getByRole('complementary', { name: 'Run live' })).toContainText('./batching');
  await expect(markedHeading(page)).toHaveAttribute('id', 'batching-one-fixed-cost-many-elements');

  // Scrolling the page to another section moves the presenter too.
  await page.locator('#a-boundary-that-makes-batches-cheap').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await expect(shownPart(presenter)).toHaveText('A boundary that makes batches cheap');
  await expect(markedHeading(page)).toHaveAttribute('id', 'a-boundary-that-makes-batches-cheap');

  // The timer runs, and past the part's 8 minutes it says so in words, not only in colour.
  const elapsed = presenter.locator('[data-elapsed]');
  const status = presenter.locator('[data-timer-status]');
  const before = await elapsed.textContent();
  await context.clock.fastForward('00:05');
  await expect(elapsed).not.toHaveText(before ?? '');
  await expect(status).toHaveText('Within budget');
  await context.clock.fastForward('08:30');
  await expect(presenter.locator('[data-timer]')).toHaveAttribute('data-state', 'over');
  await expect(status).toHaveText(/^⚠ Over budget by \d+:\d\d$/);
  // t restarts the part's timer.
  await presenter.keyboard.press('t');
  await expect(status).toHaveText('Within budget');

  // With the presenter closed, the page keeps presenting on its own.
  await presenter.close();
  await page.keyboard.press('ArrowRight');
  await expect(markedHeading(page)).toHaveAttribute('id', 'when-batching-stops-paying');
  await expect(page.locator('#when-batching-stops-paying')).toBeInViewport();

  // Reopened, the presenter resumes where the page is.
  const reopened = await openPresenter(page, 'Presenter window');
  errors.push(...collectErrors(reopened));
  await expect(shownPart(reopened)).toHaveText('When batching stops paying; Choosing a batch size');
  await reopened.getByRole('button', { name: 'Previous' }).click();
  await expect(markedHeading(page)).toHaveAttribute('id', 'a-boundary-that-makes-batches-cheap');
  expect(errors).toEqual([]);
});

test('keys typed into a field of the lesson page stay there, and a reload keeps presenting the same part', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const presenter = await openPresenter(page, 'Present');
  await presenter.close();
  await expect(markedHeading(page)).toHaveText(/^Batching: pay for the crossing once/);

  // n and → into the progress checkbox belong to it; the same keys on the page move one part each.
  const checkbox = page.getByRole('checkbox', { name: 'Mark as read' });
  await checkbox.focus();
  await page.keyboard.press('n');
  await page.keyboard.press('ArrowRight');
  await checkbox.blur();
  await page.keyboard.press('n');
  await expect(markedHeading(page)).toHaveAttribute('id', 'the-kernel');

  await page.reload();
  await expect(markedHeading(page)).toHaveAttribute('id', 'the-kernel');
  await expect(page.locator('#the-kernel')).toBeInViewport();
  await page.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(markedHeading(page)).toHaveCount(0);
});

test('with ?plan= the budgets come from the workshop plan', async ({ page }) => {
  await page.goto('/lessons/01-batching/presenter/?plan=core-half-day');
  await expect(page.locator('[data-plan-note]')).toContainText('The boundary in half a day');
  await page.getByRole('button', { name: 'Next' }).click();
  // The plan gives "The kernel" and "What a crossing costs, and why" 15 minutes; the notes 10.
  await expect(shownPart(page)).toHaveText('The kernel; What a crossing costs, and why');
  await expect(page.locator('[data-budget]')).toHaveText('of 15:00');
});

test("a lesson opened from a plan's page presents with that plan's minutes", async ({ page }) => {
  await page.goto('/workshops/core-half-day/');
  await page.getByRole('link', { name: 'Batching: pay for the crossing once, not once per element', exact: true }).click();
  const [presenter] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Present', exact: true }).click()]);
  expect(new URL(presenter.url()).searchParams.get('plan')).toBe('core-half-day');
  await expect(presenter.locator('[data-plan-note]')).toContainText('The boundary in half a day');
  await presenter.close();
});

test('the presenter page has no axe violations, within budget and over it', async ({ page, context }) => {
  await context.clock.install();
  await page.goto('/lessons/01-batching/presenter/');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(shownPart(page)).toHaveText('The kernel; What a crossing costs, and why');
  const found = await axeViolationsInBothSchemes(page);
  await context.clock.fastForward('11:00');
  await expect(page.locator('[data-timer]')).toHaveAttribute('data-state', 'over');
  found.push(...(await axeViolationsInBothSchemes(page)));
  expect(found).toEqual([]);
});

test('without JavaScript the presenter page is the whole of the notes, part after part', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/lessons/01-batching/presenter/');
  await expect(page.locator('section[data-step] h2')).toHaveText([
    'Opening',
    'The kernel; What a crossing costs, and why',
    'Batching: one fixed cost, many elements',
    'A boundary that makes batches cheap',
    'When batching stops paying; Choosing a batch size',
    'Try it in the editor',
    'Exercise: build the boundary and the batcher',
  ]);
  await expect(page.getByRole('button', { name: 'Next' })).toBeHidden();
  await context.close();
});
