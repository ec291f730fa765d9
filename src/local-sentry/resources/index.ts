/** Every Sentry route the local server answers. */
import type { RouteDef } from '../http/context.ts';
import { eventRoutes } from './events/index.ts';
import { issueRoutes } from './issues/index.ts';
import { organizationRoutes } from './organizations/index.ts';
import { projectRoutes } from './projects/index.ts';
import { releaseRoutes } from './releases/index.ts';
import { sessionRoutes } from './sessions/index.ts';
import { teamRoutes } from './teams/index.ts';

export const sentryRoutes = (): RouteDef[] => [
  ...organizationRoutes(),
  ...teamRoutes(),
  ...projectRoutes(),
  ...issueRoutes(),
  ...eventRoutes(),
  ...releaseRoutes(),
  ...sessionRoutes(),
];
