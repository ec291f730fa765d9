import { builder } from '../schema-kit/builder.ts';

export const EventTag = builder.objectRef<{ key: string; value: string }>('EventTag').implement({
  description: 'A `key: value` tag of an event, e.g. `browser: Chrome 120`.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Tag key, e.g. "browser".' }),
    value: t.exposeString('value', { description: 'Tag value, e.g. "Chrome 120".' }),
  }),
});
