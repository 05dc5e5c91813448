// What lesson 04's browser demo runs, and what its workers answer: the same scenario on two builds of
// the kernels, one with panic=abort (the default for wasm32) and one with panic=unwind.

/** The two builds, in the order the demo runs and shows them. */
export const BUILDS = ['abort', 'unwind'] as const;

/** One of BUILDS. */
export type PanicBuild = (typeof BUILDS)[number];

/** How each build is named in the table's header. */
export const BUILD_LABELS: Readonly<Record<PanicBuild, string>> = {
  abort: 'panic=abort (the default)',
  unwind: 'panic=unwind (std rebuilt)',
};

/** What one call into the kernel did: returned a value, or threw (a trap is a throw too). */
export type CallOutcome = { ok: true; value: string } | { ok: false; name: string; message: string };

/** The scenario's calls and what each gave, as the worker saw them. */
export interface ScenarioResult {
  /** Lines in the good batches accepted before the panic. */
  goodLines: number;
  /** `add_batch` with the batch whose third line has a discount. */
  panicCall: CallOutcome;
  /** `last_panic_message()` after that call. */
  hookMessage: CallOutcome;
  /** `add_batch` with a good batch, on the same ledger, after the panic. */
  nextCall: CallOutcome;
  /** The same ledger's counts after all that: "accepted/counted" lines, or what reading them threw. */
  counts: CallOutcome;
  /** Lines accepted and counted, when the counts could be read. */
  linesAccepted: number | null;
  linesCounted: number | null;
}

/** A finished run in one build's worker. */
export interface BuildRun {
  build: PanicBuild;
  scenario: ScenarioResult;
  /** Bytes of the .wasm file this build loaded. */
  wasmBytes: number;
  /** Median time of one `add_batch` of a good batch on a fresh ledger, before any panic, in ns. */
  callNs: number;
  /** Time the worker took to fetch, compile and instantiate the module, in ms. */
  loadMs: number;
}

/** The whole experiment, as shown and as kept in localStorage. */
export interface WasmPanicResult {
  measuredAt: string;
  runs: Record<PanicBuild, BuildRun>;
  /** After the abort build's panic: a new worker with a new instance, from start to its first answer, in ms. */
  recoveryMs: number;
  /** What the new instance's fresh ledger held when it answered (0 batches: the old state is gone). */
  recoveredBatches: number;
  /** Samples behind each callNs. */
  samples: number;
}

/** Messages from the page to a worker. */
export type ToWorker = { type: 'run'; build: PanicBuild; samples: number } | { type: 'ready'; build: PanicBuild };

/** Messages from a worker to the page. */
export type FromWorker =
  | { type: 'ran'; run: BuildRun }
  | { type: 'ready'; loadMs: number; batches: number }
  | { type: 'error'; name: string; message: string };
