/** Errors the store and its searches raise; the server turns them into Sentry's 400s. */

/** A request the store cannot apply; `field` names the body field for a 400 field error. */
export class StoreError extends Error {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'StoreError';
    this.field = field;
  }
}

/** A search Sentry refuses; the message is the 400's `detail`. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryError';
  }
}
