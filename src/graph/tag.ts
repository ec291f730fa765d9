import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { loadIssueTags } from '../loaders/issues.ts';
import { checkSlug, type IssueKey, issueKey } from '../loaders/keys.ts';
import type { SentryTag, SentryTagValue } from '../sentry/types.ts';
import { loaderOptions } from './batching.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { badUserInput } from './errors.ts';
import { Issue } from './issue.ts';
import { prefetchable } from './prefetch.ts';

export const TagValue = builder.objectRef<SentryTagValue>('TagValue').implement({
  description: 'One value of a tag, with how often it was seen.',
  fields: (t) => ({
    value: t.string({
      description: 'The raw value (null for events without the tag).',
      nullable: true,
      resolve: (value) => value.value,
    }),
    name: t.exposeString('name', { description: 'Display form of the value.' }),
    // Float, not Int: counts overflow GraphQL's 32-bit Int on busy projects.
    count: t.float({
      description: 'Events with this value.',
      nullable: true,
      resolve: (value) => value.count,
    }),
    firstSeen: t.field({
      description: 'First event with this value.',
      type: 'DateTime',
      nullable: true,
      resolve: (value) => value.firstSeen,
    }),
    lastSeen: t.field({
      description: 'Latest event with this value.',
      type: 'DateTime',
      nullable: true,
      resolve: (value) => value.lastSeen,
    }),
  }),
});

export const TagValueConnection = builder.connectionObject(
  { type: TagValue, name: 'TagValueConnection', description: 'A page of tag values.' },
  { name: 'TagValueEdge', description: 'A TagValue and the cursor after it.' },
);

export const Tag = builder.objectRef<SentryTag>('Tag').implement({
  description: 'A tag key of an issue\'s events (e.g. "browser") with its most common values.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The tag key, e.g. "browser".' }),
    name: t.exposeString('name', { description: 'Display name of the key.' }),
    uniqueValues: t.float({
      description: 'Distinct values seen.',
      nullable: true,
      resolve: (tag) => tag.uniqueValues ?? null,
    }),
    totalValues: t.float({
      description: 'Events that carry the tag.',
      nullable: true,
      resolve: (tag) => tag.totalValues ?? null,
    }),
    topValues: t.field({
      description: 'The most common values, most common first.',
      type: [TagValue],
      resolve: (tag) => tag.topValues ?? [],
    }),
  }),
});

const issueTags = createContextCache(
  (context: Context) =>
    new DataLoader(
      (keys: readonly IssueKey[]) => loadIssueTags(context.sentry, keys),
      loaderOptions(context),
    ),
);

// The tag summary needs only the issue's key: `organization.issue(id:)` starts it early.
prefetchable('Issue', 'tags', (context, issue) =>
  context.sentry.issues.tags(issue.organizationSlug, issue.id),
);

const TAG_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;

builder.objectFields(Issue, (t) => ({
  tags: t.field({
    type: [Tag],
    nullable: true,
    description: "Tag keys of the issue's events with their top values (one call per issue).",
    resolve: (issue, _args, context) =>
      issueTags(context).load(issueKey(issue.organizationSlug, issue.id)),
  }),
  tagValues: t.connection(
    {
      type: TagValue,
      nullable: true,
      description: 'All values of one tag key, most common first.',
      args: { key: t.arg.string({ description: 'A tag key, e.g. "browser".' }) },
      resolve: async (issue, args, context) => {
        if (!TAG_KEY.test(args.key))
          throw badUserInput(`Invalid tag key: ${JSON.stringify(args.key)}`);
        const request = pageRequest(args);
        const page = await context.sentry.issues.tagValues(
          checkSlug(issue.organizationSlug),
          issue.id,
          args.key,
          request.params,
        );
        return pageToConnection(page, request);
      },
    },
    TagValueConnection,
  ),
}));
