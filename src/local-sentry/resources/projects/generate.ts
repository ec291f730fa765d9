/** A seeded project of an organization (its keys, hooks and releases come from their resources). */
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId } from '../../data/store.ts';
import { DAY, iso } from '../../data/time.ts';
import type { ProjectSpec } from '../../data/world.ts';
import { teamRef } from '../teams/build.ts';
import { teamsOf } from '../teams/store.ts';
import { buildProject, projectRecord } from './build.ts';
import type { ProjectRecord } from './record.ts';
import { indexProject } from './store.ts';

/**
 * The `p`-th project of the organization, five days after the one before; the first is bookmarked.
 */
export function generateProject(
  data: LocalData,
  org: OrgData,
  spec: ProjectSpec,
  p: number,
  created: number,
): ProjectRecord {
  const teams = teamsOf(org, spec.teams);
  const project = projectRecord(
    org,
    buildProject({
      id: nextId(data, 'project'),
      slug: spec.slug,
      name: spec.name,
      platform: spec.platform,
      dateCreated: iso(created + (10 + p * 5) * DAY),
      teams: teams.map((team) => teamRef(team.wire)),
    }),
    teams.map((team) => team.wire.slug),
  );
  project.wire.isBookmarked = p === 0;
  indexProject(data, org, project);
  return project;
}
