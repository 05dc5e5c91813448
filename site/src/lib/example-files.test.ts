import { describe, expect, it } from 'vitest';
import { exampleFile, indexExampleFiles, languageOf, lessonExampleFiles } from './example-files.ts';

const index = indexExampleFiles({
  '/repo/lessons/01-batching/example/go.mod': 'module x\n',
  '/repo/lessons/01-batching/example/main.go': 'package main\n',
  '/repo/lessons/01-batching/example/batching.go': 'package main\n',
  '/repo/lessons/01-batching/example/main_test.go': 'package main\n',
  '/repo/lessons/01-batching/example/rust/Cargo.lock': '# lock\n',
  '/repo/lessons/01-batching/example/rust/Cargo.toml': '[package]\n',
  '/repo/lessons/01-batching/example/rust/src/kernel.rs': 'pub fn dot_step() {}\n',
  '/repo/lessons/01-batching/example/rust/target/release/build/out.rs': 'generated\n',
  '/repo/lessons/02-next/example/main.go': 'package main // two\n',
  '/repo/lessons/tracks.json': '{}',
});

describe('indexExampleFiles', () => {
  it('groups files by lesson and skips build output', () => {
    expect([...index.keys()]).toEqual(['01-batching', '02-next']);
    expect([...(index.get('01-batching')?.keys() ?? [])]).not.toContain('rust/target/release/build/out.rs');
  });

  it('accepts Windows separators', () => {
    const windows = indexExampleFiles({ 'C:\\l\\03-win\\example\\main.go': 'x' });
    expect(windows.get('03-win')?.get('main.go')).toBe('x');
  });
});

describe('lessonExampleFiles', () => {
  it('lists main.go, other Go files, Go tests, Rust, Cargo.toml, go.mod, then the rest', () => {
    expect(lessonExampleFiles(index, '01-batching').map((file) => file.path)).toEqual([
      'main.go',
      'batching.go',
      'main_test.go',
      'rust/src/kernel.rs',
      'rust/Cargo.toml',
      'go.mod',
      'rust/Cargo.lock',
    ]);
  });

  it('fails for a lesson without an example', () => {
    expect(() => lessonExampleFiles(index, '07-none')).toThrow(/Lesson "07-none" has no example files/);
  });
});

describe('exampleFile', () => {
  it('returns the content and language', () => {
    expect(exampleFile(index, '01-batching', './rust/src/kernel.rs')).toEqual({
      path: 'rust/src/kernel.rs',
      content: 'pub fn dot_step() {}\n',
      language: 'rust',
    });
  });

  it('names the lesson, the path and what exists when a file is missing', () => {
    expect(() => exampleFile(index, '01-batching', 'rust/src/lib.rs')).toThrow(
      'SourceFile: lesson "01-batching" has no file lessons/01-batching/example/rust/src/lib.rs. ' +
        'Files in that example: main.go, batching.go, main_test.go, rust/src/kernel.rs, rust/Cargo.toml, go.mod, rust/Cargo.lock.',
    );
    expect(() => exampleFile(index, '09-gone', 'main.go')).toThrow(/lesson "09-gone" .*Files in that example: \(none\)/);
  });
});

describe('languageOf', () => {
  it('knows the three languages and falls back to plain text', () => {
    expect(languageOf('a/b.rs')).toBe('rust');
    expect(languageOf('main_test.go')).toBe('go');
    expect(languageOf('rust/Cargo.toml')).toBe('toml');
    expect(languageOf('rust/Cargo.lock')).toBe('toml');
    expect(languageOf('go.mod')).toBe('plaintext');
  });
});
