import { describe, expect, it } from 'vitest';
import { markerCountLabel, markersByFile } from './diagnostic-markers.ts';
import type { Diagnostic } from './run-report.ts';
import { finishedStep } from './run-step.fixture.ts';

const d = (file: string, line: number, column: number, over: Partial<Diagnostic> = {}): Diagnostic => ({
  file,
  line,
  column,
  endLine: line,
  endColumn: column,
  severity: 'error',
  message: 'mismatched types',
  code: 'E0308',
  ...over,
});

describe('markersByFile', () => {
  it('puts each diagnostic on its file, errors first, and clears files without any', () => {
    const steps = [
      finishedStep('cargo-build', {
        exitCode: 101,
        diagnostics: [
          d('rust/src/lib.rs', 9, 5, { severity: 'warning', message: 'unused variable', code: null }),
          d('rust/src/lib.rs', 12, 3, { endColumn: 10 }),
        ],
      }),
      finishedStep('go-build', { exitCode: 1, diagnostics: [d('batcher.go', 4, 2, { code: null, message: 'undefined: x' })] }),
    ];
    const markers = markersByFile(steps, ['rust/src/lib.rs', 'batcher.go', 'go.mod']);
    expect(markers.get('go.mod')).toEqual([]);
    expect(markers.get('rust/src/lib.rs')).toEqual([
      {
        startLineNumber: 12,
        startColumn: 3,
        endLineNumber: 12,
        endColumn: 10,
        severity: 'error',
        message: 'mismatched types',
        code: 'E0308',
        source: 'cargo-build',
      },
      {
        startLineNumber: 9,
        startColumn: 5,
        endLineNumber: 9,
        endColumn: 6,
        severity: 'warning',
        message: 'unused variable',
        source: 'cargo-build',
      },
    ]);
    expect(markers.get('batcher.go')?.[0]).toMatchObject({ startLineNumber: 4, startColumn: 2, endColumn: 3, source: 'go-build' });
  });

  it('leaves out files the editor does not hold, and counts a diagnostic two steps report once', () => {
    const same = d('rust/src/lib.rs', 3, 1);
    const markers = markersByFile(
      [
        finishedStep('cargo-build', { diagnostics: [same, d('/usr/lib/go/x.go', 1, 1)] }),
        finishedStep('cargo-test', { diagnostics: [same] }),
      ],
      ['rust/src/lib.rs'],
    );
    expect([...markers.keys()]).toEqual(['rust/src/lib.rs']);
    expect(markers.get('rust/src/lib.rs')).toHaveLength(1);
  });
});

describe('markerCountLabel', () => {
  it('says how many errors and warnings a file has', () => {
    const markers =
      markersByFile(
        [finishedStep('cargo-build', { diagnostics: [d('a.rs', 1, 1), d('a.rs', 2, 1), d('a.rs', 3, 1, { severity: 'warning' })] })],
        ['a.rs'],
      ).get('a.rs') ?? [];
    expect(markerCountLabel(markers)).toBe('2 errors, 1 warning');
    expect(markerCountLabel([])).toBe('');
  });
});
