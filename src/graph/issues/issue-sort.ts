import { builder } from '../schema-kit/builder.ts';

export const IssueSort = builder.enumType('IssueSort', {
  description: 'Order of an issue list.',
  values: {
    LAST_SEEN: { value: 'date', description: "Most recently seen first (Sentry's `date`)." },
    FIRST_SEEN: { value: 'new', description: 'Newest issues first (`new`).' },
    EVENTS: { value: 'freq', description: 'Most events first (`freq`).' },
    USERS: { value: 'user', description: 'Most affected users first (`user`).' },
    TRENDS: { value: 'trends', description: 'Trending first (`trends`).' },
    RECOMMENDED: { value: 'recommended', description: "Sentry's recommended order." },
    INBOX: { value: 'inbox', description: 'Most recently added to the inbox first.' },
  } as const,
});
