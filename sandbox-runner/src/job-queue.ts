/**
 * Bounded concurrency: at most `maxConcurrent` jobs hold a slot, at most
 * `maxWaiting` wait for one (first come, first served), and one more is
 * refused with a Retry-After estimate. A slot has a stable index, which the
 * backends use to give each running job its own unprivileged uid.
 */
import type { BusyBody } from './api-types.ts';
import { HttpError } from './errors.ts';

/** Assumed length of a job until the runner has timed one. */
const DEFAULT_JOB_MS = 5000;
/** Longest Retry-After the runner gives. */
const MAX_RETRY_AFTER_SECONDS = 600;

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
  /** When the last refused client was told to come back (performance.now() ms). */
  private lastPromisedAt = 0;

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
      const retry = this.retryAfterSeconds(enqueuedAt);
      const body: Omit<BusyBody, 'error'> = { running: this.active, waiting: this.waiters.length, retryAfterSeconds: retry };
      return Promise.reject(
        new HttpError(
          429,
          `the runner is busy: ${this.active} jobs running and ${this.waiters.length} waiting; retry in about ${retry} s`,
          { 'retry-after': String(retry) },
          body,
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

  /**
   * Seconds a client refused at `now` should wait. A place in the queue opens each time a running
   * job ends, about every (average job time / slots). The first client refused is told to come
   * back when about half the queue has moved on (the slots still have the other half to work on,
   * so they never stand idle waiting for it), and each one refused after it one such interval
   * later, in the order they were refused: a room of refused clients returns spread out, about as
   * fast as places open, instead of all at once into a queue that is still full.
   */
  private retryAfterSeconds(now: number): number {
    const avg = this.recentJobMs.length === 0 ? DEFAULT_JOB_MS : this.recentJobMs.reduce((a, b) => a + b, 0) / this.recentJobMs.length;
    const interval = avg / this.maxConcurrent;
    const first = now + (Math.ceil(this.maxWaiting / 2) + 1) * interval;
    this.lastPromisedAt = Math.min(Math.max(first, this.lastPromisedAt + interval), now + MAX_RETRY_AFTER_SECONDS * 1000);
    return Math.max(1, Math.ceil(Math.round(this.lastPromisedAt - now) / 1000));
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
