/** The schema: every type file, imported for its side effects, then built as a Federation v2 subgraph. */
import { withNaiveMode } from './batching.ts';
import { builder } from './builder.ts';
import { withSafeEntities } from './entities.ts';
import './nodes.ts';
import './organization.ts';
import './project.ts';
import './team.ts';
import './member.ts';
import './user.ts';
import './assignee.ts';
import './issue.ts';
import './issue-lists.ts';
import './tag.ts';
import './event.ts';
import './event-edges.ts';
import './release.ts';
import './deploy.ts';
import './commit.ts';
import './repository.ts';
import './project-key.ts';
import './service-hook.ts';
import './user-feedback.ts';
import './project-user.ts';
import './session-stats.ts';
import './release-health.ts';
import './rate-limit.ts';
import './mutations/mutation.ts';
import './mutations/issue-mutations.ts';
import './mutations/release-mutations.ts';
import './mutations/project-mutations.ts';
import './mutations/team-mutations.ts';

export const schema = withSafeEntities(
  withNaiveMode(
    builder.toSubGraphSchema({
      linkUrl: 'https://specs.apollo.dev/federation/v2.6',
      federationDirectives: ['@key', '@shareable'],
    }),
  ),
);
