// Only the CSS a page uses blocks its first paint. Every lesson page imports every demo and editor
// component (the MDX decides which ones render), so Astro links the same stylesheets to a lesson with
// no demo as to lesson 01. After the build, each page gets the rules that match its own HTML inlined
// in a <style> (beasties: a rule is kept when its selector, without pseudo-classes, matches an
// element), and its stylesheets load without blocking (media="print" until loaded, then "all"; a
// <noscript> link for readers without JavaScript). The stylesheets stay whole, so the rules for what
// the scripts draw later (run reports, charts) arrive with them, and the files are cached across pages.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import Beasties from 'beasties';
import { blockingStylesheets, inlineCssBytes, linkedStylesheets } from './page-css.ts';

/** What one page's first paint needed before and after: bytes of CSS, as files on disk. */
export interface PageCss {
  /** Path of the HTML file relative to the folder, with forward slashes. */
  page: string;
  /** Bytes of the stylesheets the page linked, all of which blocked its first paint before. */
  linkedBytes: number;
  /** Bytes of CSS now inline in the page: the rules its HTML uses. */
  inlinedBytes: number;
  /** Stylesheet links that still block the first paint (0 unless a sheet could not be read). */
  blockingLinks: number;
}

async function htmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Rewrites every .html file under `dir` (a built site whose stylesheets are linked, not inlined):
 * the rules each page uses go inline, its stylesheets load without blocking. Returns one entry per page.
 */
export async function inlineCriticalCss(dir: string, logger?: Pick<AstroIntegrationLogger, 'warn' | 'error'>): Promise<PageCss[]> {
  const beasties = new Beasties({
    path: dir,
    publicPath: '/',
    preload: 'media',
    // The sheets are shared by many pages: they stay whole, and what the scripts draw later needs them.
    pruneSource: false,
    // A <style> the page already has is left as it is: its rules may be for what a script draws.
    reduceInlineStyles: false,
    fonts: false,
    logger: { warn: (message) => logger?.warn(message), error: (message) => logger?.error(message) },
  });
  const results: PageCss[] = [];
  for (const file of await htmlFilesUnder(dir)) {
    const before = await readFile(file, 'utf8');
    const linked = linkedStylesheets(before);
    if (linked.length === 0) continue;
    let linkedBytes = 0;
    for (const { href } of linked) linkedBytes += (await stat(join(dir, href)).catch(() => ({ size: 0 }))).size;
    const after = await beasties.process(before);
    await writeFile(file, after);
    results.push({
      page: relative(dir, file).split('\\').join('/'),
      linkedBytes,
      inlinedBytes: inlineCssBytes(after) - inlineCssBytes(before),
      blockingLinks: blockingStylesheets(after).length,
    });
  }
  return results;
}

/** One line for the build log: pages, and the CSS their first paint waits for, before and after. */
export function summarize(results: PageCss[]): string {
  const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)} B`;
  const blocking = results.reduce((sum, r) => sum + r.blockingLinks, 0);
  return (
    `${results.length} pages: CSS inlined per page ${range(results.map((r) => r.inlinedBytes))} ` +
    `(their stylesheets: ${range(results.map((r) => r.linkedBytes))}, now loaded without blocking); ` +
    `${blocking} stylesheet ${blocking === 1 ? 'link' : 'links'} still blocking`
  );
}

/**
 * Astro integration: inlines each page's critical CSS when `astro build` is done. Needs
 * `build.inlineStylesheets: 'never'`, so that every sheet is a file it can read and defer.
 */
export function criticalCssInline(): AstroIntegration {
  return {
    name: 'hybrid-lab:critical-css',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const results = await inlineCriticalCss(fileURLToPath(dir), logger);
        if (results.length === 0) return;
        logger.info(summarize(results));
        const blocked = results.filter((r) => r.blockingLinks > 0);
        if (blocked.length) logger.warn(`stylesheets still block the first paint of ${blocked.map((r) => r.page).join(', ')}`);
      },
    },
  };
}
