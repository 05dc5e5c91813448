/**
 * The runner's configuration: read once from the environment at start,
 * validated, with safe defaults. Every variable is listed in README.md.
 */
import { z } from 'zod';
import { DEFAULT_MAX_ARTIFACT_BYTES } from './api-types.ts';

const MiB = 1024 * 1024;

/** Limits applied to one step inside the sandbox. */
export interface StepLimits {
  /** Wall-clock time before the whole step is killed. */
  wallMs: number;
  /** Memory (RSS + page cache, cgroup) of all processes of the step. */
  memoryBytes: number;
  /** Processes and threads alive at once. */
  pids: number;
  /** CPU seconds per process (RLIMIT_CPU). */
  cpuSeconds: number;
  /** Largest file one process may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Open files per process (RLIMIT_NOFILE). */
  openFiles: number;
}

/** All limits of a job: builds and runs are limited separately. */
export interface JobLimits {
  build: StepLimits;
  run: StepLimits;
  /** Bytes kept per stream (stdout, stderr) of one step; more is cut and the step stopped. */
  outputBytes: number;
  /** Size of the job's work dir (a tmpfs): sources, target dirs, binaries. */
  diskBytes: number;
  /** Size of the sandbox's /tmp (a tmpfs): the Go build cache copy, temp files. */
  tmpBytes: number;
  /** Wall time of one test in a `test` job (each test runs in its own process, inside its step's limits). */
  testMs: number;
  /** Largest artifact (the .wasm module of a `wasm` job) the runner returns; a bigger one is refused with a message. */
  artifactBytes: number;
}

export interface RunnerConfig {
  host: string;
  port: number;
  corsOrigins: string[];
  backend: 'auto' | 'bubblewrap' | 'container';
  containerEngine: string;
  containerRuntime: string;
  sandboxImage: string;
  maxConcurrentJobs: number;
  queueSize: number;
  maxBodyBytes: number;
  maxFiles: number;
  maxFileBytes: number;
  cacheEntries: number;
  /** Interval of `: keep-alive` comments on an event stream, so a client can tell a silent build from a dead connection. */
  sseKeepAliveMs: number;
  limits: JobLimits;
  stateDir: string;
  sandboxUidBase: number;
  goRoot: string;
  rustSysroot: string;
  prebuiltSandbox: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** One documented variable: its name, its default and what it means (README table source). */
export interface ConfigVariable {
  name: string;
  default: string;
  description: string;
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every variable the runner reads, with its default: the README table is checked against this list. */
export const CONFIG_VARIABLES: ConfigVariable[] = [
  {
    name: 'RUNNER_HOST',
    default: '127.0.0.1',
    description: 'Address to listen on. Keep the loopback unless a proxy in front of the runner needs another.',
  },
  { name: 'RUNNER_PORT', default: '8787', description: 'TCP port.' },
  {
    name: 'RUNNER_CORS_ORIGINS',
    default: 'http://localhost:4321,http://127.0.0.1:4321',
    description: 'Comma-separated origins allowed to call the API from a browser (the site).',
  },
  {
    name: 'RUNNER_BACKEND',
    default: 'auto',
    description: '`bubblewrap`, `container`, or `auto` (first that works: container, then bubblewrap).',
  },
  {
    name: 'RUNNER_CONTAINER_ENGINE',
    default: 'auto',
    description: 'Container CLI: `podman`, `docker`, a path, or `auto` (podman, then docker).',
  },
  {
    name: 'RUNNER_CONTAINER_RUNTIME',
    default: 'auto',
    description: 'OCI runtime passed to podman as `--runtime` (`auto`: /usr/sbin/runc when present; `none`: the engine default).',
  },
  {
    name: 'RUNNER_SANDBOX_IMAGE',
    default: 'localhost/hybrid-lab-sandbox:latest',
    description: 'Image of the container backend (built by docker/build-images.sh).',
  },
  { name: 'RUNNER_MAX_CONCURRENT', default: '2', description: 'Jobs running at once.' },
  { name: 'RUNNER_QUEUE_SIZE', default: '16', description: 'Jobs waiting for a slot; one more gets 429 with Retry-After.' },
  { name: 'RUNNER_MAX_BODY_BYTES', default: '262144', description: 'Largest request body.' },
  { name: 'RUNNER_MAX_FILES', default: '32', description: 'Most files in one job.' },
  { name: 'RUNNER_MAX_FILE_BYTES', default: '65536', description: 'Largest file (UTF-8 bytes).' },
  { name: 'RUNNER_CACHE_ENTRIES', default: '256', description: 'Results kept in the in-memory result cache (0 turns it off).' },
  {
    name: 'RUNNER_SSE_KEEPALIVE_MS',
    default: '15000',
    description:
      'On a text/event-stream answer, a `: keep-alive` comment after this long without an event (a job waiting in the queue or a silent build).',
  },
  { name: 'RUNNER_BUILD_TIMEOUT_MS', default: '90000', description: 'Wall time of one build or test step.' },
  { name: 'RUNNER_RUN_TIMEOUT_MS', default: '10000', description: 'Wall time of the run step.' },
  {
    name: 'RUNNER_TEST_TIMEOUT_MS',
    default: '10000',
    description:
      'Wall time of one test of a `test` job (each test runs in its own process); a test past it is reported by name as timed out and the others still run. Whole seconds.',
  },
  { name: 'RUNNER_BUILD_MEMORY_MB', default: '1536', description: 'Memory of one build or test step (cgroup).' },
  { name: 'RUNNER_RUN_MEMORY_MB', default: '512', description: 'Memory of the run step (cgroup).' },
  { name: 'RUNNER_BUILD_PIDS', default: '512', description: 'Processes + threads of a build step (rustc and go use many threads).' },
  { name: 'RUNNER_RUN_PIDS', default: '64', description: 'Processes + threads of the run step.' },
  { name: 'RUNNER_BUILD_CPU_SECONDS', default: '120', description: 'CPU seconds per process in a build step (RLIMIT_CPU).' },
  { name: 'RUNNER_RUN_CPU_SECONDS', default: '10', description: 'CPU seconds per process in the run step (RLIMIT_CPU).' },
  { name: 'RUNNER_BUILD_FILE_MB', default: '256', description: 'Largest file a build process may write (RLIMIT_FSIZE).' },
  { name: 'RUNNER_RUN_FILE_MB', default: '16', description: 'Largest file the program may write (RLIMIT_FSIZE).' },
  { name: 'RUNNER_OPEN_FILES', default: '1024', description: 'Open files per process (RLIMIT_NOFILE).' },
  {
    name: 'RUNNER_OUTPUT_BYTES',
    default: '65536',
    description: 'Bytes kept per stream and step; past it the output is cut with a marker and the step stopped.',
  },
  {
    name: 'RUNNER_MAX_ARTIFACT_BYTES',
    default: String(DEFAULT_MAX_ARTIFACT_BYTES),
    description:
      'Largest artifact a `wasm` job returns (the .wasm module, before base64); a bigger module is refused (`ok` false, `message` naming its size and this limit).',
  },
  { name: 'RUNNER_DISK_MB', default: '384', description: "Size of a job's work dir (tmpfs): sources, cargo target dir, binaries." },
  {
    name: 'RUNNER_TMP_MB',
    default: '256',
    description: "Size of the sandbox's /tmp (tmpfs), which holds the copy of the warm Go build cache.",
  },
  {
    name: 'RUNNER_STATE_DIR',
    default: '/var/lib/hybrid-lab-runner',
    description:
      "Job work dirs (one tmpfs each, under jobs/) and the bubblewrap backend's files (bubblewrap/: toolchain mirrors, prefetched crates, warm caches; made at first start or by `npm run prepare-sandbox -w @hybrid-lab/sandbox-runner`).",
  },
  {
    name: 'RUNNER_SANDBOX_UID_BASE',
    default: '61000',
    description: 'Unprivileged host uid of job slot 0; slot n runs as base + n. Nothing else may use these uids.',
  },
  { name: 'RUNNER_GOROOT', default: '`go env GOROOT`', description: 'bubblewrap backend: Go toolchain bound read-only at /opt/go.' },
  {
    name: 'RUNNER_RUST_SYSROOT',
    default: '`rustc --print sysroot`',
    description: 'bubblewrap backend: Rust toolchain bound read-only at /opt/rust.',
  },
  {
    name: 'RUNNER_PREBUILT_SANDBOX',
    default: '',
    description:
      'bubblewrap backend: use a ready sandbox tree instead of preparing one (the runner image sets `/opt`: go, rust, cargo-home and hybrid/ from the sandbox image).',
  },
  { name: 'RUNNER_LOG_LEVEL', default: 'info', description: '`debug`, `info`, `warn` or `error` (JSON lines on stderr).' },
];

const schema = z.object({
  RUNNER_HOST: z.string().min(1).default('127.0.0.1'),
  RUNNER_PORT: intIn(0, 65535).default(8787),
  RUNNER_CORS_ORIGINS: z.string().default('http://localhost:4321,http://127.0.0.1:4321'),
  RUNNER_BACKEND: z.enum(['auto', 'bubblewrap', 'container']).default('auto'),
  RUNNER_CONTAINER_ENGINE: z.string().min(1).default('auto'),
  RUNNER_CONTAINER_RUNTIME: z.string().min(1).default('auto'),
  RUNNER_SANDBOX_IMAGE: z.string().min(1).default('localhost/hybrid-lab-sandbox:latest'),
  RUNNER_MAX_CONCURRENT: intIn(1, 64).default(2),
  RUNNER_QUEUE_SIZE: intIn(0, 10_000).default(16),
  RUNNER_MAX_BODY_BYTES: intIn(1024, 64 * MiB).default(262_144),
  RUNNER_MAX_FILES: intIn(1, 1000).default(32),
  RUNNER_MAX_FILE_BYTES: intIn(1, 16 * MiB).default(65_536),
  RUNNER_CACHE_ENTRIES: intIn(0, 100_000).default(256),
  RUNNER_SSE_KEEPALIVE_MS: intIn(100, 600_000).default(15_000),
  RUNNER_BUILD_TIMEOUT_MS: intIn(1000, 3_600_000).default(90_000),
  RUNNER_RUN_TIMEOUT_MS: intIn(100, 3_600_000).default(10_000),
  RUNNER_TEST_TIMEOUT_MS: intIn(1000, 600_000).default(10_000),
  RUNNER_BUILD_MEMORY_MB: intIn(64, 65_536).default(1536),
  RUNNER_RUN_MEMORY_MB: intIn(16, 65_536).default(512),
  RUNNER_BUILD_PIDS: intIn(16, 100_000).default(512),
  RUNNER_RUN_PIDS: intIn(8, 100_000).default(64),
  RUNNER_BUILD_CPU_SECONDS: intIn(1, 86_400).default(120),
  RUNNER_RUN_CPU_SECONDS: intIn(1, 86_400).default(10),
  RUNNER_BUILD_FILE_MB: intIn(1, 65_536).default(256),
  RUNNER_RUN_FILE_MB: intIn(1, 65_536).default(16),
  RUNNER_OPEN_FILES: intIn(64, 1024).default(1024),
  RUNNER_OUTPUT_BYTES: intIn(1024, 16 * MiB).default(65_536),
  RUNNER_MAX_ARTIFACT_BYTES: intIn(1024, 64 * MiB).default(DEFAULT_MAX_ARTIFACT_BYTES),
  RUNNER_DISK_MB: intIn(64, 65_536).default(384),
  RUNNER_TMP_MB: intIn(64, 65_536).default(256),
  RUNNER_STATE_DIR: z.string().startsWith('/', 'must be an absolute path').default('/var/lib/hybrid-lab-runner'),
  RUNNER_SANDBOX_UID_BASE: intIn(1000, 4_000_000_000).default(61_000),
  RUNNER_GOROOT: z.string().startsWith('/', 'must be an absolute path').optional(),
  RUNNER_RUST_SYSROOT: z.string().startsWith('/', 'must be an absolute path').optional(),
  RUNNER_PREBUILT_SANDBOX: z.string().startsWith('/', 'must be an absolute path').optional(),
  RUNNER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

/** Thrown when the environment holds an invalid value; the message lists every problem. */
export class ConfigError extends Error {}

/**
 * Reads and validates the configuration from `env` (process.env by default).
 * Toolchain paths that are not set stay empty here and are looked up by the
 * bubblewrap backend, which is the only one that needs them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  const known = new Set(CONFIG_VARIABLES.map((v) => v.name));
  const unknown = Object.keys(env).filter((k) => k.startsWith('RUNNER_') && !known.has(k));
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== undefined && v !== ''));
  const parsed = schema.safeParse(picked);
  const problems: string[] = unknown.map((k) => `${k} is not a setting of the runner (typo?)`);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      problems.push(`${name}=${JSON.stringify(picked[name])}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError(
      `invalid runner configuration:\n  - ${problems.join('\n  - ')}\nSee sandbox-runner/README.md for every variable and its default.`,
    );
  }
  const e = parsed.data;
  const corsOrigins = e.RUNNER_CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(
        `invalid runner configuration: RUNNER_CORS_ORIGINS entry ${JSON.stringify(origin)} is not an origin like http://localhost:4321 (scheme, host, optional port, no path)`,
      );
    }
  }
  return {
    host: e.RUNNER_HOST,
    port: e.RUNNER_PORT,
    corsOrigins,
    backend: e.RUNNER_BACKEND,
    containerEngine: e.RUNNER_CONTAINER_ENGINE,
    containerRuntime: e.RUNNER_CONTAINER_RUNTIME,
    sandboxImage: e.RUNNER_SANDBOX_IMAGE,
    maxConcurrentJobs: e.RUNNER_MAX_CONCURRENT,
    queueSize: e.RUNNER_QUEUE_SIZE,
    maxBodyBytes: e.RUNNER_MAX_BODY_BYTES,
    maxFiles: e.RUNNER_MAX_FILES,
    maxFileBytes: e.RUNNER_MAX_FILE_BYTES,
    cacheEntries: e.RUNNER_CACHE_ENTRIES,
    sseKeepAliveMs: e.RUNNER_SSE_KEEPALIVE_MS,
    limits: {
      build: {
        wallMs: e.RUNNER_BUILD_TIMEOUT_MS,
        memoryBytes: e.RUNNER_BUILD_MEMORY_MB * MiB,
        pids: e.RUNNER_BUILD_PIDS,
        cpuSeconds: e.RUNNER_BUILD_CPU_SECONDS,
        fileSizeBytes: e.RUNNER_BUILD_FILE_MB * MiB,
        openFiles: e.RUNNER_OPEN_FILES,
      },
      run: {
        wallMs: e.RUNNER_RUN_TIMEOUT_MS,
        memoryBytes: e.RUNNER_RUN_MEMORY_MB * MiB,
        pids: e.RUNNER_RUN_PIDS,
        cpuSeconds: e.RUNNER_RUN_CPU_SECONDS,
        fileSizeBytes: e.RUNNER_RUN_FILE_MB * MiB,
        openFiles: e.RUNNER_OPEN_FILES,
      },
      outputBytes: e.RUNNER_OUTPUT_BYTES,
      diskBytes: e.RUNNER_DISK_MB * MiB,
      tmpBytes: e.RUNNER_TMP_MB * MiB,
      testMs: Math.round(e.RUNNER_TEST_TIMEOUT_MS / 1000) * 1000,
      artifactBytes: e.RUNNER_MAX_ARTIFACT_BYTES,
    },
    stateDir: e.RUNNER_STATE_DIR,
    sandboxUidBase: e.RUNNER_SANDBOX_UID_BASE,
    goRoot: e.RUNNER_GOROOT ?? '',
    rustSysroot: e.RUNNER_RUST_SYSROOT ?? '',
    prebuiltSandbox: e.RUNNER_PREBUILT_SANDBOX ?? '',
    logLevel: e.RUNNER_LOG_LEVEL,
  };
}
