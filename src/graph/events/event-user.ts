import type { SentryEventUser } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const EventUser = builder.objectRef<SentryEventUser>('EventUser').implement({
  description:
    "The application's user an event happened to, as the SDK reported it (not a Sentry account).",
  fields: (t) => ({
    id: t.string({
      nullable: true,
      description: "The application's user id.",
      resolve: (user) => user.id ?? null,
    }),
    email: t.string({
      description: 'Email, when the SDK sent it.',
      nullable: true,
      resolve: (user) => user.email ?? null,
    }),
    username: t.string({
      description: 'Username, when the SDK sent it.',
      nullable: true,
      resolve: (user) => user.username ?? null,
    }),
    name: t.string({
      description: 'Display name, when the SDK sent it.',
      nullable: true,
      resolve: (user) => user.name ?? null,
    }),
    ipAddress: t.string({
      description: 'IP address, when the SDK sent it.',
      nullable: true,
      resolve: (user) => user.ip_address ?? null,
    }),
    city: t.string({
      description: 'City from IP geolocation.',
      nullable: true,
      resolve: (user) => user.geo?.['city'] ?? null,
    }),
    region: t.string({
      description: 'Region from IP geolocation.',
      nullable: true,
      resolve: (user) => user.geo?.['region'] ?? null,
    }),
    countryCode: t.string({
      description: 'Country code from IP geolocation, e.g. "DE".',
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
