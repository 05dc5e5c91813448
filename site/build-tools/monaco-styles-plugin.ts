// Works around withastro/astro#9495: Astro links the CSS of every chunk a page script may import,
// dynamic imports included, so Monaco's ~120 kB of CSS would load with every lesson page even
// though the editor loads only on click. This plugin turns each .css file that Monaco imports into
// a small JS module that adds a <style> element when it runs, so the styles travel with the
// editor's own lazy chunk.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PREFIX = '\0hybrid-lab-monaco-style:';
// The id must not end in .css, or Vite's own CSS plugin would treat the generated JS as CSS.
const SUFFIX = '.style.js';

/** True for a module path inside the monaco-editor package. */
export function isMonacoModule(path: string): boolean {
  return /[\\/]node_modules[\\/]monaco-editor[\\/]/.test(path);
}

/**
 * JS source of a module that injects `css` as a <style>; relative url(...) references become
 * imports of the asset's URL (resolved against `cssDir`) so the bundler emits and renames them.
 */
export function styleModuleSource(css: string, cssDir: string, label: string): string {
  const imports: string[] = [];
  const pieces: string[] = [];
  let last = 0;
  const urlPattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  for (const match of css.matchAll(urlPattern)) {
    const target = match[2] ?? '';
    if (/^(?:data:|https?:|#|\/)/.test(target)) continue;
    const name = `asset${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${resolve(cssDir, target)}?url`)};`);
    pieces.push(JSON.stringify(css.slice(last, match.index)), `"url(" + JSON.stringify(${name}) + ")"`);
    last = match.index + match[0].length;
  }
  pieces.push(JSON.stringify(css.slice(last)));
  return [
    ...imports,
    `const css = ${pieces.join(' + ')};`,
    "if (typeof document !== 'undefined') {",
    "  const style = document.createElement('style');",
    `  style.dataset.monacoStyle = ${JSON.stringify(label)};`,
    '  style.textContent = css;',
    '  document.head.append(style);',
    '}',
    'export default css;',
    '',
  ].join('\n');
}

/** Vite plugin: Monaco's CSS imports become style-injecting modules inside the editor chunk. */
export function monacoStylesWithEditor(): Plugin {
  return {
    name: 'hybrid-lab:monaco-styles-with-editor',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.css')) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && isMonacoModule(resolved.id) ? `${PREFIX}${resolved.id}${SUFFIX}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX) || !id.endsWith(SUFFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      const css = await readFile(file, 'utf8');
      const label = file.replace(/^.*[\\/]monaco-editor[\\/]/, '');
      return styleModuleSource(css, dirname(file), label);
    },
  };
}
