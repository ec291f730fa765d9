/**
 * `Project.stats` and `Team.stats`: Sentry's legacy event-count series (`GET /projects/…/stats/`,
 * `GET /teams/…/stats/`), as typed points. A team's series is the sum over its projects.
 */
import type { EventStatsParams, SentryStatsPoint } from '../../sentry/types.ts';
import { Project } from '../projects/project.ts';
import { builder } from '../schema-kit/builder.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { Team } from '../teams/team.ts';

export const EventStat = builder.enumType('EventStat', {
  description: 'What an event-count series counts.',
  values: {
    RECEIVED: {
      value: 'received',
      description: 'Every event that reached Sentry but invalid ones.',
    },
    REJECTED: { value: 'rejected', description: 'Events dropped by a quota or rate limit.' },
    BLACKLISTED: { value: 'blacklisted', description: 'Events dropped by an inbound filter.' },
    GENERATED: { value: 'generated', description: 'Events stored.' },
  } as const,
});

export const TeamEventStat = builder.enumType('TeamEventStat', {
  description: "What a team's event-count series counts (Sentry counts only these two per team).",
  values: {
    RECEIVED: {
      value: 'received',
      description: 'Every event that reached Sentry but invalid ones.',
    },
    REJECTED: { value: 'rejected', description: 'Events dropped by a quota or rate limit.' },
  } as const,
});

export const StatsResolution = builder.enumType('StatsResolution', {
  description: "The width of a point: one of Sentry's time-series rollups.",
  values: {
    TEN_SECONDS: { value: '10s' },
    ONE_HOUR: { value: '1h' },
    ONE_DAY: { value: '1d' },
  } as const,
});

export const EventCountPoint = builder.objectRef<SentryStatsPoint>('EventCountPoint').implement({
  description: 'One point of an event-count series.',
  fields: (t) => ({
    timestamp: t.field({
      type: 'DateTime',
      description: 'The start of the point.',
      resolve: ([seconds]) => new Date(seconds * 1000).toISOString(),
    }),
    // Float, not Int: busy projects overflow GraphQL's 32-bit Int.
    count: t.float({ resolve: ([, count]) => count }),
  }),
});

const RESOLUTION_SECONDS = { '10s': 10, '1h': 3600, '1d': 86400 } as const;
/** The most points a series may have (the local Sentry's cap; Sentry's TSDB keeps fewer). */
const MAX_POINTS = 10_000;

interface EventCountArgs {
  stat?: EventStatsParams['stat'] | null | undefined;
  since?: string | null | undefined;
  until?: string | null | undefined;
  resolution?: EventStatsParams['resolution'] | null | undefined;
}

/** Sentry's parameters for `args`; BAD_USER_INPUT for a range Sentry would refuse. */
function eventStatsParams(args: EventCountArgs): EventStatsParams {
  const since = args.since == null ? undefined : Date.parse(args.since) / 1000;
  const until = args.until == null ? undefined : Date.parse(args.until) / 1000;
  if (since !== undefined && until !== undefined && since > until) {
    throw badUserInput('`since` must not be after `until`.', { argument: 'since' });
  }
  if (args.resolution && since !== undefined) {
    const step = RESOLUTION_SECONDS[args.resolution];
    const end = until ?? Date.now() / 1000;
    if ((end - since) / step > MAX_POINTS) {
      throw badUserInput(
        `That range at that resolution has more than ${MAX_POINTS} points: use a coarser resolution or a shorter range.`,
        { argument: 'resolution' },
      );
    }
  }
  return {
    ...(args.stat ? { stat: args.stat } : {}),
    ...(since !== undefined ? { since: Math.floor(since) } : {}),
    ...(until !== undefined ? { until: Math.floor(until) } : {}),
    ...(args.resolution ? { resolution: args.resolution } : {}),
  };
}

const RANGE_DESCRIPTIONS = {
  since: 'Start of the range; default a day before `until`.',
  until: 'End of the range; default now.',
  resolution:
    'Default: the finest rollup Sentry keeps that long (10s within an hour, 1h within a week, else 1d).',
};

builder.objectFields(Project, (t) => ({
  stats: t.field({
    type: [EventCountPoint],
    nullable: true,
    description:
      'Event counts over time. One call: `GET /projects/{org}/{project}/stats/`. Bad arguments fail with BAD_USER_INPUT before any call.',
    args: {
      stat: t.arg({ type: EventStat, defaultValue: 'received' }),
      since: t.arg({ type: 'DateTime', required: false, description: RANGE_DESCRIPTIONS.since }),
      until: t.arg({ type: 'DateTime', required: false, description: RANGE_DESCRIPTIONS.until }),
      resolution: t.arg({
        type: StatsResolution,
        required: false,
        description: RANGE_DESCRIPTIONS.resolution,
      }),
    },
    resolve: (project, args, context) =>
      context.sentry.stats.project(project.organizationSlug, project.slug, eventStatsParams(args)),
  }),
}));

builder.objectFields(Team, (t) => ({
  stats: t.field({
    type: [EventCountPoint],
    nullable: true,
    description:
      "Event counts over time, summed over the team's projects. One call: `GET /teams/{org}/{team}/stats/`. Bad arguments fail with BAD_USER_INPUT before any call.",
    args: {
      stat: t.arg({ type: TeamEventStat, defaultValue: 'received' }),
      since: t.arg({ type: 'DateTime', required: false, description: RANGE_DESCRIPTIONS.since }),
      until: t.arg({ type: 'DateTime', required: false, description: RANGE_DESCRIPTIONS.until }),
      resolution: t.arg({
        type: StatsResolution,
        required: false,
        description: RANGE_DESCRIPTIONS.resolution,
      }),
    },
    // Sentry's path takes the team's id as well as its slug: a stub needs no lookup.
    resolve: (team, args, context) =>
      context.sentry.stats.team(
        team.organizationSlug,
        team.slug ?? team.id,
        eventStatsParams(args),
      ),
  }),
}));
