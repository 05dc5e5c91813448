/**
 * The compose deployment in a room with no internet: builds the images with
 * docker/build-images.sh (seconds when their inputs are unchanged), starts the
 * runner with the options docker/compose.yaml gives it but with no network at
 * all (`--network none`: only a loopback), and the site in the runner's
 * network namespace (so the two see each other on 127.0.0.1 and nothing
 * else). Everything is asked from inside, as a learner's browser would ask:
 * real lesson jobs built and run (lesson 01's cgo program, the starter path's
 * FFI example, a crate with crates.io dependencies the image carries, lesson
 * 01's kernel to wasm), what needs the internet failing with the tool's own
 * reason, and the site's lesson page with its files and wasm. First it proves
 * the network is off, so nothing here can pass by reaching out.
 *
 * No lesson uses a Go module beyond the standard library (their go.mod files
 * require nothing); the Go side of every job here is std + cgo.
 *
 * Needs podman (with runc on cgroup v1 hosts) and site/dist (`npm run build`).
 * Removes the two containers it started.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { RunResult } from '../../sandbox-runner/src/api-schema.ts';
import { expectedBatchSizes, parseBatchingOutput } from '../examples/batching-output.ts';
import { jobFromDir, lessonFile, lessonPath, step, wasmKernelJob } from '../runner/runner-harness.ts';
import { composeService, parseYaml, runPlan, type Yaml } from './compose-file.ts';
import { buildImages, containerLogs, exec, removeContainer, repo, requirePodman, runtimeFlags } from './podman.ts';

const compose = parseYaml(readFileSync(path.join(repo, 'docker', 'compose.yaml'), 'utf8'));

/**
 * What compose gives `service` as `podman run` options, less the published ports (a container
 * without a network publishes none), and the port it listens on inside.
 */
function offlinePlan(service: string): { image: string; options: string[]; port: number } {
  const plan = runPlan(composeService(compose, service), (containerPort) => containerPort);
  const port = plan.ports[0]?.containerPort;
  if (port === undefined) throw new Error(`compose.yaml: the ${service} service publishes no port`);
  const options = plan.options.filter((o, i) => o !== '--publish' && plan.options[i - 1] !== '--publish');
  return { image: plan.image, options, port };
}

const runnerName = `hybrid-lab-offline-test-${process.pid}-runner`;
const siteName = `hybrid-lab-offline-test-${process.pid}-site`;
const insideFetchSource = readFileSync(path.join(import.meta.dirname, 'inside-fetch.mjs'), 'utf8');
const siteDist = path.join(repo, 'site', 'dist');
const runnerPlan = offlinePlan('runner');
const sitePlan = offlinePlan('site');
const runnerUrl = `http://127.0.0.1:${runnerPlan.port}`;
const siteUrl = `http://127.0.0.1:${sitePlan.port}`;
const HEALTHY_WITHIN_MS = 90_000;
// Node runs WebAssembly; this file is type-checked without the DOM lib (see sandbox-runner/tsconfig.json), so this names what it uses.
const wasmRuntime = (
  globalThis as unknown as { WebAssembly: { Module: { new (bytes: Uint8Array): object; exports(m: object): { name: string }[] } } }
).WebAssembly;
/** A job's answer may wait for a build and a run under the runner's default limits. */
const JOB_TIMEOUT_MS = 5 * 60_000;

interface InsideRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

type InsideAnswer = { status: number; headers: Record<string, string>; body: string } | { error: string; code: string };

/** Makes `requests` from inside the runner's container (its loopback is the only network there is). */
async function fetchInside(requests: InsideRequest[]): Promise<InsideAnswer[]> {
  const longest = Math.max(...requests.map((r) => r.timeoutMs ?? 10_000));
  const r = await exec('podman', ['exec', '-i', runnerName, 'node', '--input-type=module', '-e', insideFetchSource], {
    input: JSON.stringify(requests),
    timeoutMs: requests.length * longest + 30_000,
  });
  if (r.status !== 0) throw new Error(`podman exec ${runnerName} node (inside-fetch.mjs) exited with ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as InsideAnswer[];
}

/** One request from inside that must be answered; the answer's body decoded. */
async function getInside(request: InsideRequest): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const [answer] = await fetchInside([request]);
  if (!answer || 'error' in answer) throw new Error(`${request.method ?? 'GET'} ${request.url} from inside: ${JSON.stringify(answer)}`);
  return { ...answer, body: Buffer.from(answer.body, 'base64') };
}

/** Posts a job to the runner inside, as the site's editor does, and returns its result. */
async function runInside(files: Record<string, string>, action: 'run' | 'test' | 'wasm' = 'run'): Promise<RunResult> {
  const res = await getInside({
    url: `${runnerUrl}/api/v1/runs`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ files, action }),
    timeoutMs: JOB_TIMEOUT_MS,
  });
  const text = res.body.toString('utf8');
  if (res.status !== 200) throw new Error(`POST /api/v1/runs answered ${res.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as RunResult;
}

/** Every step's name, exit code and last lines of stderr: what a failure message needs. */
function stepsSummary(result: RunResult): string {
  return JSON.stringify(result.steps.map((s) => ({ name: s.name, exit: s.exitCode, message: s.message, stderr: s.stderr.slice(-1500) })));
}

/** src and href values of the tags that make a browser load something as the page loads. */
function subresourceUrls(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.matchAll(/<(?:script|link|img|iframe|source|audio|video|embed|object)\b[^>]*>/gi)) {
    if (/^<link\b/i.test(tag[0]) && !/\brel="?(?:stylesheet|modulepreload|preload|icon|manifest)\b/i.test(tag[0])) continue;
    for (const attr of tag[0].matchAll(/\b(?:src|href|data)="([^"]*)"/gi)) urls.push(attr[1] ?? '');
  }
  return urls;
}

const otherOrigin = (url: string): boolean => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url) && !/^data:/i.test(url);

describe('images: the compose deployment with no network (a room without internet)', () => {
  const started: string[] = [];

  before(async () => {
    await requirePodman();
    await buildImages('all');

    const run = await exec('podman', [
      'run',
      '-d',
      '--name',
      runnerName,
      ...runtimeFlags,
      '--network',
      'none',
      ...runnerPlan.options,
      runnerPlan.image,
    ]);
    if (run.status !== 0) throw new Error(`podman run (runner, --network none) failed (exit ${run.status}): ${run.stderr.trim()}`);
    started.push(runnerName);

    // The site joins the runner's namespace: one loopback for both, as one laptop in the room.
    const runSite = await exec('podman', [
      'run',
      '-d',
      '--name',
      siteName,
      ...runtimeFlags,
      '--network',
      `container:${runnerName}`,
      ...sitePlan.options,
      sitePlan.image,
    ]);
    if (runSite.status !== 0) throw new Error(`podman run (site) failed (exit ${runSite.status}): ${runSite.stderr.trim()}`);
    started.push(siteName);

    const deadline = Date.now() + HEALTHY_WITHIN_MS;
    let last = 'no answer yet';
    for (;;) {
      const [health] = await fetchInside([{ url: `${runnerUrl}/healthz`, timeoutMs: 3000 }]);
      if (health && 'status' in health) {
        const body = JSON.parse(Buffer.from(health.body, 'base64').toString('utf8')) as { status: string; detail: string };
        last = `${health.status} ${JSON.stringify(body)}`;
        if (health.status === 200) break;
        if (body.status === 'unavailable' && !/^preparing/.test(body.detail))
          throw new Error(`the runner without a network is unavailable: ${last}\n${await containerLogs(runnerName)}`);
      } else last = JSON.stringify(health);
      if (Date.now() > deadline) {
        throw new Error(
          `GET /healthz inside ${runnerName} gave no healthy answer within ${HEALTHY_WITHIN_MS / 1000} s (last: ${last}); its output:\n${await containerLogs(runnerName)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  after(async () => {
    for (const name of started.reverse()) await removeContainer(name);
  });

  test('the containers have no network: only a loopback, and an outside address is unreachable', async () => {
    const mode = await exec('podman', ['inspect', '--format', '{{.HostConfig.NetworkMode}}', runnerName]);
    assert.equal(mode.stdout.trim(), 'none');
    const links = await exec('podman', ['exec', runnerName, 'ls', '/sys/class/net']);
    assert.deepEqual(links.stdout.trim().split(/\s+/), ['lo'], 'network interfaces inside the runner container');
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): with no route at all the connect fails at once.
    const [outside] = await fetchInside([{ url: 'http://192.0.2.1/', timeoutMs: 5000 }]);
    assert.ok(outside && 'error' in outside, `a request to 192.0.2.1 was answered: ${JSON.stringify(outside)}`);
    assert.equal(outside.code, 'ENETUNREACH', JSON.stringify(outside));
  });

  test("lesson 01's program (Rust crate + Go main through cgo) builds and prints the lesson's table", async () => {
    // What the page's Run sends: the example's files, run with no flags.
    const result = await runInside(jobFromDir(lessonPath('01-batching', 'example')));
    assert.equal(result.ok, true, stepsSummary(result));
    assert.deepEqual(
      result.steps.map((s) => s.name),
      ['cargo-build', 'go-build', 'run'],
    );
    const out = parseBatchingOutput(step(result, 'run').stdout);
    assert.deepEqual(
      out.rows.filter((r) => r.mode === 'per-batch').map((r) => r.batch),
      expectedBatchSizes(out.dataLen),
      'a row for every batch size',
    );
    assert.match(out.checkLine, /^check: ok, all 19 loops computed /);
    assert.match(out.readingLine, /^reading: /);
  });

  test("the starter path's FFI example prints exactly its expected-output.txt", async () => {
    const result = await runInside(jobFromDir(lessonPath('starter-09-ffi', 'example')));
    assert.equal(result.ok, true, stepsSummary(result));
    assert.equal(step(result, 'run').stdout, lessonFile('starter-09-ffi', 'example/expected-output.txt'));
  });

  test('a crate that depends on crates.io crates the image carries (rayon, libc) builds and runs, with no Cargo.lock', async () => {
    const result = await runInside(jobFromDir(path.join(import.meta.dirname, 'fixtures', 'rayon-sum')));
    assert.equal(result.ok, true, stepsSummary(result));
    assert.equal(
      step(result, 'run').stdout,
      'rayon sum of 1..1000000 = 500000500000 (Go: 500000500000)\nlibc page size = Go page size: true\n',
    );
  });

  test("lesson 01's kernel builds to wasm, as the page's Edit the kernel asks", async () => {
    const result = await runInside(wasmKernelJob(), 'wasm');
    assert.equal(result.ok, true, `${result.message ?? ''} ${stepsSummary(result)}`);
    const artifacts = result.artifacts ?? [];
    assert.equal(artifacts.length, 1, JSON.stringify(artifacts.map((a) => a.path)));
    const artifact = artifacts[0]!;
    assert.equal(artifact.path, 'batching_wasm.wasm');
    const exports = wasmRuntime.Module.exports(new wasmRuntime.Module(Buffer.from(artifact.base64, 'base64'))).map((e) => e.name);
    assert.ok(exports.includes('hl_dot'), `exports: ${exports.join(', ')}`);
  });

  test('what would need the internet fails with the tool saying why: a crate the image lacks, a Go module', async () => {
    const lesson = jobFromDir(lessonPath('starter-09-ffi', 'example'));
    const cargoToml = lesson['rust/Cargo.toml'] ?? '';
    assert.match(cargoToml, /^\[profile\.release\]/m);
    const withCrate = {
      ...lesson,
      'rust/Cargo.toml': cargoToml.replace(/^\[profile\.release\]/m, '[dependencies]\nhl-no-such-crate = "1"\n\n[profile.release]'),
    };
    const crate = await runInside(withCrate);
    assert.equal(crate.ok, false);
    const cargoBuild = step(crate, 'cargo-build');
    assert.notEqual(cargoBuild.exitCode, 0);
    assert.match(cargoBuild.stderr, /no matching package named `hl-no-such-crate` found/, cargoBuild.stderr);
    assert.match(cargoBuild.stderr, /offline/, cargoBuild.stderr);

    // A program copied from a project with a dependency: go.mod and go.sum name it (the sum is never
    // checked, since nothing is downloaded), and Go would have to fetch it.
    const sum = 'h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';
    const withModule = {
      'go.mod': 'module hybridlab.test/offline\n\ngo 1.24\n\nrequire example.com/greeting v1.0.0\n',
      'go.sum': `example.com/greeting v1.0.0 ${sum}\nexample.com/greeting v1.0.0/go.mod ${sum}\n`,
      'main.go': 'package main\n\nimport "example.com/greeting"\n\nfunc main() { greeting.Hello() }\n',
    };
    const mod = await runInside(withModule);
    assert.equal(mod.ok, false);
    const goBuild = step(mod, 'go-build');
    assert.notEqual(goBuild.exitCode, 0);
    assert.match(goBuild.stderr, /module lookup disabled by GOPROXY=off/, goBuild.stderr);
  });

  test('the site serves a lesson page, its own files and a wasm module; the page loads nothing from another origin', async () => {
    const title = /^title:\s*"(.+)"\s*$/m.exec(lessonFile('01-batching', 'index.mdx'))?.[1];
    assert.ok(title, 'lessons/01-batching/index.mdx has a title');
    const page = await getInside({ url: `${siteUrl}/lessons/01-batching/`, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(page.status, 200);
    assert.match(page.headers['content-type'] ?? '', /^text\/html/);
    const html = page.body.toString('utf8');
    assert.ok(html.includes(`<title>${title}`), `the page's <title> starts with the lesson's title "${title}"`);

    const urls = subresourceUrls(html);
    assert.ok(urls.length > 0, 'the page loads scripts or stylesheets');
    assert.deepEqual(
      urls.filter(otherOrigin),
      [],
      'files the page loads from another origin (they would not load in a room without internet)',
    );
    const own = [...new Set(urls)].map((u) => new URL(u, `${siteUrl}/lessons/01-batching/`).href);
    const answers = await fetchInside(own.map((url) => ({ url, headers: { 'accept-encoding': 'br, gzip' } })));
    const failed = own.filter((_, i) => {
      const a = answers[i];
      return !a || 'error' in a || a.status !== 200;
    });
    assert.deepEqual(failed, [], "the page's own files that did not load");
    const css = answers
      .filter(
        (a): a is Extract<InsideAnswer, { status: number }> => !!a && 'status' in a && /^text\/css/.test(a.headers['content-type'] ?? ''),
      )
      .map((a) => Buffer.from(a.body, 'base64').toString('utf8'));
    for (const sheet of css) {
      const external = [...sheet.matchAll(/url\(\s*["']?([^"')]+)/g)].map((m) => m[1] ?? '').filter(otherOrigin);
      assert.deepEqual(external, [], 'a stylesheet loads files from another origin');
    }

    const wasmFiles = readdirSync(path.join(siteDist, '_astro')).filter((f) => f.endsWith('.wasm'));
    assert.ok(wasmFiles.length > 0, 'site/dist/_astro has a .wasm module');
    for (const file of wasmFiles) {
      const wasm = await getInside({ url: `${siteUrl}/_astro/${file}`, headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(wasm.status, 200, file);
      assert.equal(wasm.headers['content-type'], 'application/wasm', file);
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      assert.equal(sha(wasm.body), sha(readFileSync(path.join(siteDist, '_astro', file))), `${file} as received is the built file`);
    }
  });
});

// Keep the compose file's service list honest: the offline deployment is these two.
test('compose.yaml has the two services the offline test starts', () => {
  const services = (compose as { services?: Record<string, Yaml> }).services ?? {};
  assert.deepEqual(Object.keys(services).sort(), ['runner', 'site']);
});
