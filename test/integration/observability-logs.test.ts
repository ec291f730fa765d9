import { Writable } from 'node:stream';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createLogger, operationLog } from '../../src/observability/logging.ts';
import { useOperationRecord } from '../../src/observability/operation.ts';
import { startTestGateway } from '../helpers/gateway.ts';

/** A pino destination keeping every line, parsed. */
function lines() {
  const seen: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        seen.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { seen, raw, destination };
}

async function post(
  fetch: (url: string, init: RequestInit) => Promise<Response> | Response,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('operation log', () => {
  it('writes one JSON line per operation with its id, name, type, calls and outcome', async () => {
    const log = lines();
    const logger = await createLogger({ destination: log.destination });
    await using gateway = await startTestGateway({ gateway: { logger } });
    const token = gateway.sentry.token;
    const response = await post(
      gateway.gateway.fetch,
      {
        query:
          'query Projects($slug: String!) { organization(slug: $slug) { slug projects(first: 2) { nodes { slug } } } }',
        variables: { slug: 'acme' },
        operationName: 'Projects',
      },
      { authorization: `Bearer ${token}`, 'x-request-id': 'req-42' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-42');
    await response.json();

    const operations = log.seen.filter((line) => line['msg'] === 'operation');
    expect(operations).toHaveLength(1);
    expect(operations[0]).toMatchObject({
      level: 30,
      requestId: 'req-42',
      operationName: 'Projects',
      operationType: 'query',
      outcome: 'ok',
      errorCodes: [],
      status: 200,
    });
    expect(operations[0]?.['restCalls']).toBeGreaterThan(0);
    expect(typeof operations[0]?.['durationMs']).toBe('number');
    expect(typeof operations[0]?.['time']).toBe('string');
    const everything = log.raw.join('\n');
    expect(everything).not.toContain(token);
    expect(everything).not.toContain('acme'); // a variable's value
    expect(everything).not.toContain('projects(first'); // the document
  });

  it('gives a request without an id a fresh one, and refuses odd ids', async () => {
    const log = lines();
    const logger = await createLogger({ destination: log.destination });
    await using gateway = await startTestGateway({ gateway: { logger } });
    const first = await post(gateway.gateway.fetch, { query: '{ __typename }' });
    const second = await post(
      gateway.gateway.fetch,
      { query: '{ __typename }' },
      {
        'x-request-id': 'has spaces and "quotes"',
      },
    );
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const logged = log.seen
      .filter((line) => line['msg'] === 'operation')
      .map((l) => l['requestId']);
    expect(logged).toEqual(ids);
  });

  it('logs the outcome and codes of failed and partial operations', async () => {
    const log = lines();
    const logger = await createLogger({ destination: log.destination });
    await using gateway = await startTestGateway({
      gateway: { logger },
      localSentry: { faults: { 'GET /api/0/organizations/acme/issues/': 503 } },
    });
    await gateway.execute(
      '{ organization(slug: "acme") { name issues(first: 1) { nodes { id } } } }',
    );
    await gateway.execute('{ nope }');
    await gateway.execute('{ organization(slug: "acme") { name } }', {}, { token: 'wrong' });
    const operations = log.seen.filter((line) => line['msg'] === 'operation');
    expect(operations.map((line) => [line['outcome'], line['errorCodes']])).toEqual([
      ['partial', ['UPSTREAM_ERROR']],
      ['GRAPHQL_VALIDATION_FAILED', ['GRAPHQL_VALIDATION_FAILED']],
      ['UNAUTHENTICATED', ['UNAUTHENTICATED']],
    ]);
    expect(log.raw.join('\n')).not.toContain('wrong');
  });

  it('logs the stack of an internal error the response masks', async () => {
    const log = lines();
    const logger = await createLogger({ destination: log.destination, level: 'info' });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { boom: String }',
        resolvers: {
          Query: {
            boom: () => {
              throw new Error('the database is on fire');
            },
          },
        },
      }),
      plugins: [useOperationRecord([operationLog(logger)])],
    });
    const response = await post(yoga.fetch, { query: 'query Boom { boom }' });
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
    const errors = log.seen.filter((line) => line['level'] === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      operationName: 'Boom',
      requestId: response.headers.get('x-request-id'),
      err: { message: 'the database is on fire' },
    });
    expect(String((errors[0]!['err'] as { stack: string }).stack)).toContain('at ');
    expect(log.seen.find((line) => line['msg'] === 'operation')).toMatchObject({
      outcome: 'INTERNAL_SERVER_ERROR',
    });
  });

  it('writes nothing below the configured level', async () => {
    const log = lines();
    const logger = await createLogger({ destination: log.destination, level: 'warn' });
    await using gateway = await startTestGateway({ gateway: { logger } });
    await gateway.execute('{ __typename }');
    expect(log.seen).toEqual([]);
  });
});
