// What the page needs from a learner's build of the kernel (lessons/01-batching/wasm-kernel/src/lib.rs),
// and the messages that name what is missing. Checked in the worker before anything is called.

/** A function the page calls, with the parameters it passes. */
interface ExpectedFunction {
  kind: 'function';
  params: readonly string[];
  /** The Rust signature the page expects, as shown in a message. */
  rust: string;
}

/** The exports the demo calls on the learner's module, with their parameter names. */
export const EXPECTED_EXPORTS: Readonly<Record<string, ExpectedFunction | { kind: 'memory' }>> = {
  memory: { kind: 'memory' },
  hl_alloc_f32: { kind: 'function', params: ['len'], rust: 'pub extern "C" fn hl_alloc_f32(len: usize) -> *mut f32' },
  hl_dot: {
    kind: 'function',
    params: ['a', 'b', 'len'],
    rust: 'pub unsafe extern "C" fn hl_dot(a: *const f32, b: *const f32, len: usize) -> f32',
  },
  hl_dot_step: { kind: 'function', params: ['acc', 'a', 'b'], rust: 'pub extern "C" fn hl_dot_step(acc: f32, a: f32, b: f32) -> f32' },
};

/** The exported functions the page calls, typed as it calls them. */
export interface LearnerExports {
  memory: WebAssembly.Memory;
  hl_alloc_f32(len: number): number;
  hl_dot(a: number, b: number, len: number): number;
  hl_dot_step(acc: number, a: number, b: number): number;
}

/** What a module imports, as WebAssembly.Module.imports lists it. */
export interface ImportDescriptor {
  module: string;
  name: string;
  kind: string;
}

/** Null when the module needs no imports (the page instantiates it with {}), else a message naming them. */
export function importProblem(imports: readonly ImportDescriptor[]): string | null {
  if (imports.length === 0) return null;
  const shown = imports.slice(0, 5).map((entry) => `${entry.module}.${entry.name} (${entry.kind})`);
  const more = imports.length > shown.length ? ` and ${imports.length - shown.length} more` : '';
  return (
    `Your module imports ${shown.join(', ')}${more}, but the page instantiates it with no imports. ` +
    'Remove what needs them: an `extern "C" { ... }` block, or a crate that expects JavaScript glue (wasm-bindgen).'
  );
}

/**
 * Null when `exports` has every export the page calls, of the right kind and parameter count
 * (a wasm function's `length` is its parameter count), else a message naming the first problem.
 */
export function exportProblem(exports: Readonly<Record<string, unknown>>): string | null {
  for (const [name, expected] of Object.entries(EXPECTED_EXPORTS)) {
    const value = exports[name];
    if (expected.kind === 'memory') {
      if (!(value instanceof WebAssembly.Memory)) {
        return 'Your module exports no memory. Rust exports `memory` by itself for a cdylib; keep `crate-type = ["cdylib"]` in Cargo.toml.';
      }
      continue;
    }
    const keep = `Keep \`#[unsafe(no_mangle)] ${expected.rust}\` in rust/src/lib.rs.`;
    if (typeof value !== 'function') {
      return `Your module has no exported function \`${name}\`: the page calls ${name}(${expected.params.join(', ')}). ${keep}`;
    }
    if (value.length !== expected.params.length) {
      const count = (n: number) => `${n} parameter${n === 1 ? '' : 's'}`;
      return `\`${name}\` takes ${count(value.length)} in your module, but the page calls it with ${count(expected.params.length)} (${expected.params.join(', ')}). ${keep}`;
    }
  }
  return null;
}

/** Null when a call returned a number, else a message: a function that returns nothing, or an i64, has the wrong signature. */
export function resultProblem(name: keyof typeof EXPECTED_EXPORTS, value: unknown): string | null {
  if (typeof value === 'number') return null;
  const expected = EXPECTED_EXPORTS[name];
  const rust = expected && expected.kind === 'function' ? ` The page expects \`${expected.rust}\`.` : '';
  const what = value === undefined ? 'nothing' : typeof value === 'bigint' ? 'a 64-bit integer' : `a ${typeof value}`;
  return `\`${name}\` returned ${what}, not a number.${rust}`;
}
