import { builder } from '../schema-kit/builder.ts';

export const EventSdk = builder
  .objectRef<{ name: string | null; version: string | null }>('EventSdk')
  .implement({
    description: 'The Sentry SDK that sent the event.',
    fields: (t) => ({
      name: t.exposeString('name', { nullable: true, description: 'e.g. "sentry.python".' }),
      version: t.exposeString('version', {
        description: 'SDK version, e.g. "2.19.0".',
        nullable: true,
      }),
    }),
  });
