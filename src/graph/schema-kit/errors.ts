/** Errors the graph raises itself (bad arguments); upstream failures are mapped in mask-error.ts. */
import { GraphQLError } from 'graphql';

/** An argument the gateway refuses before any request is sent. */
export function badUserInput(
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}
