/**
 * Bounded concurrency: at most `maxConcurrent` jobs hold a slot, at most
 * `maxWaiting` wait for one (first come, first served), and one more is
 * refused with a Retry-After estimate. A slot has a stable index, which the
 * backends use to give each running job its own unprivileged uid.
 */
import { HttpError } from './errors.ts';

export interface SlotLease {
  /** 0 .. maxConcurrent-1, unique among running jobs. */
  slot: number;
  /** Time spent waiting for the slot. */
  waitedMs: number;
  release(): void;
}

interface Waiter {
  enqueuedAt: number;
  onPosition: (position: number) => void;
  resolve: (lease: SlotLease) => void;
  reject: (err: Error) => void;
}

export class JobQueue {
  readonly maxConcurrent: number;
  readonly maxWaiting: number;
  private readonly freeSlots: number[];
  private readonly waiters: Waiter[] = [];
  private recentJobMs: number[] = [];

  constructor(maxConcurrent: number, maxWaiting: number) {
    this.maxConcurrent = maxConcurrent;
    this.maxWaiting = maxWaiting;
    this.freeSlots = Array.from({ length: maxConcurrent }, (_, i) => maxConcurrent - 1 - i);
  }

  get active(): number {
    return this.maxConcurrent - this.freeSlots.length;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Waits for a slot. Throws a 429 HttpError at once when the queue is full.
   * `onPosition` hears the number of jobs ahead, now and whenever it changes.
   * An aborted signal removes the waiter (the client went away).
   */
  acquire(onPosition: (position: number) => void = () => {}, signal?: AbortSignal): Promise<SlotLease> {
    const enqueuedAt = performance.now();
    const slot = this.freeSlots.pop();
    if (slot !== undefined && this.waiters.length === 0) {
      onPosition(0);
      return Promise.resolve(this.lease(slot, enqueuedAt));
    }
    if (slot !== undefined) this.freeSlots.push(slot);
    if (this.waiters.length >= this.maxWaiting) {
      const retry = this.retryAfterSeconds();
      return Promise.reject(
        new HttpError(
          429,
          `the runner is busy: ${this.active} jobs running and ${this.waiters.length} waiting; retry in about ${retry} s`,
          {
            'retry-after': String(retry),
          },
        ),
      );
    }
    return new Promise<SlotLease>((resolve, reject) => {
      const waiter: Waiter = { enqueuedAt, onPosition, resolve, reject };
      this.waiters.push(waiter);
      onPosition(this.waiters.length - 1);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) {
            this.waiters.splice(i, 1);
            this.announcePositions(i);
            reject(new Error('client went away while waiting'));
          }
        },
        { once: true },
      );
    });
  }

  /** Records how long a job held its slot, for Retry-After estimates. */
  recordJobDuration(ms: number): void {
    this.recentJobMs.push(ms);
    if (this.recentJobMs.length > 50) this.recentJobMs = this.recentJobMs.slice(-50);
  }

  /** Seconds until a newly refused client may expect room in the queue. */
  retryAfterSeconds(): number {
    const avg = this.recentJobMs.length === 0 ? 5000 : this.recentJobMs.reduce((a, b) => a + b, 0) / this.recentJobMs.length;
    const rounds = Math.max(1, Math.ceil((this.waiters.length + 1) / this.maxConcurrent));
    return Math.max(1, Math.min(600, Math.ceil((avg * rounds) / 1000 / 2)));
  }

  private lease(slot: number, enqueuedAt: number): SlotLease {
    let released = false;
    return {
      slot,
      waitedMs: performance.now() - enqueuedAt,
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiters.shift();
        if (next) {
          this.announcePositions(0);
          next.resolve(this.lease(slot, next.enqueuedAt));
        } else {
          this.freeSlots.push(slot);
        }
      },
    };
  }

  private announcePositions(from: number): void {
    for (let i = from; i < this.waiters.length; i++) this.waiters[i]?.onPosition(i);
  }
}
