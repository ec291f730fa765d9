/**
 * An issue's trends: its event series (`stats`) and its counts over its whole life (`lifetime`)
 * and within the list's search filters (`filtered`), as Sentry's issue stream rows carry them.
 */
import type { Context } from '../../context.ts';
import type {
  SentryIssue,
  SentryIssueCounts,
  SentryIssueDetail,
  SentryStatsSeries,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { badUserInput } from '../schema-kit/errors.ts';
import { ISSUE_STATS_PERIODS, type IssueSeriesKey } from '../schema-kit/issue-series.ts';
import { Issue, type IssueShape, issueDetail } from './issue.ts';

/**
 * The series Sentry keeps per issue: `24h` (or `14d`, or `auto`, as the list asks) on every list
 * row, `24h` and `30d` on the detail body.
 */
export const IssueStatsPeriod = builder.enumType('IssueStatsPeriod', {
  description: 'A period of an issue event series.',
  values: {
    DAY: {
      value: ISSUE_STATS_PERIODS.DAY,
      description:
        'The last 24 hours, hourly: on every list row, free (unless the operation also reads TWO_WEEKS or AUTO, which the rows then carry instead: DAY comes from the detail body).',
    },
    TWO_WEEKS: {
      value: ISSUE_STATS_PERIODS.TWO_WEEKS,
      description:
        "The last 14 days, daily: free on list rows (the list asks Sentry for it, `groupStatsPeriod=14d`) unless the operation also reads AUTO; elsewhere the last 14 days of the detail body's MONTH series (one call per issue, shared).",
    },
    MONTH: {
      value: ISSUE_STATS_PERIODS.MONTH,
      description:
        'The last 30 days, daily: only the detail body has it, one call per issue from a list (shared with the other detail-only fields).',
    },
    AUTO: {
      value: ISSUE_STATS_PERIODS.AUTO,
      description:
        "The time range of the list the issue came from (its `statsPeriod` or `start`/`end`; 14 days when it names none) in about 30 buckets of whole hours or days, as Sentry's issue stream draws its graphs (`groupStatsPeriod=auto`). Free, on list rows only: an issue read by id has no such range, and asking it there is BAD_USER_INPUT.",
    },
  } as const,
});

interface StatsBucket {
  timestamp: string;
  count: number;
}

const IssueStatsBucket = builder.objectRef<StatsBucket>('IssueStatsBucket').implement({
  description: 'Events of an issue in one bucket of its series.',
  fields: (t) => ({
    timestamp: t.field({
      type: 'DateTime',
      description: 'Start of the bucket.',
      resolve: (bucket) => bucket.timestamp,
    }),
    count: t.exposeInt('count', { description: 'Events in the bucket.' }),
  }),
});

interface Counts {
  count: string;
  userCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

const IssueCounts = builder.objectRef<Counts>('IssueCounts').implement({
  description:
    'Event and user counts of an issue over a span of time, with its first and last event.',
  fields: (t) => ({
    // Float, not Int: counts overflow GraphQL's 32-bit Int on busy projects.
    eventCount: t.float({ description: 'Events.', resolve: (counts) => Number(counts.count) }),
    userCount: t.float({ description: 'Users affected.', resolve: (counts) => counts.userCount }),
    firstSeen: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'First event.',
      resolve: (counts) => counts.firstSeen,
    }),
    lastSeen: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Latest event.',
      resolve: (counts) => counts.lastSeen,
    }),
  }),
});

function buckets(series: SentryStatsSeries | undefined): StatsBucket[] {
  return (series ?? []).map(([seconds, count]) => ({
    timestamp: new Date(seconds * 1000).toISOString(),
    count,
  }));
}

/** A list row's part, when the body carries it (a detail body or a collapsed row does not). */
function rowPart<K extends 'lifetime' | 'filtered'>(issue: IssueShape, key: K) {
  return key in issue ? (issue as Partial<SentryIssue>)[key] : undefined;
}

/** The detail body's own counts are the issue's lifetime counts. */
function countsOf(body: SentryIssueDetail | IssueShape): Counts {
  const { count, userCount, firstSeen, lastSeen } = body;
  return { count, userCount, firstSeen, lastSeen };
}

async function seriesOf(issue: IssueShape, period: IssueSeriesKey, context: Context) {
  const own = issue.stats?.[period];
  if (own) return buckets(own);
  if (period === 'auto') {
    throw badUserInput(
      'The AUTO series spans the time range of a list: read it on the issues of a list (Organization.issues, Project.issues, Release.newIssues), not on an issue read by id.',
    );
  }
  const detail = (await issueDetail(issue, context)).stats;
  // The detail body has no 14-day series; its 30-day one is daily too.
  if (period === '14d') return buckets(detail?.['30d']?.slice(-14));
  return buckets(detail?.[period]);
}

builder.objectFields(Issue, (t) => ({
  stats: t.field({
    type: [IssueStatsBucket],
    description:
      'Events per bucket over `period`, oldest first. The series the list rows carry is free (DAY, or TWO_WEEKS / AUTO when the operation reads them: a list asks Sentry for one series); MONTH and any other only on the detail body (one call per issue from a list, shared with `firstRelease` and the other detail-only fields). See `IssueStatsPeriod`.',
    args: {
      period: t.arg({ type: IssueStatsPeriod, required: true, defaultValue: '24h' }),
    },
    resolve: (issue, { period }, context) => seriesOf(issue, period, context),
  }),
  lifetime: t.field({
    type: IssueCounts,
    description:
      "Counts over the whole life of the issue, whatever the filters of the list it came from. Free: on list rows, and the detail body's own counts are these.",
    resolve: async (issue, _args, context) => {
      const lifetime = rowPart(issue, 'lifetime');
      if (lifetime) return lifetime;
      if ('activity' in issue) return countsOf(issue);
      return countsOf(await issueDetail(issue, context));
    },
  }),
  filtered: t.field({
    type: IssueCounts,
    nullable: true,
    description:
      "Counts within the search filters of the list the issue came from (its query, environments, time range); null when the list had none, and on an issue read by id (Sentry's detail body has no filters).",
    resolve: (issue) =>
      (rowPart(issue, 'filtered') as SentryIssueCounts | null | undefined) ?? null,
  }),
}));
