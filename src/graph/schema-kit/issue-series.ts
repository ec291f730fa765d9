/**
 * Which issue event series an operation asks for (`Issue.stats(period:)`), and so which one its
 * issue lists ask Sentry to embed in every row (`groupStatsPeriod`): shared by the resolvers and
 * the cost estimator, so that what a series costs is priced as it is served.
 */
import {
  type DocumentNode,
  type GraphQLSchema,
  getNamedType,
  Kind,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** `IssueStatsPeriod` names → the key of the series in Sentry's `stats`. */
export const ISSUE_STATS_PERIODS = {
  DAY: '24h',
  TWO_WEEKS: '14d',
  MONTH: '30d',
  AUTO: 'auto',
} as const;

export type IssueStatsPeriodName = keyof typeof ISSUE_STATS_PERIODS;
export type IssueSeriesKey = (typeof ISSUE_STATS_PERIODS)[IssueStatsPeriodName];

/** What lists and `group=` lookups ask Sentry for, given the series the operation reads. */
export interface IssueSeriesPlan {
  /** `groupStatsPeriod` of a list: AUTO wins (only a list has it), then TWO_WEEKS, else DAY. */
  list: '24h' | '14d' | 'auto';
  /** `groupStatsPeriod` of a lookup by id, which has no time range of its own: no `auto`. */
  lookup: '24h' | '14d';
}

export function planIssueSeries(periods: ReadonlySet<IssueSeriesKey>): IssueSeriesPlan {
  const lookup = periods.has('14d') ? '14d' : '24h';
  return { list: periods.has('auto') ? 'auto' : lookup, lookup };
}

/**
 * Whether reading `period` costs the issue's detail body: MONTH always (only the detail has it),
 * and a series the list rows do not carry because the operation also reads another (DAY beside
 * TWO_WEEKS or AUTO; TWO_WEEKS beside AUTO, taken from the detail's MONTH). AUTO never does: it
 * exists on list rows only.
 */
export function seriesNeedsDetail(
  period: IssueSeriesKey,
  periods: ReadonlySet<IssueSeriesKey>,
): boolean {
  if (period === '30d') return true;
  if (period === 'auto') return false;
  return planIssueSeries(periods).list !== period;
}

/** A name or value of `IssueStatsPeriod` → its series key (DAY when unset or unknown). */
export function seriesKeyOf(value: unknown): IssueSeriesKey {
  if (typeof value !== 'string') return '24h';
  if (value in ISSUE_STATS_PERIODS) return ISSUE_STATS_PERIODS[value as IssueStatsPeriodName];
  const keys = Object.values(ISSUE_STATS_PERIODS) as string[];
  return keys.includes(value) ? (value as IssueSeriesKey) : '24h';
}

/** Where an `Issue.stats` takes its period from: a literal, a variable, or the default. */
export type PeriodSource = { variable: string } | { literal: string | undefined };

/**
 * The period sources of every `Issue.stats` in `document` (they do not depend on the variables,
 * so a caller may keep them per document). Without a schema, any field named `stats` with a
 * `period` argument counts.
 */
export function issueSeriesSources(
  document: DocumentNode,
  schema: GraphQLSchema | undefined,
): PeriodSource[] {
  const found: PeriodSource[] = [];
  const note = (node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] }) => {
    const value = node.arguments?.find((a) => a.name.value === 'period')?.value;
    if (value?.kind === Kind.VARIABLE) found.push({ variable: value.name.value });
    else found.push({ literal: value?.kind === Kind.ENUM ? value.value : undefined });
  };
  if (!schema) {
    visit(document, {
      [Kind.FIELD](node) {
        if (node.name.value === 'stats' && node.arguments?.some((a) => a.name.value === 'period'))
          note(node);
      },
    });
    return found;
  }
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD](node) {
        const parent = typeInfo.getParentType();
        if (node.name.value === 'stats' && parent && getNamedType(parent).name === 'Issue') {
          note(node);
        }
      },
    }),
  );
  return found;
}

/** The series the sources read with `variables` (raw names or coerced values alike). */
export function seriesOfSources(
  sources: readonly PeriodSource[],
  variables: Record<string, unknown>,
): Set<IssueSeriesKey> {
  return new Set(
    sources.map((source) =>
      seriesKeyOf('variable' in source ? variables[source.variable] : source.literal),
    ),
  );
}

/** The series every `Issue.stats` in `document` reads, with `variables`. */
export function issueSeriesIn(
  document: DocumentNode,
  schema: GraphQLSchema | undefined,
  variables: Record<string, unknown>,
): Set<IssueSeriesKey> {
  return seriesOfSources(issueSeriesSources(document, schema), variables);
}
