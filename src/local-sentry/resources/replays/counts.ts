/**
 * `GET /organizations/{org}/replay-count/`: how many replays (or, with `returnIds`, which) saw
 * each issue, transaction or replay id of the query (`issue.id:[…]`, `transaction:[…]` or
 * `replay_id:[…]`, exactly one of them), as the issue stream of Sentry's UI asks for them. Only
 * keys with at least one replay are answered, as Sentry's `get_replay_counts` does.
 */
import { QueryError } from '../../data/errors.ts';
import { parseSearch } from '../../data/search.ts';
import type { RequestContext } from '../../http/context.ts';
import { timeRange } from '../../http/params.ts';
import { badRequest } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import type { ReplayRecord } from './record.ts';

const KEYS: Record<string, (replay: ReplayRecord) => string[]> = {
  'issue.id': (replay) => replay.issueIds,
  transaction: (replay) => replay.transactions,
  replay_id: (replay) => [replay.wire.id],
};

export function replayCounts(context: RequestContext): Record<string, number | string[]> {
  const query = context.query.get('query') ?? '';
  const terms = (() => {
    try {
      return parseSearch(query);
    } catch (error) {
      if (error instanceof QueryError) return [];
      throw error;
    }
  })();
  const filter = terms.find((term) => term.kind === 'filter' && term.key in KEYS);
  if (filter?.kind !== 'filter') {
    throw badRequest({ detail: 'Must provide at least one issue.id, transaction, or replay_id' });
  }
  const source = context.query.get('data_source') ?? 'discover';
  if (source !== 'discover' && source !== 'search_issues') {
    throw badRequest({ data_source: [`"${source}" is not a valid choice.`] });
  }
  const org = orgOf(context);
  const projects = new Set(selectedProjects(context, org).map((project) => project.wire.id));
  const environments = context.query.getAll('environment').filter((value) => value !== '');
  const { start, end } = timeRange(context, '90d');
  const read = KEYS[filter.key] as (replay: ReplayRecord) => string[];
  const wanted = new Set(
    filter.values.map((value) => (filter.key === 'replay_id' ? value.replaceAll('-', '') : value)),
  );
  const ids = new Map<string, string[]>();
  for (const replay of org.replays) {
    if (!projects.has(replay.projectId)) continue;
    if (environments.length > 0 && !environments.includes(replay.wire.environment ?? '')) continue;
    if (replay.finishedAt < start || replay.startedAt > end) continue;
    for (const key of read(replay)) {
      if (!wanted.has(key)) continue;
      ids.set(key, [...(ids.get(key) ?? []), replay.wire.id]);
    }
  }
  const returnIds = ['1', 'true'].includes(context.query.get('returnIds') ?? '');
  return Object.fromEntries(
    [...ids.entries()].map(([key, replays]) => [key, returnIds ? replays : replays.length]),
  );
}
