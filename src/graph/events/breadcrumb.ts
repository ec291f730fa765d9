import type { SentryBreadcrumb } from '../../sentry/types.ts';
import { Level, toLevel } from '../issues/level.ts';
import { builder } from '../schema-kit/builder.ts';

export const Breadcrumb = builder.objectRef<SentryBreadcrumb>('Breadcrumb').implement({
  description: 'Something that happened before the event: a navigation, an HTTP call, a log line.',
  fields: (t) => ({
    timestamp: t.field({
      description: 'When it happened.',
      type: 'DateTime',
      nullable: true,
      resolve: (crumb) => crumb.timestamp ?? null,
    }),
    type: t.exposeString('type', { description: 'e.g. "default", "http", "navigation".' }),
    category: t.exposeString('category', {
      nullable: true,
      description: 'e.g. "ui.click", "xhr".',
    }),
    level: t.field({
      description: 'Severity.',
      type: Level,
      resolve: (crumb) => toLevel(crumb.level),
    }),
    message: t.exposeString('message', { description: 'What happened, as text.', nullable: true }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Type-specific data (free-form), e.g. `{url, method, status_code}` for http.',
      resolve: (crumb) => crumb.data ?? null,
    }),
  }),
});
