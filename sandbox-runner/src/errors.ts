/**
 * The one place that turns errors into HTTP answers. A client error (4xx)
 * carries its message to the client; anything else becomes a generic 500
 * (or 503) and is logged with the request's context.
 */
import type { Logger } from './logger.ts';

/** An error whose message is meant for the client, with its HTTP status (and fields the body carries besides `error`). */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(status: number, message: string, headers: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.details = details;
  }
}

/** The runner cannot run jobs right now (no sandbox backend): 503 with what to install. */
export class UnavailableError extends HttpError {
  constructor(message: string) {
    super(503, message);
  }
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string } & Record<string, unknown>;
}

/** Maps any thrown value to the status, headers and JSON body sent to the client. */
export function toHttpAnswer(err: unknown, log: Logger, context: Record<string, unknown>): HttpAnswer {
  if (err instanceof HttpError) {
    if (err.status >= 500) log.warn('request refused', { ...context, status: err.status, error: err.message });
    return { status: err.status, headers: err.headers, body: { ...err.details, error: err.message } };
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log.error('internal error', { ...context, error: detail });
  return {
    status: 500,
    headers: {},
    body: { error: 'internal error in the runner (logged on the server); please try again' },
  };
}
