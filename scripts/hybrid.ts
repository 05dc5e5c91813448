// The root commands (npm start, npm test, npm run doctor, ...). Run through
// scripts/hybrid.sh, which has already found Node >= 22.12.
import { type ChildProcess, spawn } from 'node:child_process';
import { type Purpose, repoRoot, run, type Status, type Tool, tools } from './toolchain.ts';

/** One row of the doctor's table. */
function row(tool: Tool, status: Status): string {
  const mark = status.state === 'found' ? 'found   ' : status.state === 'missing' ? 'MISSING ' : 'TOO OLD ';
  const line = `  ${mark} ${tool.name.padEnd(14)} ${status.detail}`;
  return status.state === 'found' ? line : `${line}\n           fix: ${tool.fix}`;
}

function needed(purpose: Purpose): Tool[] {
  return tools().filter((t) => t.neededFor.includes(purpose));
}

/** Prints every tool's state; returns the tools needed for `purpose` that are not usable. */
function doctor(purpose: Purpose | 'all'): Tool[] {
  const broken: Tool[] = [];
  console.log('Hybrid Lab doctor: tools and their state');
  for (const tool of tools()) {
    const status = tool.check();
    console.log(row(tool, status));
    const matters = purpose === 'all' || tool.neededFor.includes(purpose);
    if (status.state !== 'found' && matters) broken.push(tool);
  }
  return broken;
}

/** Installs what is missing for `purpose` and refreshes what is there; returns what is still not usable. */
function install(purpose: Purpose): Tool[] {
  for (const tool of needed(purpose)) {
    const before = tool.check();
    try {
      if (before.state === 'found') {
        tool.refresh?.();
      } else if (tool.install) {
        console.log(`hybrid-lab: ${tool.name} is ${before.state} (${before.detail}); installing`);
        tool.install();
      }
    } catch (err) {
      console.error(`hybrid-lab: setting up ${tool.name} failed: ${(err as Error).message}`);
    }
  }
  return needed(purpose).filter((t) => t.check().state !== 'found');
}

/** Like install, but stops with the doctor's message when something is still missing. */
function setup(purpose: Purpose): void {
  const broken = install(purpose);
  if (broken.length) {
    console.error('');
    doctor(purpose);
    console.error(`\nhybrid-lab: cannot go on: ${broken.map((t) => t.name).join(', ')} must be fixed first (commands above).`);
    process.exit(1);
  }
}

function npm(...args: string[]): void {
  run('npm', args);
}

function buildKernels(): void {
  run(process.execPath, ['kernels/build-wasm.ts']);
}

interface Step {
  name: string;
  action: () => void;
}

/** Runs every step even after a failure, so one run shows all that is broken. */
function runSteps(steps: Step[]): boolean {
  const results: { name: string; ok: boolean; seconds: number; error?: string }[] = [];
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const started = performance.now();
    try {
      step.action();
      results.push({ name: step.name, ok: true, seconds: (performance.now() - started) / 1000 });
    } catch (err) {
      const error = (err as Error).message;
      console.error(`--- ${step.name} FAILED: ${error}`);
      results.push({ name: step.name, ok: false, seconds: (performance.now() - started) / 1000, error });
    }
  }
  console.log('\n=== summary ===');
  for (const r of results) {
    console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(34)} ${r.seconds.toFixed(1).padStart(7)} s${r.error ? `  (${r.error})` : ''}`);
  }
  return results.every((r) => r.ok);
}

const lint = (): void => run(process.execPath, ['scripts/lint.ts', ...process.argv.slice(3)]);
const typecheck = (): void => npm('run', 'typecheck', '--workspaces', '--if-present');

const testSteps: Step[] = [
  // Before the type check: the site's types import the kernels' generated pkg/.
  { name: 'kernels: wasm build', action: buildKernels },
  { name: 'typecheck', action: typecheck },
  { name: 'lint: biome, rustfmt, clippy, gofmt, go vet', action: lint },
  // Every workspace's own tests, the kernels' `cargo test` among them.
  { name: 'unit tests', action: () => npm('test', '--workspaces', '--if-present') },
  { name: 'site: build', action: () => npm('run', 'build', '-w', '@hybrid-lab/site') },
  { name: 'lesson examples: cargo + go', action: () => npm('run', 'examples', '-w', '@hybrid-lab/test') },
  // Before the browser tests: one of them runs the lesson through a real runner.
  { name: 'runner: prepare bubblewrap files', action: () => run(process.execPath, ['sandbox-runner/src/prepare-sandbox.ts']) },
  { name: 'browser: playwright in chromium', action: () => npm('run', 'e2e', '-w', '@hybrid-lab/test') },
  { name: 'runner: real sandboxes', action: () => npm('run', 'runner', '-w', '@hybrid-lab/test') },
  { name: 'images: compose runner and site, online and offline', action: () => npm('run', 'images', '-w', '@hybrid-lab/test') },
];

const runnerServer = 'sandbox-runner/src/server.ts';

/**
 * Starts the site and the runner beside it. The runner starts even when no
 * sandbox could be set up: it then refuses jobs with what to install, and the
 * editor shows that message. Ctrl-C stops both.
 */
function startSiteAndRunner(): void {
  const children: ChildProcess[] = [];
  let stopping = false;
  const missing = install('runner');
  if (missing.length === needed('runner').length) {
    console.warn(
      `\nhybrid-lab: no sandbox backend could be set up (${missing.map((t) => t.name).join(', ')} missing): the runner will` +
        ' refuse jobs and say what to install. Lessons, editor and wasm demos work without it. Fixes: `npm run doctor`.',
    );
  }
  console.log('\nhybrid-lab: starting the runner at http://127.0.0.1:8787 (config: sandbox-runner/README.md)');
  const runner = spawn(process.execPath, [runnerServer], { stdio: 'inherit', cwd: repoRoot });
  runner.on('exit', (code, signal) => {
    if (!stopping) console.warn(`hybrid-lab: the runner stopped (${signal ?? `exit ${code}`}); the site keeps running without it.`);
  });
  children.push(runner);
  console.log('\nhybrid-lab: starting the site at http://localhost:4321 (Ctrl-C stops it)');
  const site = spawn('npm', ['run', 'dev', '-w', '@hybrid-lab/site'], { stdio: 'inherit', cwd: repoRoot });
  children.push(site);
  const stop = () => {
    stopping = true;
    for (const child of children) child.kill('SIGINT');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  site.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}

const commands: Record<string, () => void> = {
  doctor: () => {
    const broken = doctor('all');
    console.log(broken.length ? `\n${broken.length} tool(s) need attention; run the fix commands above.` : '\nEverything is in place.');
    process.exitCode = broken.length ? 1 : 0;
  },
  setup: () => setup('test'),
  build: () => {
    setup('site');
    buildKernels();
    npm('run', 'build', '-w', '@hybrid-lab/site');
  },
  start: () => {
    setup('site');
    buildKernels();
    startSiteAndRunner();
  },
  runner: () => {
    // The runner itself refuses jobs, saying what to install, when no backend works.
    install('runner');
    run(process.execPath, [runnerServer]);
  },
  'bench:runner': () => {
    setup('test');
    run(process.execPath, ['test/bench/runner-bench.ts']);
  },
  workshop: () => {
    // The site is built by the workshop itself, for the room's runner address.
    setup('site');
    const missing = install('runner');
    if (missing.length === needed('runner').length) {
      doctor('runner');
      throw new Error(
        `no sandbox backend can be set up (${missing.map((t) => t.name).join(', ')}): fix it (above) before the room arrives`,
      );
    }
    buildKernels();
    run(process.execPath, ['scripts/workshop.ts', ...process.argv.slice(3)]);
  },
  'bench:site': () => {
    setup('test');
    run(process.execPath, ['test/bench/site-bench.ts']);
  },
  typecheck: () => {
    setup('site');
    buildKernels();
    typecheck();
  },
  lint: () => {
    setup('test');
    lint();
  },
  test: () => {
    setup('test');
    process.exitCode = runSteps(testSteps) ? 0 : 1;
  },
  bench: () => {
    setup('site');
    buildKernels();
    run(process.execPath, ['kernels/bench/run-bench.ts']);
  },
};

const name = process.argv[2] ?? '';
const command = commands[name];
if (!command) {
  console.error(`hybrid-lab: unknown command "${name}". Known: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
try {
  command();
} catch (err) {
  console.error(`hybrid-lab ${name}: ${(err as Error).message}`);
  process.exit(1);
}
