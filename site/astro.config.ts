import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { monacoStylesWithEditor } from './build-tools/monaco-styles-plugin.ts';

const siteRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(siteRoot, '..');
// HYBRID_LESSONS_DIR points the site at another lessons folder (used for scratch checks).
const lessonsDir = resolve(siteRoot, process.env.HYBRID_LESSONS_DIR ?? '../lessons');

export default defineConfig({
  output: 'static',
  server: { port: 4321, host: '127.0.0.1' },
  integrations: [mdx()],
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
  vite: {
    plugins: [monacoStylesWithEditor()],
    resolve: {
      alias: { '@lessons': lessonsDir },
    },
    server: {
      fs: { allow: [repoRoot, lessonsDir] },
    },
    worker: { format: 'es' },
  },
});
