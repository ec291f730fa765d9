/** Every Sentry route the local server answers, in the order of Sentry's API reference. */
import type { RouteDef } from './context.ts';
import { sessionRoutes } from './sessions.ts';

export const sentryRoutes = (): RouteDef[] => [...sessionRoutes()];
