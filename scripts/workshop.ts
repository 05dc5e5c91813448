// `npm run workshop`: the course for a room, from one laptop or server. Builds the site for the
// room's address, starts a runner sized for the room on that address, runs a preflight (the
// sandbox holds, every lesson job of the plan builds, and the jobs a learner's unedited Run or
// Check sends are answered from the runner's cache), then serves the site and prints the
// address to give learners. Ctrl-C stops both. Run through scripts/hybrid.ts, which has set up
// the toolchains and built the kernels first. Options: `npm run workshop -- --help`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Health, RunResult } from '../sandbox-runner/src/api-types.ts';
import { readJobFolder, readTracks, readWorkshopPlans } from '../site/src/lib/lesson-files.ts';
import { repoRoot } from './toolchain.ts';

const usage = `Usage: npm run workshop -- [options]

  --host <address>     Where learners reach the site and the runner. Default: this machine's
                       address on the network of its default route (the room's Wi-Fi).
                       --host 127.0.0.1 rehearses alone, reachable from this machine only.
  --port <n>           The site's port (default 4321).
  --runner-port <n>    The runner's port (default 8787).
  --plan <id>          Warm only the lessons of this workshop plan (lessons/workshops.json).
                       Default: every lesson.
  --room <n>           Learners in the room (default 30): the runner queues this many jobs.
  --slots <n>          Jobs built at once (default: the number of cores, ${availableParallelism()} here).
  --no-build           Serve the last workshop build of the site if it was made for the same
                       runner address (a build takes one to two minutes).
  --help               This text.`;

interface Options {
  host: string;
  port: number;
  runnerPort: number;
  plan: string | null;
  room: number;
  slots: number;
  build: boolean;
}

function positiveInt(name: string, value: string | undefined, fallback: number, max = 65535): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} must be a whole number from 1 to ${max}, not "${value}"`);
  return n;
}

/** The machine's IPv4 address on the interface of its default route (read from /proc/net/route). */
function roomAddress(): string {
  const interfaces = networkInterfaces();
  const ipv4 = (name: string) => interfaces[name]?.find((a) => a.family === 'IPv4' && !a.internal)?.address;
  let routed: string | undefined;
  try {
    const rows = readFileSync('/proc/net/route', 'utf8').trim().split('\n').slice(1);
    routed = rows.map((row) => row.trim().split(/\s+/)).find((cols) => cols[1] === '00000000')?.[0];
  } catch {
    // No /proc (not Linux): fall back to the first external address.
  }
  const address = (routed && ipv4(routed)) ?? Object.keys(interfaces).map(ipv4).find(Boolean);
  if (!address) {
    throw new Error(
      'this machine has no network address learners could reach: join the room network first, or pass --host 127.0.0.1 to rehearse alone',
    );
  }
  return address;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'runner-port': { type: 'string' },
      plan: { type: 'string' },
      room: { type: 'string' },
      slots: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  return {
    host: values.host?.trim() || roomAddress(),
    port: positiveInt('port', values.port, 4321),
    runnerPort: positiveInt('runner-port', values['runner-port'], 8787),
    plan: values.plan ?? null,
    room: positiveInt('room', values.room, 30, 500),
    slots: positiveInt('slots', values.slots, availableParallelism(), 64),
    build: !values['no-build'],
  };
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** The lessons to warm: those of the plan, or every lesson of every track. */
function lessonsToWarm(plan: string | null): string[] {
  const lessonsDir = join(repoRoot, 'lessons');
  if (plan === null) return readTracks(lessonsDir).flatMap((t) => t.lessons);
  const plans = readWorkshopPlans(lessonsDir);
  const chosen = plans.find((p) => p.id === plan);
  if (!chosen) throw new Error(`there is no workshop plan "${plan}"; the plans are: ${plans.map((p) => p.id).join(', ')}`);
  const ids = chosen.days.flatMap((d) => d.sessions.flatMap((s) => s.segments.flatMap((seg) => ('lesson' in seg ? [seg.lesson] : []))));
  return [...new Set(ids)];
}

/** One job of the preflight: what it is, the request, and what its result must show. */
interface PreflightJob {
  label: string;
  files: Record<string, string>;
  action: 'run' | 'test';
  /** Why the result is not what the room needs, or null when it is. */
  problem(result: RunResult): string | null;
}

const lastLines = (text: string, n = 6) => text.trimEnd().split('\n').slice(-n).join('\n');

function failedStep(result: RunResult): string {
  const step = result.steps.find((s) => s.exitCode !== 0 || s.reason !== null);
  if (!step) return result.message ?? 'no step failed, yet the result is not ok';
  const how = step.reason ? `was stopped: ${step.message ?? step.reason}` : `exited with ${step.exitCode ?? step.signal}`;
  return `step ${step.name} ${how}\n${lastLines(step.stderr || step.stdout)}`;
}

// The sandbox check: a program that looks for a network interface other than loopback and tries
// to write outside its work dir. In the runner's sandbox it finds neither.
const SANDBOX_CHECK_GO = `package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	ifaces, err := net.Interfaces()
	if err != nil {
		fmt.Println("interfaces:", err)
		return
	}
	for _, i := range ifaces {
		if i.Flags&net.FlagLoopback == 0 {
			fmt.Println("network interface:", i.Name)
		}
	}
	if err := os.WriteFile("/etc/hybrid-lab-preflight", []byte("x"), 0o644); err == nil {
		fmt.Println("wrote to /etc")
	}
	fmt.Println("sandbox check done")
}
`;

function preflightJobs(lessons: string[]): PreflightJob[] {
  const jobs: PreflightJob[] = [
    {
      label: 'the sandbox: no network, no writes outside the job',
      files: { 'go.mod': 'module preflight\n\ngo 1.22\n', 'main.go': SANDBOX_CHECK_GO },
      action: 'run',
      problem: (r) => {
        const out = r.steps.find((s) => s.name === 'run')?.stdout ?? '';
        if (!r.ok) return failedStep(r);
        return out === 'sandbox check done\n' ? null : `the sandbox let the program see or do this:\n${out}`;
      },
    },
  ];
  for (const id of lessons) {
    const dir = join(repoRoot, 'lessons', id);
    // Only lessons whose page has the editor send their example; the others teach with exercises.
    if (readFileSync(join(dir, 'index.mdx'), 'utf8').includes('<LessonEditor')) {
      jobs.push({
        label: `${id}: the lesson's program (Run)`,
        files: readJobFolder(join(dir, 'example')),
        action: 'run',
        problem: (r) => (r.ok ? null : failedStep(r)),
      });
    }
    if (existsSync(join(dir, 'exercise'))) {
      jobs.push({
        label: `${id}: the exercise's solution passes its tests`,
        files: readJobFolder(join(dir, 'exercise', 'solution')),
        action: 'test',
        problem: (r) => (r.ok ? null : failedStep(r)),
      });
      // The unedited starter is what 30 learners press Check on first: its result is cached now.
      jobs.push({
        label: `${id}: the exercise's starter (Check)`,
        files: readJobFolder(join(dir, 'exercise', 'starter')),
        action: 'test',
        problem: (r) => (r.steps.some((s) => s.reason !== null) ? failedStep(r) : null),
      });
    }
  }
  return jobs;
}

async function waitForRunner(url: string, runner: ChildProcess): Promise<Health> {
  let exited = false;
  runner.once('exit', () => {
    exited = true;
  });
  // A cold runner prepares its sandbox files first (minutes); a warm one is ready in seconds.
  const deadline = Date.now() + 15 * 60_000;
  let last = '';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the runner stopped during start-up (its log is above); is ${url} already in use?`);
    try {
      const res = await fetch(`${url}/healthz`);
      const health = (await res.json()) as Health;
      if (health.status === 'ok') return health;
      if (health.detail !== last) console.log(`  runner: ${health.detail}`);
      last = health.detail;
      if (res.status === 503 && !/starting|prepar/i.test(health.detail)) throw new Error(`the runner has no sandbox: ${health.detail}`);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('the runner has no sandbox')) throw err;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the runner at ${url} was not ready within 15 minutes`);
}

/** Waits until the site answers; false (having said why) when its server stopped first. */
async function waitForSite(url: string, site: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (site.exitCode !== null) return false;
    const ok = await fetch(`${url}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.error(`hybrid-lab workshop: the site did not answer at ${url}/ within 10 s`);
  return false;
}

async function runPreflight(url: string, jobs: PreflightJob[], slots: number): Promise<boolean> {
  let failures = 0;
  const queue = [...jobs];
  // As many at once as the runner has slots: the preflight also warms every slot's caches.
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const started = performance.now();
      let problem: string | null;
      try {
        const res = await fetch(`${url}/api/v1/runs`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ files: job.files, action: job.action }),
        });
        const body = (await res.json()) as RunResult | { error: string };
        problem = 'error' in body ? `the runner answered ${res.status}: ${body.error}` : job.problem(body);
      } catch (err) {
        problem = `no answer from the runner: ${(err as Error).message}`;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
      console.log(`  ${problem ? 'FAIL' : 'ok  '} ${seconds} s  ${job.label}`);
      if (problem) {
        failures++;
        console.log(problem.replace(/^/gm, '           '));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, jobs.length) }, worker));
  return failures === 0;
}

function buildSite(outDir: string, runnerUrl: string, reuse: boolean): void {
  const stamp = join(outDir, '.workshop-runner-url');
  if (reuse && existsSync(stamp) && readFileSync(stamp, 'utf8') === runnerUrl) {
    console.log(`\nhybrid-lab workshop: serving the last workshop build (${outDir}), made for ${runnerUrl}`);
    return;
  }
  console.log(`\nhybrid-lab workshop: building the site for a runner at ${runnerUrl} (one to two minutes)`);
  mkdirSync(outDir, { recursive: true });
  // Astro's page-by-page log is noise here; it is shown when the build fails.
  const build = spawnSync('npm', ['run', 'build', '-w', '@hybrid-lab/site'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, PUBLIC_RUNNER_URL: runnerUrl, HYBRID_SITE_OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) {
    console.error(`${build.stdout}${build.stderr}`);
    throw new Error(`the site build failed (${build.error?.message ?? `exit ${build.status}`}); its log is above`);
  }
  const summary = build.stdout.split('\n').find((line) => /page\(s\) built in/.test(line));
  console.log(`  ${summary?.replace(/^.*\[build\]\s*/, '') ?? 'built'} into ${outDir}`);
  writeFileSync(stamp, runnerUrl);
}

async function main(): Promise<void> {
  let options: Options | null;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`hybrid-lab workshop: ${(err as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (!options) {
    console.log(usage);
    return;
  }
  const { host, port, runnerPort, slots, room } = options;
  let lessons: string[];
  try {
    lessons = lessonsToWarm(options.plan);
  } catch (err) {
    console.error(`hybrid-lab workshop: ${(err as Error).message}`);
    process.exit(2);
  }
  const siteUrl = `http://${urlHost(host)}:${port}`;
  const runnerUrl = `http://${urlHost(host)}:${runnerPort}`;
  const loopbackOnly = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!loopbackOnly) {
    console.warn(
      `\nhybrid-lab workshop: WARNING: the site and the runner will listen on ${host}, so everyone on that network` +
        " can open the course and run code in the runner's sandbox (no network, limited CPU, memory and time per job)." +
        " Use it on the room's own network, not on a public one; pass --host 127.0.0.1 to rehearse alone.",
    );
  }

  const outDir = join(repoRoot, '.workshop', 'site');
  try {
    buildSite(outDir, runnerUrl, !options.build);
  } catch (err) {
    console.error(`hybrid-lab workshop: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const child of children) child.kill('SIGINT');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => {
    if (stopping) console.log('hybrid-lab workshop: stopped the site and the runner.');
  });

  console.log(`\nhybrid-lab workshop: starting the runner at ${runnerUrl}: ${slots} slot(s), a queue of ${room} for a room of ${room}`);
  const runner = spawn(process.execPath, ['sandbox-runner/src/server.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      RUNNER_HOST: host,
      RUNNER_PORT: String(runnerPort),
      RUNNER_MAX_CONCURRENT: String(slots),
      RUNNER_QUEUE_SIZE: String(room),
      RUNNER_CORS_ORIGINS: [siteUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`].join(','),
      RUNNER_LOG_LEVEL: process.env.RUNNER_LOG_LEVEL ?? 'warn',
    },
  });
  children.push(runner);
  runner.on('exit', (code, signal) => {
    if (!stopping)
      console.warn(`hybrid-lab workshop: the runner stopped (${signal ?? `exit ${code}`}); lessons and wasm demos still work.`);
  });

  try {
    const health = await waitForRunner(runnerUrl, runner);
    const versions = Object.entries(health.toolchains)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(`\nhybrid-lab workshop: preflight (runner ready: ${health.backend} sandbox; ${versions})`);
    const jobs = preflightJobs(lessons);
    const ok = await runPreflight(runnerUrl, jobs, slots);
    if (!ok) throw new Error('the preflight failed (above); fix it before the learners arrive, or teach without the runner');
    console.log(`hybrid-lab workshop: preflight passed: ${jobs.length} jobs for ${lessons.length} lesson(s)`);
  } catch (err) {
    console.error(`\nhybrid-lab workshop: ${(err as Error).message}`);
    stop();
    process.exitCode = 1;
    return;
  }

  const site = spawn(process.execPath, ['docker/static-server.mjs'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SITE_ROOT: outDir, SITE_HOST: host, SITE_PORT: String(port) },
  });
  children.push(site);
  site.on('exit', (code) => {
    if (!stopping) console.error(`hybrid-lab workshop: the site server stopped (exit ${code}); is port ${port} in use?`);
    stop();
    process.exitCode = code ?? 0;
  });
  if (!(await waitForSite(siteUrl, site))) {
    stop();
    process.exitCode = 1;
    return;
  }
  const plan = options.plan ? `${siteUrl}/workshops/${options.plan}/` : `${siteUrl}/workshops/`;
  console.log(
    [
      '',
      `hybrid-lab workshop: ready.`,
      `  Give learners this address: ${siteUrl}/`,
      `  The plan:                   ${plan}`,
      `  Instructor page:            ${siteUrl}/workshops/`,
      `  Runner health:              ${runnerUrl}/healthz`,
      '  Ctrl-C stops the site and the runner.',
    ].join('\n'),
  );
}

await main();
