/**
 * Expected failures of mutations, returned as data (`userErrors`): input refused before any
 * request is sent, and Sentry's own 400/404/409 answers to a write. Infrastructure failures
 * (401, 403, 429, 5xx, resets) are thrown unchanged and mapped by mask-error.ts.
 */
import {
  type SentryApiError,
  SentryBadRequestError,
  SentryNotFoundError,
} from '../../../sentry/http/errors.ts';
import { builder } from '../builder.ts';
import { decodeGlobalId } from '../global-id.ts';

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why a mutation refused its input. Nothing was written when one of these is set.',
  values: {
    INVALID_ID: { description: 'Not a global id this API issued (malformed or forged).' },
    WRONG_TYPE: {
      description: 'A global id of another type, e.g. a `Project` id where an `Issue` id belongs.',
    },
    WRONG_ORGANIZATION: {
      description: 'Ids of different organizations where one organization is required.',
    },
    DIFFERENT_PROJECTS: {
      description: 'Issues of different projects where Sentry requires one project.',
    },
    EMPTY_LIST: { description: 'A list that must not be empty is empty.' },
    TOO_FEW: { description: 'A list has fewer items than the mutation needs.' },
    TOO_MANY: { description: 'A list has more items than one mutation accepts.' },
    INVALID_VALUE: { description: 'A value is out of range or badly formed.' },
    CONFLICTING_FIELDS: {
      description:
        'Fields that cannot go together, e.g. `statusDetails` without the status they belong to.',
    },
    MISSING_FIELD: { description: 'A field this mutation needs (in this form) is missing.' },
    NOTHING_TO_CHANGE: { description: 'The input names no change to make.' },
    NOT_FOUND: { description: 'Sentry has no such object, or the token cannot see it.' },
    ALREADY_EXISTS: { description: 'Sentry already has an object with this name or slug.' },
    REJECTED: { description: 'Sentry refused the change (a 400 answer); see `message`.' },
  } as const,
});

export type UserErrorCodeValue = (typeof UserErrorCode)['$inferType'];

/** A path from the mutation's `input` argument down to the field at fault. */
export type FieldPath = readonly (string | number)[];

export interface UserErrorShape {
  field: string[] | null;
  message: string;
  code: UserErrorCodeValue;
}

export const UserError = builder.objectRef<UserErrorShape>('UserError').implement({
  description:
    'A problem with the input of a mutation that the caller can fix. The mutation wrote nothing when it reports one.',
  fields: (t) => ({
    field: t.stringList({
      nullable: true,
      description:
        'Path to the input field at fault, from the `input` argument: e.g. `["input", "ids", "2"]`. Null when the error is not about one field.',
      resolve: (error) => error.field,
    }),
    message: t.exposeString('message', { description: 'What is wrong, in English.' }),
    code: t.field({
      type: UserErrorCode,
      description: 'What kind of problem, for code to act on.',
      resolve: (error) => error.code,
    }),
  }),
});

/** The builder's type parameters, for helpers that take Pothos field builders. */
export type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The `userErrors` field every payload has. */
export function userErrorsField<Shape extends { userErrors: UserErrorShape[] }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Shape>,
) {
  return t.field({
    type: [UserError],
    description: 'Problems with the input; when there are any, nothing was written.',
    resolve: (payload) => payload.userErrors,
  });
}

/** Collects the user errors of one mutation call. */
export class UserErrors {
  readonly list: UserErrorShape[] = [];

  add(code: UserErrorCodeValue, message: string, field?: FieldPath | null): void {
    this.list.push({ code, message, field: field ? field.map(String) : null });
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

/** How a write's 400/404 answers become user errors. */
export interface WriteFailureOptions {
  /** The input field that names the target object; a 404 points at it. */
  target: FieldPath;
  /** e.g. "issue", for the NOT_FOUND message. */
  what: string;
  /** Sentry body field → input path, for Sentry's field-error maps (`{"slug": ["..."]}`). */
  fields?: Record<string, FieldPath>;
}

/**
 * Runs one Sentry call. A 400/409 (Sentry refusing the input) or a 404 (no such target) becomes a
 * user error and `undefined`; anything else (403, 429, 5xx, resets, timeouts) is rethrown for
 * maskError. The call is made once: writes are never retried.
 */
export async function attempt<T>(
  errors: UserErrors,
  options: WriteFailureOptions,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (!addSentryRefusal(errors, options, error)) throw error;
    return undefined;
  }
}

/** Adds the user errors for a refusal; false when `error` is not one (then it must be thrown). */
export function addSentryRefusal(
  errors: UserErrors,
  { target, what, fields = {} }: WriteFailureOptions,
  error: unknown,
): boolean {
  if (error instanceof SentryNotFoundError) {
    errors.add('NOT_FOUND', `Sentry has no such ${what} (or the token cannot see it).`, target);
    return true;
  }
  if (!(error instanceof SentryBadRequestError) || error.queryTimeout) return false;
  const code: UserErrorCodeValue = error.local
    ? 'INVALID_VALUE'
    : error.status === 409
      ? 'ALREADY_EXISTS'
      : 'REJECTED';
  const fieldErrors = Object.entries(error.fieldErrors ?? {});
  if (fieldErrors.length === 0) {
    errors.add(code, refusalMessage(error));
    return true;
  }
  for (const [name, messages] of fieldErrors) {
    const path = fields[name] ?? (isGeneral(name) ? null : ['input', name]);
    const already = messages.some((message) =>
      /already exist|already taken|already in use/i.test(message),
    );
    errors.add(already ? 'ALREADY_EXISTS' : code, messages.join(' '), path);
  }
  return true;
}

function isGeneral(name: string): boolean {
  return name === 'non_field_errors' || name === 'detail' || name === '__all__';
}

function refusalMessage(error: SentryApiError): string {
  const { detail } = error;
  if (typeof detail === 'string' && detail !== '') return detail;
  if (typeof detail === 'object' && detail !== null && 'message' in detail) {
    const message = (detail as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return error.message;
}

/** An `a`/`an` phrase for a type name, for messages: "an Issue". */
function withArticle(typename: string): string {
  return /^[AEIOU]/.test(typename) ? `an ${typename}` : `a ${typename}`;
}

/**
 * Reads a global id of one of the `parsers`' types and returns the parsed loader key with its
 * type. A malformed id, an id of another type, or an invalid key adds a user error instead.
 */
export function readId<T>(
  errors: UserErrors,
  field: FieldPath,
  globalId: string,
  parsers: Record<string, (id: string) => T>,
): { typename: string; key: T } | undefined {
  const expected = Object.keys(parsers);
  const wanted = expected.map(withArticle).join(' or ');
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    errors.add('INVALID_ID', `Not a valid global id: expected ${wanted} id.`, field);
    return undefined;
  }
  const parse = Object.hasOwn(parsers, decoded.typename) ? parsers[decoded.typename] : undefined;
  if (!parse) {
    errors.add(
      'WRONG_TYPE',
      `Expected ${wanted} id, got ${withArticle(decoded.typename)} id.`,
      field,
    );
    return undefined;
  }
  try {
    return { typename: decoded.typename, key: parse(decoded.id) };
  } catch (error) {
    if (!(error instanceof SentryBadRequestError)) throw error;
    errors.add('INVALID_ID', `Not a valid ${wanted} id.`, field);
    return undefined;
  }
}

/** `readId` for a single type. */
export function readIdOf<T>(
  errors: UserErrors,
  field: FieldPath,
  globalId: string,
  typename: string,
  parse: (id: string) => T,
): T | undefined {
  return readId(errors, field, globalId, { [typename]: parse })?.key;
}
