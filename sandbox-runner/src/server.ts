/**
 * Starts the runner: reads the config, listens at once (health answers
 * "starting" meanwhile), finds a sandbox backend, and on SIGINT/SIGTERM
 * stops taking requests, stops running jobs and cleans up before exiting.
 */
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { detectBackend, INSTALL_HINT } from './backends/detect.ts';
import { sweepStaleJobs } from './backends/stale-jobs.ts';
import { ConfigError, loadConfig, type RunnerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import type { BackendState } from './run-service.ts';

let config: RunnerConfig;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
const log = createLogger(config.logLevel);
let state: BackendState = { status: 'starting' };
const app = createApp({ config, log, backend: () => state });
const server = createServer({ requestTimeout: 15 * 60_000, headersTimeout: 30_000, keepAliveTimeout: 5_000 }, app.handle);

server.on('error', (err) => {
  log.error('cannot listen', { host: config.host, port: config.port, error: err.message });
  process.exit(1);
});

server.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info('runner listening', { url: `http://${config.host}:${port}`, corsOrigins: config.corsOrigins });
  void start();
});

async function start(): Promise<void> {
  await sweepStaleJobs(config.stateDir, log).catch((err: Error) =>
    log.warn('could not clean up after an earlier runner', { error: err.message }),
  );
  const found = await detectBackend(config, log);
  if (found.backend) {
    state = { status: 'ready', backend: found.backend };
  } else {
    const message = `no sandbox can run code on this machine, so the runner refuses jobs. ${found.problems.join(' | ')}. ${INSTALL_HINT}`;
    state = { status: 'unavailable', message };
    log.error('no sandbox backend', { message });
  }
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  server.close();
  server.closeIdleConnections();
  app.abortAll();
  const drained = app.service.drain();
  const timeout = new Promise((r) => setTimeout(r, 15_000).unref());
  await Promise.race([drained, timeout]);
  server.closeAllConnections();
  log.info('stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
