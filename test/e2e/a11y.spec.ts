// Accessibility of the built site: an axe scan of every page the build wrote, in the light and in
// the dark colour scheme (the dark one with the colour rules only), plus the lesson page in the states a learner reaches (the demo finished,
// the editor open). A page is found by walking the build folder, so new pages are scanned as soon
// as they are built, with no list to keep up to date here.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { BATCHING_LESSON, openEditor } from './helpers.ts';

/** WCAG 2.0 and 2.1, levels A and AA, and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const SCHEMES = ['light', 'dark'] as const;

// The same folder playwright.config.ts builds into (E2E_OUT_DIR or e2e/dist/).
const outDir = process.env.E2E_OUT_DIR ?? fileURLToPath(new URL('./dist/', import.meta.url));

/**
 * The URL path of every HTML page in the build: `a/b/index.html` is `/a/b/`, any other
 * `x.html` is `/x.html`. Read when a test runs, not when the file is loaded: the build happens
 * after Playwright has collected the tests.
 */
function builtPages(): string[] {
  const pages: string[] = [];
  (function walk(dir: string) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // Astro's bundled scripts and styles, never pages.
        if (entry.name !== '_astro') walk(path);
      } else if (entry.name.endsWith('.html')) {
        const url = `/${relative(outDir, path).split(sep).join('/')}`;
        pages.push(url.endsWith('/index.html') ? url.slice(0, -'index.html'.length) : url);
      }
    }
  })(outDir);
  return pages.sort();
}

/** Elements listed per violation; a theme colour can fail on hundreds of spans. */
const NODES_SHOWN = 8;

/** Scans the page as it is now; returns one readable paragraph per violation. */
async function scan(page: Page, label: string, rules?: string[]): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  const results = await (rules ? axe.withRules(rules) : axe.withTags(TAGS)).analyze();
  return results.violations.map((violation) => {
    const nodes = violation.nodes.slice(0, NODES_SHOWN).map((node) => {
      const summary = (node.failureSummary ?? '').replaceAll('\n', '\n      ');
      return `  - ${node.target.join(' ')}\n      ${summary}`;
    });
    const more = violation.nodes.length - NODES_SHOWN;
    return [
      `${label}: ${violation.id} (${violation.impact ?? 'no impact given'}, ${violation.nodes.length} element(s)): ${violation.help}`,
      `  ${violation.helpUrl}`,
      ...nodes,
      ...(more > 0 ? [`  - and ${more} more`] : []),
    ].join('\n');
  });
}

/** Scans the page in both colour schemes, leaving it in the light one. */
async function scanBothSchemes(page: Page, label: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await scan(page, `${label} [${colorScheme}]`)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

function report(found: string[]): string {
  return `${found.length} axe violation(s):\n\n${found.join('\n\n')}\n`;
}

test('the build folder holds the home page and the lessons to scan', () => {
  const pages = builtPages();
  expect(pages).toContain('/');
  expect(pages).toContain(BATCHING_LESSON);
});

/**
 * Only colours change between the schemes (the pages' CSS swaps custom properties), so the dark
 * pass runs the rules that read colours; the light pass runs them all.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** Pages scanned at once, each in its own tab: axe is CPU-bound, and the course machine has 2 cores. */
const TABS = 2;

test('every built page has no axe violations in the light and the dark scheme', async ({ browser, baseURL }) => {
  const pages = builtPages();
  // A scan of a long page takes seconds: the time allowed grows with the number of pages built.
  test.setTimeout(pages.length * 15_000);
  const found: string[] = [];
  const queue = [...pages];
  const contexts = await Promise.all(Array.from({ length: TABS }, () => browser.newContext({ baseURL })));
  await Promise.all(
    contexts.map(async (context) => {
      const page = await context.newPage();
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        await page.emulateMedia({ colorScheme: 'light' });
        await page.goto(path);
        // Client scripts (the progress box, the demo's stored run) change the page after load.
        await page.waitForLoadState('networkidle');
        found.push(...(await scan(page, `${path} [light]`)));
        await page.emulateMedia({ colorScheme: 'dark' });
        found.push(...(await scan(page, `${path} [dark]`, COLOUR_RULES)));
      }
    }),
  );
  await Promise.all(contexts.map((context) => context.close()));
  expect(found.length, report(found.sort())).toBe(0);
});

test('the lesson page has no axe violations once the demo has finished', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  const demo = page.locator('[data-batch-sweep]');
  await demo.getByRole('button', { name: 'Run the sweep' }).click();
  await expect(demo).toHaveAttribute('data-measured-at', /\d{4}-\d{2}-\d{2}T/, { timeout: 150_000 });
  await expect(demo.locator('[data-reading]')).toBeVisible();
  // The panic experiment's box open too, so its button is scanned.
  await demo.locator('summary').click();
  const found = await scanBothSchemes(page, `${BATCHING_LESSON} after the demo`);
  expect(found.length, report(found)).toBe(0);
});

test('the lesson page has no axe violations with the editor open', async ({ page }) => {
  await page.goto(BATCHING_LESSON);
  await openEditor(page);
  await page.waitForLoadState('networkidle');
  const found = await scanBothSchemes(page, `${BATCHING_LESSON} with the editor open`);
  // A run with the runner down (the build points at a port where nothing listens) leaves the
  // summary that says so and how to start it.
  const editor = page.locator('[data-lesson-editor]');
  await editor.getByRole('button', { name: 'Run on the server' }).click();
  await expect(editor.locator('.run-summary')).toContainText('The runner is offline');
  found.push(...(await scanBothSchemes(page, `${BATCHING_LESSON} after a run with the runner offline`)));
  expect(found.length, report(found)).toBe(0);
});
