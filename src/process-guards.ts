/**
 * The last line of defence of `serve`: a promise rejection that nothing handled is logged, one
 * JSON line on stderr, instead of ending the process and every request in flight with it.
 * Root causes are fixed where they arise (the fuzz test runs its gateway without this guard, so
 * that any new one still kills it). What is left is a gap in @graphql-tools/executor 2.x: in a
 * list of non-null items, an item that fails synchronously abandons the promises of the items
 * before it, and if one of those later fails, its rejection has no handler.
 */
import { sanitise } from './sentry/http/errors.ts';

/** Installs the guard; the returned function removes it. */
export function installProcessGuards(
  log: (line: string) => void = (line) => console.error(line),
): () => void {
  const onUnhandledRejection = (reason: unknown) => {
    log(JSON.stringify({ level: 'error', event: 'unhandledRejection', ...describe(reason) }));
  };
  process.on('unhandledRejection', onUnhandledRejection);
  return () => {
    process.off('unhandledRejection', onUnhandledRejection);
  };
}

/** Name, code and a sanitised message (no token, one line, bounded): never the whole object. */
function describe(reason: unknown): Record<string, string> {
  if (!(reason instanceof Error)) return { message: sanitise(String(reason)) };
  const code = (reason as { code?: unknown }).code;
  return {
    name: reason.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: sanitise(reason.message),
  };
}
