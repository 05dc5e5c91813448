// Parses what lessons/02-gc-pressure/example prints (`./gcpressure`, with or
// without -variant): the settings line, the three tables and the last lines.
// Quantities come back in base units: seconds, bytes, nanoseconds.

export const VARIANTS = ['go-pointers', 'go-flat', 'rust-handle'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface GcRow {
  cycles: number;
  gcCpuSeconds: number;
  assistCpuSeconds: number;
  /** GC CPU as a share of the CPU the process used, 0..100; null for "n/a". */
  gcSharePercent: number | null;
  pauses: number;
  longestPauseNs: number;
}

export interface LatencyRow {
  p50Ns: number;
  p99Ns: number;
  p999Ns: number;
  maxNs: number;
}

export interface MemoryRow {
  heapGoal: number;
  heapLive: number;
  scannableHeap: number;
  allocated: number;
  /** null when the program could not read /proc ("n/a"). */
  rss: number | null;
  /** null for the Go variants ("-"). */
  heldInRust: number | null;
}

export interface GcPressureOutput {
  settings: { goVersion: string; collector: string; gogc: string; gomemlimit: string };
  gc: Partial<Record<Variant, GcRow>>;
  latency: Partial<Record<Variant, LatencyRow>>;
  memory: Partial<Record<Variant, MemoryRow>>;
  checkLine: string;
  metricsLine: string;
  readings: string[];
}

const units: Record<string, number> = { s: 1e9, ms: 1e6, µs: 1e3, ns: 1 };

/** "1.25 ms" -> 1250000 (ns); "≤ 98.3 µs" -> 98300. */
export function nanoseconds(text: string): number {
  const m = /^(?:≤\s*)?([\d.]+) (s|ms|µs|ns)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: "${text}"`);
  return Number(m[1]) * (units[m[2] as string] as number);
}

/** "37.2 MiB" -> bytes. */
export function mebibytes(text: string): number {
  const m = /^([\d.]+) MiB$/.exec(text.trim());
  if (!m) throw new Error(`not a MiB figure: "${text}"`);
  return Number(m[1]) * 2 ** 20;
}

function seconds(text: string): number {
  const m = /^([\d.]+) s$/.exec(text.trim());
  if (!m) throw new Error(`not seconds: "${text}"`);
  return Number(m[1]);
}

/** The rows of the table that follows the line starting with `title`: variant -> cells. */
function table(lines: string[], title: string): Map<Variant, string[]> {
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) throw new Error(`no "${title}" table in the output`);
  const rows = new Map<Variant, string[]>();
  for (const line of lines.slice(start + 2)) {
    if (line.trim() === '') break;
    const cells = line.trim().split(/ {2,}/);
    const name = cells[0] as Variant;
    if (!VARIANTS.includes(name)) throw new Error(`unknown variant row in "${title}": ${line}`);
    rows.set(name, cells.slice(1));
  }
  return rows;
}

export function parseGcPressureOutput(stdout: string): GcPressureOutput {
  const lines = stdout.split('\n');
  const settings = /^gcpressure: (\S+) \S+, GOMAXPROCS=\d+, collector: (.+), GOGC=(\S+), GOMEMLIMIT=(.+)$/.exec(lines[0] ?? '');
  if (!settings) throw new Error(`first line is not the settings line: ${lines[0]}`);
  const out: GcPressureOutput = {
    settings: {
      goVersion: settings[1] as string,
      collector: settings[2] as string,
      gogc: settings[3] as string,
      gomemlimit: settings[4] as string,
    },
    gc: {},
    latency: {},
    memory: {},
    checkLine: lines.find((line) => line.startsWith('check: ')) ?? '',
    metricsLine: lines.find((line) => line.startsWith('read from runtime/metrics: ')) ?? '',
    readings: lines.filter((line) => line.startsWith('reading: ')).map((line) => line.slice('reading: '.length)),
  };
  for (const [name, c] of table(lines, 'GC work')) {
    out.gc[name] = {
      cycles: Number(c[0]),
      gcCpuSeconds: seconds(c[1] ?? ''),
      assistCpuSeconds: seconds(c[2] ?? ''),
      gcSharePercent: c[3] === 'n/a' ? null : Number((c[3] ?? '').replace('%', '')),
      pauses: Number(c[4]),
      longestPauseNs: nanoseconds(c[5] ?? ''),
    };
  }
  for (const [name, c] of table(lines, 'time per batch')) {
    out.latency[name] = {
      p50Ns: nanoseconds(c[0] ?? ''),
      p99Ns: nanoseconds(c[1] ?? ''),
      p999Ns: nanoseconds(c[2] ?? ''),
      maxNs: nanoseconds(c[3] ?? ''),
    };
  }
  for (const [name, c] of table(lines, 'memory at the end')) {
    out.memory[name] = {
      heapGoal: mebibytes(c[0] ?? ''),
      heapLive: mebibytes(c[1] ?? ''),
      scannableHeap: mebibytes(c[2] ?? ''),
      allocated: mebibytes(c[3] ?? ''),
      rss: c[4] === 'n/a' ? null : mebibytes(c[4] ?? ''),
      heldInRust: c[5] === '-' ? null : mebibytes(c[5] ?? ''),
    };
  }
  return out;
}
