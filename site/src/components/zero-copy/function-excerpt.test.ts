import { describe, expect, it } from 'vitest';
import { functionExcerpt } from './function-excerpt.ts';
import viewSource from './wasm-view.ts?raw';

const source = [
  '// file header',
  '',
  '/**',
  ' * Adds.',
  ' */',
  'export function add(a, b) {',
  '  return a + b;',
  '}',
  '',
  'function bare() {',
  '  return 1;',
  '}',
  '',
].join('\n');

describe('functionExcerpt', () => {
  it('takes the doc comment, the declaration and the body, with line numbers', () => {
    expect(functionExcerpt(source, 'add', 'a.ts')).toEqual({
      code: '/**\n * Adds.\n */\nexport function add(a, b) {\n  return a + b;\n}',
      first: 3,
      last: 8,
    });
    expect(functionExcerpt(source, 'bare', 'a.ts')).toEqual({ code: 'function bare() {\n  return 1;\n}', first: 10, last: 12 });
  });

  it('throws, naming the file, for a function that is not there', () => {
    expect(() => functionExcerpt(source, 'ad', 'a.ts')).toThrow(
      'a.ts has no top-level function ad; the page shows it, so update the page.',
    );
  });

  it('finds the live view the demo shows in its own source', () => {
    const excerpt = functionExcerpt(viewSource, 'liveFloat32View', 'wasm-view.ts');
    expect(excerpt.code).toMatch(/^\/\*\*\n[\s\S]*export function liveFloat32View[\s\S]*\n}$/);
    expect(excerpt.code).toContain('view.buffer !== memory.buffer');
  });
});

describe("wasm-bindgen's glue, as the page quotes it", () => {
  it('makes its cached Float32Array view again once the old one is detached (byteLength 0)', async () => {
    const glue = (await import('@hybrid-lab/kernels?raw')).default;
    const { code } = functionExcerpt(glue, 'getFloat32ArrayMemory0', 'kernels/pkg/hybrid_kernels.js');
    expect(code).toContain('cachedFloat32ArrayMemory0.byteLength === 0');
    expect(code).toContain('new Float32Array(wasm.memory.buffer)');
  });
});
