/** What page-weight.ts counts as a page's first load: the parsing, and a small site weighed through the real server. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { firstLoadUrls, staticImports, weighPage, weightTable } from './page-weight.ts';
import { startStaticServer } from './static-server-harness.ts';

describe('images: page weight, first load', () => {
  test('takes stylesheets, module preloads and script sources of the same origin, in document order', () => {
    const html = [
      '<link rel="icon" href="/favicon.svg"><link rel="stylesheet" href="/_astro/a.css">',
      '<link href=/_astro/b.css rel=stylesheet><link rel="modulepreload" href="/_astro/m.js">',
      '<script type="application/json" data-files>{"src":"/no.js"}</script>',
      '<script type="module" src="/_astro/page.js"></script><script src="https://cdn.example/x.js"></script>',
      '<script src="//cdn.example/y.js"></script>',
    ].join('');
    assert.deepEqual(firstLoadUrls(html), ['/_astro/a.css', '/_astro/b.css', '/_astro/m.js', '/_astro/page.js']);
  });

  test("follows a minified module's static imports and re-exports, not its dynamic imports", () => {
    const code =
      'import{n as e,t}from"./demo-boot.js";import"./side-effect.js";import d from"../up.js";' +
      'import*as ns from"./ns.js";export{a}from"./re.js";export*from"./all.js";' +
      'const m=()=>import("./monaco.js");console.log("import x from \\"./in-string.js\\"")';
    assert.deepEqual(staticImports(code), ['./demo-boot.js', './side-effect.js', '../up.js', './ns.js', './re.js', './all.js']);
  });

  test('tells the stylesheets the first paint waits for from those it loads deferred, and counts the inline CSS', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hybrid-page-weight-'));
    const put = (path: string, content: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    put(
      'lessons/a/index.html',
      '<html><head><style>.lesson-meta{display:flex}</style><link rel="stylesheet" href="/_astro/base.css">' +
        '<link rel="stylesheet" href="/_astro/page.css" media="print" onload="this.media=\'all\'">' +
        '<noscript><link rel="stylesheet" href="/_astro/page.css"></noscript></head><body><p class="lesson-meta">1</p></body></html>',
    );
    const [base, deferred] = ['body{margin:0}', '.lesson-meta{display:flex}.run-step{border:1px solid}'];
    put('_astro/base.css', base);
    put('_astro/page.css', deferred);
    const server = await startStaticServer(root);
    try {
      const weights = await weighPage(server.url, '/lessons/a/');
      assert.deepEqual(
        weights.map(({ url, blocking, inlineCss }) => ({ url, blocking, inlineCss })),
        [
          { url: '/lessons/a/', blocking: undefined, inlineCss: '.lesson-meta{display:flex}'.length },
          { url: '/_astro/base.css', blocking: true, inlineCss: undefined },
          { url: '/_astro/page.css', blocking: false, inlineCss: undefined },
        ],
      );
      const table = weightTable(weights);
      assert.match(table, new RegExp(`^CSS blocking the first paint \\(1 files\\)\\s+${base.length}\\s`, 'm'));
      assert.match(table, new RegExp(`^CSS loaded without blocking \\(1 files\\)\\s+${deferred.length}\\s`, 'm'));
    } finally {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
