/**
 * Seeded client keys: every project has its Default key, a quarter of them a rate-limited CI key.
 */
import type { OrgData } from '../../data/model.ts';
import { DAY, iso } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildProjectKey } from './build.ts';

export function generateProjectKeys({ data, rng }: Seeding, org: OrgData, project: ProjectRecord) {
  const now = data.now;
  project.keys.push({
    org: org.slug,
    projectId: project.wire.id,
    wire: buildProjectKey({
      publicKey: rng.hex(32),
      secretKey: rng.hex(32),
      name: 'Default',
      orgId: org.wire.id,
      projectId: project.wire.id,
      dateCreated: project.wire.dateCreated,
    }),
  });
  if (rng.chance(0.25)) {
    project.keys.push({
      org: org.slug,
      projectId: project.wire.id,
      wire: buildProjectKey({
        publicKey: rng.hex(32),
        secretKey: rng.hex(32),
        name: 'CI',
        orgId: org.wire.id,
        projectId: project.wire.id,
        dateCreated: iso(now - rng.int(30, 200) * DAY),
        rateLimit: { window: 60, count: 1000 },
      }),
    });
  }
}
