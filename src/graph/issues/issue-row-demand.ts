/**
 * Which optional parts of Sentry's issue bodies the operation reads. Issues loaded by id
 * (`group=` lookups) collapse `stats`, `lifetime` and `filtered` unless the operation selects them
 * somewhere on an `Issue`; the detail body adds inbox, owners, linked issues and the attachments
 * flag only when `expand=` names them. Known from the document before the first loader runs,
 * since every root field notes it before resolving.
 */
import { createContextCache } from '@pothos/core';
import {
  type DocumentNode,
  defaultFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Context } from '../../context.ts';
import type { IssueDetailPart, IssueRowPart } from '../../sentry/issues.ts';
import {
  type IssueSeriesPlan,
  issueSeriesSources,
  type PeriodSource,
  planIssueSeries,
  seriesOfSources,
} from '../schema-kit/issue-series.ts';

type Part = IssueRowPart | IssueDetailPart;

/** `Issue` fields → the body part each reads. */
const PARTS: Record<string, Part> = {
  stats: 'stats',
  lifetime: 'lifetime',
  filtered: 'filtered',
  inbox: 'inbox',
  owners: 'owners',
  integrationIssues: 'integrationIssues',
  sentryAppIssues: 'sentryAppIssues',
  latestEventHasAttachments: 'latestEventHasAttachments',
};
const ROW_PARTS = new Set<Part>(['stats', 'lifetime', 'filtered']);

const demand = createContextCache(() => ({
  parts: undefined as Part[] | undefined,
  series: undefined as IssueSeriesPlan | undefined,
}));

/** The row parts this request's operation reads (none before a root field has run). */
export function issueRowDemand(context: Context): IssueRowPart[] {
  return (demand(context).parts ?? []).filter((part) => ROW_PARTS.has(part)) as IssueRowPart[];
}

/**
 * The series this request's lists and lookups ask Sentry to embed (`groupStatsPeriod`), from the
 * `Issue.stats` periods the operation reads.
 */
export function issueSeriesPlan(context: Context): IssueSeriesPlan {
  return demand(context).series ?? planIssueSeries(new Set());
}

/**
 * `groupStatsPeriod` for an issue list (`list`) or a `group=` lookup (`lookup`) of this request:
 * absent when rows need no series or Sentry's default (24h) is the one.
 */
export function issueSeriesParam(
  context: Context,
  kind: keyof IssueSeriesPlan,
): { groupStatsPeriod?: '14d' | 'auto' } {
  if (!issueRowDemand(context).includes('stats')) return {};
  const period = issueSeriesPlan(context)[kind];
  return period === '24h' ? {} : { groupStatsPeriod: period };
}

/** The detail parts this request's operation reads, for `expand=`. */
export function issueDetailDemand(context: Context): IssueDetailPart[] {
  return (demand(context).parts ?? []).filter((part) => !ROW_PARTS.has(part)) as IssueDetailPart[];
}

/**
 * What an operation's document says, kept per operation node: Yoga's parse cache hands the same
 * document to every request of the same text, so the walks run once per document, not per request.
 */
const byOperation = new WeakMap<
  OperationDefinitionNode,
  { parts: Part[]; sources: PeriodSource[] }
>();

function documentFacts(info: GraphQLResolveInfo) {
  let facts = byOperation.get(info.operation);
  if (!facts) {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [info.operation, ...Object.values(info.fragments)],
    };
    facts = { parts: partsOf(info), sources: issueSeriesSources(document, info.schema) };
    byOperation.set(info.operation, facts);
  }
  return facts;
}

function partsOf(info: GraphQLResolveInfo): Part[] {
  const found = new Set<Part>();
  const typeInfo = new TypeInfo(info.schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    [Kind.FIELD]() {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || getNamedType(parent).name !== 'Issue') return;
      const part = PARTS[field.name];
      if (part) found.add(part);
    },
  });
  visit(info.operation, visitor);
  for (const fragment of Object.values(info.fragments)) visit(fragment, visitor);
  return [...found].sort();
}

/** Wraps the root fields so that the first one to run notes the operation's demand. */
export function withIssueRowDemand(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!isObjectType(root)) continue;
    for (const field of Object.values(root.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent: unknown, args, context: Context, info) => {
        const state = demand(context);
        if (!state.parts) {
          const facts = documentFacts(info);
          state.parts = facts.parts;
          state.series = planIssueSeries(seriesOfSources(facts.sources, info.variableValues));
        }
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
