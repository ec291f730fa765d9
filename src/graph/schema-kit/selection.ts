/** Reading a resolver's own selection, to pick the cheapest Sentry call that answers it. */
import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  Kind,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

/** What the selection readers need of a resolver's info: its field nodes and the fragments. */
export type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * Names of the fields selected on the items of a connection field (`edges { node { … } }` and
 * `nodes { … }`), through fragments. `@skip`/`@include` are ignored: at worst this over-fetches.
 */
export function connectionNodeFields(info: SelectionInfo): Set<string> {
  const names = new Set<string>();
  for (const fieldNode of info.fieldNodes) {
    eachField(fieldNode.selectionSet, info, (field) => {
      if (field.name.value === 'nodes') {
        eachField(field.selectionSet, info, (item) => names.add(item.name.value));
      } else if (field.name.value === 'edges') {
        eachField(field.selectionSet, info, (edge) => {
          if (edge.name.value === 'node') {
            eachField(edge.selectionSet, info, (item) => names.add(item.name.value));
          }
        });
      }
    });
  }
  return names;
}

function eachField(
  set: SelectionSetNode | undefined,
  info: SelectionInfo,
  visit: (field: { name: { value: string }; selectionSet?: SelectionSetNode | undefined }) => void,
  seen: Set<string> = new Set(),
) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      eachField(selection.selectionSet, info, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      eachField(info.fragments[selection.name.value]?.selectionSet, info, visit, seen);
    }
  }
}

/**
 * The fields the executor will resolve on the object a resolver returns, when that object is of
 * `type`: by response key (alias or name), each with all its nodes, as `graphql` collects them
 * (`@skip`/`@include` and type conditions honoured), so that a child's arguments and selection
 * can be read before the child runs.
 */
export function childFields(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema' | 'variableValues'>,
  type: GraphQLObjectType,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.['if'] !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.['if'] !== false;
  const applies = (condition: NamedTypeNode | undefined) => {
    if (!condition) return true;
    const named = info.schema.getType(condition.name.value);
    return named === type || (isAbstractType(named) && info.schema.isSubType(named, type));
  };
  const seen = new Set<string>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = fields.get(key);
        if (nodes) nodes.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition)) collect(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition)) collect(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return fields;
}
