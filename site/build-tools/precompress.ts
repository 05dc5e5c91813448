// Pre-compresses the built site: every text asset above a small size gets brotli (.br) and gzip
// (.gz) siblings, written only when they are smaller than the file itself. docker/static-server.mjs
// sends them to browsers that accept them, so a room sharing one Wi-Fi carries the compressed
// bytes without the server compressing anything per request.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { AstroIntegration } from 'astro';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The extensions that get compressed siblings: text, wasm (brotli takes off 60 %), and .ttf (Monaco's
 * codicon font, 153 kB, 67 kB in brotli; woff2 is compressed already).
 */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.html',
  '.css',
  '.js',
  '.mjs',
  '.json',
  '.svg',
  '.wasm',
  '.xml',
  '.txt',
  '.ttf',
]);

/** The sibling suffix of each encoding, as docker/content-encoding.mjs looks for them. */
const SIBLING_SUFFIXES = { br: '.br', gzip: '.gz' } as const;

export interface PrecompressOptions {
  /** Files smaller than this stay alone: with its headers such a response fits in one TCP segment anyway. */
  minBytes?: number;
  /** Brotli quality for most files (11, the best). */
  brotliQuality?: number;
  /** Files above this get `largeBrotliQuality` instead: quality 11 takes 7 s (9 takes 0.5 s) on Monaco's 3.5 MB chunk for 9 % fewer bytes. */
  largeFileBytes?: number;
  /** Brotli quality for the files above `largeFileBytes`. */
  largeBrotliQuality?: number;
  /** Files compressed at once (zlib works on libuv's thread pool). */
  concurrency?: number;
}

/** What happened to one file: its size, and the size of each sibling written (absent when not smaller). */
export interface PrecompressedFile {
  /** Path relative to the folder, with forward slashes. */
  path: string;
  bytes: number;
  br?: number;
  gzip?: number;
}

const defaults: Required<PrecompressOptions> = {
  minBytes: 1024,
  brotliQuality: 11,
  largeFileBytes: 1024 * 1024,
  largeBrotliQuality: 9,
  concurrency: availableParallelism(),
};

/** True when a file of this name and size gets compressed siblings. */
export function isCompressible(name: string, bytes: number, minBytes = defaults.minBytes): boolean {
  return COMPRESSIBLE_EXTENSIONS.has(extname(name).toLowerCase()) && bytes >= minBytes;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Brotli-compresses `data` at `quality` (0 to 11). */
function brotliBytes(data: Buffer, quality: number): Promise<Buffer> {
  return brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
}

/** Writes `compressed` beside `file` when it is smaller than `original`, else removes a stale sibling; returns the size written. */
async function writeSibling(file: string, original: Buffer, compressed: Buffer): Promise<number | undefined> {
  if (compressed.length < original.length) {
    await writeFile(file, compressed);
    return compressed.length;
  }
  await rm(file, { force: true });
  return undefined;
}

/**
 * Gives every compressible file under `dir` its .br and .gz siblings (see COMPRESSIBLE_EXTENSIONS
 * and PrecompressOptions); returns one entry per compressible file, largest first.
 */
export async function precompressDir(dir: string, options: PrecompressOptions = {}): Promise<PrecompressedFile[]> {
  const o = { ...defaults, ...options };
  const files: { file: string; data: Buffer }[] = [];
  for (const file of await filesUnder(dir)) {
    if (!COMPRESSIBLE_EXTENSIONS.has(extname(file).toLowerCase())) continue;
    const data = await readFile(file);
    if (isCompressible(file, data.length, o.minBytes)) files.push({ file, data });
  }
  // Largest first, so the longest job starts at once and the others fill the remaining workers.
  files.sort((a, b) => b.data.length - a.data.length);
  const results: PrecompressedFile[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = files[next++]; item; item = files[next++]) {
      const { file, data } = item;
      const quality = data.length > o.largeFileBytes ? o.largeBrotliQuality : o.brotliQuality;
      const [br, gz] = await Promise.all([brotliBytes(data, quality), gzipAsync(data, { level: 9 })]);
      const result: PrecompressedFile = { path: relative(dir, file).split('\\').join('/'), bytes: data.length };
      const brBytes = await writeSibling(`${file}${SIBLING_SUFFIXES.br}`, data, br);
      const gzBytes = await writeSibling(`${file}${SIBLING_SUFFIXES.gzip}`, data, gz);
      if (brBytes !== undefined) result.br = brBytes;
      if (gzBytes !== undefined) result.gzip = gzBytes;
      results.push(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency) }, worker));
  return results.sort((a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path));
}

/** One line for the build log: how many files, and their total before and after. */
export function summarize(results: PrecompressedFile[], seconds: number): string {
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const total = (pick: (r: PrecompressedFile) => number) => results.reduce((sum, r) => sum + pick(r), 0);
  return (
    `${results.length} files, ${mb(total((r) => r.bytes))}: brotli ${mb(total((r) => r.br ?? r.bytes))}, ` +
    `gzip ${mb(total((r) => r.gzip ?? r.bytes))} (${seconds.toFixed(1)} s)`
  );
}

/** Astro integration: pre-compresses the output folder when `astro build` is done. */
export function precompressAssets(options: PrecompressOptions = {}): AstroIntegration {
  return {
    name: 'hybrid-lab:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const results = await precompressDir(fileURLToPath(dir), options);
        logger.info(summarize(results, (performance.now() - started) / 1000));
      },
    },
  };
}
