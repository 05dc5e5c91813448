import { describe, expect, it } from 'vitest';
import { createSseParser, readSseStream, type SseEvent } from './sse-parser.ts';

/** Feeds `text` to a fresh parser in the given pieces and returns every event plus end()'s answer. */
function parseInPieces(pieces: string[]): { events: SseEvent[]; dropped: boolean } {
  const parser = createSseParser();
  const events = pieces.flatMap((piece) => parser.push(piece));
  const end = parser.end();
  return { events: [...events, ...end.events], dropped: end.dropped };
}

/** Every way of cutting `text` into two pieces, plus one piece per character. */
function allSplits(text: string): string[][] {
  const splits: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) splits.push([text.slice(0, i), text.slice(i)]);
  return splits;
}

const runnerLike =
  'event: queued\ndata: {"position":0}\n\n' +
  ': keep-alive\n\n' +
  'event: output\ndata: {"step":"run","stream":"stdout","data":"a\\nb"}\n\n' +
  'event: result\ndata: {"ok":true}\n\n';

const expected: SseEvent[] = [
  { type: 'queued', data: '{"position":0}', lastEventId: '' },
  { type: 'output', data: '{"step":"run","stream":"stdout","data":"a\\nb"}', lastEventId: '' },
  { type: 'result', data: '{"ok":true}', lastEventId: '' },
];

describe('createSseParser', () => {
  it('reads the runner framing whatever the chunk boundaries', () => {
    for (const pieces of allSplits(runnerLike)) {
      expect(parseInPieces(pieces), JSON.stringify(pieces)).toEqual({ events: expected, dropped: false });
    }
  });

  it('treats CRLF, CR and LF alike, even with a CRLF split between two chunks', () => {
    const crlf = runnerLike.replaceAll('\n', '\r\n');
    const cr = runnerLike.replaceAll('\n', '\r');
    for (const text of [crlf, cr]) {
      for (const pieces of allSplits(text)) {
        expect(parseInPieces(pieces).events, JSON.stringify(pieces)).toEqual(expected);
      }
    }
    // A stream whose last line end is a lone CR completes its last event only when it ends.
    const parser = createSseParser();
    expect(parser.push('data: z\r\r')).toEqual([]);
    expect(parser.end()).toEqual({ events: [{ type: 'message', data: 'z', lastEventId: '' }], dropped: false });
    // A CR at the end of one chunk followed by LF is one line end, not a blank line in between.
    expect(parseInPieces(['data: x\r', '\ndata: y\r\n\r\n']).events).toEqual([{ type: 'message', data: 'x\ny', lastEventId: '' }]);
  });

  it('joins several data lines with newlines and keeps spaces after the first', () => {
    const { events } = parseInPieces(['data: first\ndata:second\ndata:  two spaces\ndata\n\n']);
    expect(events).toEqual([{ type: 'message', data: 'first\nsecond\n two spaces\n', lastEventId: '' }]);
  });

  it('skips comments and events without data, and resets the type after each event', () => {
    const { events } = parseInPieces([':hello\n', 'event: ping\n\n', 'event: a\ndata: 1\n\ndata: 2\n\n']);
    expect(events).toEqual([
      { type: 'a', data: '1', lastEventId: '' },
      { type: 'message', data: '2', lastEventId: '' },
    ]);
  });

  it('remembers the last event id across events and ignores retry and unknown fields', () => {
    const { events } = parseInPieces(['id: 7\nretry: 1000\nfoo: bar\ndata: x\n\ndata: y\n\n']);
    expect(events.map((e) => e.lastEventId)).toEqual(['7', '7']);
    expect(events.map((e) => e.data)).toEqual(['x', 'y']);
  });

  it('drops an event the stream ends in the middle of, and says so', () => {
    expect(parseInPieces(['event: result\ndata: {"ok":tr'])).toEqual({ events: [], dropped: true });
    expect(parseInPieces(['data: done\n\n', 'event: result\n'])).toEqual({
      events: [{ type: 'message', data: 'done', lastEventId: '' }],
      dropped: true,
    });
    expect(parseInPieces(['data: done\n\n'])).toEqual({ events: [{ type: 'message', data: 'done', lastEventId: '' }], dropped: false });
  });

  it('ignores a byte order mark at the very start only', () => {
    expect(parseInPieces(['\ufeffdata: a\n\n']).events).toEqual([{ type: 'message', data: 'a', lastEventId: '' }]);
    expect(parseInPieces(['data: a\n\n', '\ufeffdata: b\n\n']).events.map((e) => e.data)).toEqual(['a']);
  });
});

function byteStream(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

describe('readSseStream', () => {
  it('decodes UTF-8 split inside a character and delivers events in order', async () => {
    const bytes = new TextEncoder().encode('event: output\ndata: {"data":"π ≈ 3.14 🦀"}\n\n');
    const seen: SseEvent[] = [];
    // One byte per chunk splits every multi-byte character.
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    let chunkCount = 0;
    const end = await readSseStream(
      byteStream(chunks),
      (e) => void seen.push(e),
      () => chunkCount++,
    );
    expect(seen).toEqual([{ type: 'output', data: '{"data":"π ≈ 3.14 🦀"}', lastEventId: '' }]);
    expect(end).toEqual({ endedInsideEvent: false, stoppedEarly: false });
    expect(chunkCount).toBe(bytes.length);
  });

  it('stops reading when the handler returns false', async () => {
    const text = 'data: 1\n\ndata: 2\n\ndata: 3\n\n';
    const seen: string[] = [];
    const end = await readSseStream(byteStream([new TextEncoder().encode(text)]), (e) => {
      seen.push(e.data);
      return e.data !== '2';
    });
    expect(seen).toEqual(['1', '2']);
    expect(end.stoppedEarly).toBe(true);
  });

  it('reports a stream cut inside an event, and rejects when reading fails', async () => {
    const cut = await readSseStream(byteStream([new TextEncoder().encode('data: 1\n\ndata: 2')]), () => {});
    expect(cut.endedInsideEvent).toBe(true);
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('network error'));
      },
    });
    await expect(readSseStream(failing, () => {})).rejects.toThrow('network error');
  });
});
