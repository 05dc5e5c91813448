import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inlineCriticalCss, summarize } from './critical-css.ts';
import { blockingStylesheets, inlineCssBytes } from './page-css.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hybrid-critical-css-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

const read = (path: string) => readFileSync(join(dir, path), 'utf8');

/** A page as Astro writes it with inlineStylesheets 'never': its stylesheets linked in <head>. */
const page = (body: string, sheets = ['/_astro/site.css']) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title>${sheets
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join('')}</head><body>${body}</body></html>`;

const siteCss = [
  ':root{--text:#1d232a}',
  'body{margin:0;color:var(--text)}',
  '.lesson-meta{display:flex}',
  '.sweep-chart .series .line{stroke-width:2}',
  '.run-step.ok .step-exit{color:green}',
  '.button:hover:not(:disabled){border-color:blue}',
  '.tools-error:empty{display:none}',
].join('\n');

describe('inlineCriticalCss', () => {
  it('inlines the rules that match the page and loads the whole sheet without blocking', async () => {
    put('_astro/site.css', siteCss);
    put('lessons/a/index.html', page('<p class="lesson-meta">Lesson 1</p><button class="button">Run</button><p class="tools-error"></p>'));
    const [result] = await inlineCriticalCss(dir);
    const html = read('lessons/a/index.html');
    const inline = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');

    expect(inline).toContain('.lesson-meta{display:flex}');
    expect(inline).toContain(':root{--text:#1d232a}');
    expect(inline).toMatch(/body\{margin:0;color:var\(--text\)\}/);
    // States a reader or a script brings about still count: the element is on the page.
    expect(inline).toContain('.button:hover:not(:disabled)');
    expect(inline).toContain('.tools-error:empty');
    // Nothing on this page draws a chart or a run report.
    expect(inline).not.toContain('sweep-chart');
    expect(inline).not.toContain('run-step');

    expect(blockingStylesheets(html)).toEqual([]);
    expect(html).toMatch(/<link rel="stylesheet" href="\/_astro\/site.css" media="print" onload="this.media='all'">/);
    expect(html).toContain('<noscript><link rel="stylesheet" href="/_astro/site.css"></noscript>');
    // The sheet itself is shared by other pages and keeps every rule.
    expect(read('_astro/site.css')).toBe(siteCss);
    expect(result).toEqual({
      page: 'lessons/a/index.html',
      linkedBytes: siteCss.length,
      inlinedBytes: inlineCssBytes(html),
      blockingLinks: 0,
    });
  });

  it('gives each page only its own rules, from every sheet it links, in the sheets\u2019 order', async () => {
    const [base, demo] = ['p{margin:0}.note{color:gray}', '.sweep{border:1px solid}.note.sweep-note{color:black}'];
    put('_astro/base.css', base);
    put('_astro/demo.css', demo);
    put('index.html', page('<p class="note">Home</p>', ['/_astro/base.css']));
    put(
      'lessons/b/index.html',
      page('<section class="sweep"><p class="note sweep-note">Demo</p></section>', ['/_astro/base.css', '/_astro/demo.css']),
    );
    const results = await inlineCriticalCss(dir);
    expect(results.map((r) => r.page)).toEqual(['index.html', 'lessons/b/index.html']);
    const inline = (path: string) => /<style>([\s\S]*?)<\/style>/.exec(read(path))?.[1];
    expect(inline('index.html')).toBe(base);
    expect(inline('lessons/b/index.html')).toBe(base + demo);
    const [small, large] = [base.length, base.length + demo.length];
    expect(summarize(results)).toBe(
      `2 pages: CSS inlined per page ${small}–${large} B (their stylesheets: ${small}–${large} B, now loaded without blocking); 0 stylesheet links still blocking`,
    );
  });

  it('leaves a page without stylesheets alone', async () => {
    const html = '<!DOCTYPE html><html><head><title>t</title></head><body><p>Plain</p></body></html>';
    put('plain/index.html', html);
    expect(await inlineCriticalCss(dir)).toEqual([]);
    expect(read('plain/index.html')).toBe(html);
  });
});
