/**
 * Where replays hang off the graph: `Organization.replays`, `Organization.replay(id:)`,
 * `Project.replays`, `Issue.replays`/`Issue.replayCount` and `Event.replay`.
 */
import type { Context } from '../../context.ts';
import { issueKey } from '../../loaders/keys.ts';
import {
  loadErrorReplays,
  loadIssueReplayIds,
  replayErrorKey,
  replayKey,
} from '../../loaders/replays.ts';
import type { ReplayListParams } from '../../sentry/types.ts';
import { Event } from '../events/event.ts';
import { Issue } from '../issues/issue.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { StatsPeriod } from '../schema-kit/stats-period.ts';
import { primeReplays, Replay, ReplayConnection } from './replay.ts';
import { replayIdOf } from './replay-link.ts';

export const ReplaySort = builder.enumType('ReplaySort', {
  description: 'The order of a replay list.',
  values: {
    NEWEST: { value: '-started_at', description: 'Latest start first (the default).' },
    OLDEST: { value: 'started_at', description: 'Earliest start first.' },
    RECENTLY_FINISHED: { value: '-finished_at', description: 'Latest end first.' },
    LONGEST: { value: '-duration', description: 'Longest first.' },
    SHORTEST: { value: 'duration', description: 'Shortest first.' },
    MOST_ERRORS: { value: '-count_errors', description: 'Most errors first.' },
    FEWEST_ERRORS: { value: 'count_errors', description: 'Fewest errors first.' },
    MOST_ACTIVE: { value: '-activity', description: 'Most activity first.' },
    MOST_RAGE_CLICKS: { value: '-count_rage_clicks', description: 'Most rage clicks first.' },
  } as const,
});

type Filters = Pick<
  ReplayListParams,
  'query' | 'sort' | 'environment' | 'statsPeriod' | 'start' | 'end' | 'project' | 'projectSlug'
>;

async function listReplays(context: Context, org: string, args: ConnectionArgs, filters: Filters) {
  const request = pageRequest(args);
  const page = await context.sentry.replays.list(org, { ...request.params, ...filters });
  primeReplays(context, page.items);
  return pageToConnection(page, request);
}

function filtersOf(args: {
  query?: string | null | undefined;
  sort?: string | null | undefined;
  environment?: readonly string[] | null | undefined;
  statsPeriod?: string | null | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
}): Filters {
  if ((args.start == null) !== (args.end == null)) {
    throw badUserInput('Give both `start` and `end`, or neither.', { argument: 'end' });
  }
  return {
    ...(args.query ? { query: args.query } : {}),
    ...(args.sort ? { sort: args.sort } : {}),
    ...(args.environment ? { environment: args.environment } : {}),
    ...(args.statsPeriod ? { statsPeriod: args.statsPeriod } : {}),
    ...(args.start && args.end ? { start: args.start, end: args.end } : {}),
  };
}

const QUERY_DESCRIPTION =
  'Sentry replay search, e.g. `count_errors:>2 duration:<1h`, `url:*checkout*`, `user.email:ann@example.com`, `click.tag:button`.';

builder.objectFields(Organization, (t) => ({
  replays: t.connection(
    {
      type: Replay,
      nullable: true,
      description:
        'Session replays of the organization, newest first. One call: `GET /organizations/{org}/replays/`.',
      args: {
        query: t.arg.string({ required: false, description: QUERY_DESCRIPTION }),
        sort: t.arg({ type: ReplaySort, required: false }),
        environment: t.arg.stringList({ required: false, description: 'Only these environments.' }),
        projects: t.arg.stringList({
          required: false,
          description: 'Only these projects (numeric ids or slugs).',
        }),
        statsPeriod: t.arg({
          type: StatsPeriod,
          required: false,
          description: 'How far back (Sentry: 14d by default).',
        }),
        start: t.arg({ type: 'DateTime', required: false }),
        end: t.arg({ type: 'DateTime', required: false }),
      },
      resolve: (org, args, context) => {
        const projects = args.projects ?? [];
        const ids = projects.filter((project) => /^\d+$/.test(project));
        const slugs = projects.filter((project) => !/^\d+$/.test(project));
        return listReplays(context, org.slug, args, {
          ...filtersOf(args),
          ...(ids.length > 0 ? { project: ids } : {}),
          ...(slugs.length > 0 ? { projectSlug: slugs } : {}),
        });
      },
    },
    ReplayConnection,
  ),
  replay: t.field({
    type: Replay,
    nullable: true,
    description:
      'A replay by its id (32 hex digits; dashes allowed); null with NOT_FOUND when there is none. One call, batched with other replay lookups.',
    args: { id: t.arg.string({ description: "Sentry's replay id." }) },
    resolve: (org, { id }) => replayKey(org.slug, id),
  }),
}));

builder.objectFields(Project, (t) => ({
  replays: t.connection(
    {
      type: Replay,
      nullable: true,
      description:
        'Session replays of the project, newest first. One call: `GET /organizations/{org}/replays/?project={id}`.',
      args: {
        query: t.arg.string({ required: false, description: QUERY_DESCRIPTION }),
        sort: t.arg({ type: ReplaySort, required: false }),
        environment: t.arg.stringList({ required: false, description: 'Only these environments.' }),
        statsPeriod: t.arg({ type: StatsPeriod, required: false }),
        start: t.arg({ type: 'DateTime', required: false }),
        end: t.arg({ type: 'DateTime', required: false }),
      },
      resolve: (project, args, context) =>
        listReplays(context, project.organizationSlug, args, {
          ...filtersOf(args),
          project: [project.id],
        }),
    },
    ReplayConnection,
  ),
}));

const issueReplayIds = requestLoader(loadIssueReplayIds);
const errorReplays = requestLoader(loadErrorReplays);

builder.objectFields(Issue, (t) => ({
  replayCount: t.int({
    nullable: true,
    description:
      'How many replays (last 90 days) saw the issue. One call for every issue of the request: `GET /organizations/{org}/replay-count/?query=issue.id:[…]`.',
    resolve: async (issue, _args, context) =>
      (await issueReplayIds(context).load(issueKey(issue.organizationSlug, issue.id))).length,
  }),
  replays: t.field({
    type: [Replay],
    nullable: { list: true, items: true },
    description:
      'Replays (last 90 days) that saw the issue, as Sentry links them: their ids from one replay-count call for every issue of the request (`returnIds`), then the replays from one list call (`query=id:[…]`).',
    args: {
      first: t.arg.int({ required: false, description: 'At most this many. @default 10' }),
    },
    resolve: async (issue, { first }, context) => {
      const limit = first ?? 10;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        throw badUserInput('`first` must be between 1 and 100.', { argument: 'first' });
      }
      const ids = await issueReplayIds(context).load(issueKey(issue.organizationSlug, issue.id));
      return ids.slice(0, limit).map((id) => replayKey(issue.organizationSlug, id));
    },
  }),
}));

builder.objectFields(Event, (t) => ({
  replay: t.field({
    type: Replay,
    nullable: true,
    description:
      "The replay of the session the event happened in: by the event's `replay` context or `replayId` tag (one call, batched with other replay lookups), else the replay whose `error_ids` hold the event (one list call for every such event of the request: `query=error_id:[…]`). Null when no replay saw it.",
    resolve: async (event, _args, context) => {
      const id = replayIdOf('contexts' in event ? event : { tags: event.tags });
      if (id) return replayKey(event.organizationSlug, id);
      const replay = await errorReplays(context).load(
        replayErrorKey(event.organizationSlug, event.eventID),
      );
      if (replay) primeReplays(context, [replay]);
      return replay;
    },
  }),
}));
