/** Where the runner listens when PUBLIC_RUNNER_URL is not set at build time. */
export const DEFAULT_RUNNER_URL = 'http://127.0.0.1:8787';

/** The runner's base URL: the configured one (trailing slashes dropped) or the default. */
export function runnerBaseUrl(configured: string | undefined): string {
  const trimmed = configured?.trim().replace(/\/+$/, '');
  return trimmed ? trimmed : DEFAULT_RUNNER_URL;
}

/** One step of a run (cargo build, go build, the program itself), as the output pane shows it. */
export interface RunStep {
  name: string;
  /** Exit code, or null when the step was killed or did not finish. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the step in ms, when the runner reported it. */
  durationMs: number | null;
}

/** What pressing Run led to. */
export type RunOutcome =
  | { kind: 'completed'; steps: RunStep[] }
  | { kind: 'offline'; url: string; detail: string }
  | { kind: 'busy'; retryAfterSeconds: number | null; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'rejected'; status: number; message: string }
  | { kind: 'failed'; status: number | null; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pick(record: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (record[name] !== undefined) return record[name];
  return undefined;
}

/**
 * Reads the steps of a finished run from the runner's JSON answer:
 * { "steps": [{ "name", "exitCode", "stdout", "stderr", "durationMs" }] } (snake_case accepted too).
 * Throws with what was wrong when the answer has another shape.
 */
export function parseRunResponse(json: unknown): RunStep[] {
  const container = isRecord(json) && isRecord(json.result) && Array.isArray(json.result.steps) ? json.result : json;
  if (!isRecord(container) || !Array.isArray(container.steps)) {
    throw new Error('The runner answered without a "steps" list.');
  }
  return container.steps.map((raw, index) => {
    if (!isRecord(raw)) throw new Error(`Step ${index + 1} of the runner's answer is not an object.`);
    const name = raw.name;
    if (typeof name !== 'string' || name === '') throw new Error(`Step ${index + 1} of the runner's answer has no name.`);
    const exitCode = pick(raw, 'exitCode', 'exit_code');
    const durationMs = pick(raw, 'durationMs', 'duration_ms');
    const stdout = raw.stdout ?? '';
    const stderr = raw.stderr ?? '';
    if (exitCode !== null && exitCode !== undefined && !Number.isInteger(exitCode)) {
      throw new Error(`Step "${name}" has an exit code that is not a whole number.`);
    }
    if (typeof stdout !== 'string' || typeof stderr !== 'string') {
      throw new Error(`Step "${name}" has stdout or stderr that is not text.`);
    }
    return {
      name,
      exitCode: typeof exitCode === 'number' ? exitCode : null,
      stdout,
      stderr,
      durationMs: typeof durationMs === 'number' && Number.isFinite(durationMs) && durationMs >= 0 ? durationMs : null,
    };
  });
}

/** The human message in an error answer: "error", "error.message" or "message". */
export function errorMessage(json: unknown, fallback: string): string {
  if (!isRecord(json)) return fallback;
  const { error, message } = json;
  if (typeof error === 'string' && error) return error;
  if (isRecord(error) && typeof error.message === 'string' && error.message) return error.message;
  if (typeof message === 'string' && message) return message;
  return fallback;
}

/** Seconds from a Retry-After header given in seconds; null for a missing or date-form header. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/** Options of runOnServer; fetch is injectable for tests. */
export interface RunOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** POSTs the files to the runner's /api/v1/runs and turns every answer, or no answer, into a RunOutcome. */
export async function runOnServer(
  baseUrl: string,
  files: Readonly<Record<string, string>>,
  { fetch: fetchImpl = globalThis.fetch.bind(globalThis), timeoutMs = 180_000 }: RunOptions = {},
): Promise<RunOutcome> {
  const url = `${baseUrl}/api/v1/runs`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ files, action: 'run' }),
      signal: controller.signal,
    });
  } catch (error) {
    clearTimeout(timer);
    if (controller.signal.aborted) {
      return { kind: 'failed', status: null, message: `The runner did not answer within ${Math.round(timeoutMs / 1000)} s.` };
    }
    return { kind: 'offline', url, detail: error instanceof Error ? error.message : String(error) };
  }
  try {
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
    // A 503 without Retry-After is not a queue: the runner has no sandbox and says what to install.
    if (response.status === 503 && retryAfter === null) {
      return { kind: 'unavailable', message: errorMessage(json, 'The runner cannot run code on its machine.') };
    }
    if (response.status === 429 || response.status === 503) {
      return {
        kind: 'busy',
        retryAfterSeconds: retryAfter,
        message: errorMessage(json, 'The runner is busy with other runs.'),
      };
    }
    if (response.status >= 400 && response.status < 500) {
      return { kind: 'rejected', status: response.status, message: errorMessage(json, `The runner refused the request (HTTP ${response.status}).`) };
    }
    if (!response.ok) {
      return { kind: 'failed', status: response.status, message: errorMessage(json, `The runner failed (HTTP ${response.status}).`) };
    }
    if (json === null) return { kind: 'failed', status: response.status, message: 'The runner answered with something that is not JSON.' };
    return { kind: 'completed', steps: parseRunResponse(json) };
  } catch (error) {
    return { kind: 'failed', status: response.status, message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
