/**
 * Deletes: one Sentry call, made once, whose 404 or 400 becomes a user error; and the whole
 * mutation for the common case of deleting one object named by its global id.
 */
import type { Context } from '../../../context.ts';
import { builder } from '../builder.ts';
import { encodeGlobalId } from '../global-id.ts';
import { type DeletedPayload, deletedPayload, MUTATION_SCOPES } from './payloads.ts';
import { attempt, readIdOf, UserErrors, type WriteFailureOptions } from './user-errors.ts';

/**
 * Runs a delete once, through `attempt`: true when Sentry deleted it, false when a user error
 * says why not (other failures are thrown).
 */
export async function deleted(
  errors: UserErrors,
  options: WriteFailureOptions,
  call: () => Promise<unknown>,
): Promise<boolean> {
  const done = await attempt(errors, options, async () => {
    await call();
    return true;
  });
  return done === true;
}

export interface DeleteByIdOptions<Key extends string> {
  /** The type of the global id at `input.id`, e.g. `Team`. */
  typename: string;
  /** The loader key inside that global id, checked: throws BAD_USER_INPUT when malformed. */
  parse: (id: string) => Key;
  /** The input type's description, e.g. "The team to delete." */
  input: string;
  /** The `id` input field's description, e.g. "The `Team` to delete." */
  id: string;
  /** The mutation's description: what it deletes and its REST call. */
  description: string;
  /** For the NOT_FOUND message, e.g. "team". */
  what: string;
  /** The payload field with the deleted object's global id, and its description. */
  field: string;
  fieldDescription: string;
  /** The Sentry call. */
  remove: (context: Context, key: Key) => Promise<unknown>;
  /** Drops this request's cached copies of the object, whatever Sentry answered. */
  forget?: (context: Context, key: Key) => void;
}

/** Adds the mutation `name`, which deletes the object whose global id is `input.id`. */
export function deleteByIdMutation<Key extends string>(
  name: string,
  options: DeleteByIdOptions<Key>,
): void {
  const { typename, parse, what, field, remove, forget } = options;
  builder.relayMutationField(
    name,
    {
      description: options.input,
      inputFields: (t) => ({ id: t.id({ description: options.id }) }),
    },
    {
      description: options.description,
      nullable: true,
      authScopes: MUTATION_SCOPES,
      resolve: async (_root, { input }, context): Promise<DeletedPayload<string>> => {
        const errors = new UserErrors();
        const key = readIdOf(errors, ['input', 'id'], input.id, typename, parse);
        const done =
          key !== undefined &&
          (await deleted(errors, { target: ['input', 'id'], what }, () =>
            remove(context, key),
          ).finally(() => forget?.(context, key)));
        const id = done ? encodeGlobalId(typename, key) : null;
        return { [field]: id, userErrors: errors.list } as DeletedPayload<string>;
      },
    },
    deletedPayload(name, field, options.fieldDescription),
  );
}
