import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCompressible, precompressDir, summarize } from './precompress.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hybrid-precompress-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, content: string | Buffer): Buffer {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
  return readFileSync(join(dir, path));
}

const prose = (bytes: number) => '<p>The batcher groups small requests into one call across the cgo boundary.</p>\n'.repeat(bytes / 80 + 1);

describe('isCompressible', () => {
  it('takes text, wasm and ttf from the size threshold up, in any case of extension', () => {
    expect(isCompressible('a/index.html', 1024)).toBe(true);
    expect(isCompressible('app.JS', 5000)).toBe(true);
    expect(isCompressible('k.wasm', 5000)).toBe(true);
    expect(isCompressible('codicon.ttf', 5000)).toBe(true);
    expect(isCompressible('a/index.html', 1023)).toBe(false);
    expect(isCompressible('photo.png', 50_000)).toBe(false);
    expect(isCompressible('font.woff2', 50_000)).toBe(false);
    expect(isCompressible('index.html.br', 50_000)).toBe(false);
    expect(isCompressible('x.css', 10, 5)).toBe(true);
  });
});

describe('precompressDir', () => {
  it('writes .br and .gz beside each text file, smaller, decompressing to the file', async () => {
    const html = put('lessons/01/index.html', prose(20_000));
    const css = put('_astro/page.css', `.a{color:red}\n${'.b{margin:0 auto;padding:1rem}\n'.repeat(200)}`);
    const results = await precompressDir(dir);
    expect(results.map((r) => r.path)).toEqual(['lessons/01/index.html', '_astro/page.css']);
    for (const [path, original] of [
      ['lessons/01/index.html', html],
      ['_astro/page.css', css],
    ] as const) {
      const br = readFileSync(join(dir, `${path}.br`));
      const gz = readFileSync(join(dir, `${path}.gz`));
      expect(br.length).toBeLessThan(original.length);
      expect(gz.length).toBeLessThan(original.length);
      expect(brotliDecompressSync(br).equals(original)).toBe(true);
      expect(gunzipSync(gz).equals(original)).toBe(true);
      expect(results.find((r) => r.path === path)).toEqual({ path, bytes: original.length, br: br.length, gzip: gz.length });
    }
  });

  it('leaves small files, other types and incompressible bytes alone, and removes a stale sibling', async () => {
    put('tiny.js', 'export const a = 1;\n');
    put('photo.png', randomBytes(4096));
    put('noise.js', randomBytes(4096));
    put('noise.js.br', 'left over from an older build');
    const results = await precompressDir(dir);
    expect(results).toEqual([{ path: 'noise.js', bytes: 4096 }]);
    expect(readdirSync(dir).sort()).toEqual(['noise.js', 'photo.png', 'tiny.js']);
  });

  it('is idempotent: a second run compresses no sibling and rewrites the same bytes', async () => {
    put('index.html', prose(5000));
    await precompressDir(dir);
    const first = readFileSync(join(dir, 'index.html.br'));
    const again = await precompressDir(dir);
    expect(again.map((r) => r.path)).toEqual(['index.html']);
    expect(readdirSync(dir).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz']);
    expect(readFileSync(join(dir, 'index.html.br')).equals(first)).toBe(true);
  });

  it('uses the lower brotli quality above largeFileBytes only', async () => {
    const big = put('big.js', prose(30_000));
    const small = put('small.js', prose(3000));
    await precompressDir(dir, { largeFileBytes: 10_000, largeBrotliQuality: 1, brotliQuality: 11 });
    const at = (data: Buffer, quality: number) =>
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
    expect(readFileSync(join(dir, 'big.js.br')).equals(at(big, 1))).toBe(true);
    expect(readFileSync(join(dir, 'small.js.br')).equals(at(small, 11))).toBe(true);
  });

  it('handles an empty folder', async () => {
    expect(await precompressDir(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe('summarize', () => {
  it('counts a file without a sibling at its own size', () => {
    const line = summarize(
      [
        { path: 'a.html', bytes: 2_000_000, br: 400_000, gzip: 500_000 },
        { path: 'b.js', bytes: 1_000_000 },
      ],
      2.04,
    );
    expect(line).toBe('2 files, 3.00 MB: brotli 1.40 MB, gzip 1.50 MB (2.0 s)');
  });
});
