// Browser tests of the built site: `astro build` into e2e/dist/, served by `astro preview`, driven
// in Debian's Chromium (never a downloaded browser). The runner URL baked into this build points at
// a port where nothing listens, so the "runner offline" path is real, not simulated.
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { freePort } from './free-port.ts';

// Chosen once in the main process; workers inherit the environment, so they agree on the ports.
process.env.E2E_SITE_PORT ??= String(await freePort());
process.env.E2E_RUNNER_PORT ??= String(await freePort());
const sitePort = Number(process.env.E2E_SITE_PORT);
const runnerUrl = `http://127.0.0.1:${process.env.E2E_RUNNER_PORT}`;
const siteDir = fileURLToPath(new URL('../../site/', import.meta.url));
// E2E_OUT_DIR and E2E_CACHE_DIR give a run its own build and content store, so two runs on one
// machine (a developer's and CI's, or parallel checks) never write into each other's files.
const outDir = process.env.E2E_OUT_DIR ?? fileURLToPath(new URL('./dist/', import.meta.url));
const cacheEnv: Record<string, string> = process.env.E2E_CACHE_DIR ? { HYBRID_SITE_CACHE_DIR: process.env.E2E_CACHE_DIR } : {};
const astro = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: process.env.E2E_RESULTS_DIR ?? './test-results',
  fullyParallel: false,
  // The sweep is timed: two demos measuring at once on a 2-core machine would disturb each other.
  workers: 1,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never', outputFolder: './playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${sitePort}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `"${process.execPath}" "${astro}" build && "${process.execPath}" "${astro}" preview --port ${sitePort} --host 127.0.0.1 --ignore-lock`,
    cwd: siteDir,
    env: { PUBLIC_RUNNER_URL: runnerUrl, PUBLIC_E2E_HOOKS: '1', HYBRID_SITE_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1', ...cacheEnv },
    url: `http://127.0.0.1:${sitePort}/`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
