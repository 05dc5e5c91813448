/**
 * The site image's static server (docker/static-server.mjs), started for real on 127.0.0.1 over a
 * small site precompressed by the build's own step (site/build-tools/precompress.ts), asked with
 * real HTTP requests: which representation each Accept-Encoding gets, with which headers, and that
 * the bytes on the wire decompress to the file.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { precompressDir } from '../../site/build-tools/precompress.ts';
import { type RawResponse, rawRequest, type StaticServer, startStaticServer } from './static-server-harness.ts';

const root = mkdtempSync(join(tmpdir(), 'hybrid-static-server-'));
const prose = (bytes: number) =>
  '<p>Each call across the cgo boundary costs about the same, so the batcher groups them.</p>\n'.repeat(bytes / 90 + 1);
const files: Record<string, string | Buffer> = {
  'index.html': `<!doctype html><title>Hybrid Lab</title>${prose(20_000)}`,
  '404.html': `<!doctype html><title>Not found</title>${prose(4000)}`,
  'lessons/01-batching/index.html': `<!doctype html><title>Batching</title>${prose(30_000)}`,
  '_astro/app.B1x.js': `export function run(){${'console.log("batch", 1, 2, 3);'.repeat(400)}}\n`,
  '_astro/page.C2y.css': '.lesson{margin:0 auto;max-width:72ch}\n'.repeat(200),
  'robots.txt': 'User-agent: *\nAllow: /\n',
  'photo.png': randomBytes(8192),
  'downloads/lesson-files.tar.gz': gzipSync(prose(5000)),
};
const original = (path: string) => readFileSync(join(root, path));
let server: StaticServer;

before(async () => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  await precompressDir(root);
  server = await startStaticServer(root);
});

after(async () => {
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, acceptEncoding?: string, method = 'GET'): Promise<RawResponse> =>
  rawRequest(server.url, path, acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }, method);

/** The body as the browser reads it, after undoing the response's Content-Encoding. */
function decoded(res: RawResponse): Buffer {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(res.body);
  if (coding === 'gzip') return gunzipSync(res.body);
  assert.equal(coding, undefined, `unexpected content-encoding ${coding}`);
  return res.body;
}

describe('images: site server sends precompressed files', () => {
  test('the fixture has its siblings (the build step ran)', () => {
    for (const path of ['index.html', 'lessons/01-batching/index.html', '_astro/app.B1x.js', '_astro/page.C2y.css', '404.html']) {
      assert.ok(existsSync(join(root, `${path}.br`)) && existsSync(join(root, `${path}.gz`)), path);
    }
    assert.ok(!existsSync(join(root, 'robots.txt.br')) && !existsSync(join(root, 'photo.png.br')));
  });

  test("a browser's Accept-Encoding gets brotli, with the original's type and cache headers", async () => {
    const res = await get('/lessons/01-batching/', 'gzip, deflate, br, zstd');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.headers.vary, 'accept-encoding');
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.ok(res.body.length < original('lessons/01-batching/index.html').length / 5, `${res.body.length} bytes of brotli`);
    assert.deepEqual(decoded(res), original('lessons/01-batching/index.html'));

    const script = await get('/_astro/app.B1x.js', 'gzip, deflate, br, zstd');
    assert.equal(script.headers['content-encoding'], 'br');
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.deepEqual(decoded(script), original('_astro/app.B1x.js'));
  });

  test('gzip only gets gzip', async () => {
    for (const path of ['/', '/_astro/page.C2y.css']) {
      const res = await get(path, 'gzip');
      assert.equal(res.headers['content-encoding'], 'gzip', path);
      assert.equal(res.headers.vary, 'accept-encoding');
      assert.equal(Number(res.headers['content-length']), res.body.length);
      assert.deepEqual(decoded(res), original(path === '/' ? 'index.html' : path.slice(1)));
    }
    assert.equal((await get('/_astro/page.C2y.css', 'gzip')).headers['content-type'], 'text/css; charset=utf-8');
  });

  test('no Accept-Encoding, or identity, gets the file itself, still with Vary', async () => {
    for (const acceptEncoding of [undefined, 'identity', '', 'br;q=0, gzip;q=0']) {
      const res = await get('/index.html', acceptEncoding);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], undefined, String(acceptEncoding));
      assert.equal(res.headers.vary, 'accept-encoding');
      assert.equal(Number(res.headers['content-length']), original('index.html').length);
      assert.deepEqual(res.body, original('index.html'));
    }
  });

  test('q-values decide, q=0 refuses, and refusing everything is a 406', async () => {
    assert.equal((await get('/', 'br;q=0.5, gzip;q=0.8')).headers['content-encoding'], 'gzip');
    assert.equal((await get('/', 'br;q=0, *')).headers['content-encoding'], 'gzip');
    const refused = await get('/', 'identity;q=0, br;q=0, gzip;q=0');
    assert.equal(refused.status, 406);
    assert.equal(refused.headers.vary, 'accept-encoding');
    assert.equal((await get('/', '*;q=0')).status, 406);
  });

  test('HEAD answers with the headers of GET and no body', async () => {
    for (const acceptEncoding of ['br', 'gzip', 'identity']) {
      const head = await get('/lessons/01-batching/', acceptEncoding, 'HEAD');
      const full = await get('/lessons/01-batching/', acceptEncoding);
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      for (const name of ['content-encoding', 'content-length', 'content-type', 'vary', 'cache-control']) {
        assert.equal(head.headers[name], full.headers[name], `${acceptEncoding}: ${name}`);
      }
    }
  });

  test('files without siblings are sent as they are, without Vary', async () => {
    for (const [path, type] of [
      ['/robots.txt', 'text/plain; charset=utf-8'],
      ['/photo.png', 'image/png'],
    ] as const) {
      const res = await get(path, 'br, gzip');
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], undefined, path);
      assert.equal(res.headers.vary, undefined, path);
      assert.equal(res.headers['content-type'], type);
      assert.deepEqual(res.body, original(path.slice(1)));
    }
  });

  test('a sibling has no URL of its own; a .gz that compresses no file is an ordinary file', async () => {
    for (const path of ['/_astro/app.B1x.js.br', '/_astro/app.B1x.js.gz', '/index.html.br', '/lessons/01-batching/index.html.gz']) {
      const res = await get(path, 'br');
      assert.equal(res.status, 404, path);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      assert.deepEqual(decoded(res), original('404.html'), path);
    }
    const archive = await get('/downloads/lesson-files.tar.gz', 'gzip, br');
    assert.equal(archive.status, 200);
    assert.equal(archive.headers['content-type'], 'application/gzip');
    assert.equal(archive.headers['content-encoding'], undefined);
    assert.deepEqual(archive.body, original('downloads/lesson-files.tar.gz'));
  });

  test('the 404 page is compressed too, with status 404', async () => {
    const res = await get('/no/such/page', 'gzip, deflate, br, zstd');
    assert.equal(res.status, 404);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.deepEqual(decoded(res), original('404.html'));
  });

  test('paths outside the root (sent unresolved) and other methods are still refused', async () => {
    assert.equal((await get('/../../../../../etc/passwd', 'br')).status, 404);
    assert.equal((await get('/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 'br')).status, 404);
    assert.equal((await get('/', 'br', 'POST')).status, 405);
  });
});
