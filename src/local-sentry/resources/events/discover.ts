/**
 * Discover: the table `GET /organizations/{org}/events/` answers with, over already filtered
 * events.
 */
import type { SentryJson, SentryJsonObject } from '../../../sentry/types.ts';
import { QueryError } from '../../data/errors.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { timeRange } from '../../http/params.ts';
import { badRequest, type Reply } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import { selectedProjects } from '../projects/request.ts';
import { orgTransactions } from '../transactions/store.ts';
import type { EventRecord } from './record.ts';
import { filterEvents } from './search.ts';
import type { StoredEvent } from './stored.ts';
import { eventTags } from './tags.ts';

const DISCOVER_TYPES: Record<string, string> = {
  id: 'string',
  title: 'string',
  message: 'string',
  project: 'string',
  'project.name': 'string',
  'project.id': 'integer',
  issue: 'string',
  'issue.id': 'integer',
  timestamp: 'date',
  release: 'string',
  environment: 'string',
  level: 'string',
  culprit: 'string',
  'event.type': 'string',
  platform: 'string',
  transaction: 'string',
  'user.email': 'string',
  'user.id': 'string',
  'user.display': 'string',
  'error.type': 'array',
  'error.value': 'array',
  'error.handled': 'array',
  location: 'string',
  'transaction.duration': 'duration',
};

const AGGREGATE = /^(count|count_unique|last_seen|first_seen|max|min)\(([^)]*)\)$/;

/** Fields Discover accepts here; anything else is a 400 like Sentry's unknown-field error. */
export function validateDiscoverFields(fields: readonly string[]): void {
  if (fields.length === 0) throw new QueryError('No columns selected');
  if (fields.length > 20)
    throw new QueryError(
      'You can view up to 20 fields at a time. Please delete some and try again.',
    );
  for (const field of fields) {
    if (
      DISCOVER_TYPES[field] === undefined &&
      !AGGREGATE.test(field) &&
      !field.startsWith('tags[')
    ) {
      throw new QueryError(`Invalid column: ${field}`);
    }
  }
}

function discoverValue(
  data: LocalData,
  org: OrgData,
  event: EventRecord,
  field: string,
): SentryJson {
  if (event.stored?.transaction) {
    const value = transactionValue(event, field);
    if (value !== undefined) return value;
  }
  const issue = data.issuesById.get(event.issueId);
  const project = data.projectsById.get(event.projectId);
  const user = org.eventUsers[event.user];
  switch (field) {
    case 'id':
      return event.id;
    case 'title':
    case 'message':
      return issue?.wire.title ?? '';
    case 'project':
    case 'project.name':
      return project?.wire.slug ?? '';
    case 'project.id':
      return Number(event.projectId);
    case 'issue':
      return issue?.wire.shortId ?? null;
    case 'issue.id':
      return Number(event.issueId);
    case 'timestamp':
      return new Date(event.timestamp).toISOString().replace('.000Z', '+00:00');
    case 'release':
      return event.release;
    case 'environment':
      return event.environment;
    case 'level':
      return event.level;
    case 'culprit':
      return issue?.template.culprit ?? null;
    case 'event.type':
      return 'error';
    case 'platform':
      return issue?.template.platform ?? null;
    case 'transaction':
      return issue?.template.transaction ?? null;
    case 'location':
      return issue?.template.frames[issue.template.frames.length - 1]?.filename ?? null;
    case 'user.email':
      return user?.email ?? null;
    case 'user.id':
      return user?.id ?? null;
    case 'user.display':
      return user?.email ?? user?.username ?? null;
    case 'error.type':
      return issue ? [issue.template.type] : [];
    case 'error.value':
      return issue ? [issue.template.value] : [];
    case 'error.handled':
      return issue ? [issue.template.handled ? 1 : 0] : [];
    default: {
      const key = field.startsWith('tags[') ? field.slice(5, -1) : field;
      return eventTags(data, event).find((tag) => tag.key === key)?.value ?? null;
    }
  }
}

/** A transaction's own value of a field (its stored body; no issue); undefined: as for errors. */
function transactionValue(event: EventRecord, field: string): SentryJson | undefined {
  const stored = event.stored as StoredEvent;
  const timing = stored.transaction as NonNullable<StoredEvent['transaction']>;
  switch (field) {
    case 'title':
    case 'message':
    case 'transaction':
      return stored.title;
    case 'culprit':
      return stored.culprit;
    case 'location':
      return stored.location;
    case 'platform':
      return stored.platform;
    case 'event.type':
      return 'transaction';
    case 'issue':
    case 'issue.id':
      return null;
    case 'error.type':
    case 'error.value':
    case 'error.handled':
      return [];
    case 'transaction.duration':
      return Math.round((timing.endTimestamp - timing.startTimestamp) * 1000);
    default: {
      if (DISCOVER_TYPES[field] !== undefined) return undefined;
      const key = field.startsWith('tags[') ? field.slice(5, -1) : field;
      return stored.tags.find(([name]) => name === key)?.[1] ?? null;
    }
  }
}

/**
 * The column `sort` orders by: a selected field, an aggregate's alias (`count` for `count()`,
 * `count_unique_user` for `count_unique(user)`), or any aggregate when the query aggregates.
 */
function discoverSortKey(fields: readonly string[], sort: string): string {
  if (fields.includes(sort)) return sort;
  const alias = fields.find(
    (field) =>
      AGGREGATE.test(field) &&
      field.replace(/[().]/g, (c) => (c === '.' ? '_' : c === '(' ? '_' : '')).replace(/_$/, '') ===
        sort,
  );
  if (alias) return alias;
  if (AGGREGATE.test(sort) && fields.some((field) => AGGREGATE.test(field))) return sort;
  throw new QueryError(`Cannot sort by a field that is not selected: ${sort}`);
}

/**
 * Discover table rows for `field=` over the given (already filtered) events: plain rows, or
 * rows grouped by the plain fields when any field is an aggregate (`count()`,
 * `count_unique(user)`, `last_seen()`...). `sort` is a field name with an optional `-`.
 */
export function discoverTable(
  data: LocalData,
  org: OrgData,
  events: readonly EventRecord[],
  fields: readonly string[],
  sort?: string | null,
): {
  data: SentryJsonObject[];
  meta: { fields: Record<string, string>; units: Record<string, string | null>; dataset: string };
} {
  validateDiscoverFields(fields);
  const plain = fields.filter((field) => !AGGREGATE.test(field));
  const sortKey = sort ? discoverSortKey(fields, sort.replace(/^-/, '')) : undefined;
  // An aggregate sort that is not selected (`sort=-count()`) is computed for sorting only.
  const hidden = sortKey && !fields.includes(sortKey) ? sortKey : undefined;
  const aggregates = [...fields, ...(hidden ? [hidden] : [])].filter((f) => AGGREGATE.test(f));
  let rows: SentryJsonObject[];
  if (aggregates.length === 0) {
    rows = events.map((event) =>
      Object.fromEntries(fields.map((field) => [field, discoverValue(data, org, event, field)])),
    );
  } else {
    const groups = new Map<string, { row: SentryJsonObject; events: EventRecord[] }>();
    for (const event of events) {
      const row = Object.fromEntries(
        plain.map((field) => [field, discoverValue(data, org, event, field)]),
      );
      const key = JSON.stringify(row);
      const group = groups.get(key);
      if (group) group.events.push(event);
      else groups.set(key, { row, events: [event] });
    }
    rows = [...groups.values()].map(({ row, events: grouped }) => {
      const out: SentryJsonObject = { ...row };
      for (const field of aggregates) {
        const [, fn, arg = ''] = AGGREGATE.exec(field) ?? [];
        if (fn === 'count') out[field] = grouped.length;
        else if (fn === 'count_unique') {
          out[field] = new Set(
            grouped.map((event) =>
              JSON.stringify(discoverValue(data, org, event, arg === 'user' ? 'user.id' : arg)),
            ),
          ).size;
        } else if (fn === 'last_seen' || fn === 'max') {
          out[field] = new Date(Math.max(...grouped.map((event) => event.timestamp)))
            .toISOString()
            .replace('.000Z', '+00:00');
        } else {
          out[field] = new Date(Math.min(...grouped.map((event) => event.timestamp)))
            .toISOString()
            .replace('.000Z', '+00:00');
        }
      }
      return out;
    });
  }
  if (sort && sortKey) {
    const desc = sort.startsWith('-');
    const field = sortKey;
    rows = rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => {
        const x = a.row[field] ?? null;
        const y = b.row[field] ?? null;
        const order = x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
        return (desc ? -order : order) || a.index - b.index;
      })
      .map(({ row }) => row);
    if (hidden) for (const row of rows) delete row[hidden];
  }
  const metaFields: Record<string, string> = {};
  const units: Record<string, string | null> = {};
  for (const field of fields) {
    const match = AGGREGATE.exec(field);
    metaFields[field] = match
      ? match[1] === 'last_seen' ||
        match[1] === 'first_seen' ||
        match[1] === 'max' ||
        match[1] === 'min'
        ? 'date'
        : 'integer'
      : (DISCOVER_TYPES[field] ?? 'string');
    units[field] = metaFields[field] === 'duration' ? 'millisecond' : null;
  }
  return { data: rows, meta: { fields: metaFields, units, dataset: 'errors' } };
}

/**
 * Datasets whose rows are error events here, the one of ingested transactions, and the others:
 * they exist in Sentry but hold no data here.
 */
const ERROR_DATASETS = new Set(['errors', 'discover', 'issuePlatform']);
const TRANSACTIONS = 'transactions';
const EMPTY_DATASETS = new Set([
  'spans',
  'logs',
  'profile_functions',
  'tracemetrics',
  'uptime_results',
  'metricsEnhanced',
]);

/**
 * `GET /api/0/organizations/{org}/events/`: the Discover table over error events, `{data, meta}`
 * with Sentry's pagination (`field=` up to 20, `query=id:[...]`, `issue.id:`, `project`,
 * `environment`, `statsPeriod`/`start`/`end` (default 14d), `sort`, `per_page`, `cursor`).
 */
export function discover(context: RequestContext): Reply {
  const { query, data } = context;
  const org = orgOf(context);
  const dataset = query.get('dataset') || 'discover';
  if (!ERROR_DATASETS.has(dataset) && dataset !== TRANSACTIONS && !EMPTY_DATASETS.has(dataset)) {
    throw badRequest(
      `dataset must be one of: ${[...ERROR_DATASETS, TRANSACTIONS, ...EMPTY_DATASETS].join(', ')}`,
    );
  }
  const projects = selectedProjects(context, org);
  const range = timeRange(context, '14d');
  const rows = ERROR_DATASETS.has(dataset)
    ? org.events
    : dataset === TRANSACTIONS
      ? orgTransactions(data, org)
      : undefined;
  const events = rows
    ? filterEvents(data, org, rows, {
        query: query.get('query') ?? '',
        projectIds: projects.map((project) => project.wire.id),
        environments: query.getAll('environment'),
        start: range.start,
        end: range.end,
      })
    : [];
  const table = discoverTable(data, org, events, query.getAll('field'), query.get('sort'));
  const page = paginate(table.data, context.page);
  return { ...page, body: { data: page.body, meta: { ...table.meta, dataset } } };
}
