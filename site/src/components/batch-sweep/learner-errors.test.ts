import { describe, expect, it } from 'vitest';
import { explainLearnerError, KERNEL_WATCHDOG_MS, watchdogMessage } from './learner-errors.ts';

describe('explainLearnerError', () => {
  it("tells a panic's story: the unreachable trap, no unwinding, an instance not to be trusted, a new worker", () => {
    const text = explainLearnerError('learner-kernel', 'RuntimeError', 'unreachable');
    expect(text).toContain('Your kernel trapped (RuntimeError: unreachable)');
    expect(text).toContain('panic=abort');
    expect(text).toContain('cannot be trusted');
    expect(text).toContain('started a fresh one');
  });

  it('names other traps without calling them panics', () => {
    const text = explainLearnerError('learner-kernel', 'RuntimeError', 'memory access out of bounds');
    expect(text).toContain('RuntimeError: memory access out of bounds');
    expect(text).not.toContain('panic=abort');
  });

  it("passes on what is wrong with a module, and keeps the lesson's own errors apart", () => {
    expect(explainLearnerError('learner-module', 'Error', 'Your module has no exported function `hl_dot`')).toBe(
      'Your module cannot be measured: Your module has no exported function `hl_dot`',
    );
    expect(explainLearnerError('lesson', 'Error', 'boom')).toMatch(/^The demo failed \(Error: boom\)/);
  });
});

describe('watchdogMessage', () => {
  it('gives the limit in seconds and says the page stayed responsive', () => {
    expect(watchdogMessage()).toContain(`within ${KERNEL_WATCHDOG_MS / 1000} s`);
    expect(watchdogMessage(2500)).toContain('within 2.5 s');
    expect(watchdogMessage()).toContain('stayed responsive');
  });
});
