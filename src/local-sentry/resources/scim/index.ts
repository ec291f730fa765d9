/**
 * SCIM v2 provisioning (`/organizations/{org}/scim/v2/Users` and `.../Groups`, without a trailing
 * slash as Sentry serves them): members as SCIM Users, teams as SCIM Groups, SCIM's list envelope,
 * PatchOp, error bodies and content type. The records are the members' and teams' own, so a
 * deprovisioned user is gone from the member list and a group is a team. This folder owns the
 * SCIM bodies and routes.
 */
import type { RouteDef } from '../../http/context.ts';
import { scimGroupRoutes } from './groups.ts';
import { scimUserRoutes } from './users.ts';

export const scimRoutes = (): RouteDef[] => [...scimUserRoutes(), ...scimGroupRoutes()];
