// Parses what lessons/03-zero-copy/example prints (`./zerocopy`, with or
// without -quick): the settings lines, the five tables by size and way, the
// result checksums and the last lines. Quantities come back in base units:
// nanoseconds, bytes, GB/s. Also lists which of the lesson's robust claims
// an output breaks (`zeroCopyProblems`), so more than one suite can check
// the same things.

export const WAYS = ['pointer', 'copy-c', 'rust-alloc', 'rpc-binary', 'rpc-json'] as const;
export type Way = (typeof WAYS)[number];

/** One table: for each size (bytes, in row order) a figure per way; null where the way was skipped ("-"). */
export interface WayTable {
  sizes: number[];
  rows: Map<number, Record<Way, number | null>>;
}

/** One row of the result table: the reference's norm and checksum, and each way's checksum. */
export interface ResultRow {
  bytes: number;
  norm: number;
  reference: string;
  checksums: Record<Way, string | null>;
}

export interface ZeroCopyOutput {
  goVersion: string;
  cgocheck: string;
  serverLine: string;
  timeNs: WayTable;
  throughputGBs: WayTable;
  allocBytes: WayTable;
  allocObjects: WayTable;
  cgoCalls: WayTable;
  results: ResultRow[];
  checkLine: string;
  rpcLine: string;
  metricsLine: string;
  readings: string[];
}

const durationUnits: Record<string, number> = { s: 1e9, ms: 1e6, µs: 1e3, ns: 1 };
const byteUnits: Record<string, number> = { B: 1, KiB: 2 ** 10, MiB: 2 ** 20 };

/** "12.70 ms" -> 12700000 (ns). */
export function nanoseconds(text: string): number {
  const m = /^([\d.]+) (s|ms|µs|ns)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: "${text}"`);
  return Number(m[1]) * (durationUnits[m[2] as string] as number);
}

/** "16.0 MiB" -> bytes; "16 B" -> 16. */
export function bytes(text: string): number {
  const m = /^([\d.]+) (B|KiB|MiB)$/.exec(text.trim());
  if (!m) throw new Error(`not a byte count: "${text}"`);
  return Number(m[1]) * (byteUnits[m[2] as string] as number);
}

function plainNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`not a number: "${text}"`);
  return value;
}

/** The cells of a table line: columns are separated by two spaces or more ("16 B" is one cell). */
function cells(line: string): string[] {
  return line.trim().split(/ {2,}/);
}

/** The table under the line that starts with `title`, its figures read with `parse`. */
function wayTable(lines: string[], title: string, parse: (cell: string) => number): WayTable {
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) throw new Error(`no "${title}" table in the output`);
  const header = cells(lines[start + 1] ?? '');
  if (header.join(' ') !== ['size', ...WAYS].join(' ')) {
    throw new Error(`"${title}": the columns are ${header.join(', ')}, expected size, ${WAYS.join(', ')}`);
  }
  const table: WayTable = { sizes: [], rows: new Map() };
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const [size, ...figures] = cells(line);
    if (figures.length !== WAYS.length) throw new Error(`"${title}": row "${line}" has ${figures.length} figures`);
    const b = bytes(size ?? '');
    const row = {} as Record<Way, number | null>;
    WAYS.forEach((way, i) => {
      const cell = figures[i] ?? '';
      row[way] = cell === '-' ? null : parse(cell);
    });
    table.sizes.push(b);
    table.rows.set(b, row);
  }
  if (table.sizes.length === 0) throw new Error(`"${title}": no rows`);
  return table;
}

function resultTable(lines: string[]): ResultRow[] {
  const start = lines.findIndex((line) => line.startsWith('result: '));
  if (start < 0) throw new Error('no "result:" table in the output');
  const header = cells(lines[start + 1] ?? '');
  if (header.join(' ') !== ['size', 'norm', 'go-reference', ...WAYS].join(' ')) {
    throw new Error(`result table: the columns are ${header.join(', ')}`);
  }
  const rows: ResultRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const [size, norm, reference, ...sums] = cells(line);
    const checksums = {} as Record<Way, string | null>;
    WAYS.forEach((way, i) => {
      const cell = sums[i];
      if (cell === undefined) throw new Error(`result table: row "${line}" lacks ${way}`);
      checksums[way] = cell === '-' ? null : cell;
    });
    rows.push({ bytes: bytes(size ?? ''), norm: plainNumber(norm ?? ''), reference: reference ?? '', checksums });
  }
  return rows;
}

/** Parses the stdout of the measuring mode (the default) of lessons/03-zero-copy/example. */
export function parseZeroCopyOutput(stdout: string): ZeroCopyOutput {
  const lines = stdout.split('\n');
  const settings = /^zerocopy: (go\S+) \S+, GOMAXPROCS=\d+, GODEBUG (cgocheck=.+)$/.exec(lines[0] ?? '');
  if (!settings) throw new Error(`the first line is not the settings line: ${lines[0]}`);
  const line = (prefix: string) => lines.find((l) => l.startsWith(prefix)) ?? '';
  return {
    goVersion: settings[1] as string,
    cgocheck: settings[2] as string,
    serverLine: line('rpc server: '),
    timeNs: wayTable(lines, 'time per call', nanoseconds),
    throughputGBs: wayTable(lines, 'throughput', plainNumber),
    allocBytes: wayTable(lines, 'Go heap allocated per call', bytes),
    allocObjects: wayTable(lines, 'Go heap objects allocated per call', plainNumber),
    cgoCalls: wayTable(lines, 'cgo calls per call', plainNumber),
    results: resultTable(lines),
    checkLine: line('check: '),
    rpcLine: line('rpc: '),
    metricsLine: line('read from runtime/metrics: '),
    readings: lines.filter((l) => l.startsWith('reading: ')).map((l) => l.slice('reading: '.length)),
  };
}

/** Allocation per call below which a way counts as allocating nothing (the runtime's own thread start-up can leave a byte or two). */
export const NOTHING_BYTES = 64;
/** At the smallest size the loopback RPC must be at least this many times slower than the pointer way (measured: thousands). */
export const RPC_SLOWER_AT_LEAST = 10;

/**
 * The lesson's claims that hold on any machine, checked against a parsed
 * output; each broken claim is one message. Timing is compared only as an
 * ordering with a wide margin.
 */
export function zeroCopyProblems(out: ZeroCopyOutput, sizes: number[]): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const tables = { time: out.timeNs, throughput: out.throughputGBs, alloc: out.allocBytes, objects: out.allocObjects, cgo: out.cgoCalls };
  for (const [name, table] of Object.entries(tables)) {
    if (table.sizes.join(',') !== sizes.join(',')) fail(`${name} table: sizes ${table.sizes.join(', ')}, expected ${sizes.join(', ')}`);
  }
  if (!out.checkLine.startsWith('check: ok,')) fail(`the program's own check failed: ${out.checkLine || '(no check line)'}`);
  if (
    !/^rpc server: a separate process, rust\/target\/release\/zcopy-server \(pid \d+\), at http:\/\/127\.0\.0\.1:\d+$/.test(out.serverLine)
  ) {
    fail(`the server line does not say a separate process on 127.0.0.1: ${out.serverLine}`);
  }
  for (const row of out.results) {
    for (const way of WAYS) {
      const sum = row.checksums[way];
      if (sum !== null && sum !== row.reference) fail(`${way} at ${row.bytes} B: checksum ${sum}, the Go reference has ${row.reference}`);
    }
    if (row.checksums.pointer === null || row.checksums['rpc-binary'] === null)
      fail(`at ${row.bytes} B a way that runs at every size was skipped`);
  }
  if (out.results.length !== sizes.length) fail(`result table: ${out.results.length} rows for ${sizes.length} sizes`);

  for (const b of sizes) {
    const alloc = out.allocBytes.rows.get(b);
    const cgo = out.cgoCalls.rows.get(b);
    const time = out.timeNs.rows.get(b);
    if (!alloc || !cgo || !time) continue;
    for (const way of ['pointer', 'rust-alloc'] as const) {
      if ((alloc[way] ?? Infinity) >= NOTHING_BYTES)
        fail(`${way} at ${b} B allocated ${alloc[way]} B per call on the Go heap; expected about 0`);
    }
    // copy-c's result is a new Go slice of the vector's size; tables print 1 decimal in KiB/MiB.
    if ((alloc['copy-c'] ?? 0) < 0.95 * b)
      fail(`copy-c at ${b} B allocated only ${alloc['copy-c']} B per call; expected at least the vector's size`);
    if ((alloc['rpc-binary'] ?? 0) < 2 * b + 1024)
      fail(`rpc-binary at ${b} B allocated only ${alloc['rpc-binary']} B per call; expected its bodies and buffers`);
    const expectedCalls: Record<Way, number> = { pointer: 1, 'copy-c': 3, 'rust-alloc': 2, 'rpc-binary': 0, 'rpc-json': 0 };
    for (const way of WAYS) {
      if (cgo[way] !== null && cgo[way] !== expectedCalls[way])
        fail(`${way} at ${b} B made ${cgo[way]} cgo calls per call, expected ${expectedCalls[way]}`);
    }
    for (const way of WAYS) {
      const ns = time[way];
      if (ns !== null && !(ns > 0)) fail(`${way} at ${b} B: time per call ${ns}`);
    }
  }
  const smallest = out.timeNs.rows.get(sizes[0] ?? 0);
  if (smallest && (smallest['rpc-binary'] ?? 0) < RPC_SLOWER_AT_LEAST * (smallest.pointer ?? Infinity)) {
    fail(
      `at ${sizes[0]} B rpc-binary took ${smallest['rpc-binary']} ns and pointer ${smallest.pointer} ns: not ${RPC_SLOWER_AT_LEAST}x slower`,
    );
  }
  const rpc = /^rpc: (\d+) requests, and the server counted (\d+) on the connection that carried the last one$/.exec(out.rpcLine);
  if (!rpc || rpc[1] !== rpc[2]) fail(`the client did not keep to one connection: ${out.rpcLine || '(no rpc line)'}`);
  for (const name of ['/gc/heap/allocs:bytes', '/gc/heap/allocs:objects', '/cgo/go-to-c-calls:calls']) {
    if (!out.metricsLine.includes(name)) fail(`the metrics line does not name ${name}`);
  }
  if (out.readings.length < 4) fail(`only ${out.readings.length} reading lines`);
  return problems;
}
