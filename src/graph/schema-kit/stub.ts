/**
 * Stubs: what a parent body already embeds of a child (an issue's `project {id slug name}`).
 * A field the stub carries resolves from it without a call; any other field loads the full
 * object through the child's loader, so the fetch happens only when a query asks for more.
 */

/** The embedded part of a `Typename` object, marked so resolvers can tell it from a full one. */
export type Stub<Typename extends string, T> = T & { readonly stubOf: Typename };

export function isStub<T extends object>(value: T): value is Extract<T, { stubOf: string }> {
  return 'stubOf' in value;
}

/** A loader's result, known to be full: loaders never return stubs. */
export function full<T extends object>(value: T): Exclude<T, { stubOf: string }> {
  if (isStub(value)) throw new Error(`A loader returned a stub of ${value.stubOf}`);
  return value as Exclude<T, { stubOf: string }>;
}

/** A full body now (the parent was one) or once its loader has it. */
export type Loaded<T> = T | Promise<T>;

/**
 * `read(body)`, at once when the body is at hand: a field of a parent that is already full (or
 * whose stub carries it) resolves without a promise, so a page of 25 rows makes no promise per
 * field for graphql-js to wait on (issue 16: promises and GC were a fifth of a list's CPU).
 */
export function pick<T, R>(body: Loaded<T>, read: (body: T) => R): R | Promise<R> {
  return body instanceof Promise ? body.then(read) : read(body);
}
