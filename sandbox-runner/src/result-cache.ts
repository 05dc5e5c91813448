/**
 * In-memory LRU cache of finished results, keyed by a hash of everything
 * that decides a result: the files, the action, the limits, the backend,
 * the toolchain versions and the build target.
 */
import { createHash } from 'node:crypto';
import type { RunResult } from './api-schema.ts';
import type { JobLimits } from './config.ts';

export interface CacheKeyParts {
  files: Record<string, string>;
  action: string;
  limits: JobLimits;
  backend: string;
  toolchains: Record<string, string>;
  /** The target a `wasm` job builds for (null for the others). */
  target: string | null;
}

/** A stable SHA-256 over the key parts (object keys sorted, so file order does not matter). */
export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(stableJson(parts)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class ResultCache {
  private readonly entries = new Map<string, RunResult>();
  readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): RunResult | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, result: RunResult): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, result);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
