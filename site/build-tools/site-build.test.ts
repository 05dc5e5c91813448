// Builds the site for real: against small broken lessons folders (the build must stop with a
// message naming the file and the field), and against lessons/ (the output must keep Monaco to its
// three languages and out of the first page load). Slow, one `astro build` each, so few cases.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { blockingStylesheets, inlineCssBytes, linkedStylesheets } from './page-css.ts';
import { isCompressible } from './precompress.ts';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
const astro = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'hybrid-site-build-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function lessonsFolder(name: string, files: Record<string, string>): string {
  const root = join(scratch, name, 'lessons');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function build(lessons: string, outDir = join(lessons, '..', 'dist')): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [astro, 'build'], {
    cwd: siteDir,
    encoding: 'utf8',
    env: {
      ...process.env,
      HYBRID_LESSONS_DIR: lessons,
      HYBRID_SITE_OUT_DIR: outDir,
      HYBRID_SITE_CACHE_DIR: join(outDir, '..', 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      NO_COLOR: '1',
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const tracks = (lessons: string[]) => JSON.stringify({ tracks: [{ id: 'core', title: 'Core', description: 'The core course.', lessons }] });

const frontMatter = (fields: string) =>
  `---\ntitle: "A lesson"\ndescription: "What it does."\ntrack: core\norder: 1\n${fields}\n---\n\nText.\n`;

describe('site build', () => {
  it('stops on bad front matter, naming the file, the fields and the values found', { timeout: 180_000 }, () => {
    const lessons = lessonsFolder('bad-front-matter', {
      'tracks.json': tracks(['01-broken']),
      '01-broken/index.mdx': frontMatter('minutes: "ten"\nobjectives: []'),
      '01-broken/example/main.go': 'package main\n',
    });
    const { status, output } = build(lessons);
    expect(status).not.toBe(0);
    expect(output).toContain('Invalid front matter in lessons/01-broken/index.mdx:');
    expect(output).toMatch(/- minutes: .*found "ten"/);
    expect(output).toMatch(/- objectives: .*found \[\]/);
  });

  it('stops when tracks.json lists a lesson that does not exist', { timeout: 180_000 }, () => {
    const lessons = lessonsFolder('missing-lesson', {
      'tracks.json': tracks(['01-real', '02-missing']),
      '01-real/index.mdx': frontMatter('minutes: 5\nobjectives: ["Read"]'),
      '01-real/example/main.go': 'package main\n',
    });
    const { status, output } = build(lessons);
    expect(status).not.toBe(0);
    expect(output).toContain('track "core" lists lesson "02-missing", but there is no lessons/02-missing/index.mdx');
  });

  it('keeps Monaco to Rust, Go and TOML and out of the first load of a lesson page, gives its files .br and .gz, and inlines only the CSS each lesson uses', {
    timeout: 180_000,
  }, () => {
    const outDir = join(scratch, 'real', 'dist');
    const { status, output } = build(fileURLToPath(new URL('../../lessons', import.meta.url)), outDir);
    expect(status, output).toBe(0);
    const assets = join(outDir, '_astro');
    const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
    const registered = new Set<string>();
    for (const name of scripts) {
      const code = readFileSync(join(assets, name), 'utf8');
      for (const match of code.matchAll(/extensions:\[([^\]]*)\]/g)) {
        for (const extension of (match[1] ?? '').matchAll(/["'`](\.[\w.]+)["'`]/g)) registered.add(extension[1] ?? '');
      }
    }
    expect([...registered].sort()).toEqual(['.go', '.rlib', '.rs', '.toml', '.txt']);

    const lessonDir = join(outDir, 'lessons');
    const [lesson] = readdirSync(lessonDir);
    const html = readFileSync(join(lessonDir, lesson ?? '', 'index.html'), 'utf8');
    const linked = [...html.matchAll(/<link[^>]+href="([^"]+\.css)"/g)].map((match) => match[1] ?? '');
    for (const href of linked) expect(readFileSync(join(outDir, href), 'utf8')).not.toContain('.monaco-editor');
    const initial = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1] ?? '');
    const initialBytes = initial.reduce((sum, src) => sum + readFileSync(join(outDir, src)).length, 0);
    expect(initialBytes).toBeLessThan(40_000);

    // The precompress integration ran on this build: the page, its CSS and its scripts (those above
    // the size threshold) have smaller brotli and gzip siblings for docker/static-server.mjs.
    const page = join(lessonDir, lesson ?? '', 'index.html');
    const firstLoad = [page, ...[...linked, ...initial].map((url) => join(outDir, url))].filter((file) =>
      isCompressible(file, statSync(file).size),
    );
    expect(firstLoad).toContain(page);
    for (const file of firstLoad) {
      for (const suffix of ['.br', '.gz']) expect(statSync(`${file}${suffix}`).size, `${file}${suffix}`).toBeLessThan(statSync(file).size);
    }

    // The critical-CSS integration ran: no page's first paint waits for a stylesheet; each page
    // inlines part of what it links, and a lesson without a demo none of the demos' chart rules.
    const lessons = readdirSync(lessonDir).map((id) => ({ id, html: readFileSync(join(lessonDir, id, 'index.html'), 'utf8') }));
    for (const { id, html: lessonHtml } of lessons) {
      expect(blockingStylesheets(lessonHtml), id).toEqual([]);
      const linkedBytes = linkedStylesheets(lessonHtml).reduce((sum, { href }) => sum + statSync(join(outDir, href)).size, 0);
      expect(inlineCssBytes(lessonHtml), id).toBeGreaterThan(0);
      expect(inlineCssBytes(lessonHtml), id).toBeLessThan(linkedBytes);
      const inline = [...lessonHtml.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('');
      expect(inline.includes('.sweep-chart'), id).toBe(lessonHtml.includes('class="sweep-chart"'));
    }
    expect(lessons.some(({ html: lessonHtml }) => !lessonHtml.includes('class="sweep-chart"'))).toBe(true);
  });
});
