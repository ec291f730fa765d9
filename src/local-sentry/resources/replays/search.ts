/**
 * Replay search as Sentry's `replay_url_parser_config` reads it: `key:value` filters over the
 * replay's fields (with the plural fields' aliases `error_id`, `trace_id`/`trace`, `url`,
 * `release`), numeric comparisons (`count_errors:>2`, `duration:<1h`), `[a, b]` lists, `!`
 * negation and `*` globs, `AND`/`OR` between terms, the hidden `click.*` fields, and any other
 * key read as a tag. Free text is refused, as Sentry refuses it. Also `sort=`.
 */
import { QueryError } from '../../data/errors.ts';
import {
  compare,
  globMatch,
  numberValue,
  parseSearch,
  type SearchTerm,
} from '../../data/search.ts';
import { DURATION_UNITS } from '../../data/time.ts';
import { badRequest } from '../../http/reply.ts';
import type { ClickRecord, ReplayRecord } from './record.ts';

type Filter = Extract<SearchTerm, { kind: 'filter' }>;

const NUMERIC: Record<string, (r: ReplayRecord) => number> = {
  count_errors: (r) => r.wire.count_errors ?? 0,
  count_segments: (r) => r.wire.count_segments ?? 0,
  count_urls: (r) => r.wire.count_urls ?? 0,
  count_dead_clicks: (r) => r.wire.count_dead_clicks ?? 0,
  count_rage_clicks: (r) => r.wire.count_rage_clicks ?? 0,
  count_warnings: (r) => r.wire.count_warnings ?? 0,
  count_infos: (r) => r.wire.count_infos ?? 0,
  activity: (r) => r.wire.activity ?? 0,
  duration: (r) => r.wire.duration ?? 0,
};

const list = (value: string | null | undefined): string[] =>
  value === null || value === undefined ? [] : [value];

const TEXT: Record<string, (r: ReplayRecord) => string[]> = {
  id: (r) => [r.wire.id],
  replay_id: (r) => [r.wire.id],
  error_id: (r) => r.wire.error_ids,
  error_ids: (r) => r.wire.error_ids,
  trace_id: (r) => r.wire.trace_ids,
  trace_ids: (r) => r.wire.trace_ids,
  trace: (r) => r.wire.trace_ids,
  url: (r) => r.wire.urls ?? [],
  urls: (r) => r.wire.urls ?? [],
  release: (r) => r.wire.releases,
  releases: (r) => r.wire.releases,
  dist: (r) => list(r.wire.dist),
  platform: (r) => list(r.wire.platform),
  replay_type: (r) => [r.wire.replay_type],
  'user.id': (r) => list(r.wire.user.id),
  'user.email': (r) => list(r.wire.user.email),
  'user.username': (r) => list(r.wire.user.username),
  'user.ip': (r) => list(r.wire.user.ip),
  'browser.name': (r) => list(r.wire.browser.name),
  'browser.version': (r) => list(r.wire.browser.version),
  'os.name': (r) => list(r.wire.os.name),
  'os.version': (r) => list(r.wire.os.version),
  'device.name': (r) => list(r.wire.device.name),
  'device.brand': (r) => list(r.wire.device.brand),
  'device.family': (r) => list(r.wire.device.family),
  'device.model_id': (r) => list(r.wire.device.model),
  'sdk.name': (r) => list(r.wire.sdk.name),
  'sdk.version': (r) => list(r.wire.sdk.version),
};

const CLICK: Record<string, (c: ClickRecord) => string[]> = {
  'click.alt': (c) => [c.alt],
  'click.class': (c) => c.classes,
  'click.id': (c) => [c.id],
  'click.label': (c) => [c.label],
  'click.role': (c) => [c.role],
  'click.tag': (c) => [c.tag],
  'click.testid': (c) => [c.testid],
  'click.textContent': (c) => [c.text],
  'click.title': (c) => [c.title],
};

/** `90`, `90s`, `5m`, `1h`: seconds (a bare number is seconds, as Sentry reads `duration`). */
function seconds(raw: string, key: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|[smhdw])?$/.exec(raw);
  if (!match) throw new QueryError(`Invalid duration value for ${key}: ${raw}`);
  const unit = match[2];
  if (unit === 'ms') return Number(match[1]) / 1000;
  return unit ? (Number(match[1]) * (DURATION_UNITS[unit] ?? 1000)) / 1000 : Number(match[1]);
}

/** `button#save.btn[role="button"]`: the element a `click.selector` names (one compound). */
function selectorTest(raw: string): (c: ClickRecord) => boolean {
  const match = /^([a-z][a-z0-9]*)?((?:[#.][\w-]+|\[[\w-]+=(?:"[^"]*"|'[^']*'|[^\]]*)\])*)$/i.exec(
    raw.trim(),
  );
  if (!match || raw.trim() === '') throw new QueryError(`Invalid selector: ${raw}`);
  const tag = match[1]?.toLowerCase();
  const parts = match[2]?.match(/[#.][\w-]+|\[[^\]]*\]/g) ?? [];
  const ATTRIBUTES: Record<string, (c: ClickRecord) => string> = {
    role: (c) => c.role,
    'aria-label': (c) => c.label,
    alt: (c) => c.alt,
    title: (c) => c.title,
    'data-testid': (c) => c.testid,
    id: (c) => c.id,
  };
  return (click) =>
    (tag === undefined || click.tag === tag) &&
    parts.every((part) => {
      if (part.startsWith('#')) return click.id === part.slice(1);
      if (part.startsWith('.')) return click.classes.includes(part.slice(1));
      const [name = '', value = ''] = part.slice(1, -1).split('=');
      const read = ATTRIBUTES[name];
      if (!read) throw new QueryError(`Invalid selector attribute: ${name}`);
      return read(click) === value.replace(/^["']|["']$/g, '');
    });
}

/** The test of one click filter; undefined when the key is not a click field. */
function clickTest(term: Filter): ((c: ClickRecord) => boolean) | undefined {
  if (term.key === 'click.selector') {
    const tests = term.values.map(selectorTest);
    return (click) => tests.some((test) => test(click));
  }
  const read = CLICK[term.key];
  if (!read) return undefined;
  return (click) => term.values.some((value) => read(click).some((v) => globMatch(value, v)));
}

function termTest(term: SearchTerm): (r: ReplayRecord) => boolean {
  if (term.kind === 'text') {
    throw new QueryError(`Free-text search is not supported: ${JSON.stringify(term.value)}`);
  }
  const { key, values, operator } = term;
  const numeric = NUMERIC[key];
  if (numeric) {
    const read = numeric;
    const expected = values.map((value) =>
      key === 'duration' ? seconds(value, key) : numberValue(value, key),
    );
    return (r) => expected.some((value) => compare(operator, read(r), value));
  }
  if (operator !== '=') throw new QueryError(`Invalid operator for ${key}: ${operator}`);
  const click = clickTest(term);
  if (click) return (r) => r.clicks.some(click);
  const read =
    TEXT[key] ??
    ((r: ReplayRecord) => {
      const tags = r.wire.tags;
      const tag = key.startsWith('tags[') ? key.slice(5, -1) : key;
      return Array.isArray(tags) ? [] : (tags[tag] ?? []);
    });
  return (r) => values.some((value) => read(r).some((actual) => globMatch(value, actual)));
}

/** The replays `query` keeps; a malformed query throws `QueryError` (a 400). */
export function searchReplays(replays: readonly ReplayRecord[], query: string): ReplayRecord[] {
  if (query.trim() === '') return [...replays];
  const groups = query
    .replace(/[()]/g, ' ')
    .split(/\s+OR\s+/)
    .map((group) =>
      parseSearch(group.replace(/(^|\s)AND(?=\s|$)/g, ' ')).map((term) => {
        const test = termTest(term);
        return term.negated ? (r: ReplayRecord) => !test(r) : test;
      }),
    );
  return replays.filter((replay) => groups.some((tests) => tests.every((test) => test(replay))));
}

/** The clicks of the replay a clicks `query` keeps (all of them without one). */
export function searchClicks(replay: ReplayRecord, query: string): ClickRecord[] {
  const terms = parseSearch(query);
  const tests = terms.map((term) => {
    if (term.kind === 'text') throw new QueryError('Free-text search is not supported');
    const test = clickTest(term);
    if (!test) throw new QueryError(`Invalid query. Unknown click field: ${term.key}`);
    return term.negated ? (c: ClickRecord) => !test(c) : test;
  });
  return replay.clicks.filter((click) => tests.every((test) => test(click)));
}

const SORTS: Record<string, (r: ReplayRecord) => number | string> = {
  started_at: (r) => r.startedAt,
  finished_at: (r) => r.finishedAt,
  project_id: (r) => Number(r.projectId),
  ...NUMERIC,
  'browser.name': (r) => r.wire.browser.name ?? '',
  'os.name': (r) => r.wire.os.name ?? '',
  'user.email': (r) => r.wire.user.email ?? '',
};

/** The seed's camel-case spellings (`-startedAt`) of the sort fields. */
const ALIASES: Record<string, string> = {
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  projectId: 'project_id',
  countErrors: 'count_errors',
  countSegments: 'count_segments',
  countUrls: 'count_urls',
};

/** Sorts by `sort` (default `-started_at`); an unknown field is a 400. */
export function sortReplays(replays: ReplayRecord[], raw: string | null): ReplayRecord[] {
  const sort = raw === null || raw === '' ? '-started_at' : raw;
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const read = SORTS[ALIASES[name] ?? name];
  if (!read) throw badRequest(`Invalid sort field: ${name}`);
  const direction = descending ? -1 : 1;
  return replays.sort((a, b) => {
    const x = read(a);
    const y = read(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return order * direction || a.wire.id.localeCompare(b.wire.id);
  });
}
