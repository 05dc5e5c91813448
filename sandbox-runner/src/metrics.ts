/**
 * A small Prometheus registry: counters, gauges and histograms with
 * labels, rendered in the text exposition format for GET /metrics.
 */

type Labels = Record<string, string>;

function labelKey(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

interface Metric {
  render(): string;
}

export class Counter implements Metric {
  private readonly values = new Map<string, number>();
  readonly name: string;
  readonly help: string;

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k} ${v}`);
    return lines.join('\n');
  }
}

export class Gauge implements Metric {
  readonly name: string;
  readonly help: string;
  private readonly read: () => number;

  constructor(name: string, help: string, read: () => number) {
    this.name = name;
    this.help = help;
    this.read = read;
  }

  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`].join('\n');
  }
}

export class Histogram implements Metric {
  readonly name: string;
  readonly help: string;
  readonly buckets: number[];
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();

  constructor(name: string, help: string, buckets: number[]) {
    this.name = name;
    this.help = help;
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(value: number, labels: Labels = {}): void {
    const k = labelKey(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    this.buckets.forEach((b, i) => {
      if (value <= b && s) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const inner = k.length > 0 ? `${k.slice(1, -1)},` : '';
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket{${inner}le="${b}"} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket{${inner}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k} ${s.sum}`);
      lines.push(`${this.name}_count${k} ${s.count}`);
    }
    return lines.join('\n');
  }
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** The runner's metrics, created once per app. */
export function createRunnerMetrics(gauges: { queueDepth: () => number; activeJobs: () => number; cacheEntries: () => number }) {
  const m = {
    requests: new Counter('hybrid_runner_http_requests_total', 'HTTP requests by route and status.'),
    requestSeconds: new Histogram('hybrid_runner_http_request_duration_seconds', 'HTTP request duration by route.', SECONDS),
    queueWaitSeconds: new Histogram('hybrid_runner_queue_wait_seconds', 'Time jobs waited for a slot.', SECONDS),
    stepSeconds: new Histogram(
      'hybrid_runner_step_duration_seconds',
      'Duration of build, test, run and wasm-build steps by step name.',
      SECONDS,
    ),
    jobs: new Counter('hybrid_runner_jobs_total', 'Jobs run in a sandbox, by action (run, test, wasm) and outcome (ok, failed, error).'),
    artifactsRefused: new Counter(
      'hybrid_runner_artifacts_refused_total',
      'wasm jobs whose build succeeded but gave no module to send back (none built, or over RUNNER_MAX_ARTIFACT_BYTES).',
    ),
    rejected: new Counter('hybrid_runner_jobs_rejected_total', 'Jobs refused because the queue was full (429).'),
    cacheHits: new Counter('hybrid_runner_cache_hits_total', 'Requests answered from the result cache.'),
    cacheMisses: new Counter('hybrid_runner_cache_misses_total', 'Requests that had to run.'),
    jobsJoined: new Counter(
      'hybrid_runner_jobs_joined_total',
      'Requests that joined an identical job already in flight (they share its events and result).',
    ),
    kills: new Counter('hybrid_runner_kills_total', 'Steps stopped by the sandbox, by reason.'),
    queueDepth: new Gauge('hybrid_runner_queue_depth', 'Jobs waiting for a slot.', gauges.queueDepth),
    activeJobs: new Gauge('hybrid_runner_active_jobs', 'Jobs running now.', gauges.activeJobs),
    cacheEntries: new Gauge('hybrid_runner_cache_entries', 'Results held in the cache.', gauges.cacheEntries),
  };
  return {
    ...m,
    render(): string {
      return `${Object.values(m)
        .map((metric) => metric.render())
        .join('\n')}\n`;
    },
  };
}

export type RunnerMetrics = ReturnType<typeof createRunnerMetrics>;
