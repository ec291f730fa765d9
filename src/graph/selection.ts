/** Reading a resolver's own selection, to pick the cheapest Sentry call that answers it. */
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected on the items of a connection field (`edges { node { … } }` and
 * `nodes { … }`), through fragments. `@skip`/`@include` are ignored: at worst this over-fetches.
 */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
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
  info: GraphQLResolveInfo,
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
