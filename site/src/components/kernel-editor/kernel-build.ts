// Sends the kernel job to the runner's `wasm` action and returns the outcome with the built module.
// runWithRetry and runOnServer (the lesson editor's client) do the request, the waits for a busy
// runner, the stream, the errors and the steps;
// it reads a finished run as a RunReport, which has no artifacts, so this module reads the one
// field it leaves out from the same answer, alongside, and checks the module's size and SHA-256.
import type { Artifact } from '@hybrid-lab/sandbox-runner/api-types';
import { isRecord } from '../lesson-editor/run-report.ts';
import type { RunOutcome } from '../lesson-editor/runner-client.ts';
import { type RetryOptions, runWithRetry } from '../lesson-editor/runner-retry.ts';
import { readSseStream } from '../lesson-editor/sse-parser.ts';

/** The module a build produced, decoded and checked. */
export interface BuiltModule {
  path: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
}

/** What "Build and measure" got from the runner. */
export interface KernelBuild {
  outcome: RunOutcome;
  /** The module, when the build succeeded and the answer carried a valid one. */
  module: BuiltModule | null;
  /** Why a completed, successful build gave no usable module (the runner's message or a check that failed); else null. */
  problem: string | null;
}

/** The `artifacts` and `message` of a finished `wasm` answer (a RunResult, or an event stream whose `result` event is one). */
export async function readArtifacts(answer: Response): Promise<{ artifacts: unknown[]; message: string | null }> {
  let result: unknown = null;
  const type = (answer.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/event-stream' && answer.body) {
    // Read to the end (the runner closes the stream after `result`): stopping here and in
    // runOnServer would cancel both branches of the tee, and with them the request itself.
    await readSseStream(answer.body, (event) => {
      if (event.type === 'result') result = JSON.parse(event.data);
      return true;
    });
  } else {
    const json: unknown = JSON.parse(await answer.text());
    result = isRecord(json) && isRecord(json.result) ? json.result : json;
  }
  if (!isRecord(result)) return { artifacts: [], message: null };
  return {
    artifacts: Array.isArray(result.artifacts) ? result.artifacts : [],
    message: typeof result.message === 'string' && result.message ? result.message : null,
  };
}

/** Lowercase hex SHA-256 of `bytes`, or null where the browser has no Web Crypto (a page not served from a secure origin). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Decodes the `.wasm` artifact and checks its size and hash; returns the module or what was wrong. */
export async function decodeModule(artifacts: readonly unknown[]): Promise<BuiltModule | string> {
  const wasm = artifacts.find(
    (entry): entry is Artifact => isRecord(entry) && typeof entry.path === 'string' && entry.path.endsWith('.wasm'),
  );
  if (!wasm) return 'The runner built the kernel but sent back no .wasm module.';
  if (typeof wasm.base64 !== 'string' || typeof wasm.bytes !== 'number' || typeof wasm.sha256 !== 'string') {
    return `The runner's artifact ${wasm.path} lacks its base64, bytes or sha256.`;
  }
  let binary: string;
  try {
    binary = atob(wasm.base64);
  } catch {
    return `The runner's artifact ${wasm.path} is not valid base64.`;
  }
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  if (bytes.length !== wasm.bytes)
    return `The runner's artifact ${wasm.path} has ${bytes.length} bytes, not the ${wasm.bytes} it announced.`;
  const hash = await sha256Hex(bytes);
  if (hash !== null && hash !== wasm.sha256.toLowerCase())
    return `The runner's artifact ${wasm.path} does not match its SHA-256: it was damaged on the way.`;
  return { path: wasm.path, bytes, sha256: hash ?? wasm.sha256.toLowerCase() };
}

/** POSTs the kernel job with action `wasm` (again while the runner is busy); returns the outcome and, when it built, the module. */
export async function buildKernel(
  runnerUrl: string,
  files: Readonly<Record<string, string>>,
  options: Omit<RetryOptions, 'action'> = {},
): Promise<KernelBuild> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let mine: Promise<{ artifacts: unknown[]; message: string | null }> | null = null;
  // Both branches of the answer are read at once: one by runOnServer, one here. (A clone read
  // afterwards would deadlock: cancelling one branch of a tee waits for the other.) After a busy
  // answer the next try's answer replaces it here.
  const capturing: typeof fetch = async (input, init) => {
    const answer = await fetchImpl(input, init);
    if (!answer.body) return answer;
    const [theirs, ours] = answer.body.tee();
    mine = readArtifacts(new Response(ours, { headers: answer.headers }));
    // Unhandled until awaited below; a failed read only matters for a successful build.
    mine.catch(() => {});
    return new Response(theirs, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
  const outcome = await runWithRetry(runnerUrl, files, { ...options, action: 'wasm', fetch: capturing });
  const built = outcome.kind === 'completed' && outcome.steps.length > 0 && outcome.steps.every((step) => step.exitCode === 0);
  const reading = mine as Promise<{ artifacts: unknown[]; message: string | null }> | null;
  if (!built || !reading) return { outcome, module: null, problem: null };
  let artifacts: unknown[];
  let message: string | null;
  try {
    ({ artifacts, message } = await reading);
  } catch (error) {
    return {
      outcome,
      module: null,
      problem: `This page could not read the module in the runner's answer: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (artifacts.length === 0) return { outcome, module: null, problem: message ?? 'The runner built the kernel but sent back no module.' };
  const decoded = await decodeModule(artifacts);
  return typeof decoded === 'string' ? { outcome, module: null, problem: decoded } : { outcome, module: decoded, problem: null };
}
