/** Every Sentry route the local server answers. */
import type { RouteDef } from './context.ts';
import { eventRoutes } from './events.ts';
import { issueRoutes } from './issues.ts';
import { organizationRoutes } from './organizations.ts';
import { projectRoutes } from './projects.ts';
import { releaseRoutes } from './releases.ts';
import { sessionRoutes } from './sessions.ts';
import { teamRoutes } from './teams.ts';

export const sentryRoutes = (): RouteDef[] => [
  ...organizationRoutes(),
  ...teamRoutes(),
  ...projectRoutes(),
  ...issueRoutes(),
  ...eventRoutes(),
  ...releaseRoutes(),
  ...sessionRoutes(),
];
