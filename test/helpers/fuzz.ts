/**
 * The fuzz generator shared by `test/integration/fuzz-entities.test.ts` and `npm run fuzz`:
 * seeded, so a seed always yields the same cases. Two kinds of case: a federation `_entities`
 * call with a random list of representations (unknown types, missing or mistyped key fields,
 * duplicates, foreign organizations, hostile slugs), and a random but valid document generated
 * by walking the schema (random selections, arguments, aliases, fragments, variables).
 */
import {
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/** A small seedable PRNG (mulberry32) with the helpers the generator needs. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** Identifiers that exist in the embedded Sentry, read through the gateway before the run. */
export interface FuzzSeeds {
  orgs: string[];
  projects: { org: string; slug: string; sentryId: string; id: string }[];
  issues: { org: string; sentryId: string; shortId: string; id: string }[];
  events: { org: string; projectSentryId: string; eventId: string; id: string }[];
  releases: { org: string; version: string; id: string }[];
  /** Global ids of every kind the seed query met (teams, members, users too). */
  globalIds: string[];
}

/** Strings that must never reach a URL unencoded nor crash anything. */
export const HOSTILE_STRINGS: readonly string[] = [
  '../x',
  '..',
  '.',
  '%2F',
  '%2e%2e',
  'a/b',
  'acme/../globex',
  '',
  ' ',
  '\t',
  '\n',
  '\u0000',
  'ä',
  'Ünïcödé',
  '😀',
  '名前',
  '\u202e',
  'x'.repeat(300),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'toString',
  '?a=b',
  '#frag',
  'ACME',
  '-1',
  '0',
  '1e3',
  '9'.repeat(30),
  'null',
  'undefined',
  'is:unresolved',
];

/** Values of the wrong type for a key field. */
const WRONG_VALUES: readonly unknown[] = [
  0,
  -1,
  1.5,
  1e21,
  42,
  null,
  true,
  false,
  {},
  { slug: 'acme' },
  [],
  ['acme'],
  [1, 2],
  [[]],
  { __typename: 'Project' },
];

const ENTITY_TYPES = ['Organization', 'Project', 'Issue', 'Event', 'Release'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

const UNKNOWN_TYPENAMES: readonly unknown[] = [
  'Nope',
  'Query',
  'Mutation',
  'Team',
  'User',
  'Member',
  'Node',
  '_Entity',
  '_Service',
  '_Any',
  'String',
  'IssueStatus',
  '__Schema',
  '__Type',
  'project',
  '',
  null,
  5,
  {},
  ['Project'],
];

/** A random string, sometimes a seeded identifier, sometimes hostile. */
function randomString(random: Random, seeds: FuzzSeeds): string {
  const choice = random.int(0, 5);
  if (choice === 0) return random.pick(HOSTILE_STRINGS);
  if (choice === 1) return random.pick(seeds.orgs);
  if (choice === 2 && seeds.projects.length > 0) return random.pick(seeds.projects).slug;
  if (choice === 3 && seeds.issues.length > 0) return random.pick(seeds.issues).sentryId;
  if (choice === 4 && seeds.releases.length > 0) return random.pick(seeds.releases).version;
  const length = random.int(1, 12);
  let out = '';
  for (let index = 0; index < length; index += 1) {
    out += String.fromCharCode(
      random.int(0, 9) === 0 ? random.int(0x80, 0x2fff) : random.int(32, 126),
    );
  }
  return out;
}

/** The key fields of a valid representation of `type`, from the seeds. */
function validKey(random: Random, seeds: FuzzSeeds, type: EntityType): Record<string, unknown> {
  switch (type) {
    case 'Organization':
      return { slug: random.pick(seeds.orgs) };
    case 'Project': {
      const project = random.pick(seeds.projects);
      return random.chance(0.5)
        ? { organizationSlug: project.org, sentryId: project.sentryId }
        : { organizationSlug: project.org, slug: project.slug };
    }
    case 'Issue': {
      const issue = random.pick(seeds.issues);
      return { organizationSlug: issue.org, sentryId: issue.sentryId };
    }
    case 'Event': {
      const event = random.pick(seeds.events);
      return {
        organizationSlug: event.org,
        projectSentryId: event.projectSentryId,
        eventId: event.eventId,
      };
    }
    case 'Release': {
      const release = random.pick(seeds.releases);
      return { organizationSlug: release.org, version: release.version };
    }
  }
}

/** A value for one key field: mostly plausible, often not. */
function keyValue(random: Random, seeds: FuzzSeeds, valid: unknown): unknown {
  const choice = random.int(0, 9);
  if (choice <= 3) return valid;
  if (choice <= 5) return random.pick(HOSTILE_STRINGS);
  if (choice <= 7) return random.pick(WRONG_VALUES);
  if (choice === 8) return randomString(random, seeds);
  // A foreign or unknown organization, or an id that does not exist.
  return random.pick(['globex', 'acme', 'initech', '999999999', '1', 'deadbeef'.repeat(4)]);
}

/** One representation, as a federation router would send it or as an attacker might. */
export function randomRepresentation(
  random: Random,
  seeds: FuzzSeeds,
  earlier: readonly unknown[],
): unknown {
  const choice = random.int(0, 19);
  if (choice === 0 && earlier.length > 0) return random.pick(earlier); // duplicate
  if (choice === 1) return random.pick([5, 'Project', true, [], [{}], 1.5, ['acme']]);
  if (choice === 2) {
    const rest = validKey(random, seeds, random.pick(ENTITY_TYPES));
    return random.chance(0.5) ? rest : { ...rest, __typename: random.pick(UNKNOWN_TYPENAMES) };
  }
  const type = random.pick(ENTITY_TYPES);
  const key = validKey(random, seeds, type);
  if (choice <= 9) return { __typename: type, ...key }; // valid, existing
  const mutated: Record<string, unknown> = { __typename: type };
  for (const [field, value] of Object.entries(key)) {
    if (random.chance(0.15)) continue; // missing key field
    mutated[field] = keyValue(random, seeds, value);
  }
  if (random.chance(0.15)) mutated[random.pick(['sentryId', 'slug', 'id', 'extra'])] = 'x';
  if (random.chance(0.05)) {
    // An own "__proto__" key, as JSON.parse makes one (a plain assignment would set the prototype).
    Object.defineProperty(mutated, '__proto__', { value: { polluted: true }, enumerable: true });
  }
  return mutated;
}

/** A list of 0 to 8 (rarely 30) representations. */
export function randomRepresentations(random: Random, seeds: FuzzSeeds): unknown[] {
  const length = random.chance(0.05) ? 30 : random.int(0, 8);
  const list: unknown[] = [];
  for (let index = 0; index < length; index += 1) {
    list.push(randomRepresentation(random, seeds, list));
  }
  return list;
}

/** An HTTP body: a GraphQL request with its variables. */
export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** Builds one random, valid document over `schema`. */
class DocumentWriter {
  readonly #random: Random;
  readonly #schema: GraphQLSchema;
  readonly #seeds: FuzzSeeds;
  readonly #maxDepth: number;
  #names = 0;
  readonly #variables: string[] = [];
  readonly variableValues: Record<string, unknown> = {};
  readonly #fragments: string[] = [];

  constructor(random: Random, schema: GraphQLSchema, seeds: FuzzSeeds, maxDepth: number) {
    this.#random = random;
    this.#schema = schema;
    this.#seeds = seeds;
    this.#maxDepth = maxDepth;
  }

  /** The whole document around `body`, the root selection, declaring `extra` variables too. */
  document(operation: 'query' | 'mutation', body: string, extra: string[] = []): string {
    const declared = [...extra, ...this.#variables];
    const variables = declared.length > 0 ? `(${declared.join(', ')})` : '';
    const name = this.#random.chance(0.5) ? ` Fuzz${this.#names}` : '';
    const head =
      name || variables
        ? `${operation}${name}${variables} `
        : operation === 'query'
          ? ''
          : 'mutation ';
    return [`${head}{ ${body} }`, ...this.#fragments].join('\n');
  }

  /** A unique response name, so two selections of a field never conflict. */
  alias(): string {
    this.#names += 1;
    return `a${this.#names}`;
  }

  /** Selects `fields` of `type`: one to four of them, with arguments and nested selections. */
  selection(type: GraphQLCompositeType, depth: number): string {
    const random = this.#random;
    const parts: string[] = [];
    if (random.chance(0.3)) parts.push('__typename');
    if (isAbstractType(type)) {
      const possible = this.#schema.getPossibleTypes(type);
      const count = random.int(1, Math.min(3, possible.length));
      for (let index = 0; index < count; index += 1) {
        const target = random.pick(possible);
        parts.push(`... on ${target.name} { ${this.selection(target, depth)} }`);
      }
      if ('getFields' in type && random.chance(0.5)) parts.push(this.fields(type, depth, 1));
      return parts.join(' ') || '__typename';
    }
    parts.push(this.fields(type, depth, random.int(1, 4)));
    if (random.chance(0.1) && depth < this.#maxDepth) {
      this.#names += 1;
      const name = `F${this.#names}`;
      this.#fragments.push(`fragment ${name} on ${type.name} { ${this.fields(type, depth, 2)} }`);
      parts.push(`...${name}`);
    }
    if (random.chance(0.1)) parts.push(`... { ${this.fields(type, depth, 1)} }`);
    if (random.chance(0.05)) parts.push(`... @include(if: ${random.chance(0.5)}) { __typename }`);
    return parts.join(' ');
  }

  /** `count` distinct fields of an object or interface type. */
  fields(type: GraphQLCompositeType, depth: number, count: number): string {
    if (!('getFields' in type)) return '__typename';
    const random = this.#random;
    const all = Object.values(type.getFields()).filter(
      (field) => depth < this.#maxDepth || isLeafType(getNamedType(field.type)),
    );
    if (all.length === 0) return '__typename';
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let index = 0; index < count; index += 1) chosen.add(random.pick(all));
    return [...chosen].map((field) => this.field(field, depth)).join(' ');
  }

  field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const random = this.#random;
    const args = field.args
      .filter((arg) => isNonNullType(arg.type) || random.chance(0.3))
      .map((arg) => `${arg.name}: ${this.argument(arg, field.name)}`);
    const head =
      args.length > 0 || random.chance(0.15) ? `${this.alias()}: ${field.name}` : field.name;
    const named = getNamedType(field.type);
    const call = args.length > 0 ? `${head}(${args.join(', ')})` : head;
    return isCompositeType(named) ? `${call} { ${this.selection(named, depth + 1)} }` : call;
  }

  /** An argument value: inline, or (30%) through a variable of the argument's own type. */
  argument(arg: GraphQLArgument, fieldName: string): string {
    const value = this.value(arg.type, arg.name, fieldName);
    if (!this.#random.chance(0.3)) return literal(value, arg.type);
    this.#names += 1;
    const name = `v${this.#names}`;
    this.#variables.push(`$${name}: ${String(arg.type)}`);
    this.variableValues[name] = value;
    return `$${name}`;
  }

  value(type: GraphQLInputType, argName: string, fieldName: string): unknown {
    const random = this.#random;
    if (!isNonNullType(type) && random.chance(0.05)) return null;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const length = random.int(0, 3);
      return Array.from({ length }, () => this.value(inner.ofType, argName, fieldName));
    }
    if (isEnumType(inner)) return random.pick(inner.getValues()).name;
    if (isInputObjectType(inner)) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(inner.getFields())) {
        if (isNonNullType(field.type) || random.chance(0.4)) {
          out[field.name] = this.value(field.type, field.name, fieldName);
        }
      }
      return out;
    }
    return this.scalar(inner as GraphQLNamedType, argName, fieldName);
  }

  scalar(type: GraphQLNamedType, argName: string, fieldName: string): unknown {
    const random = this.#random;
    const seeds = this.#seeds;
    switch (type.name) {
      case 'Int':
        if (argName === 'first' || argName === 'last' || argName === 'limit') {
          return random.pick([1, 2, 3, 5, 1, 2, 0, -1, 101, 2147483647]);
        }
        return random.pick([0, 1, 5, -3, 100, 99999]);
      case 'Float':
        return random.pick([0, 1.5, -2, 1e9]);
      case 'Boolean':
        return random.chance(0.5);
      case 'ID':
        return this.globalId();
      case 'DateTime':
        return random.pick(['2026-01-01T00:00:00Z', '2020-02-29T12:00:00.000Z', 'yesterday', '']);
      case 'StatsPeriod':
        return random.pick(['24h', '14d', '1h', '90d', '1w', '0d', 'forever', '']);
      case 'JSON':
        return random.pick([{}, { a: 1 }, [1, 'x'], 'text', 3, null]);
      default:
        break;
    }
    if (!isScalarType(type) || type.name !== 'String') return randomString(random, seeds);
    return this.stringFor(argName, fieldName);
  }

  /** A string argument, chosen by what the argument names. */
  stringFor(argName: string, fieldName: string): string {
    const random = this.#random;
    const seeds = this.#seeds;
    if (random.chance(0.15)) return randomString(random, seeds);
    switch (argName) {
      case 'slug':
        if (fieldName === 'organization') return random.pick([...seeds.orgs, 'initech']);
        return random.pick([...seeds.projects.map((p) => p.slug), 'no-such-project', 'backend']);
      case 'organizationSlug':
      case 'organization':
        return random.pick([...seeds.orgs, 'initech']);
      case 'version':
        return random.pick([...seeds.releases.map((r) => r.version), '0.0.0-missing']);
      case 'eventId':
        return random.pick([...seeds.events.map((e) => e.eventId), 'f'.repeat(32)]);
      case 'shortId':
        return random.pick([...seeds.issues.map((i) => i.shortId), 'NOPE-1']);
      case 'id':
        return random.pick([
          ...seeds.issues.map((i) => i.sentryId),
          ...seeds.issues.map((i) => i.id),
          '999999999',
        ]);
      case 'query':
        return random.pick(['', 'is:unresolved', 'level:error', 'assigned:me', 'backend', 'is:']);
      case 'after':
      case 'before':
      case 'cursor':
        return random.pick(['0:0:0', '0:25:0', 'garbage', '', '1:0:1']);
      default:
        return randomString(random, seeds);
    }
  }

  globalId(): string {
    const random = this.#random;
    const choice = random.int(0, 5);
    if (choice <= 2 && this.#seeds.globalIds.length > 0) return random.pick(this.#seeds.globalIds);
    if (choice === 3) {
      const [typename, key] = random.pick<[string, string]>([
        ['Project', 'acme/not-a-number'],
        ['Project', 'initech/1'],
        ['Issue', 'acme/999999999'],
        ['Nope', 'acme/1'],
        ['Query', 'x'],
        ['Event', 'acme/backend/xyz'],
        ['Release', 'acme/../x'],
        ['Organization', '%2F'],
      ]);
      return Buffer.from(`${typename}:${key}`).toString('base64url');
    }
    return random.pick(['!!!', '', 'Zm9v', 'UHJvamVjdDo=', 'a'.repeat(2000), '😀', '=====']);
  }
}

/** Prints `value` as a GraphQL literal of `type`. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return 'null';
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    return `[${(value as unknown[]).map((item) => literal(item, inner.ofType)).join(', ')}]`;
  }
  if (isEnumType(inner)) return String(value);
  if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    return `{${Object.entries(value as Record<string, unknown>)
      .map(
        ([name, item]) =>
          `${name}: ${literal(item, (fields[name] as { type: GraphQLInputType }).type)}`,
      )
      .join(', ')}}`;
  }
  if (inner.name === 'JSON') return jsonLiteral(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function jsonLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([name, item]) => `${name}: ${jsonLiteral(item)}`)
      .join(', ')}}`;
  }
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A random document: usually a query over the whole graph, sometimes a mutation. */
export function randomDocument(
  random: Random,
  schema: GraphQLSchema,
  seeds: FuzzSeeds,
): FuzzRequest {
  const writer = new DocumentWriter(random, schema, seeds, random.int(1, 4));
  const mutation = schema.getMutationType();
  const root = mutation && random.chance(0.08) ? mutation : schema.getQueryType();
  if (!root) throw new Error('schema has no query type');
  const fields = Object.values(root.getFields());
  const count = root === mutation ? 1 : random.int(1, 3);
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  for (let index = 0; index < count; index += 1) chosen.add(random.pick(fields));
  const body = [...chosen].map((field) => writer.field(field, 0)).join(' ');
  return {
    query: writer.document(root === mutation ? 'mutation' : 'query', body),
    variables: writer.variableValues,
  };
}

/**
 * A random `_entities` request: one to three aliased `_entities` fields, each with its own list
 * of representations (`$r0`, `$r1`...) and a random selection of the `_Entity` union.
 */
export function randomEntitiesRequest(
  random: Random,
  schema: GraphQLSchema,
  seeds: FuzzSeeds,
): FuzzRequest {
  const writer = new DocumentWriter(random, schema, seeds, random.int(1, 2));
  const entity = schema.getType('_Entity');
  if (!entity || !isCompositeType(entity)) throw new Error('schema has no _Entity union');
  const lists: Record<string, unknown[]> = {};
  const fields: string[] = [];
  for (let index = 0, count = random.int(1, 3); index < count; index += 1) {
    lists[`r${index}`] = randomRepresentations(random, seeds);
    const selection = writer.selection(entity, 1);
    fields.push(`e${index}: _entities(representations: $r${index}) { __typename ${selection} }`);
  }
  return {
    query: writer.document(
      'query',
      fields.join(' '),
      Object.keys(lists).map((name) => `$${name}: [_Any!]!`),
    ),
    variables: { ...writer.variableValues, ...lists },
  };
}

/** The representation lists of an `_entities` request. */
export function representationLists(request: FuzzRequest): unknown[][] {
  return Object.entries(request.variables)
    .filter(([name]) => /^r\d+$/.test(name))
    .map(([, list]) => list as unknown[]);
}

/** Who a request claims to be. */
export type FuzzIdentity = 'valid' | 'limited' | 'bad' | 'none' | 'malformed';

/** One HTTP request to the GraphQL endpoint. */
export interface FuzzHttp {
  method: 'GET' | 'POST';
  /** Query string for GET, with its `?`; empty for none. */
  search: string;
  contentType?: string | undefined;
  body?: string | undefined;
  /** Extra headers (CSRF prevention's `x-graphql-csrf`). */
  headers?: Record<string, string> | undefined;
}

export interface FuzzCase {
  /** `envelope`: a malformed or unusual HTTP request rather than a random operation. */
  kind: 'entities' | 'document' | 'envelope';
  identity: FuzzIdentity;
  /** `Accept` header: GraphQL-over-HTTP's media type, or legacy JSON. */
  accept: string;
  /** The operation, for `entities` and `document` cases. */
  request?: FuzzRequest | undefined;
  http: FuzzHttp;
  /** The client hangs up this many ms after sending (the gateway must not care). */
  abortAfterMs?: number | undefined;
}

const JSON_TYPE = 'application/json';

/** A request GraphQL-over-HTTP says to refuse, or one at the edges of what it allows. */
export function randomEnvelope(random: Random, schema: GraphQLSchema, seeds: FuzzSeeds): FuzzHttp {
  const { query, variables } = randomDocument(random, schema, seeds);
  const post = (body: string, contentType: string = JSON_TYPE): FuzzHttp => ({
    method: 'POST',
    search: '',
    contentType,
    body,
  });
  const get = (params: Record<string, string>): FuzzHttp => ({
    method: 'GET',
    search: `?${new URLSearchParams(params)}`,
    // Mostly past CSRF prevention, so that the parameters are parsed.
    ...(random.chance(0.7) ? { headers: { 'x-graphql-csrf': '1' } } : {}),
  });
  switch (random.int(0, 17)) {
    case 0:
      return post('{"query": ');
    case 1:
      return post(random.pick(['[]', '"x"', '42', 'null', 'true', '{}']));
    case 2:
      return post(JSON.stringify({ query: random.pick([42, null, ['{ __typename }'], {}]) }));
    case 3:
      return post(JSON.stringify({ query, variables: random.pick(['x', 5, [], true]) }));
    case 4:
      return post(JSON.stringify({ query, variables, operationName: 'NoSuchOperation' }));
    case 5:
      return post(JSON.stringify({ query: `${query}\nquery Second { __typename }`, variables }));
    case 6:
      return post(JSON.stringify([{ query }, { query: '{ __typename }' }]));
    case 7:
      return post(query, random.pick(['text/plain', 'application/graphql', 'multipart/form-data']));
    case 8:
      return post(JSON.stringify({ query, variables }), 'application/x-www-form-urlencoded');
    case 9:
      return get({ query, variables: JSON.stringify(variables) });
    case 10:
      return get({ query: 'mutation { __typename }' });
    case 11:
      return get({ query, variables: '{not json' });
    case 12: {
      // Deep documents: past the depth limit, and deep enough to overflow a recursive parser.
      const levels = random.pick([30, 3000]);
      return post(
        JSON.stringify({
          query: random.pick([
            `{ ${'organizations { nodes { '.repeat(levels)}slug${' } }'.repeat(levels)} }`,
            `{ _entities(representations: [${'['.repeat(levels)}1${']'.repeat(levels)}]) { __typename } }`,
            `{ organization(slug: "acme") ${'{ slug '.repeat(levels)}${'}'.repeat(levels)} }`,
          ]),
        }),
      );
    }
    case 13:
      return post(
        JSON.stringify({
          query: `{ ${Array.from({ length: 6000 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
        }),
      );
    case 14:
      return post(
        JSON.stringify({
          query,
          variables,
          extensions: random.pick([{ persistedQuery: { version: 1, sha256Hash: 'x' } }, 'x', [1]]),
        }),
      );
    case 15:
      return post(
        JSON.stringify({
          query: random.pick([
            '',
            '{',
            '}',
            'query',
            '{ ...F }',
            'subscription { __typename }',
            '\u0000',
          ]),
        }),
      );
    case 16:
      return post('');
    default:
      return post(
        JSON.stringify({ query: '{ __typename }', variables }),
        `${JSON_TYPE}; charset=latin1`,
      );
  }
}

/** The `index`-th case of the run seeded `seed`: the same case for the same arguments. */
export function fuzzCase(
  seed: number,
  index: number,
  schema: GraphQLSchema,
  seeds: FuzzSeeds,
): FuzzCase {
  const random = new Random(seed * 1_000_003 + index);
  const draw = random.next();
  const kind = draw < 0.65 ? 'entities' : draw < 0.95 ? 'document' : 'envelope';
  const identity = random.pick<FuzzIdentity>([
    'valid',
    'valid',
    'valid',
    'limited',
    'bad',
    'none',
    'malformed',
  ]);
  const accept = random.pick([
    'application/graphql-response+json',
    'application/json',
    'application/graphql-response+json, application/json;q=0.9',
  ]);
  const abortAfterMs = random.chance(0.05) ? random.int(0, 40) : undefined;
  if (kind === 'envelope') {
    return { kind, identity, accept, abortAfterMs, http: randomEnvelope(random, schema, seeds) };
  }
  const request =
    kind === 'entities'
      ? randomEntitiesRequest(random, schema, seeds)
      : randomDocument(random, schema, seeds);
  return {
    kind,
    identity,
    accept,
    abortAfterMs,
    request,
    http: { method: 'POST', search: '', contentType: JSON_TYPE, body: JSON.stringify(request) },
  };
}
