import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { criticalCssInline } from './build-tools/critical-css.ts';
import { monacoStylesWithEditor } from './build-tools/monaco-styles-plugin.ts';
import { precompressAssets } from './build-tools/precompress.ts';

const siteRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(siteRoot, '..');
// HYBRID_LESSONS_DIR points the site at another lessons folder (used for scratch checks).
const lessonsDir = resolve(siteRoot, process.env.HYBRID_LESSONS_DIR ?? '../lessons');

export default defineConfig({
  output: 'static',
  // HYBRID_SITE_OUT_DIR lets the browser tests build and preview a copy without touching dist/.
  outDir: process.env.HYBRID_SITE_OUT_DIR ?? './dist',
  // HYBRID_SITE_CACHE_DIR keeps a scratch build's content store apart from the real one.
  ...(process.env.HYBRID_SITE_CACHE_DIR ? { cacheDir: process.env.HYBRID_SITE_CACHE_DIR } : {}),
  // Astro 7 defaults to JSX whitespace rules, which drop the space between a line of text and an
  // inline element on the next line ("files from<code>"). This prose site wants HTML's rules.
  compressHTML: true,
  server: { port: 4321, host: '127.0.0.1' },
  // Every stylesheet stays a file: criticalCssInline() inlines the rules each page uses and loads
  // the files without blocking the first paint.
  build: { inlineStylesheets: 'never' },
  // precompressAssets() last, so it compresses the finished output: .br and .gz siblings for
  // docker/static-server.mjs.
  integrations: [mdx(), criticalCssInline(), precompressAssets()],
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
  vite: {
    plugins: [monacoStylesWithEditor()],
    // Where src/lib/lesson-sources.ts reads example files and tracks.json from.
    define: { __LESSONS_DIR__: JSON.stringify(lessonsDir) },
    server: {
      fs: { allow: [repoRoot, lessonsDir] },
    },
    worker: { format: 'es' },
    // Monaco's core is one ~3 MB chunk, loaded only when a reader opens the editor.
    build: { chunkSizeWarningLimit: 4096 },
  },
});
