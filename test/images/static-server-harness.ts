/**
 * Runs the site image's static server (docker/static-server.mjs) as it runs in the image, a Node
 * process of its own, over a folder on a free loopback port; and makes requests that keep the
 * body as it came over the wire (node:http, unlike fetch, decompresses nothing).
 */
import { spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';

const serverScript = fileURLToPath(new URL('../../docker/static-server.mjs', import.meta.url));

export interface StaticServer {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  stop: () => Promise<void>;
}

/** Starts the server over `root` on 127.0.0.1 and a port the system picks; resolves once it listens. */
export function startStaticServer(root: string): Promise<StaticServer> {
  const child = spawn(process.execPath, [serverScript], {
    env: { ...process.env, SITE_ROOT: root, SITE_HOST: '127.0.0.1', SITE_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`docker/static-server.mjs did not say where it listens within 10 s; output: ${output}`));
    }, 10_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /site on (http:\/\/127\.0\.0\.1:\d+) from /.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: match[1] ?? '', stop });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`docker/static-server.mjs stopped (${signal ?? `exit ${code}`}) before listening; output: ${output}`));
    });
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body exactly as sent, still compressed when the response has a Content-Encoding. */
  body: Buffer;
}

/**
 * One request for `path` on `base` with exactly `headers`: nothing is added or decoded, and the
 * path goes out as written (a URL would have resolved "/../" before sending).
 */
export function rawRequest(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
