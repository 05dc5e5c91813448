/**
 * Measures (not a test) what a page's first load weighs on the wire when the site image's server
 * sends it: the HTML (with the CSS its first paint needs inline), its stylesheets (blocking the
 * first paint, or deferred: media="print" until loaded) and its module scripts with every module
 * they import statically (deferred, but fetched at once; dynamic imports such as the editor's
 * Monaco chunk load later and are left out). Each file is asked for three times through
 * docker/static-server.mjs (identity, gzip, br) and the bodies are counted as sent; each
 * compressed body is checked to decompress to the file.
 *
 *   node test/images/page-weight.ts [dist folder, default site/dist] [page path, default lesson 01]
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { blockingStylesheets, inlineCssBytes } from '../../site/build-tools/page-css.ts';
import { type RawResponse, rawRequest, startStaticServer } from './static-server-harness.ts';

/** The same-origin stylesheets and module scripts a page's HTML loads at once, in document order. */
export function firstLoadUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<(?:link|script)\b[^>]*>/g)) {
    const attr = (name: string) =>
      new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`)
        .exec(tag)
        ?.slice(1)
        .find((v) => v !== undefined);
    const url = tag.startsWith('<link')
      ? ['stylesheet', 'modulepreload'].includes(attr('rel') ?? '')
        ? attr('href')
        : undefined
      : attr('src');
    if (url?.startsWith('/') && !url.startsWith('//')) urls.push(url);
  }
  return urls;
}

/** The relative specifiers a minified ES module imports or re-exports statically (`import(...)` is not static). */
export function staticImports(code: string): string[] {
  const pattern =
    /(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*(?:as\s+[\w$]+\s*)?|\{[^}]*\}\s*)?(?:from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  return [...code.matchAll(pattern)].map((match) => match[1] ?? '');
}

type Coding = 'identity' | 'gzip' | 'br';
const codings: Coding[] = ['identity', 'gzip', 'br'];

/** One file's bytes on the wire for each coding. */
export interface FileWeight {
  url: string;
  bytes: Record<Coding, number>;
  /** A stylesheet that the first paint waits for. */
  blocking?: boolean;
  /** For the page itself: bytes of the CSS inline in its HTML. */
  inlineCss?: number;
}

function body(res: RawResponse, url: string, coding: Coding): Buffer {
  if (res.status !== 200) throw new Error(`${url} with Accept-Encoding ${coding}: status ${res.status}`);
  const sent = res.headers['content-encoding'] ?? 'identity';
  if (coding !== 'identity' && sent !== coding && sent !== 'identity') throw new Error(`${url}: asked for ${coding}, got ${sent}`);
  return sent === 'br' ? brotliDecompressSync(res.body) : sent === 'gzip' ? gunzipSync(res.body) : res.body;
}

/** Weighs `page` and everything it loads at once, through the static server running at `base`. */
export async function weighPage(base: string, page: string): Promise<FileWeight[]> {
  const weights: FileWeight[] = [];
  const queue = [page];
  const seen = new Set(queue);
  const blockingCss = new Set<string>();
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const bytes = {} as Record<Coding, number>;
    let text = '';
    for (const coding of codings) {
      const res = await rawRequest(base, url, { 'accept-encoding': coding });
      const decoded = body(res, url, coding);
      if (coding === 'identity') text = decoded.toString('utf8');
      else if (decoded.toString('utf8') !== text) throw new Error(`${url}: the ${coding} body does not decompress to the file`);
      bytes[coding] = res.body.length;
    }
    const weight: FileWeight = { url, bytes };
    if (url === page) weight.inlineCss = inlineCssBytes(text);
    if (url.endsWith('.css')) weight.blocking = blockingCss.has(url);
    weights.push(weight);
    if (url === page) for (const href of blockingStylesheets(text)) blockingCss.add(href);
    const found =
      url === page ? firstLoadUrls(text) : url.endsWith('.js') ? staticImports(text).map((s) => new URL(s, `http://x${url}`).pathname) : [];
    for (const next of found) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return weights;
}

/** The table the script prints: one row per file, then the totals of the HTML, CSS and JS, and in all. */
export function weightTable(weights: FileWeight[]): string {
  const row = (name: string, cells: (string | number)[]) =>
    `${(name.length > 64 ? `…${name.slice(-63)}` : name).padEnd(64)}${cells.map((c) => String(c).padStart(10)).join('')}`;
  const sum = (list: FileWeight[]) => codings.map((c) => list.reduce((total, w) => total + w.bytes[c], 0));
  const of = (pattern: RegExp) => weights.filter((w) => pattern.test(w.url));
  const total = sum(weights);
  const blocking = weights.filter((w) => w.blocking === true);
  const deferred = weights.filter((w) => w.blocking === false);
  return [
    row('file', codings),
    ...weights.map((w) =>
      row(
        w.url,
        codings.map((c) => w.bytes[c]),
      ),
    ),
    row(`HTML (${weights[0]?.inlineCss ?? 0} B of inline CSS before its own compression)`, sum(of(/^(?!.*\.(css|js)$)/))),
    row(`CSS blocking the first paint (${blocking.length} files)`, sum(blocking)),
    row(`CSS loaded without blocking (${deferred.length} files)`, sum(deferred)),
    row(`JS (${of(/\.js$/).length} files)`, sum(of(/\.js$/))),
    row(`total (${weights.length} files)`, total),
    row(
      '',
      total.map((bytes) => `${Math.round((100 * bytes) / (total[0] ?? 1))} %`),
    ),
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const dist = process.argv[2] ?? new URL('../../site/dist', import.meta.url).pathname;
  const page = process.argv[3] ?? '/lessons/01-batching/';
  const server = await startStaticServer(dist);
  try {
    console.log(`first load of ${page}, bytes on the wire from docker/static-server.mjs over ${dist}:\n`);
    console.log(weightTable(await weighPage(server.url, page)));
  } finally {
    await server.stop();
  }
}
