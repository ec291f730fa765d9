/** A seeded organization, with nothing in it yet. */
import type { OrgData } from '../../data/model.ts';
import { iso } from '../../data/time.ts';
import type { OrgSpec } from '../../data/world.ts';
import { buildOrganization } from './build.ts';

export function generateOrganization(spec: OrgSpec, created: number): OrgData {
  return {
    slug: spec.slug,
    wire: buildOrganization({
      id: spec.id,
      slug: spec.slug,
      name: spec.name,
      dateCreated: iso(created),
    }),
    projects: [],
    projectsBySlug: new Map(),
    teams: [],
    teamsBySlug: new Map(),
    teamsById: new Map(),
    members: [],
    membersById: new Map(),
    issues: [],
    issuesByShortId: new Map(),
    events: [],
    releases: [],
    releasesByVersion: new Map(),
    repositories: [],
    repositoriesById: new Map(),
    eventUsers: [],
    environments: [],
    monitors: [],
    replays: [],
    alertRules: [],
  };
}
