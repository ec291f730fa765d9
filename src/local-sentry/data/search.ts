/**
 * Sentry's search syntax, shared by every resource's search: the search grammar (`key:value`,
 * `!key:value`, `key:[a, b]`, `key:>n`, quoted phrases), its value matchers (globs, dates,
 * numbers), and `tokenize_query`, the simpler form the project, team and member lists read.
 * A malformed query throws `QueryError` (a 400 in Sentry).
 */
import { QueryError } from './errors.ts';
import { DURATION_UNITS, HOUR } from './time.ts';

export type SearchOperator = '=' | '>' | '<' | '>=' | '<=';

/** One term of a search query. */
export type SearchTerm =
  | {
      kind: 'filter';
      key: string;
      values: string[];
      negated: boolean;
      operator: SearchOperator;
      isList: boolean;
    }
  | { kind: 'text'; value: string; negated: boolean };

/**
 * Splits a search query into `key:value` filters (with `!` negation, `"quoted values"`,
 * `[a, b]` lists and `>`/`<` comparisons) and free-text words or quoted phrases.
 */
export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  let i = 0;
  const text = query;
  const readValue = (): string => {
    if (text[i] === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (text[i] !== '"')
        throw new QueryError(
          `Error parsing search query: unterminated quote in ${JSON.stringify(query)}`,
        );
      i++;
      return value;
    }
    let value = '';
    while (i < text.length && !/\s/.test(text[i] as string)) {
      value += text[i];
      i++;
    }
    return value;
  };
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (i >= text.length) break;
    const start = i;
    let negated = false;
    if (text[i] === '!') {
      negated = true;
      i++;
    }
    const keyMatch = /^([A-Za-z_][\w.\-()]*):/.exec(text.slice(i));
    if (keyMatch && text[i] !== '"') {
      const key = keyMatch[1] as string;
      i += keyMatch[0].length;
      let operator: SearchOperator = '=';
      const op = /^(>=|<=|>|<)/.exec(text.slice(i));
      if (op) {
        operator = op[1] as SearchOperator;
        i += op[1]?.length ?? 0;
      }
      if (text[i] === '[') {
        const close = text.indexOf(']', i);
        if (close < 0)
          throw new QueryError(
            `Error parsing search query: unterminated list in ${JSON.stringify(query)}`,
          );
        const values = splitList(text.slice(i + 1, close));
        i = close + 1;
        if (values.length === 0)
          throw new QueryError(`Error parsing search query: empty list for ${key}`);
        terms.push({ kind: 'filter', key, values, negated, operator, isList: true });
      } else {
        const value = readValue();
        if (value === '') {
          terms.push({ kind: 'text', value: text.slice(start, i), negated: false });
        } else {
          terms.push({ kind: 'filter', key, values: [value], negated, operator, isList: false });
        }
      }
      continue;
    }
    i = start;
    if (negated) i++;
    const value = readValue();
    if (value !== '') terms.push({ kind: 'text', value, negated });
  }
  return terms;
}

function splitList(inner: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      values.push(current.trim());
      current = '';
    } else current += ch;
  }
  values.push(current.trim());
  return values.filter((value) => value !== '');
}

/** `*` wildcards, case-insensitive; otherwise exact (case-insensitive). */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern.toLowerCase() === value.toLowerCase();
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 'i').test(value);
}

export function compare(operator: SearchOperator, actual: number, expected: number): boolean {
  switch (operator) {
    case '>':
      return actual > expected;
    case '<':
      return actual < expected;
    case '>=':
      return actual >= expected;
    case '<=':
      return actual <= expected;
    default:
      return actual === expected;
  }
}

/**
 * A date filter value: `-24h` (within the last 24h), `+7d` (older than 7 days), or an ISO date
 * with the term's operator. Returns a predicate on ms timestamps.
 */
export function datePredicate(
  now: number,
  operator: SearchOperator,
  raw: string,
  key: string,
): (ms: number) => boolean {
  const relative = /^([+-])(\d+)([smhdw])$/.exec(raw);
  if (relative) {
    const cutoff = now - Number(relative[2]) * (DURATION_UNITS[relative[3] as string] ?? 0);
    return relative[1] === '-' ? (ms) => ms >= cutoff : (ms) => ms <= cutoff;
  }
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw new QueryError(`Invalid date value for ${key}: ${raw}`);
  if (operator === '=') {
    const dayEnd = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? at + 24 * HOUR : at + 1000;
    return (ms) => ms >= at && ms < dayEnd;
  }
  return (ms) => compare(operator, ms, at);
}

export function numberValue(raw: string, key: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(raw);
  if (!match) throw new QueryError(`Invalid number for ${key}: ${raw}`);
  const scale =
    match[2]?.toLowerCase() === 'k' ? 1000 : match[2]?.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Number(match[1]) * scale;
}

/**
 * Sentry's `tokenize_query`: `key:value` tokens collect per key (repeated keys accumulate),
 * everything else goes to `query`. `is:resolved foo tag:a tag:b` →
 * `{ is: ['resolved'], query: ['foo'], tag: ['a', 'b'] }`.
 */
export function tokenizeQuery(query: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const add = (key: string, value: string) => {
    const list = result[key] ?? [];
    list.push(value);
    result[key] = list;
  };
  const tokens = query.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  for (const token of tokens) {
    const colon = token.indexOf(':');
    if (colon > 0) {
      const value = token.slice(colon + 1).replace(/^"|"$/g, '');
      add(token.slice(0, colon), value);
    } else {
      add('query', token.replace(/^"|"$/g, ''));
    }
  }
  return result;
}

export function idValues(values: string[]): string[] {
  for (const value of values) if (!/^\d+$/.test(value)) throw new QueryError('Invalid id value');
  return values;
}

/** The filter of one `tokenize_query` key: its values → a test of a record. */
export type TokenFilters<T> = Record<string, (values: string[]) => (record: T) => boolean>;

/**
 * Applies a `tokenize_query` query as Sentry's list endpoints do: key by key, each narrowing the
 * list; a key with no filter matches nothing. No query keeps every record.
 */
export function filterByTokens<T>(
  records: readonly T[],
  query: string | null | undefined,
  filters: TokenFilters<T>,
): T[] {
  if (!query) return [...records];
  let result = [...records];
  for (const [key, values] of Object.entries(tokenizeQuery(query))) {
    const filter = Object.hasOwn(filters, key) ? filters[key] : undefined;
    if (filter === undefined) return [];
    result = result.filter(filter(values));
  }
  return result;
}

/** The free-text filter (`query`): every word is in one of the record's fields (lower-cased). */
export const textFilter =
  <T>(fields: (record: T) => string[]) =>
  (values: string[]) => {
    const needles = values.map((value) => value.toLowerCase());
    return (record: T): boolean => {
      const texts = fields(record);
      return needles.every((needle) => texts.some((text) => text.includes(needle)));
    };
  };

/** The `id:` filters: numeric ids (400 otherwise) that the record's id is one of. */
export const idFilter =
  <T>(id: (record: T) => string | null) =>
  (values: string[]) => {
    const ids = new Set(idValues(values));
    return (record: T): boolean => {
      const value = id(record);
      return value !== null && ids.has(value);
    };
  };
