/** What page-weight.ts counts as a page's first load: the parsing only (the script itself measures a real build). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstLoadUrls, staticImports } from './page-weight.ts';

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
});
