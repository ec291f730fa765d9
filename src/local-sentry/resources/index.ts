/**
 * Every Sentry route the local server answers, one list per resource. Each folder here is one
 * resource: its records, seeded generation, search, wire bodies and routes (a folder's index.ts
 * says what it owns). Adding a resource is adding a folder and a line below.
 */
import type { RouteDef } from '../http/context.ts';
import { alertRuleRoutes } from './alert-rules/index.ts';
import { appInstallationRoutes } from './app-installations/index.ts';
import { chunkUploadRoutes } from './chunk-upload/index.ts';
import { debugFileRoutes } from './debug-files/index.ts';
import { environmentRoutes } from './environments/index.ts';
import { eventUserRoutes } from './event-users/index.ts';
import { eventRoutes } from './events/index.ts';
import { hookRoutes } from './hooks/index.ts';
import { ingestRoutes } from './ingest/index.ts';
import { integrationRoutes } from './integrations/index.ts';
import { issueRoutes } from './issues/index.ts';
import { keyRoutes } from './keys/index.ts';
import { memberRoutes } from './members/index.ts';
import { monitorRoutes } from './monitors/index.ts';
import { organizationRoutes } from './organizations/index.ts';
import { orglessRoutes } from './orgless/index.ts';
import { projectRoutes } from './projects/index.ts';
import { releaseFileRoutes } from './release-files/index.ts';
import { releaseRoutes } from './releases/index.ts';
import { replayRoutes } from './replays/index.ts';
import { scimRoutes } from './scim/index.ts';
import { sessionRoutes } from './sessions/index.ts';
import { statsRoutes } from './stats/index.ts';
import { tagRoutes } from './tags/index.ts';
import { teamRoutes } from './teams/index.ts';
import { userFeedbackRoutes } from './user-feedback/index.ts';
import { userRoutes } from './users/index.ts';

export const sentryRoutes = (): RouteDef[] => [
  ...organizationRoutes(),
  ...memberRoutes(),
  ...userRoutes(),
  ...teamRoutes(),
  ...projectRoutes(),
  ...keyRoutes(),
  ...hookRoutes(),
  ...userFeedbackRoutes(),
  ...eventUserRoutes(),
  ...issueRoutes(),
  ...eventRoutes(),
  ...tagRoutes(),
  ...releaseRoutes(),
  ...sessionRoutes(),
  ...monitorRoutes(),
  ...environmentRoutes(),
  ...integrationRoutes(),
  ...replayRoutes(),
  ...ingestRoutes(),
  ...scimRoutes(),
  ...appInstallationRoutes(),
  ...orglessRoutes(),
  ...releaseFileRoutes(),
  ...debugFileRoutes(),
  ...chunkUploadRoutes(),
  ...alertRuleRoutes(),
  ...statsRoutes(),
];
