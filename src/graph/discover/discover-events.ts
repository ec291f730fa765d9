/**
 * `Organization.events`: Discover's event search (`GET /organizations/{org}/events/`, errors
 * dataset) as a connection of `DiscoverRow`s. The columns asked for are the caller's `fields`
 * plus those the selected typed fields read, so one call answers the page.
 */

import { splitKey } from '../../loaders/keys.ts';
import type { DiscoverParams } from '../../sentry/discover.ts';
import { Organization } from '../organizations/organization.ts';
import { Project } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { connectionNodeFields, type SelectionInfo } from '../schema-kit/selection.ts';
import { StatsPeriod } from '../schema-kit/stats-period.ts';
import {
  DiscoverRow,
  DiscoverRowConnection,
  type DiscoverRowShape,
  ROW_COLUMNS,
} from './discover-row.ts';

/** Sentry's limit on the columns of one Discover query. */
const MAX_COLUMNS = 20;

/** A column, tag (`tags[browser]`) or aggregate (`count_unique(user)`), as Discover spells them. */
const FIELD = /^[A-Za-z_][\w.:[\]-]*(\([\w.:,[\] -]*\))?$/;

const AGGREGATE = /\(/;

interface DiscoverArgs extends ConnectionArgs {
  query?: string | null | undefined;
  fields?: readonly string[] | null | undefined;
  sort?: string | null | undefined;
  statsPeriod?: string | null | undefined;
  start?: string | null | undefined;
  end?: string | null | undefined;
  environments?: readonly string[] | null | undefined;
  projects?: readonly { typename: string; id: string }[] | null | undefined;
}

/** The Discover call for these arguments and selection; BAD_USER_INPUT before any call. */
export function discoverParams(
  org: string,
  args: DiscoverArgs,
  info: SelectionInfo,
): Omit<DiscoverParams, 'perPage' | 'cursor'> & { requested: string[] } {
  const requested = [...new Set(args.fields ?? [])];
  for (const field of requested) {
    if (field.length > 200 || !FIELD.test(field)) {
      throw badUserInput(`Not a Discover field: ${JSON.stringify(field)}.`, { argument: 'fields' });
    }
  }
  if (args.statsPeriod && (args.start || args.end)) {
    throw badUserInput('Pass either `statsPeriod` or `start`/`end`, not both.');
  }
  const aggregated = requested.some((field) => AGGREGATE.test(field));
  const sort = args.sort ?? (aggregated ? undefined : '-timestamp');
  const sortField = sort?.replace(/^-/, '');
  if (sortField !== undefined && !FIELD.test(sortField)) {
    throw badUserInput(`Not a Discover sort: ${JSON.stringify(sort)}.`, { argument: 'sort' });
  }
  const columns = new Set(requested);
  for (const name of connectionNodeFields(info)) {
    for (const column of ROW_COLUMNS[name] ?? []) columns.add(column);
  }
  // Sentry sorts only by a selected column; a plain one is added, an aggregate must be asked for.
  if (sortField && !AGGREGATE.test(sortField)) columns.add(sortField);
  if (columns.size === 0) columns.add('id');
  if (columns.size > MAX_COLUMNS) {
    throw badUserInput(
      `Discover answers at most ${MAX_COLUMNS} columns; this query needs ${columns.size} (its fields plus those the selected typed fields read).`,
      { argument: 'fields' },
    );
  }
  const projects = (args.projects ?? []).map(({ id }) => {
    const [projectOrg, projectId] = splitKey(id);
    if (projectOrg !== org) throw badUserInput(`Project ${id} is not in organization ${org}.`);
    return projectId;
  });
  return {
    field: [...columns],
    requested,
    dataset: 'errors',
    project: projects.length > 0 ? projects : [-1],
    ...(args.query ? { query: args.query } : {}),
    ...(sort ? { sort } : {}),
    ...(args.statsPeriod ? { statsPeriod: args.statsPeriod } : {}),
    ...(args.start ? { start: args.start } : {}),
    ...(args.end ? { end: args.end } : {}),
    ...(args.environments?.length ? { environment: args.environments } : {}),
  };
}

builder.objectFields(Organization, (t) => ({
  events: t.connection(
    {
      type: DiscoverRow,
      nullable: true,
      description:
        "Discover event search over the organization's error events: one call, `GET /organizations/{org}/events/`. Typed row fields ask for their own columns; `fields` adds any Discover column, tag (`tags[browser]`) or aggregate (`count()`, which groups the rows), read back through `DiscoverRow.values`. An unknown field or sort is BAD_USER_INPUT (Sentry's 400).",
      args: {
        query: t.arg.string({
          required: false,
          description: 'Discover search, e.g. "level:error browser.name:Chrome" or "issue.id:12".',
        }),
        fields: t.arg.stringList({
          required: false,
          description:
            'Extra Discover columns for `values`: fields, `tags[key]`, aggregates. At most 20 columns in all.',
        }),
        sort: t.arg.string({
          required: false,
          description:
            'A column to sort by, `-` first for descending, e.g. "-count()"; a plain column is added to the query, an aggregate needs `fields` to aggregate. @default "-timestamp" (none when `fields` aggregates)',
        }),
        statsPeriod: t.arg({
          type: StatsPeriod,
          required: false,
          description: '@default "14d" (Sentry\'s)',
        }),
        start: t.arg({ type: 'DateTime', required: false }),
        end: t.arg({ type: 'DateTime', required: false }),
        environments: t.arg.stringList({ required: false }),
        projects: t.arg.globalIDList({
          for: Project,
          required: false,
          description: 'Project ids to narrow to; all projects by default.',
        }),
      },
      resolve: async (org, args, context, info) => {
        const request = pageRequest(args);
        const { requested, ...params } = discoverParams(org.slug, args, info);
        const page = await context.sentry.discover.query(org.slug, {
          ...params,
          ...request.params,
        });
        return pageToConnection(
          {
            ...page,
            items: page.items.map((row): DiscoverRowShape => ({ ...row, requested })),
          },
          request,
        );
      },
    },
    DiscoverRowConnection,
  ),
}));
