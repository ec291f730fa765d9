/**
 * What a field costs in REST calls, for the cost estimate (query-cost.ts): the edges that cost one
 * call per parent although they take no argument, the fields answered from their parent's body,
 * and the rule for every other field.
 */
import { type GraphQLField, isNonNullType } from 'graphql';
import { type IssueSeriesKey, seriesKeyOf, seriesNeedsDetail } from './issue-series.ts';

/** What a field's price may depend on beyond its own arguments, computed once when asked. */
export interface OperationFacts {
  /** The issue event series the operation reads (which decides what list rows carry). */
  issueSeries(): ReadonlySet<IssueSeriesKey>;
}

/**
 * Edges that take no argument yet cost one REST call per parent object, because Sentry has no
 * bulk read for them (SENTRY-API.md 2.4): the rest of the argument-free edges load in batches.
 * (A project's detail-only fields join through `pricePerItem`.)
 */
export const PER_ITEM_EDGES = new Set([
  'Issue.latestEvent',
  'Issue.oldestEvent',
  'Issue.recommendedEvent',
  'Issue.firstRelease',
  'Issue.lastRelease',
  'Issue.tags',
  'Issue.activity',
  'Issue.seenBy',
  'Issue.participants',
  'Issue.userReportCount',
  'DiscoverRow.event',
  'Release.adoptionStages',
]);

/**
 * Adds `Type.field` per-item edges for `fields`: a domain whose detail-only fields share one
 * detail call per object names them once, where it keeps them (projects/project-detail.ts).
 */
export function pricePerItem(type: string, fields: Iterable<string>): void {
  for (const field of fields) PER_ITEM_EDGES.add(`${type}.${field}`);
}

/**
 * Fields answered from their parent's body although they take arguments or are nullable
 * objects: free, or, for the argument values listed, one call per parent (a detail body).
 */
const BODY_FIELDS: Record<
  string,
  { perItemWhen?: (args: Record<string, unknown>, operation: OperationFacts) => boolean }
> = {
  'Issue.stats': {
    perItemWhen: (args, operation) =>
      seriesNeedsDetail(seriesKeyOf(args['period']), operation.issueSeries()),
  },
  'Issue.filtered': {},
  'Issue.inbox': {},
  'Issue.subscriptionDetails': {},
  'IssueHash.latestEvent': {},
};

/** The REST calls a field costs for `parents` parent objects, before its own children. */
export function restCallsOf(
  field: GraphQLField<unknown, unknown>,
  coordinate: string,
  isConnection: boolean,
  parents: number,
  args: () => Record<string, unknown>,
  operation: OperationFacts,
): number {
  const body = BODY_FIELDS[coordinate];
  if (body) return body.perItemWhen?.(args(), operation) ? parents : 0;
  if (isConnection || field.args.length > 0 || PER_ITEM_EDGES.has(coordinate)) return parents;
  // An argument-free nullable edge is loaded through a batching loader: one call per level.
  return isNonNullType(field.type) ? 0 : 1;
}
