/**
 * Benchmark of the site as the project serves it (not a test): `npm run bench:site`.
 *
 * Builds the site (or takes SITE_BENCH_DIST, a dist folder built before), serves it with the site
 * image's own server (docker/static-server.mjs: precompressed brotli/gzip, its cache headers) on
 * loopback, and runs Lighthouse's performance category on every page in its default mobile
 * profile (simulated slow 4G and a 4x slower CPU) in Debian's Chromium. Per page it prints and
 * writes to bench-results/site-bench.json: the performance score, FCP, LCP, TBT, CLS, the bytes of
 * render-blocking requests and the bytes transferred in all. With SITE_BENCH_RUNS > 1 each number
 * is the median of the runs (the score's worst run is kept too): scores move by a point or two
 * between runs on a shared 2-core machine, mostly through TBT.
 *
 *   SITE_BENCH_DIST   a built site to serve instead of building one (e.g. site/dist)
 *   SITE_BENCH_PAGES  comma-separated paths to measure instead of every page (e.g. /,/lessons/01-batching/)
 *   SITE_BENCH_RUNS   Lighthouse runs per page, default 1
 *   CHROMIUM_PATH     the browser, default /usr/bin/chromium (never a downloaded one)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { startStaticServer } from '../images/static-server-harness.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const runs = Number(process.env.SITE_BENCH_RUNS ?? '1');
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`SITE_BENCH_RUNS must be a whole number of at least 1, got "${process.env.SITE_BENCH_RUNS}"`);

/** What one Lighthouse run measured on one page. */
interface PageRun {
  /** 0-100, as Lighthouse shows it. */
  score: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  /** Bytes on the wire of the requests that block the first paint (Lighthouse's render-blocking insight). */
  renderBlockingBytes: number;
  renderBlockingRequests: number;
  /** Bytes on the wire of every request the page made while it loaded. */
  transferredBytes: number;
}

/** Every page of a built site, as the paths a reader opens ("/", "/lessons/01-batching/", ...), sorted. */
export function sitePages(dist: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name === 'index.html') pages.push(prefix);
    }
  };
  walk(dist, '/');
  return pages.sort();
}

/** Builds the site into a scratch folder of its own; returns the dist folder. */
function buildSite(scratch: string): string {
  const outDir = path.join(scratch, 'dist');
  const astro = path.join(repoRoot, 'node_modules/astro/bin/astro.mjs');
  console.log(`building the site into ${outDir} ...`);
  const built = spawnSync(process.execPath, [astro, 'build'], {
    cwd: path.join(repoRoot, 'site'),
    env: { ...process.env, HYBRID_SITE_OUT_DIR: outDir, HYBRID_SITE_CACHE_DIR: path.join(scratch, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`astro build failed (${built.signal ?? `exit ${built.status}`})`);
  return outDir;
}

/** Starts headless Chromium with a DevTools port of its own; resolves with that port once it listens. */
function startChromium(profileDir: string): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(
    chromiumPath,
    [
      '--headless',
      // Root in a container has no user namespace for Chromium's own sandbox.
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      `--user-data-dir=${profileDir}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${chromiumPath} did not open its DevTools port within 20 s; output: ${output}`));
    }, 20_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ port: Number(match[1]), child });
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${chromiumPath}: ${err.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${chromiumPath} stopped (${signal ?? `exit ${code}`}) before opening its DevTools port; output: ${output}`));
    });
  });
}

/** One Lighthouse run (performance only, default mobile settings) of `url` in the browser on `port`. */
async function measure(url: string, port: number): Promise<PageRun> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse could not measure ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const audit = (id: string) => {
    const found = lhr.audits[id];
    if (!found) throw new Error(`Lighthouse's report for ${url} has no "${id}" audit`);
    return found;
  };
  const numeric = (id: string) => {
    const value = audit(id).numericValue;
    if (value === undefined)
      throw new Error(`Lighthouse's "${id}" audit of ${url} has no value: ${audit(id).errorMessage ?? 'no error given'}`);
    return value;
  };
  const details = audit('render-blocking-insight').details;
  const blocking = details?.type === 'table' ? details.items : [];
  const score = lhr.categories.performance?.score;
  if (score === null || score === undefined) throw new Error(`Lighthouse gave ${url} no performance score`);
  return {
    score: Math.round(score * 100),
    fcpMs: numeric('first-contentful-paint'),
    lcpMs: numeric('largest-contentful-paint'),
    tbtMs: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    speedIndexMs: numeric('speed-index'),
    renderBlockingBytes: blocking.reduce((sum, item) => sum + (typeof item.totalBytes === 'number' ? item.totalBytes : 0), 0),
    renderBlockingRequests: blocking.length,
    transferredBytes: numeric('total-byte-weight'),
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** The median of each number over `samples` (one page's runs), and the worst score. */
function summarize(samples: PageRun[]): PageRun & { worstScore: number } {
  const of = (key: keyof PageRun) => median(samples.map((s) => s[key]));
  return {
    score: of('score'),
    worstScore: Math.min(...samples.map((s) => s.score)),
    fcpMs: of('fcpMs'),
    lcpMs: of('lcpMs'),
    tbtMs: of('tbtMs'),
    cls: of('cls'),
    speedIndexMs: of('speedIndexMs'),
    renderBlockingBytes: of('renderBlockingBytes'),
    renderBlockingRequests: of('renderBlockingRequests'),
    transferredBytes: of('transferredBytes'),
  };
}

/** The printed table: one row per page. */
export function benchTable(rows: { page: string; result: ReturnType<typeof summarize> }[]): string {
  const head = ['score', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'blocking B', 'transfer B'];
  const width = Math.max(4, ...rows.map((r) => r.page.length)) + 2;
  const line = (name: string, cells: (string | number)[]) => `${name.padEnd(width)}${cells.map((c) => String(c).padStart(11)).join('')}`;
  return [
    line('page', head),
    ...rows.map(({ page, result: r }) =>
      line(page, [
        runs > 1 && r.worstScore !== r.score ? `${r.score} (${r.worstScore})` : r.score,
        Math.round(r.fcpMs),
        Math.round(r.lcpMs),
        Math.round(r.tbtMs),
        r.cls.toFixed(3),
        Math.round(r.renderBlockingBytes),
        Math.round(r.transferredBytes),
      ]),
    ),
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hybrid-lab-site-bench-'));
  const dist = process.env.SITE_BENCH_DIST ? path.resolve(process.env.SITE_BENCH_DIST) : buildSite(scratch);
  const all = sitePages(dist);
  if (all.length === 0) throw new Error(`${dist} has no index.html: build the site first or point SITE_BENCH_DIST at a built one`);
  const wanted = process.env.SITE_BENCH_PAGES?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const unknown = wanted?.filter((p) => !all.includes(p)) ?? [];
  if (unknown.length)
    throw new Error(`SITE_BENCH_PAGES names pages that ${dist} does not have: ${unknown.join(', ')} (it has ${all.join(', ')})`);
  const pages = wanted ?? all;

  const server = await startStaticServer(dist);
  const browser = await startChromium(path.join(scratch, 'chromium-profile'));
  const rows: { page: string; runs: PageRun[]; result: ReturnType<typeof summarize> }[] = [];
  try {
    console.log(
      `Lighthouse ${runs === 1 ? 'once' : `${runs} times`} on each of ${pages.length} pages, served by docker/static-server.mjs from ${dist}`,
    );
    for (const page of pages) {
      const samples: PageRun[] = [];
      for (let i = 0; i < runs; i++) samples.push(await measure(`${server.url}${page}`, browser.port));
      const result = summarize(samples);
      rows.push({ page, runs: samples, result });
      console.log(`  ${page}: ${samples.map((s) => s.score).join(', ')}`);
    }
  } finally {
    browser.child.kill('SIGTERM');
    await server.stop();
  }

  console.log(`\n${benchTable(rows)}`);
  const below = rows.filter((r) => r.result.score < 100);
  console.log(
    below.length === 0
      ? `\nevery page scored 100${runs > 1 ? ' (median of its runs)' : ''}`
      : `\n${below.length} of ${rows.length} pages below 100: ${below.map((r) => `${r.page} ${r.result.score}`).join(', ')}`,
  );
  const outDir = path.join(repoRoot, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, 'site-bench.json');
  writeFileSync(
    outFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        cores: cpus().length,
        browser: spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout.trim(),
        lighthouse: 'default config, performance category, mobile form factor, simulated throttling',
        server: 'docker/static-server.mjs (precompressed brotli/gzip siblings, its own cache headers)',
        runsPerPage: runs,
        pages: rows,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${path.relative(repoRoot, outFile)}`);
  rmSync(scratch, { recursive: true, force: true });
}
