/**
 * An issue's triage context read from the local Sentry's real bodies: status details, owners,
 * inbox, links and subscription free on every row; activity, seenBy, participants and the
 * feedback count from the one detail call; the detail's `expand=` follows the selection.
 */
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/graph/index.ts';
import { estimateQueryCost } from '../../src/graph/schema-kit/query-cost.ts';
import type { SentryIssue, SentryIssueDetail, SentryIssueHash } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const FREE_FIELDS = /* GraphQL */ `
  fragment Free on Issue {
    sentryId
    shareId
    latestEventHasAttachments
    statusDetails {
      inNextRelease inRelease { version } inCommit ignoreUntil ignoreCount ignoreWindow
      ignoreUserCount ignoreUserWindow
    }
    owners { type createdAt owner { __typename ... on Team { sentryId } ... on User { sentryId } } }
    annotations { displayName url }
    inbox { reason addedAt until count window userCount userWindow }
    subscriptionDetails { disabled reason }
    integrationIssues { sentryId key url title description displayName }
    sentryAppIssues { sentryId serviceType displayName url }
  }
`;

const INBOX_REASONS = [
  'NEW',
  'UNIGNORED',
  'REGRESSION',
  'MANUAL',
  'REPROCESSED',
  'ESCALATING',
  'ONGOING',
];
const OWNER_TYPES: Record<string, string> = {
  ownershipRule: 'OWNERSHIP_RULE',
  codeowners: 'CODEOWNERS',
  suspectCommit: 'SUSPECT_COMMIT',
};

/** What the graph should answer for the free fields of a Sentry body. */
function expectedFree(body: SentryIssue | SentryIssueDetail) {
  const details = body.statusDetails ?? {};
  const owners =
    body.owners == null ? [] : Array.isArray(body.owners) ? body.owners : [body.owners];
  return {
    sentryId: body.id,
    shareId: body.shareId ?? null,
    latestEventHasAttachments: body.latestEventHasAttachments ?? null,
    statusDetails: {
      inNextRelease: details.inNextRelease ?? null,
      inRelease: details.inRelease ? { version: details.inRelease } : null,
      inCommit: details.inCommit ?? null,
      ignoreUntil: details.ignoreUntil ?? null,
      ignoreCount: details.ignoreCount ?? null,
      ignoreWindow: details.ignoreWindow ?? null,
      ignoreUserCount: details.ignoreUserCount ?? null,
      ignoreUserWindow: details.ignoreUserWindow ?? null,
    },
    owners: owners.map((owner) => {
      const [kind, id] = owner.owner.split(':');
      return {
        type: OWNER_TYPES[owner.type] ?? null,
        createdAt: owner.date_added,
        owner: { __typename: kind === 'team' ? 'Team' : 'User', sentryId: id },
      };
    }),
    annotations: body.annotations,
    inbox: body.inbox
      ? {
          reason: INBOX_REASONS[body.inbox.reason] ?? null,
          addedAt: body.inbox.date_added,
          until: body.inbox.reason_details?.until ?? null,
          count: body.inbox.reason_details?.count ?? null,
          window: body.inbox.reason_details?.window ?? null,
          userCount: body.inbox.reason_details?.user_count ?? null,
          userWindow: body.inbox.reason_details?.user_window ?? null,
        }
      : null,
    subscriptionDetails: body.subscriptionDetails
      ? {
          disabled: body.subscriptionDetails.disabled ?? false,
          reason: body.subscriptionDetails.reason ?? null,
        }
      : null,
    integrationIssues: (body.integrationIssues ?? []).map((link) => ({
      sentryId: link.id,
      key: link.key,
      url: link.url,
      title: link.title,
      description: link.description,
      displayName: link.displayName,
    })),
    sentryAppIssues: (body.sentryAppIssues ?? []).map((link) => ({
      sentryId: link.id,
      serviceType: link.serviceType,
      displayName: link.displayName,
      url: link.webUrl,
    })),
  };
}

describe('issue triage context', () => {
  let gateway: TestGateway;
  let rows: SentryIssue[];
  const rest = <T>(path: string) => gateway.rest<T>(path);

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
    rows = await rest<SentryIssue[]>(
      '/api/0/organizations/acme/issues/?project=-1&query=&limit=100',
    );
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('has seeded data with every part to read', () => {
    expect(rows.some((row) => row.integrationIssues.length > 0)).toBe(true);
    expect(rows.some((row) => row.sentryAppIssues.length > 0)).toBe(true);
    expect(rows.some((row) => row.annotations.length > 0)).toBe(true);
    expect(rows.some((row) => row.statusDetails.inRelease)).toBe(true);
    expect(rows.some((row) => row.statusDetails.ignoreCount)).toBe(true);
    expect(rows.some((row) => row.inbox?.reason === 5)).toBe(true);
    expect(rows.some((row) => row.numComments > 0 && row.assignedTo?.type === 'user')).toBe(true);
  });

  it('answers the free fields from the stream rows, in one call', async () => {
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { issues: { nodes: unknown[] } };
    }>(/* GraphQL */ `
      query { organization(slug: "acme") { issues(first: 100) { nodes { ...Free } } } }
      ${FREE_FIELDS}
    `);
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    expect(data?.organization.issues.nodes).toEqual(rows.map(expectedFree));
  });

  it('reads the detail-only fields and the expanded parts from one detail call', async () => {
    const row = rows.find((r) => r.numComments > 0 && r.assignedTo?.type === 'user') as SentryIssue;
    const detail = await rest<SentryIssueDetail>(
      `/api/0/organizations/acme/issues/${row.id}/?expand=inbox&expand=owners&expand=integrationIssues&expand=sentryAppIssues&expand=latestEventHasAttachments`,
    );
    const plain = await rest<SentryIssueDetail>(`/api/0/organizations/acme/issues/${row.id}/`);
    expect(plain.inbox).toBeUndefined();
    expect(detail.inbox).toEqual(row.inbox);
    expect(detail.activity.filter((entry) => entry.type === 'note')).toHaveLength(row.numComments);

    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: {
        issue: Record<string, unknown> & {
          activity: {
            sentryId: string;
            type: string;
            data: unknown;
            createdAt: string;
            user: { sentryId: string; email: string } | null;
          }[];
          seenBy: { sentryId: string; email: string }[];
          participants: { sentryId: string; email: string }[];
          userReportCount: number;
        };
      };
    }>(
      /* GraphQL */ `
        query ($shortId: String!) {
          organization(slug: "acme") {
            issue(shortId: $shortId) {
              ...Free
              activity { sentryId type data createdAt user { sentryId email } }
              seenBy { sentryId email }
              participants { sentryId email }
              userReportCount
            }
          }
        }
        ${FREE_FIELDS}
      `,
      { shortId: row.shortId },
    );
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    const issue = data?.organization.issue;
    const { activity, seenBy, participants, userReportCount, ...free } = issue ?? ({} as never);
    expect(free).toEqual(expectedFree(detail));
    expect(activity).toEqual(
      detail.activity.map((entry) => ({
        sentryId: entry.id,
        type: entry.type,
        data: entry.data,
        createdAt: entry.dateCreated,
        user: entry.user ? { sentryId: entry.user.id, email: entry.user.email } : null,
      })),
    );
    expect(activity.some((entry) => entry.type === 'note' && entry.user !== null)).toBe(true);
    expect(seenBy).toEqual(detail.seenBy.map((user) => ({ sentryId: user.id, email: user.email })));
    expect(participants).toEqual(
      detail.participants.map((user) => ({ sentryId: user.id, email: user.email })),
    );
    expect(participants.map((user) => user.sentryId)).toContain(row.assignedTo?.id);
    expect(userReportCount).toBe(detail.userReportCount);
  });

  it('costs one detail call per issue for activity from a list, as the estimate says', async () => {
    const document = /* GraphQL */ `
      query Activity {
        organization(slug: "acme") {
          issues(first: 3) { nodes { owners { type } activity { type } userReportCount } }
        }
      }
    `;
    await gateway.resetUpstreamStats();
    const { errors, extensions } = await gateway.execute(document);
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(4);
    const withoutDetail = parse(
      'query Free { organization(slug: "acme") { issues(first: 3) { nodes { owners { type } } } } }',
    );
    const base = estimateQueryCost(withoutDetail, 'Free', {}, schema).restCalls;
    // activity and userReportCount each priced per issue: an upper bound of the 3 shared calls.
    expect(estimateQueryCost(parse(document), 'Activity', {}, schema).restCalls).toBe(base + 6);
  });

  it('lists the grouping hashes with their latest events', async () => {
    const row = rows[0] as SentryIssue;
    const hashes = await rest<SentryIssueHash[]>(
      `/api/0/organizations/acme/issues/${row.id}/hashes/`,
    );
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: {
        issue: {
          hashes: {
            nodes: {
              hash: string;
              mergedBySeer: boolean;
              latestEvent: { eventId: string } | null;
            }[];
          };
        };
      };
    }>(
      /* GraphQL */ `
        query ($id: String!) {
          organization(slug: "acme") {
            issue(id: $id) { hashes(first: 10) { nodes { hash mergedBySeer latestEvent { eventId } } } }
          }
        }
      `,
      { id: row.id },
    );
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(2);
    expect(data?.organization.issue.hashes.nodes).toEqual(
      hashes.map((hash) => ({
        hash: hash.id,
        mergedBySeer: hash.mergedBySeer,
        latestEvent:
          hash.latestEvent && 'eventID' in hash.latestEvent
            ? { eventId: hash.latestEvent.eventID }
            : null,
      })),
    );
  });
});
