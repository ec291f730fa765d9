/**
 * Checks of mutation input values that Sentry would refuse, made before any request so that a
 * refused input costs no upstream call. Each adds a user error and returns the value as given.
 */
import { checkEventId, checkSlug, checkVersion } from '../../../loaders/keys.ts';
import type { FieldPath, UserErrors } from './user-errors.ts';

/** Sentry's `MAX_VERSION_LENGTH`. */
const MAX_VERSION_LENGTH = 200;

function passes(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

export function checkSlugValue(
  errors: UserErrors,
  path: FieldPath,
  value: string,
  what: string,
): string {
  if (!passes(() => checkSlug(value))) {
    errors.add(
      'INVALID_VALUE',
      `Not a ${what} slug: letters, digits, "-" and "_", at most 100 characters.`,
      path,
    );
  }
  return value;
}

/** A version a new release may have (Sentry's `Release.is_valid_version`). */
export function checkNewVersion(errors: UserErrors, path: FieldPath, value: string): string {
  if (
    value === 'latest' ||
    value.length > MAX_VERSION_LENGTH ||
    !passes(() => checkVersion(value))
  ) {
    errors.add(
      'INVALID_VALUE',
      `Not a valid release version: 1 to ${MAX_VERSION_LENGTH} characters, no slashes, line breaks or surrounding spaces, not ".", ".." or "latest".`,
      path,
    );
  }
  return value;
}

export function checkVersionValue(errors: UserErrors, path: FieldPath, value: string): string {
  if (!passes(() => checkVersion(value)))
    errors.add('INVALID_VALUE', 'Not a release version.', path);
  return value;
}

export function checkText(
  errors: UserErrors,
  path: FieldPath,
  value: string,
  { max, required = false }: { max: number; required?: boolean },
): string {
  if (required && value.trim() === '') errors.add('INVALID_VALUE', 'Must not be empty.', path);
  else if (value.length > max) errors.add('INVALID_VALUE', `At most ${max} characters.`, path);
  return value;
}

/** An absolute http(s) URL. */
export function checkUrl(errors: UserErrors, path: FieldPath, value: string): string {
  let ok = value.length <= 2000;
  try {
    ok &&= ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) errors.add('INVALID_VALUE', 'Not an absolute http(s) URL.', path);
  return value;
}

export function checkEmail(errors: UserErrors, path: FieldPath, value: string): string {
  if (value.length > 200 || !/^[^\s@]+@[^\s@]+$/.test(value)) {
    errors.add('INVALID_VALUE', 'Not an email address.', path);
  }
  return value;
}

/** An environment name as Sentry accepts it: no spaces or slashes, at most 64 characters. */
export function checkEnvironment(errors: UserErrors, path: FieldPath, value: string): string {
  if (!/^[^\s/]{1,64}$/.test(value)) {
    errors.add(
      'INVALID_VALUE',
      'Not an environment name: 1 to 64 characters without spaces or slashes.',
      path,
    );
  }
  return value;
}

/** A 32-hex event id (dashes allowed); returns it normalised. */
export function checkEventIdValue(errors: UserErrors, path: FieldPath, value: string): string {
  try {
    return checkEventId(value);
  } catch {
    errors.add('INVALID_VALUE', 'Not an event id: 32 hexadecimal digits.', path);
    return value;
  }
}

/** Slugs of a list: each checked, duplicates dropped; an empty list is refused when `required`. */
export function checkSlugList(
  errors: UserErrors,
  path: FieldPath,
  values: readonly string[],
  { what, required }: { what: string; required: boolean },
): string[] {
  if (required && values.length === 0) {
    errors.add('EMPTY_LIST', `Name at least one ${what}.`, path);
  }
  values.forEach((value, index) => {
    checkSlugValue(errors, [...path, index], value, what);
  });
  return [...new Set(values)];
}
