/** The schema: every type file, imported for its side effects, then built as a Federation v2 subgraph. */

import { withIssueRowDemand } from './issues/issue-row-demand.ts';
import { withNaiveMode } from './schema-kit/batching.ts';
import { builder } from './schema-kit/builder.ts';
import { withSafeEntities } from './schema-kit/entities.ts';
// Registration order is the field order of schema/subgraph.graphql: add files, do not reorder.
import './schema-kit/nodes.ts';
import './organizations/organization.ts';
import './teams/user.ts';
import './teams/member.ts';
import './teams/team.ts';
import './projects/project.ts';
import './teams/team-projects.ts';
import './teams/team-members.ts';
import './issues/assignee.ts';
import './issues/issue.ts';
import './issues/issue-lists.ts';
import './issues/issue-trends.ts';
import './issues/issue-triage.ts';
import './issues/issue-hashes.ts';
import './issues/tag.ts';
import './events/event.ts';
import './events/event-edges.ts';
import './releases/release.ts';
import './releases/release-details.ts';
import './releases/release-neighbours.ts';
import './releases/deploy.ts';
import './releases/commit.ts';
import './releases/repository.ts';
import './projects/project-key.ts';
import './projects/service-hook.ts';
import './projects/user-feedback.ts';
import './projects/project-user.ts';
import './release-health/session-stats.ts';
import './release-health/release-health.ts';
import './rate-limit/rate-limit.ts';
import './schema-kit/mutations/mutation.ts';
import './issues/issue-update-mutations.ts';
import './issues/issue-delete-mutations.ts';
import './issues/issue-merge-mutation.ts';
import './releases/release-mutations.ts';
import './releases/deploy-mutations.ts';
import './projects/project-mutations.ts';
import './projects/project-key-mutations.ts';
import './projects/service-hook-mutations.ts';
import './projects/user-feedback-mutations.ts';
import './teams/team-mutations.ts';
import './teams/team-project-mutations.ts';
import './monitors/monitor.ts';
import './monitors/monitor-lists.ts';
import './monitors/monitor-mutations.ts';
import './monitors/check-in-mutations.ts';
import './integrations/app-installation.ts';
import './integrations/external-issue-mutations.ts';
import './scim/scim.ts';
import './scim/scim-user-mutations.ts';
import './scim/scim-group-mutations.ts';
import './admin/organization-admin.ts';
import './releases/release-resolved-issues.ts';
import './replays/replay.ts';
import './replays/replay-lists.ts';
import './replays/replay-mutations.ts';
import './discover/discover-row.ts';
import './discover/discover-events.ts';
import './events/event-details.ts';
import './projects/project-settings.ts';
import './releases/release-adoption.ts';
import './release-files/release-file.ts';
import './release-files/commit-files.ts';
import './release-files/source-map-debug.ts';
import './release-files/release-file-mutations.ts';
import './debug-files/debug-file.ts';
import './debug-files/debug-file-mutations.ts';
import './alert-rules/alert-rule.ts';
import './alert-rules/alert-rule-lists.ts';
import './stats/org-stats.ts';
import './stats/event-counts.ts';
import './events/event-spans.ts';

export const schema = withIssueRowDemand(
  withSafeEntities(
    withNaiveMode(
      builder.toSubGraphSchema({
        linkUrl: 'https://specs.apollo.dev/federation/v2.6',
        federationDirectives: ['@key', '@shareable'],
      }),
    ),
  ),
);
