/** Process entry for `sentry-graphql serve`: config → (embedded Sentry) → listen → signals. */

/** Options of `sentry-graphql serve`, after the CLI has parsed and validated them. */
export interface ServeOptions {
  /** @default 4000 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /** Upstream Sentry base URL; undefined starts the embedded server. */
  upstream?: string;
  /** Server-wide token, used only when a request carries none. */
  token?: string;
  /** Scale of the embedded server's data. @default 'medium' */
  scale?: 'small' | 'medium' | 'large';
}

export async function runServe(_options: ServeOptions): Promise<void> {
  throw new Error('serve is not implemented yet');
}
