import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, lockedWasmBindgenVersion, parseVersion, repoRoot, tools } from './toolchain.ts';

describe('parseVersion', () => {
  it("reads the version out of each tool's banner", () => {
    expect(parseVersion('go version go1.26.8 linux/amd64')).toBe('1.26.8');
    expect(parseVersion('rustc 1.95.0 (59807616e 2026-04-14)')).toBe('1.95.0');
    expect(parseVersion('v22.23.3')).toBe('22.23.3');
    expect(parseVersion('Chromium 156.0.8078.79 built on Debian')).toBe('156.0.8078');
    expect(parseVersion('wasm-bindgen 0.2.130')).toBe('0.2.130');
  });

  it('returns null when there is no version or no output', () => {
    expect(parseVersion(null)).toBeNull();
    expect(parseVersion('command not found')).toBeNull();
  });
});

describe('compareVersions', () => {
  it('compares numerically, not as text', () => {
    expect(compareVersions('22.12.0', '22.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.9', '1.10')).toBeLessThan(0);
    expect(compareVersions('1.22', '1.22.0')).toBe(0);
    expect(compareVersions('20.20.2', '22.12.0')).toBeLessThan(0);
  });
});

describe('lockedWasmBindgenVersion', () => {
  it('reads the exact wasm-bindgen version from a Cargo.lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(dir, 'Cargo.lock');
    writeFileSync(
      lock,
      '[[package]]\nname = "wasm-bindgen-macro"\nversion = "9.9.9"\n\n[[package]]\nname = "wasm-bindgen"\nversion = "0.2.130"\n',
    );
    expect(lockedWasmBindgenVersion(lock)).toBe('0.2.130');
  });

  it('names the file and the fix when the lock has no wasm-bindgen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const lock = join(dir, 'Cargo.lock');
    writeFileSync(lock, '[[package]]\nname = "libc"\nversion = "0.2.1"\n');
    expect(() => lockedWasmBindgenVersion(lock)).toThrow(/Cargo\.lock has no wasm-bindgen.*cargo generate-lockfile/);
  });

  it('agrees with the exact version the kernels crate pins in Cargo.toml', () => {
    const manifest = readFileSync(join(repoRoot, 'kernels', 'Cargo.toml'), 'utf8');
    const pinned = manifest.match(/^wasm-bindgen = "=([^"]+)"/m)?.[1];
    expect(pinned).toBeDefined();
    expect(lockedWasmBindgenVersion()).toBe(pinned);
  });
});

describe('tools', () => {
  it('gives every tool that is not found a fix command', () => {
    for (const tool of tools()) expect(tool.fix.length, tool.name).toBeGreaterThan(5);
  });

  it('needs only site tools for npm start, and browser + Go tools for npm test', () => {
    const site = tools()
      .filter((t) => t.neededFor.includes('site'))
      .map((t) => t.name);
    expect(site).not.toContain('chromium');
    const test = tools()
      .filter((t) => t.neededFor.includes('test'))
      .map((t) => t.name);
    expect(test).toEqual(expect.arrayContaining(['chromium', 'go (with cgo)', 'wasm-pack', 'wasm-bindgen']));
  });
});
