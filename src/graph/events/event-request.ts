import type { SentryRequestEntry } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const KeyValue = builder.objectRef<[string, string]>('KeyValue').implement({
  description: 'A name and value: an HTTP header, query parameter or cookie.',
  fields: (t) => ({
    name: t.string({ description: 'The name.', resolve: ([name]) => name }),
    value: t.string({ description: 'The value.', resolve: ([, value]) => String(value) }),
  }),
});

export const EventRequest = builder
  .objectRef<SentryRequestEntry['data']>('EventRequest')
  .implement({
    description: 'The HTTP request the application was handling when the event happened.',
    fields: (t) => ({
      url: t.exposeString('url', { description: 'URL without the query string.' }),
      method: t.exposeString('method', { description: 'HTTP method.', nullable: true }),
      headers: t.field({
        description: 'Request headers (after Sentry’s data scrubbing).',
        type: [KeyValue],
        resolve: (request) => request.headers ?? [],
      }),
      query: t.field({
        description: 'Query string parameters.',
        type: [KeyValue],
        resolve: (request) => request.query ?? [],
      }),
      cookies: t.field({
        description: 'Cookies (after data scrubbing).',
        type: [KeyValue],
        resolve: (request) => request.cookies ?? [],
      }),
      fragment: t.exposeString('fragment', { description: 'URL fragment.', nullable: true }),
      inferredContentType: t.exposeString('inferredContentType', {
        description: 'Content type Sentry inferred for `data`.',
        nullable: true,
      }),
      data: t.field({
        type: 'JSON',
        nullable: true,
        description: 'The request body as the SDK captured it (free-form).',
        resolve: (request) => request.data ?? null,
      }),
      env: t.field({
        type: 'JSON',
        nullable: true,
        description: 'Server environment variables the SDK sent.',
        resolve: (request) => request.env ?? null,
      }),
    }),
  });
