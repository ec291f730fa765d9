/** Seeded end users of an organization's applications (the `user` events are reported for). */
import type { OrgData } from '../../data/model.ts';
import { FIRST_NAMES, LAST_NAMES } from '../../data/names.ts';

/** `count` end users; `o` (the organization's position) varies the names between organizations. */
export function generateEventUsers(org: OrgData, o: number, count: number): void {
  for (let u = 0; u < count; u++) {
    const first = FIRST_NAMES[(u * 7 + o) % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[(u * 11 + o * 3) % LAST_NAMES.length] as string;
    const username = `${first}${last}${u}`.toLowerCase();
    org.eventUsers.push({
      id: String(10_000 + u),
      email: `${username}@example.com`,
      username,
      name: `${first} ${last}`,
      ipAddress: `${10 + (u % 200)}.${(u * 37) % 256}.${(u * 91) % 256}.${(u % 250) + 1}`,
    });
  }
}
