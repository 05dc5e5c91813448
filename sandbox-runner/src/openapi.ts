/**
 * The OpenAPI 3.1 document of the runner, made from the same zod schemas
 * that validate requests. `node src/openapi.ts --write` refreshes
 * sandbox-runner/openapi.json (a test checks that it is up to date).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BusyBodySchema, ErrorBodySchema, HealthSchema, RunRequestSchema, RunResultSchema, StreamEventSchemas } from './api-schema.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** Builds the OpenAPI document (a plain object, ready for JSON.stringify). */
export function openApiDocument(): Record<string, unknown> {
  const events = Object.entries(StreamEventSchemas).map(([name, schema]) => ({
    title: `event: ${name}`,
    type: 'object',
    properties: { event: { const: name }, data: json(schema) },
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hybrid Lab sandbox runner',
      version: '1.0.0',
      description:
        "Builds and runs a small Go + Rust (cgo) project inside a sandbox. A learner's compile error, failed test, panic or crash is a 200 answer that describes it; 5xx is only for the runner's own faults.",
    },
    servers: [{ url: 'http://127.0.0.1:8787' }],
    paths: {
      '/api/v1/runs': {
        post: {
          summary: 'Build and run (or test) a job',
          description:
            'With `Accept: application/json` the answer is one RunResult. With `Accept: text/event-stream` the job streams events: queued, started, step-start, output, step-end, and result (or error).',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/RunRequest' } } } },
          responses: {
            '200': {
              description: 'The job ran (or came from the cache); each step says how it ended.',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/RunResult' } },
                'text/event-stream': { schema: { oneOf: events } },
              },
            },
            '400': errorResponse('Invalid JSON, invalid UTF-8, unknown fields, a bad path, too many files or an unknown action.'),
            '403': errorResponse('The Origin is not one of the allowed origins.'),
            '413': errorResponse('The body or a file is larger than the limit.'),
            '415': errorResponse('The body is not application/json.'),
            '429': {
              description:
                'The queue is full; retry after the number of seconds in Retry-After. Clients refused one after another are told to come back one freed place apart, in the order they were refused.',
              headers: { 'Retry-After': { schema: { type: 'integer' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Busy' } } },
            },
            '500': errorResponse('A fault of the runner itself (logged).'),
            '503': errorResponse(
              'No sandbox backend can run jobs on this machine (the message says what to install), or it is still being prepared.',
            ),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Sandbox backend, toolchain versions, queue and cache',
          responses: {
            '200': {
              description: 'Ready to run jobs.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
            },
            '503': {
              description: 'Up, but cannot run jobs (yet).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } },
            },
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics',
          responses: { '200': { description: 'Text exposition format 0.0.4.', content: { 'text/plain': {} } } },
        },
      },
      '/api/v1/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } } },
      },
    },
    components: {
      schemas: {
        RunRequest: json(RunRequestSchema),
        RunResult: json(RunResultSchema),
        Health: json(HealthSchema),
        Error: json(ErrorBodySchema),
        Busy: json(BusyBodySchema),
      },
    },
  };
}

/** The document as written to openapi.json. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');
  writeFileSync(out, openApiText());
  process.stdout.write(`wrote ${out}\n`);
}
