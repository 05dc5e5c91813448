// Parses what lessons/04-panics/example prints in its default mode (the
// service loop: `./panics`, with or without -quick): the settings lines, the
// table of outcomes per kind and the last lines. Also lists which of the
// lesson's claims an output breaks (`panicsProblems`), so more than one
// suite can check the same things. How many requests meet a busy or a
// poisoned handle depends on timing; the claims below hold on any machine.

/** The rows of the outcome table, in order: "ok" and one per error kind of the taxonomy. */
export const KINDS = ['ok', 'invalid-input', 'busy', 'panicked', 'poisoned'] as const;
export type Kind = (typeof KINDS)[number];

/** One row of the table: the requests whose last error from Rust was of one kind, and how they ended. */
export interface KindRow {
  requests: number;
  byRust: number;
  byFallback: number;
  retries: number;
  failed: number;
}

export interface PanicsOutput {
  goVersion: string;
  gomaxprocs: number;
  lanes: number;
  workers: number;
  workload: { requests: number; seed: number; plain: number; malformed: number; discount: number };
  attempts: number;
  /** Rows by kind, plus "all"; "other" only when the program printed one (statuses it did not know). */
  rows: Record<string, KindRow>;
  checkLine: string;
  /** Requests the check counted as given up: busy to the end, or out of attempts (no answer to compare). */
  shed: number;
  handles: { created: number; replaced: number; unanswered: number; expectedUnanswered: number };
  /** The panics the stderr line says Rust's hook printed. */
  hookReports: number;
  seconds: number;
  readings: string[];
}

function int(text: string | undefined, what: string): number {
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text)) throw new Error(`${what}: not a whole number: "${text}"`);
  return value;
}

/** The one line that starts with `prefix`, matched against `re`. */
function lineMatch(lines: string[], prefix: string, re: RegExp): RegExpExecArray {
  const line = lines.find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`no "${prefix}" line in the output`);
  const m = re.exec(line);
  if (!m) throw new Error(`the "${prefix}" line is not as expected: ${line}`);
  return m;
}

const TABLE_TITLE = 'outcomes, by the kind of the last error Rust answered';
const TABLE_HEADER = ['kind', 'requests', 'served by Rust', 'served by fallback', 'retries', 'failed'];

function outcomeTable(lines: string[]): Record<string, KindRow> {
  const start = lines.findIndex((line) => line.startsWith(TABLE_TITLE));
  if (start < 0) throw new Error(`no "${TABLE_TITLE}" table in the output`);
  const header = (lines[start + 1] ?? '').trim().split(/ {2,}/);
  if (header.join('|') !== TABLE_HEADER.join('|')) throw new Error(`the table's columns are ${header.join(', ')}`);
  const rows: Record<string, KindRow> = {};
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const cells = line.trim().split(/ {2,}/);
    if (cells.length !== TABLE_HEADER.length) throw new Error(`table row "${line}" has ${cells.length} cells`);
    const [kind, requests, byRust, byFallback, retries, failed] = cells as [string, string, string, string, string, string];
    rows[kind] = {
      requests: int(requests, `${kind} requests`),
      byRust: int(byRust, `${kind} served by Rust`),
      byFallback: int(byFallback, `${kind} served by fallback`),
      retries: int(retries, `${kind} retries`),
      failed: int(failed, `${kind} failed`),
    };
  }
  return rows;
}

/** Parses the stdout of the default mode of lessons/04-panics/example. */
export function parsePanicsOutput(stdout: string): PanicsOutput {
  const lines = stdout.split('\n');
  const settings = /^panics: (go\S+) \S+, GOMAXPROCS=(\d+); one shared Rust handle with (\d+) lanes?, (\d+) workers?$/.exec(lines[0] ?? '');
  if (!settings) throw new Error(`the first line is not the settings line: ${lines[0]}`);
  const w = lineMatch(
    lines,
    'workload: ',
    /^workload: (\d+) requests \(seed (\d+)\), [\d.]+ MB of order lines: (\d+) plain, (\d+) with a malformed line, (\d+) with a discount line /,
  );
  const policy = lineMatch(lines, 'policy: ', /^policy: at most (\d+) Rust calls per request, /);
  const check = lines.find((l) => l.startsWith('check: ')) ?? '';
  const shed = /; (\d+) requests? given up, busy or out of attempts/.exec(check);
  const h = lineMatch(
    lines,
    'handles: ',
    /^handles: (\d+) created, (\d+) replaced after a panic; lines the replaced handles counted but no answer holds: (\d+) \(lines before the discount line in the batches that panicked: (\d+)\)$/,
  );
  const hook = lineMatch(lines, 'stderr: ', /^stderr: Rust's panic hook printed each of the (\d+) panics there, /);
  const time = lineMatch(lines, 'time: ', /^time: ([\d.]+) s$/);
  return {
    goVersion: settings[1] as string,
    gomaxprocs: int(settings[2], 'GOMAXPROCS'),
    lanes: int(settings[3], 'lanes'),
    workers: int(settings[4], 'workers'),
    workload: {
      requests: int(w[1], 'requests'),
      seed: int(w[2], 'seed'),
      plain: int(w[3], 'plain'),
      malformed: int(w[4], 'malformed'),
      discount: int(w[5], 'discount'),
    },
    attempts: int(policy[1], 'attempts'),
    rows: outcomeTable(lines),
    checkLine: check,
    shed: shed ? int(shed[1], 'given up') : -1,
    handles: {
      created: int(h[1], 'created'),
      replaced: int(h[2], 'replaced'),
      unanswered: int(h[3], 'unanswered lines'),
      expectedUnanswered: int(h[4], 'lines before the discount lines'),
    },
    hookReports: int(hook[1], 'hook reports'),
    seconds: Number(time[1]),
    readings: lines.filter((l) => l.startsWith('reading: ')).map((l) => l.slice('reading: '.length)),
  };
}

/**
 * The lesson's claims of the default run, checked against a parsed output;
 * each broken claim is one message. `requests` is the workload's size
 * (480 by default, 160 with -quick).
 */
export function panicsProblems(out: PanicsOutput, requests: number): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const { workload: w, rows } = out;

  if (w.requests !== requests) fail(`the workload has ${w.requests} requests, expected ${requests}`);
  if (w.plain + w.malformed + w.discount !== w.requests) fail(`plain, malformed and discount batches do not add up to ${w.requests}`);
  if (w.malformed === 0 || w.discount === 0) fail('the workload lacks malformed or discount batches');

  const names = Object.keys(rows);
  if (names.join(',') !== [...KINDS, 'all'].join(',')) {
    fail(
      `the table's rows are ${names.join(', ')}, expected ${[...KINDS, 'all'].join(', ')} (an "other" row means statuses the Go side did not know)`,
    );
  }
  const sum: KindRow = { requests: 0, byRust: 0, byFallback: 0, retries: 0, failed: 0 };
  for (const [kind, row] of Object.entries(rows)) {
    if (row.byRust + row.byFallback + row.failed !== row.requests)
      fail(`${kind}: served and failed do not add up to ${row.requests} requests`);
    if (row.retries > row.requests * (out.attempts - 1))
      fail(`${kind}: ${row.retries} retries, more than ${out.attempts} calls per request allow`);
    if (kind === 'all') continue;
    for (const key of Object.keys(sum) as (keyof KindRow)[]) sum[key] += row[key];
  }
  const all = rows.all;
  if (!all) return [...problems, 'no "all" row'];
  for (const key of Object.keys(sum) as (keyof KindRow)[]) {
    if (all[key] !== sum[key]) fail(`all: ${key} is ${all[key]}, the rows add up to ${sum[key]}`);
  }
  if (all.requests !== w.requests) fail(`the table counts ${all.requests} requests, the workload has ${w.requests}`);

  const ok = rows.ok;
  if (ok && (ok.byFallback || ok.failed || ok.retries || ok.byRust !== ok.requests))
    fail('requests that met no error were not all served by Rust at the first call');
  const invalid = rows['invalid-input'];
  if (invalid) {
    if (invalid.byRust || invalid.byFallback || invalid.failed !== invalid.requests)
      fail('an invalid-input request was served: bad data must fail');
    if (invalid.requests === 0 || invalid.requests > w.malformed)
      fail(`${invalid.requests} invalid-input requests for ${w.malformed} malformed batches`);
  }
  const busy = rows.busy;
  if (busy && (busy.byFallback || busy.retries < busy.byRust))
    fail('busy requests went to the fallback, or were served by Rust without a retry');
  const panicked = rows.panicked;
  if (panicked) {
    if (panicked.requests === 0) fail('no request made Rust panic: the discount batches never reached the parser');
    if (panicked.requests > w.discount) fail(`${panicked.requests} panics for ${w.discount} discount batches`);
    if (panicked.byRust || panicked.failed || panicked.byFallback !== panicked.requests)
      fail('a request that panicked was not served by the Go fallback');
    if (out.hookReports !== panicked.requests) fail(`the stderr line counts ${out.hookReports} panics, the table ${panicked.requests}`);
    if (out.handles.replaced === 0 || out.handles.replaced > panicked.requests)
      fail(`${out.handles.replaced} handles replaced after ${panicked.requests} panics`);
  }
  const poisoned = rows.poisoned;
  if (poisoned?.byFallback) fail('a request refused by a poisoned handle went to the fallback instead of a retry');

  if (!out.checkLine.startsWith('check: ok,')) fail(`the program's own check failed: ${out.checkLine || '(no check line)'}`);
  if (out.shed < 0 || out.shed > all.failed)
    fail(`the check line's given-up count (${out.shed}) does not fit the ${all.failed} failed requests`);
  if (out.handles.created !== out.handles.replaced + 1) fail(`${out.handles.created} handles created for ${out.handles.replaced} replaced`);
  if (out.handles.unanswered === 0 || out.handles.unanswered !== out.handles.expectedUnanswered) {
    fail(
      `the replaced handles counted ${out.handles.unanswered} lines no answer holds; the lines before the discount lines add up to ${out.handles.expectedUnanswered}`,
    );
  }
  if (!out.readings.some((r) => r.includes('unwinding is not rollback'))) fail('no reading says that unwinding is not rollback');
  if (out.readings.length < 5) fail(`only ${out.readings.length} reading lines`);
  return problems;
}
