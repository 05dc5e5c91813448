/**
 * Builds the runner's HTTP app (a node:http request listener) from its
 * parts. server.ts only listens and shuts down; tests call createApp()
 * with their own config and backend state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Health } from './api-schema.ts';
import type { RunnerConfig } from './config.ts';
import { HttpError, toHttpAnswer } from './errors.ts';
import { JobQueue } from './job-queue.ts';
import { parseJobRequest } from './job-request.ts';
import type { Logger } from './logger.ts';
import { createRunnerMetrics } from './metrics.ts';
import { openApiText } from './openapi.ts';
import { ResultCache } from './result-cache.ts';
import { type BackendState, type EventSink, RunService } from './run-service.ts';

export interface AppDeps {
  config: RunnerConfig;
  log: Logger;
  /** Current state of the sandbox backend (changes once detection finishes). */
  backend: () => BackendState;
}

export interface RunnerApp {
  handle: (req: IncomingMessage, res: ServerResponse) => void;
  service: RunService;
  queue: JobQueue;
  cache: ResultCache;
  metrics: ReturnType<typeof createRunnerMetrics>;
  /** Aborts every job in flight (shutdown). */
  abortAll: () => void;
}

/** Assembles queue, cache, metrics and routes into one request handler. */
export function createApp(deps: AppDeps): RunnerApp {
  const { config, log } = deps;
  const queue = new JobQueue(config.maxConcurrentJobs, config.queueSize);
  const cache = new ResultCache(config.cacheEntries);
  const metrics = createRunnerMetrics({
    queueDepth: () => queue.waiting,
    activeJobs: () => queue.active,
    cacheEntries: () => cache.size,
  });
  const service = new RunService({ config, log, metrics, queue, cache, backend: deps.backend });
  const controllers = new Set<AbortController>();
  const openapi = openApiText();
  let requestCounter = 0;

  const health = (): { status: number; body: Health } => {
    const state = deps.backend();
    const body: Health = {
      status: state.status === 'ready' ? 'ok' : 'unavailable',
      backend: state.status === 'ready' ? state.backend.name : null,
      detail:
        state.status === 'ready'
          ? state.backend.description
          : state.status === 'starting'
            ? 'preparing the sandbox (first start can take a minute)'
            : state.message,
      toolchains: state.status === 'ready' ? state.backend.toolchains : {},
      queue: { active: queue.active, waiting: queue.waiting, maxConcurrent: queue.maxConcurrent, maxWaiting: queue.maxWaiting },
      cache: { entries: cache.size, hits: metrics.cacheHits.get(), misses: metrics.cacheMisses.get() },
    };
    return { status: state.status === 'ready' ? 200 : 503, body };
  };

  // Retry-After is exposed so the site (another origin) can say how long to wait on a 429 or 503.
  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin && config.corsOrigins.includes(origin)
      ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'Retry-After', vary: 'Origin' }
      : { vary: 'Origin' };

  async function route(req: IncomingMessage, res: ServerResponse, ctx: { route: string }): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://runner');
    const origin = req.headers.origin;
    const cors = corsHeaders(origin);
    if (origin !== undefined && !config.corsOrigins.includes(origin)) {
      ctx.route = 'forbidden-origin';
      throw new HttpError(
        403,
        `origin ${origin} is not allowed; allowed origins: ${config.corsOrigins.join(', ')} (set RUNNER_CORS_ORIGINS)`,
      );
    }
    if (req.method === 'OPTIONS') {
      ctx.route = 'preflight';
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, accept',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const path = url.pathname;
    if (path === '/healthz') {
      ctx.route = path;
      allow(req, ['GET', 'HEAD']);
      const h = health();
      sendJson(res, h.status, h.body, cors);
      return;
    }
    if (path === '/metrics') {
      ctx.route = path;
      allow(req, ['GET', 'HEAD']);
      res.writeHead(200, { ...cors, 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(metrics.render());
      return;
    }
    if (path === '/api/v1/openapi.json') {
      ctx.route = path;
      allow(req, ['GET', 'HEAD']);
      res.writeHead(200, { ...cors, 'content-type': 'application/json; charset=utf-8' });
      res.end(openapi);
      return;
    }
    if (path === '/api/v1/runs') {
      ctx.route = path;
      allow(req, ['POST']);
      await postRun(req, res, cors);
      return;
    }
    ctx.route = 'unknown';
    throw new HttpError(404, `no such endpoint: ${req.method} ${path} (see /api/v1/openapi.json)`);
  }

  async function postRun(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new HttpError(
        415,
        `send the job as JSON with "Content-Type: application/json" (got ${type ? JSON.stringify(type) : 'no content type'})`,
      );
    }
    const body = await readBody(req, config.maxBodyBytes);
    const job = parseJobRequest(body, config);
    const wantsStream = (req.headers.accept ?? '').includes('text/event-stream');
    const controller = new AbortController();
    controllers.add(controller);
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.on('close', onClose);
    try {
      if (!wantsStream) {
        const result = await service.run(job, () => {}, controller.signal);
        sendJson(res, 200, result, cors);
        return;
      }
      const emit: EventSink = (name, data) => {
        if (!res.headersSent) {
          res.writeHead(200, {
            ...cors,
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-cache, no-transform',
            'x-accel-buffering': 'no',
          });
        }
        if (!res.writableEnded) res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
        lastWrite = Date.now();
      };
      let lastWrite = Date.now();
      const keepAlive = setInterval(
        () => {
          if (res.headersSent && !res.writableEnded && Date.now() - lastWrite >= config.sseKeepAliveMs) {
            res.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
        },
        Math.max(50, Math.floor(config.sseKeepAliveMs / 2)),
      );
      try {
        await service.run(job, emit, controller.signal);
        res.end();
      } catch (err) {
        if (!res.headersSent) throw err;
        const answer = toHttpAnswer(err, log, { route: '/api/v1/runs', stream: true });
        emit('error', answer.body);
        res.end();
      } finally {
        clearInterval(keepAlive);
      }
    } finally {
      controllers.delete(controller);
      res.off('close', onClose);
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const ctx = { route: 'unknown', id: ++requestCounter };
    route(req, res, ctx)
      .catch((err: unknown) => {
        const answer = toHttpAnswer(err, log, { request: ctx.id, method: req.method, url: req.url });
        if (res.headersSent) {
          res.destroy();
          return;
        }
        const origin = req.headers.origin;
        const extra: Record<string, string> = answer.status === 413 ? { connection: 'close' } : {};
        sendJson(res, answer.status, answer.body, { ...corsHeaders(origin), ...answer.headers, ...extra });
      })
      .finally(() => {
        metrics.requests.inc({ route: ctx.route, method: req.method ?? '', status: String(res.statusCode) });
        metrics.requestSeconds.observe((performance.now() - started) / 1000, { route: ctx.route });
        log.debug('request', {
          id: ctx.id,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        });
      });
  }

  return {
    handle,
    service,
    queue,
    cache,
    metrics,
    abortAll: () => {
      for (const c of controllers) c.abort();
    },
  };
}

function allow(req: IncomingMessage, methods: string[]): void {
  if (!methods.includes(req.method ?? '')) {
    throw new HttpError(405, `method ${req.method} is not allowed here; use ${methods.join(' or ')}`, { allow: methods.join(', ') });
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Reads the whole body, refusing (413) as soon as it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, `request body is ${declared} bytes, more than the limit of ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        req.resume();
        reject(new HttpError(413, `request body is more than the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
    });
  });
}
