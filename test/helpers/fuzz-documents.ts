/** Fuzz documents: random valid operations over the schema, and random `_entities` requests. */

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
import type { Random } from './fuzz-random.ts';
import { type FuzzSeeds, randomRepresentations, randomString } from './fuzz-representations.ts';

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
