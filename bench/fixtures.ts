/** The identifiers the benchmark's operations run with, picked from the seeded data. */
import type { GraphQLClient } from './http.ts';
import type { Fixtures } from './operations.ts';
import type { DataFacts } from './operations-meta.ts';

const FIXTURES_QUERY = /* GraphQL */ `
  query BenchFixtures {
    organization(slug: "acme") {
      issues(first: 5, query: "is:unresolved", sort: EVENTS) {
        nodes { id sentryId shortId latestEvent { eventId } }
      }
      refetched: issues(first: 20, sort: LAST_SEEN) { nodes { id } }
      projects(first: 100) { nodes { id } }
      releases(first: 25) { nodes { version deployCount commitCount } }
    }
  }
`;

interface FixturesData {
  organization: {
    refetched: { nodes: { id: string }[] };
    issues: {
      nodes: {
        id: string;
        sentryId: string;
        shortId: string;
        latestEvent: { eventId: string } | null;
      }[];
    };
    projects: { nodes: { id: string }[] };
    releases: { nodes: { version: string; deployCount: number; commitCount: number }[] };
  } | null;
}

/**
 * Picks real identifiers for the `"$NAME"` placeholders of the operation files (the same
 * choices as the operations test: the busiest unresolved issue, a release with deploys and
 * commits) and counts what some minimums depend on.
 */
export async function loadFixtures(
  gateway: GraphQLClient,
): Promise<{ fixtures: Fixtures; facts: DataFacts }> {
  const { value } = await gateway.execute({
    document: FIXTURES_QUERY,
    operationName: 'BenchFixtures',
    variables: {},
  });
  const organization = (value.data as FixturesData | undefined)?.organization;
  const issue =
    organization?.issues.nodes.find((node) => node.latestEvent) ?? organization?.issues.nodes[0];
  const release =
    organization?.releases.nodes.find((r) => r.deployCount > 0 && r.commitCount > 0) ??
    organization?.releases.nodes[0];
  if (!organization || !issue || !release) {
    throw new Error(
      `cannot pick identifiers from the data: ${value.errors?.[0]?.message ?? 'no issues or releases'}`,
    );
  }
  return {
    fixtures: {
      SHORT_ID: issue.shortId,
      ISSUE_ID: issue.sentryId,
      EVENT_ID: issue.latestEvent?.eventId,
      VERSION: release.version,
      // Refetching many ids is what `nodes` is for: 20 issues and 5 projects.
      NODE_IDS: [
        ...organization.refetched.nodes.map((node) => node.id),
        ...organization.projects.nodes.slice(0, 5).map((node) => node.id),
      ],
    },
    facts: { acmeProjects: organization.projects.nodes.length },
  };
}
