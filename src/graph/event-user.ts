import type { SentryEventUser } from '../sentry/types.ts';
import { builder } from './builder.ts';

export const EventUser = builder.objectRef<SentryEventUser>('EventUser').implement({
  description:
    "The application's user an event happened to, as the SDK reported it (not a Sentry account).",
  fields: (t) => ({
    id: t.string({
      nullable: true,
      description: "The application's user id.",
      resolve: (user) => user.id ?? null,
    }),
    email: t.string({ nullable: true, resolve: (user) => user.email ?? null }),
    username: t.string({ nullable: true, resolve: (user) => user.username ?? null }),
    name: t.string({ nullable: true, resolve: (user) => user.name ?? null }),
    ipAddress: t.string({ nullable: true, resolve: (user) => user.ip_address ?? null }),
    city: t.string({ nullable: true, resolve: (user) => user.geo?.['city'] ?? null }),
    region: t.string({ nullable: true, resolve: (user) => user.geo?.['region'] ?? null }),
    countryCode: t.string({
      nullable: true,
      resolve: (user) => user.geo?.['country_code'] ?? null,
    }),
    data: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Other user attributes (free-form).',
      resolve: (user) => user.data ?? null,
    }),
  }),
});
