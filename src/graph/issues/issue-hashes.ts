/** `Issue.hashes`: the grouping hashes Sentry merged into an issue, each with its latest event. */
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryIssueHash } from '../../sentry/types.ts';
import { Event, type EventShape } from '../events/event.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { Issue } from './issue.ts';

const IssueHash = builder.objectRef<OrgScoped<SentryIssueHash>>('IssueHash').implement({
  description: 'A grouping hash of an issue: the events with this fingerprint belong to it.',
  fields: (t) => ({
    hash: t.exposeString('id', { description: 'The hash (32 hex digits).' }),
    mergedBySeer: t.exposeBoolean('mergedBySeer', {
      description: "Merged into the issue by Sentry's AI grouping.",
    }),
    latestEvent: t.field({
      type: Event,
      nullable: true,
      description: 'The newest event with this hash (embedded in the hash: no call).',
      resolve: (hash) =>
        hash.latestEvent && 'eventID' in hash.latestEvent
          ? ({ ...hash.latestEvent, organizationSlug: hash.organizationSlug } as EventShape)
          : null,
    }),
  }),
});

const IssueHashConnection = builder.connectionObject(
  { type: IssueHash, name: 'IssueHashConnection', description: 'A page of grouping hashes.' },
  { name: 'IssueHashEdge', description: 'An IssueHash and the cursor after it.' },
);

builder.objectFields(Issue, (t) => ({
  hashes: t.connection(
    {
      type: IssueHash,
      nullable: true,
      description: 'Its grouping hashes (one call per issue).',
      resolve: async (issue, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.issues.hashes(
          issue.organizationSlug,
          issue.id,
          request.params,
        );
        const scoped = {
          ...page,
          items: page.items.map((hash) => ({ ...hash, organizationSlug: issue.organizationSlug })),
        };
        return pageToConnection(scoped, request);
      },
    },
    IssueHashConnection,
  ),
}));
