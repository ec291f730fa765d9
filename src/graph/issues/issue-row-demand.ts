/**
 * Which collapsible parts of an issue row (`stats`, `lifetime`, `filtered`) the operation reads.
 * Issues loaded by id (`group=` lookups) collapse them unless the operation selects them
 * somewhere on an `Issue`: known from the document before the first loader runs, since every
 * root field notes it before resolving.
 */
import { createContextCache } from '@pothos/core';
import {
  defaultFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Context } from '../../context.ts';
import type { IssueRowPart } from '../../sentry/issues.ts';

/** `Issue` fields → the row part each reads. */
const PARTS: Record<string, IssueRowPart> = {
  stats: 'stats',
  lifetime: 'lifetime',
  filtered: 'filtered',
};

const demand = createContextCache(() => ({ parts: undefined as IssueRowPart[] | undefined }));

/** The row parts this request's operation reads (none before a root field has run). */
export function issueRowDemand(context: Context): readonly IssueRowPart[] {
  return demand(context).parts ?? [];
}

function partsOf(info: GraphQLResolveInfo): IssueRowPart[] {
  const found = new Set<IssueRowPart>();
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
        state.parts ??= partsOf(info);
        return resolve(parent, args, context, info);
      };
    }
  }
  return schema;
}
