/** End users as events and the project user list show them. */
import type { SentryEventUser, SentryProjectUser } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { iso } from '../../data/time.ts';
import type { EventRecord } from '../events/record.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { EventUser } from './record.ts';

export function eventUserBody(org: OrgData, event: EventRecord): SentryEventUser | null {
  const user = org.eventUsers[event.user];
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    ip_address: user.ipAddress,
    name: user.name,
    geo: geoOf(user),
    data: null,
  };
}

const GEOS = [
  { country_code: 'US', city: 'San Francisco', region: 'United States' },
  { country_code: 'DE', city: 'Berlin', region: 'Germany' },
  { country_code: 'GB', city: 'London', region: 'United Kingdom' },
  { country_code: 'BR', city: 'São Paulo', region: 'Brazil' },
  { country_code: 'JP', city: 'Tokyo', region: 'Japan' },
  { country_code: 'IN', city: 'Bengaluru', region: 'India' },
];

const geoOf = (user: EventUser): Record<string, string> =>
  GEOS[Number(user.id) % GEOS.length] as Record<string, string>;

/** Per `eventUsers` array: id → index of its first user with that id, and the array's length. */
const eventUserIndex = new WeakMap<EventUser[], { length: number; byId: Map<string, number> }>();

export function findEventUser(users: EventUser[], id: string): EventUser | undefined {
  let index = eventUserIndex.get(users);
  if (index === undefined || index.length !== users.length) {
    const byId = new Map<string, number>();
    users.forEach((user, i) => {
      if (!byId.has(user.id)) byId.set(user.id, i);
    });
    index = { length: users.length, byId };
    eventUserIndex.set(users, index);
  }
  const at = index.byId.get(id);
  const user = at === undefined ? undefined : users[at];
  // The index is a shortcut only: a changed array answers by a scan.
  return user?.id === id ? user : users.find((candidate) => candidate.id === id);
}

/** `GET /projects/{org}/{project}/users/`: the end users seen in the project, newest first. */
export function projectUsers(data: LocalData, project: ProjectRecord): SentryProjectUser[] {
  const org = data.organizations.get(project.org) as OrgData;
  const firstSeen = new Map<number, number>();
  for (const event of project.events) {
    const seen = firstSeen.get(event.user);
    if (seen === undefined || event.timestamp < seen) firstSeen.set(event.user, event.timestamp);
  }
  return [...firstSeen.entries()]
    .sort(([ua, a], [ub, b]) => b - a || ua - ub)
    .flatMap(([index, at]) => {
      const user = org.eventUsers[index];
      if (!user) return [];
      return [
        {
          id: user.id,
          tagValue: `id:${user.id}`,
          identifier: user.id,
          username: user.username,
          email: user.email,
          name: user.name,
          ipAddress: user.ipAddress,
          avatarUrl: `https://gravatar.com/avatar/${hash32(user.email).toString(16)}?s=32&d=mm`,
          hash: new Random(hash32(project.wire.id, user.id)).hex(32),
          dateCreated: iso(at),
        },
      ];
    });
}
