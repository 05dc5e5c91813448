/**
 * Turns a raw request body into a validated job: JSON and UTF-8 checks,
 * the schema, the rules for file paths, and the plan of steps. Every
 * rejection is an HttpError (4xx) whose message says what was wrong.
 */
import { z } from 'zod';
import { ACTIONS, FILE_PATH_RULES, type RunRequest, runRequestSchema, type StepName, type TestLanguage } from './api-schema.ts';
import { HttpError } from './errors.ts';
import { goPackageDir, goTestsInSource } from './test-discovery.ts';

/** Paths the runner writes itself inside the work dir; a job may not use them. */
export const RESERVED_PREFIXES: readonly string[] = FILE_PATH_RULES.reservedPrefixes;

const MAX_PATH_LENGTH = FILE_PATH_RULES.maxLength;
const MAX_PATH_DEPTH = FILE_PATH_RULES.maxDepth;
const SEGMENT = FILE_PATH_RULES.segment;

/** The request's shape only; the rules for files come from checkFiles, whose messages say what to fix. */
const RequestShapeSchema = z.strictObject({ files: z.record(z.string(), z.string()), action: z.enum(ACTIONS) });

export interface JobPlanStep {
  name: StepName;
  /** The command of hl-step (sandbox/hl-step.sh) that performs this step. */
  command: 'cargo-build' | 'cargo-test' | 'rust-tests' | 'go-build' | 'go-test' | 'go-tests' | 'run-go' | 'run-rust' | 'wasm-build';
  /** Which limits apply. */
  kind: 'build' | 'run';
  /** For the steps of a `test` job: the language whose tests the step runs. */
  tests?: TestLanguage;
  /** Go test steps: the tests to run, as "folder:TestName" (the per-test time limit is added when the step runs). */
  goTests?: string[];
}

export interface Job {
  request: RunRequest;
  hasGo: boolean;
  hasRust: boolean;
  steps: JobPlanStep[];
}

export interface RequestLimits {
  maxBodyBytes: number;
  maxFiles: number;
  maxFileBytes: number;
}

/** Decodes and validates a body; returns the job or throws an HttpError (4xx). */
export function parseJobRequest(body: Buffer, limits: RequestLimits): Job {
  if (body.length > limits.maxBodyBytes) {
    throw new HttpError(413, `request body is ${body.length} bytes, more than the limit of ${limits.maxBodyBytes} bytes`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new HttpError(
      400,
      `request body is not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8Offset(body)}); file contents must be UTF-8 text`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = RequestShapeSchema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, describeSchemaError(parsed.error));
  const request = parsed.data;
  checkFiles(request.files, limits);
  // The documented schema (OpenAPI) must accept whatever passed the checks above; if they ever
  // disagree, the request is refused rather than run against the document.
  const documented = runRequestSchema(limits).safeParse(request);
  if (!documented.success) throw new HttpError(400, describeSchemaError(documented.error));
  return planJob(request);
}

function describeSchemaError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length === 0 ? 'request body' : issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys} in ${where} (allowed: "files", "action")`;
    }
    if (issue.code === 'invalid_value' && issue.path[0] === 'action') {
      return `action must be ${ACTIONS.map((a) => JSON.stringify(a))
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')}`;
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return 'request body must be a JSON object like {"files": {...}, "action": "run"}';
    }
    if (issue.code === 'invalid_type' && issue.path[0] === 'files' && issue.path.length === 2) {
      return `file ${JSON.stringify(issue.path[1])} must be a string of UTF-8 text`;
    }
    return `${where}: ${issue.message}`;
  });
  return `invalid request: ${parts.join('; ')}`;
}

/** Checks file count, sizes, text and paths; throws HttpError on the first problem. */
export function checkFiles(files: Record<string, string>, limits: RequestLimits): void {
  const paths = Object.keys(files);
  if (paths.length === 0) throw new HttpError(400, 'invalid request: "files" is empty; send at least go.mod or rust/Cargo.toml');
  if (paths.length > limits.maxFiles) {
    throw new HttpError(400, `too many files: ${paths.length}, the limit is ${limits.maxFiles}`);
  }
  for (const p of paths) {
    checkPath(p);
    const content = files[p] ?? '';
    if (!content.isWellFormed()) {
      throw new HttpError(400, `file ${JSON.stringify(p)} is not valid UTF-8 text (it contains an unpaired surrogate escape)`);
    }
    if (content.includes('\u0000')) {
      throw new HttpError(400, `file ${JSON.stringify(p)} contains a NUL character; only text files can be sent`);
    }
    const bytes = Buffer.byteLength(content, 'utf8');
    if (bytes > limits.maxFileBytes) {
      throw new HttpError(413, `file ${JSON.stringify(p)} is ${bytes} bytes, more than the limit of ${limits.maxFileBytes} bytes`);
    }
  }
  const set = new Set(paths);
  for (const p of paths) {
    const segments = p.split('/');
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      if (set.has(prefix)) {
        throw new HttpError(
          400,
          `path ${JSON.stringify(p)} goes through ${JSON.stringify(prefix)}, which is a file; a path may only pass through folders (no links, no files)`,
        );
      }
    }
  }
}

/** Rejects anything but a plain relative POSIX path made of ordinary names. */
export function checkPath(p: string): void {
  const bad = (why: string): never => {
    throw new HttpError(400, `invalid file path ${JSON.stringify(p)}: ${why}`);
  };
  if (p.length === 0) bad('it is empty');
  if (p.length > MAX_PATH_LENGTH) bad(`longer than ${MAX_PATH_LENGTH} characters`);
  if (p.startsWith('/')) bad('absolute paths are not allowed; use a path relative to the job root such as "main.go"');
  if (p.includes('\\')) bad('use "/" as the separator, not "\\"');
  if (/^[A-Za-z]:/.test(p)) bad('drive letters are not allowed; use a relative path');
  const segments = p.split('/');
  if (segments.length > MAX_PATH_DEPTH) bad(`more than ${MAX_PATH_DEPTH} levels deep`);
  for (const s of segments) {
    if (s === '..') bad('".." is not allowed: every file must stay inside the job folder');
    if (s === '.' || s === '') bad('empty or "." path segments are not allowed');
    if (!SEGMENT.test(s)) bad('only letters, digits and . _ - + @ are allowed in names');
  }
  for (const prefix of RESERVED_PREFIXES) {
    if (p.startsWith(prefix) || `${p}/` === prefix) bad(`${prefix} is written by the runner itself`);
  }
}

/** Decides the steps of a job from its layout and action. */
export function planJob(request: RunRequest): Job {
  const hasGo = 'go.mod' in request.files;
  const hasRust = 'rust/Cargo.toml' in request.files;
  if (!hasGo && !hasRust) {
    throw new HttpError(400, 'nothing to build: a job needs go.mod at the root (a Go module) and/or rust/Cargo.toml (a Rust crate)');
  }
  const steps: JobPlanStep[] = [];
  if (request.action === 'wasm') {
    // Only the Rust crate is compiled; Go files may come along (the lesson's job has them) and are ignored.
    if (!hasRust) {
      throw new HttpError(
        400,
        'a "wasm" job compiles the Rust crate in rust/ to WebAssembly, but the files have no rust/Cargo.toml; ' +
          'send the crate as rust/Cargo.toml, rust/src/lib.rs, ... with [lib] crate-type = ["cdylib"]',
      );
    }
    steps.push({ name: 'wasm-build', command: 'wasm-build', kind: 'build' });
  } else if (request.action === 'run') {
    if (hasRust) steps.push({ name: 'cargo-build', command: 'cargo-build', kind: 'build' });
    if (hasGo) steps.push({ name: 'go-build', command: 'go-build', kind: 'build' });
    steps.push({ name: 'run', command: hasGo ? 'run-go' : 'run-rust', kind: 'run' });
  } else {
    // cgo links the release staticlib, so Go's tests need it built first.
    if (hasRust && hasGo) steps.push({ name: 'cargo-build', command: 'cargo-build', kind: 'build' });
    if (hasRust) steps.push({ name: 'cargo-test', command: 'rust-tests', kind: 'build', tests: 'rust' });
    if (hasGo) {
      const goTests = goTestsInSource(request.files).map((t) => `${goPackageDir(t.file)}:${t.name}`);
      const odd = goTests.find((spec) => spec.startsWith('-'));
      if (odd)
        throw new HttpError(
          400,
          `Go package folder ${JSON.stringify(odd.split(':')[0])} starts with "-"; rename it (go test would read it as a flag)`,
        );
      steps.push({ name: 'go-test', command: 'go-tests', kind: 'build', tests: 'go', goTests });
    }
  }
  return { request, hasGo, hasRust, steps };
}

function firstInvalidUtf8Offset(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] ?? 0;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > buf.length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}
