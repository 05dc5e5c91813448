import { describe, expect, it } from 'vitest';
import { exportProblem, importProblem, resultProblem } from './learner-module.ts';

function goodExports(): Record<string, unknown> {
  return {
    memory: new WebAssembly.Memory({ initial: 1 }),
    hl_alloc_f32: (_len: number) => 8,
    hl_dot: (_a: number, _b: number, _len: number) => 0,
    hl_dot_step: (_acc: number, _a: number, _b: number) => 0,
    __heap_base: 1024,
  };
}

describe('the learner module checks', () => {
  it("accept the exports the lesson's lib.rs makes", () => {
    expect(exportProblem(goodExports())).toBeNull();
    expect(importProblem([])).toBeNull();
  });

  it('name a missing function and the signature to keep', () => {
    const { hl_dot: _dropped, ...rest } = goodExports();
    const message = exportProblem(rest);
    expect(message).toContain('no exported function `hl_dot`');
    expect(message).toContain('hl_dot(a, b, len)');
    expect(message).toContain('#[unsafe(no_mangle)] pub unsafe extern "C" fn hl_dot');
  });

  it('name a function with the wrong number of parameters', () => {
    const message = exportProblem({ ...goodExports(), hl_dot_step: (_acc: number, _a: number) => 0 });
    expect(message).toContain('`hl_dot_step` takes 2 parameters in your module, but the page calls it with 3 parameters (acc, a, b)');
    expect(exportProblem({ ...goodExports(), hl_alloc_f32: () => 0 })).toContain(
      'takes 0 parameters in your module, but the page calls it with 1 parameter (len)',
    );
  });

  it('ask for the memory export when it is missing', () => {
    expect(exportProblem({ ...goodExports(), memory: {} })).toContain('exports no memory');
  });

  it('name every import, up to five, and say the page gives none', () => {
    const message = importProblem([
      { module: 'env', name: 'host_log', kind: 'function' },
      { module: 'wbg', name: '__wbindgen_throw', kind: 'function' },
    ]);
    expect(message).toContain('env.host_log (function), wbg.__wbindgen_throw (function)');
    expect(message).toContain('with no imports');
    const many = Array.from({ length: 7 }, (_, i) => ({ module: 'env', name: `f${i}`, kind: 'function' }));
    expect(importProblem(many)).toContain('and 2 more');
  });

  it('explain a result that is not a number', () => {
    expect(resultProblem('hl_dot', 1.5)).toBeNull();
    expect(resultProblem('hl_dot', undefined)).toContain('`hl_dot` returned nothing, not a number');
    expect(resultProblem('hl_dot_step', 3n)).toContain('returned a 64-bit integer');
  });
});
