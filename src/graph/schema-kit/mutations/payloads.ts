/**
 * What every mutation shares besides its own input and call: the auth scope, and the payload
 * types: the object Sentry stored, or the id of the object Sentry deleted, each with
 * `userErrors`.
 */
import type { FieldMap, ObjectRef, OutputShape, OutputType } from '@pothos/core';
import { type BuilderTypes, type UserErrorShape, userErrorsField } from './user-errors.ts';

/** Every mutation needs a token: without one it is UNAUTHENTICATED before any call. */
export const MUTATION_SCOPES = { authenticated: true } as const;

/** The field builder of a mutation's input type, for helpers that add shared input fields. */
export type InputFields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** The field builder of a payload of `Shape`, for helpers that add shared payload fields. */
export type PayloadFields<Shape> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Shape>;

/**
 * The options of the payload type of `mutation`: "The result of `mutation`.", its own `fields`,
 * then `userErrors`.
 */
export function payload<Shape extends { userErrors: UserErrorShape[] }>(
  mutation: string,
  fields: (t: PayloadFields<Shape>) => FieldMap,
) {
  return {
    description: `The result of \`${mutation}\`.`,
    outputFields: (t: PayloadFields<Shape>) => ({ ...fields(t), userErrors: userErrorsField(t) }),
  };
}

/** A payload of one written object under `Field` (null when `userErrors` says why). */
export type StoredPayload<Field extends string, Shape> = { [K in Field]: Shape | null } & {
  userErrors: UserErrorShape[];
};

/**
 * The payload of `mutation` that returns the object it wrote, as `field`: "The `what` as Sentry
 * stored it; null when `userErrors` says why."
 */
export function storedPayload<Field extends string, Type extends OutputType<BuilderTypes>>(
  mutation: string,
  field: Field,
  type: Type,
  what: string,
) {
  return payload<StoredPayload<Field, OutputShape<BuilderTypes, Type>>>(mutation, (t) => {
    // Pothos cannot check a field of a type parameter; the payload's type above is checked.
    const fields = t as unknown as PayloadFields<Record<string, unknown>>;
    return {
      [field]: fields.field({
        type: type as unknown as ObjectRef<BuilderTypes, unknown>,
        nullable: true,
        description: `The ${what} as Sentry stored it; null when \`userErrors\` says why.`,
        resolve: (stored) => stored[field],
      }),
    };
  });
}

/** A payload of the global id (or ids) of what a mutation deleted, under `Field`. */
export type DeletedPayload<Field extends string, Id extends string | string[] = string> = {
  [K in Field]: Id | null;
} & { userErrors: UserErrorShape[] };

/** The payload of `mutation` that returns the global id of what it deleted, as `field`. */
export function deletedPayload<Field extends string>(
  mutation: string,
  field: Field,
  description: string,
) {
  return payload<DeletedPayload<Field>>(mutation, (t) => ({
    [field]: t.id({ nullable: true, description, resolve: (ids): string | null => ids[field] }),
  }));
}

/** `deletedPayload` for a mutation that deletes a list of objects. */
export function deletedListPayload<Field extends string>(
  mutation: string,
  field: Field,
  description: string,
) {
  return payload<DeletedPayload<Field, string[]>>(mutation, (t) => ({
    [field]: t.idList({
      nullable: true,
      description,
      resolve: (ids): string[] | null => ids[field],
    }),
  }));
}
