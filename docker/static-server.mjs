// A small static file server for the built site (site/dist) in the site
// image: GET and HEAD only, no directory listings, paths kept inside the root.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';

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
};

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
    const s = await stat(candidate).catch(() => null);
    if (s?.isFile()) return { file: candidate, size: s.size };
  }
  return null;
}

createServer(async (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const found = await resolveFile(req.url ?? '/');
  if (!found) {
    const notFound = await resolveFile('/404.html');
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    if (notFound && req.method === 'GET') createReadStream(notFound.file).pipe(res);
    else res.end('not found');
    return;
  }
  const type = TYPES[path.extname(found.file)] ?? 'application/octet-stream';
  const cache = /\/_astro\//.test(found.file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': found.size, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
  if (req.method === 'HEAD') res.end();
  else createReadStream(found.file).pipe(res);
}).listen(port, host, () => process.stdout.write(`site on http://${host}:${port} from ${root}\n`));

// As PID 1 of its container Node gets no default action for SIGTERM: without
// this, `podman stop` (and compose down) would wait 10 s and then kill it.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
