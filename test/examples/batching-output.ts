// Reads what lesson 01's Go program prints, the way a learner reads it:
// the table of batch sizes, the correctness check, the fitted model and the
// one-line reading. Throws an Error naming what is missing or malformed.

/** One row of the results table. */
export interface BatchingRow {
  mode: 'per-element' | 'per-batch' | 'pure-go';
  batch: number | null;
  callsPerPass: number;
  nsPerElement: number;
  vsPureGo: number;
}

/** Everything lesson 01's program reports, parsed. */
export interface BatchingOutput {
  dataLen: number;
  rows: BatchingRow[];
  checkLine: string;
  model: { fixedNs: number; perElementNs: number };
  readingLine: string;
  readingBatch: number | null;
}

const headerPattern = /^Batching across cgo: dot product of two float32 arrays of (\d+) elements$/m;
const rowPattern = /^\s*(per-element|per-batch|pure-go)\s+(\d+|-)\s+(\d+)\s+(\S+)\s+(\S+)x\s*$/;
const modelPattern = /^model: ns\/element = (\S+)\/batch \+ (\S+) /m;
const readingPattern = /^reading: .+$/m;

function finiteNumber(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new Error(`${what} is "${text}", not a finite number`);
  }
  return value;
}

/** Parses the stdout of `go run . -quick` in lessons/01-batching/example. */
export function parseBatchingOutput(stdout: string): BatchingOutput {
  const header = headerPattern.exec(stdout);
  if (!header?.[1]) {
    throw new Error('no header line "Batching across cgo: ..." in the output');
  }
  const dataLen = Number(header[1]);

  const rows: BatchingRow[] = [];
  for (const line of stdout.split('\n')) {
    const m = rowPattern.exec(line);
    if (!m) continue;
    const [, mode, batch, calls, ns, ratio] = m as unknown as [string, BatchingRow['mode'], string, string, string, string];
    const where = `${mode} row (batch ${batch})`;
    rows.push({
      mode,
      batch: batch === '-' ? null : Number(batch),
      callsPerPass: Number(calls),
      nsPerElement: finiteNumber(ns, `ns/element of the ${where}`),
      vsPureGo: finiteNumber(ratio, `"vs pure Go" of the ${where}`),
    });
  }
  if (rows.length === 0) {
    throw new Error('no table rows (per-element / per-batch / pure-go) in the output');
  }

  const checkLine = stdout.split('\n').find((line) => line.startsWith('check: '));
  if (!checkLine) {
    throw new Error('no "check: ..." line in the output');
  }

  const model = modelPattern.exec(stdout);
  if (!model?.[1] || !model[2]) {
    throw new Error('no "model: ns/element = F/batch + W" line in the output');
  }

  const reading = readingPattern.exec(stdout);
  if (!reading) {
    throw new Error('no "reading: ..." line in the output');
  }
  const readingBatch = /from batch size (\d+)/.exec(reading[0]);

  return {
    dataLen,
    rows,
    checkLine,
    model: {
      fixedNs: finiteNumber(model[1], "the model's fixed cost"),
      perElementNs: finiteNumber(model[2], "the model's per-element cost"),
    },
    readingLine: reading[0],
    readingBatch: readingBatch?.[1] ? Number(readingBatch[1]) : null,
  };
}

/** The batch sizes the sweep must cover: 1, 2, 4, ... up to dataLen. */
export function expectedBatchSizes(dataLen: number): number[] {
  const sizes: number[] = [];
  for (let b = 1; b <= dataLen; b *= 2) sizes.push(b);
  return sizes;
}
