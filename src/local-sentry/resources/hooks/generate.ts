/** Seeded service hooks: every third project of an organization posts its events somewhere. */
import type { OrgData } from '../../data/model.ts';
import { nextId } from '../../data/store.ts';
import { DAY, iso } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildServiceHook } from './store.ts';

/** The hooks of the organization's `p`-th project, on the organization's `domain`. */
export function generateServiceHooks(
  { data, rng }: Seeding,
  org: OrgData,
  project: ProjectRecord,
  { p, domain }: { p: number; domain: string },
): void {
  if (p % 3 !== 0) return;
  project.hooks.push({
    org: org.slug,
    projectId: project.wire.id,
    wire: buildServiceHook({
      id: nextId(data, 'hook'),
      url: `https://hooks.${domain}/sentry/${project.wire.slug}`,
      events: ['event.alert', 'event.created'],
      secret: rng.hex(64),
      dateCreated: iso(data.now - rng.int(20, 300) * DAY),
    }),
  });
}
