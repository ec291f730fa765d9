/**
 * A seeded issue's events: the first at its first sighting, the last at its last, the rest between.
 */
import type { OrgData } from '../../data/model.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import type { Seeding } from '../../data/world.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { EventRecord } from './record.ts';
import { newestFirst } from './store.ts';

/** Where and when an issue happens, as its events need it. */
export interface EventWindow {
  org: OrgData;
  project: ProjectRecord;
  template: ErrorTemplate;
  firstSeen: number;
  lastSeen: number;
  productionOnly: boolean;
}

/** `count` events of the issue `issueId`, newest first, seen by a share of the end users. */
export function generateIssueEvents(
  { rng }: Seeding,
  { org, project, template, firstSeen, lastSeen, productionOnly }: EventWindow,
  {
    issueId,
    count: eventCount,
    releaseAt,
  }: {
    issueId: string;
    count: number;
    /** The release the project ran at a time. */
    releaseAt: (projectId: string, timestamp: number) => string | null;
  },
): EventRecord[] {
  const affected = Math.max(
    1,
    Math.min(org.eventUsers.length, Math.ceil(eventCount * (0.3 + rng.float() * 0.5))),
  );
  const userOffset = rng.int(0, org.eventUsers.length - 1);
  const events: EventRecord[] = [];
  for (let e = 0; e < eventCount; e++) {
    const timestamp =
      e === 0
        ? firstSeen
        : e === eventCount - 1
          ? lastSeen
          : firstSeen + Math.floor(rng.float() * (lastSeen - firstSeen));
    const environment = productionOnly ? 'production' : rng.chance(0.8) ? 'production' : 'staging';
    const event: EventRecord = {
      id: rng.hex(32),
      issueId,
      projectId: project.wire.id,
      org: org.slug,
      timestamp,
      release: releaseAt(project.wire.id, timestamp),
      environment,
      level: rng.chance(0.9) ? template.level : 'error',
      user: (userOffset + rng.int(0, affected - 1)) % org.eventUsers.length,
      seed: rng.uint32(),
    };
    events.push(event);
  }
  return events.sort(newestFirst);
}
