// A parser for `text/event-stream` answers read with fetch, following the WHATWG
// "server-sent events" interpretation rules: lines end in CRLF, LF or CR (a chunk may
// end between the CR and the LF), "data" lines of one event are joined with "\n",
// lines starting with ":" are comments (keep-alives), a blank line dispatches, and an
// event the stream ends in the middle of is dropped. No DOM and no EventSource, so it
// works on a POST answer and in unit tests.

/** One dispatched event: its type ("message" when the server gave none), data, and the last event id. */
export interface SseEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** Incremental parser state: push text as it arrives, collect the events it completes. */
export interface SseParser {
  /** Feeds decoded text (any split); returns the events completed by it, in order. */
  push(text: string): SseEvent[];
  /**
   * Ends the stream: returns the events a final CR completed, and whether an incomplete
   * event (no closing blank line) was dropped.
   */
  end(): { events: SseEvent[]; dropped: boolean };
}

/** A fresh parser for one stream. */
export function createSseParser(): SseParser {
  let buffer = '';
  let atStart = true;
  let data: string[] = [];
  let type = '';
  let lastEventId = '';
  // Something (a field line) was read since the last blank line.
  let pendingEvent = false;

  const processLine = (line: string, out: SseEvent[]): void => {
    if (line === '') {
      if (data.length > 0) out.push({ type: type || 'message', data: data.join('\n'), lastEventId });
      data = [];
      type = '';
      pendingEvent = false;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        type = value;
        pendingEvent = true;
        break;
      case 'data':
        data.push(value);
        pendingEvent = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      default:
        // "retry" only matters to EventSource reconnection; unknown fields are ignored by the spec.
        break;
    }
  };

  /** Splits complete lines off the buffer; a final CR waits for the next chunk unless `final`. */
  const drain = (final: boolean): SseEvent[] => {
    const out: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 13 && i === buffer.length - 1 && !final) break;
      processLine(buffer.slice(start, i), out);
      if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    buffer = buffer.slice(start);
    return out;
  };

  return {
    push(text) {
      if (atStart && text.length > 0) {
        atStart = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      buffer += text;
      return drain(false);
    },
    end() {
      const events = drain(true);
      const dropped = pendingEvent || data.length > 0 || buffer.length > 0;
      buffer = '';
      data = [];
      type = '';
      pendingEvent = false;
      return { events, dropped };
    },
  };
}

/**
 * Reads a byte stream (a fetch Response body) as server-sent events, calling `onEvent` for each
 * one as soon as it is complete. UTF-8 sequences split across chunks are decoded correctly.
 * Resolves when the stream ends (true when it ended inside an event) or when `onEvent` returns
 * false (the reader is then cancelled); rejects when reading fails, e.g. on abort.
 */
export async function readSseStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => boolean | undefined,
  onChunk: () => void = () => {},
): Promise<{ endedInsideEvent: boolean; stoppedEarly: boolean }> {
  const reader = body.getReader();
  // The parser drops a leading byte order mark itself, so the decoder keeps it.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const parser = createSseParser();
  const deliver = (events: SseEvent[]): boolean => {
    for (const event of events) if (onEvent(event) === false) return false;
    return true;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk();
      if (!deliver(parser.push(decoder.decode(value, { stream: true })))) {
        await reader.cancel().catch(() => {});
        return { endedInsideEvent: false, stoppedEarly: true };
      }
    }
    if (!deliver(parser.push(decoder.decode()))) return { endedInsideEvent: false, stoppedEarly: true };
    const end = parser.end();
    if (!deliver(end.events)) return { endedInsideEvent: false, stoppedEarly: true };
    return { endedInsideEvent: end.dropped, stoppedEarly: false };
  } finally {
    reader.releaseLock();
  }
}
