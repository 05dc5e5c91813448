// A small static file server for the built site (site/dist) in the site
// image: GET and HEAD only, no directory listings, paths kept inside the root.
// A file's precompressed siblings (x.br, x.gz, written by the site build) are
// sent in its place to browsers that accept them (content-encoding.mjs), and
// are never served under their own URL.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { chooseEncoding, isSibling, SIBLINGS } from './content-encoding.mjs';

const root = path.resolve(process.env.SITE_ROOT ?? 'dist');
const host = process.env.SITE_HOST ?? '127.0.0.1';
const port = Number(process.env.SITE_PORT ?? 4321);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.xml': 'application/xml',
  '.gz': 'application/gzip',
};

/** Size of the file at `file`, or null when there is no regular file. */
async function fileSize(file) {
  const s = await stat(file).catch(() => null);
  return s?.isFile() ? s.size : null;
}

async function resolveFile(urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const full = path.resolve(root, `.${rel}`);
  if (full !== root && !full.startsWith(`${root}${path.sep}`)) return null;
  for (const candidate of [full, path.join(full, 'index.html'), `${full}.html`]) {
    const size = await fileSize(candidate);
    if (size === null) continue;
    if (await isSibling(candidate, async (base) => (await fileSize(base)) !== null)) return null;
    return { file: candidate, size };
  }
  return null;
}

/**
 * The file to send for `found` (itself or one of its siblings) and the headers that depend on
 * that choice; without `file` when the request refuses every representation there is.
 */
async function representation(found, acceptEncoding) {
  const siblings = new Map();
  for (const { coding, suffix } of SIBLINGS) {
    const size = await fileSize(`${found.file}${suffix}`);
    if (size !== null) siblings.set(coding, { file: `${found.file}${suffix}`, size });
  }
  // Caches keep one copy per Accept-Encoding only where the answer depends on it.
  const headers = siblings.size ? { vary: 'accept-encoding' } : {};
  const coding = chooseEncoding(acceptEncoding, [...siblings.keys()]);
  if (coding === null) return { headers };
  if (coding === 'identity') return { ...found, headers };
  return { ...siblings.get(coding), headers: { ...headers, 'content-encoding': coding } };
}

/** Sends `found` (or its chosen sibling) with `status`; the Content-Type is always the original file's. */
async function send(req, res, status, found) {
  const chosen = await representation(found, req.headers['accept-encoding']);
  if (!chosen.file) {
    res.writeHead(406, { ...chosen.headers, 'content-type': 'text/plain; charset=utf-8' }).end('no acceptable content coding\n');
    return;
  }
  const type = TYPES[path.extname(found.file)] ?? 'application/octet-stream';
  const cache = /\/_astro\//.test(found.file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(status, {
    'content-type': type,
    'content-length': chosen.size,
    'cache-control': cache,
    'x-content-type-options': 'nosniff',
    ...chosen.headers,
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(chosen.file)
      .on('error', () => res.destroy())
      .pipe(res);
}

const server = createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const found = await resolveFile(req.url ?? '/');
  if (found) return send(req, res, 200, found);
  const notFound = await resolveFile('/404.html');
  if (notFound) return send(req, res, 404, notFound);
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
});

server.listen(port, host, () => {
  const address = server.address();
  // SITE_PORT=0 picks a free port; the line says which (the tests read it).
  process.stdout.write(`site on http://${host}:${typeof address === 'object' && address ? address.port : port} from ${root}\n`);
});

// As PID 1 of its container Node gets no default action for SIGTERM: without
// this, `podman stop` (and compose down) would wait 10 s and then kill it.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
