import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { finishedStep } from '../lesson-editor/run-step.fixture.ts';
import { buildKernel, decodeModule } from './kernel-build.ts';

// The smallest valid module: magic and version.
const wasm = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
const artifact = {
  path: 'batching_wasm.wasm',
  base64: Buffer.from(wasm).toString('base64'),
  bytes: wasm.length,
  sha256: createHash('sha256').update(wasm).digest('hex'),
};

function result(over: Record<string, unknown> = {}) {
  return {
    cached: false,
    ok: true,
    steps: [finishedStep('wasm-build')],
    backend: 'bubblewrap',
    queueWaitMs: 0,
    totalMs: 900,
    artifacts: [artifact],
    ...over,
  };
}

function sseAnswer(events: [string, unknown][], seen?: { body?: string }): typeof fetch {
  return async (_url, init) => {
    if (seen) seen.body = String(init?.body);
    const text = events.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`).join('');
    return new Response(text, { headers: { 'Content-Type': 'text/event-stream' } });
  };
}

const files = { 'rust/src/kernel.rs': 'pub fn dot() {}' };

describe('buildKernel', () => {
  it("sends the files with action wasm and returns the checked module from the stream's result", async () => {
    const seen: { body?: string } = {};
    const build = await buildKernel('http://runner', files, {
      fetch: sseAnswer(
        [
          ['started', { queueWaitMs: 0 }],
          ['step-start', { name: 'wasm-build' }],
          ['step-end', finishedStep('wasm-build')],
          ['result', result()],
        ],
        seen,
      ),
    });
    expect(JSON.parse(seen.body ?? '{}')).toEqual({ files, action: 'wasm' });
    expect(build.outcome.kind).toBe('completed');
    expect(build.problem).toBeNull();
    expect(build.module?.sha256).toBe(artifact.sha256);
    expect([...(build.module?.bytes ?? [])]).toEqual([...wasm]);
  });

  it('reads a one-document JSON answer too', async () => {
    const build = await buildKernel('http://runner', files, {
      fetch: async () => new Response(JSON.stringify(result()), { headers: { 'Content-Type': 'application/json' } }),
    });
    expect(build.module?.path).toBe('batching_wasm.wasm');
  });

  it('returns no module and no problem when the build failed: the step and its diagnostics say why', async () => {
    const failed = finishedStep('wasm-build', {
      exitCode: 101,
      diagnostics: [
        {
          file: 'rust/src/kernel.rs',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 9,
          severity: 'error',
          message: 'mismatched types',
          code: 'E0308',
        },
      ],
    });
    const build = await buildKernel('http://runner', files, {
      fetch: sseAnswer([
        ['step-end', failed],
        ['result', result({ ok: false, steps: [failed], artifacts: [] })],
      ]),
    });
    expect(build.module).toBeNull();
    expect(build.problem).toBeNull();
    expect(build.outcome.kind === 'completed' && build.outcome.steps[0]?.diagnostics[0]?.line).toBe(3);
  });

  it("passes on the runner's message when a built module was not sent (over the size limit)", async () => {
    const build = await buildKernel('http://runner', files, {
      fetch: sseAnswer([['result', result({ ok: false, artifacts: [], message: 'The module is 3 MiB, over the 2 MiB limit.' })]]),
    });
    expect(build.problem).toBe('The module is 3 MiB, over the 2 MiB limit.');
  });

  it('says the runner is offline when nothing answers', async () => {
    const build = await buildKernel('http://127.0.0.1:9', files, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(build.outcome.kind).toBe('offline');
    expect(build.module).toBeNull();
  });
});

describe('decodeModule', () => {
  it('rejects a module whose size or hash does not match', async () => {
    expect(await decodeModule([{ ...artifact, bytes: 9 }])).toBe(
      "The runner's artifact batching_wasm.wasm has 8 bytes, not the 9 it announced.",
    );
    expect(await decodeModule([{ ...artifact, sha256: '0'.repeat(64) }])).toContain('does not match its SHA-256');
    expect(await decodeModule([{ path: 'notes.txt' }])).toBe('The runner built the kernel but sent back no .wasm module.');
    expect(await decodeModule([{ ...artifact, base64: '%%%' }])).toContain('not valid base64');
  });
});
