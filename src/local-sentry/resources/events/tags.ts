/** An event's tags, derived from its record, its issue's template and its facets. */
import type { SentryEventTag } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import type { EventUser } from '../event-users/record.ts';
import { type EventFacets, eventFacets } from './facets.ts';
import type { EventRecord } from './record.ts';

/** The event's tags, sorted by key as Sentry returns them. */
export function eventTags(data: LocalData, event: EventRecord): SentryEventTag[] {
  // Stored events (transactions have no issue) carry their own tags.
  if (event.stored) return event.stored.tags.map(([key, value]) => ({ key, value }));
  const issue = data.issuesById.get(event.issueId);
  const org = data.organizations.get(event.org);
  if (!issue || !org) return [];
  return tagPairs(org, event, issue.template).map(([key, value]) => ({ key, value }));
}

/** What {@link tagPairs} computed for an event, and from which inputs. */
interface CachedTags {
  facets: EventFacets;
  environment: string;
  level: string;
  release: string | null;
  user: EventUser | undefined;
  pairs: readonly (readonly [string, string])[];
}

const tagsCache = new WeakMap<EventRecord, CachedTags>();

/**
 * The event's `[key, value]` tags sorted by key, memoized per event while everything they are
 * read from stays the same (the facets cover the seed, organization and template). Read only.
 */
export function tagPairs(
  org: OrgData,
  event: EventRecord,
  template: ErrorTemplate,
): readonly (readonly [string, string])[] {
  if (event.stored) return event.stored.tags;
  const facets = eventFacets(event, template);
  const user = org.eventUsers[event.user];
  const cached = tagsCache.get(event);
  if (
    cached !== undefined &&
    cached.facets === facets &&
    cached.environment === event.environment &&
    cached.level === event.level &&
    cached.release === event.release &&
    cached.user === user
  ) {
    return cached.pairs;
  }
  const pairs = computeTagPairs(event, template, facets, user);
  tagsCache.set(event, {
    facets,
    environment: event.environment,
    level: event.level,
    release: event.release,
    user,
    pairs,
  });
  return pairs;
}

function computeTagPairs(
  event: EventRecord,
  template: ErrorTemplate,
  facets: EventFacets,
  user: EventUser | undefined,
): [string, string][] {
  const tags: [string, string][] = [
    ['environment', event.environment],
    ['handled', template.handled ? 'yes' : 'no'],
    ['level', event.level],
    ['mechanism', template.mechanism],
    ['os', facets.os.version ? `${facets.os.name} ${facets.os.version}` : facets.os.name],
    ['os.name', facets.os.name],
    ['transaction', template.transaction],
  ];
  if (facets.browser) {
    tags.push(
      ['browser', `${facets.browser.name} ${facets.browser.version}`],
      ['browser.name', facets.browser.name],
    );
  }
  if (facets.device)
    tags.push(['device', facets.device.model], ['device.family', facets.device.family]);
  if (facets.runtime && template.platform !== 'java') {
    tags.push(
      ['runtime', `${facets.runtime.name} ${facets.runtime.version}`],
      ['runtime.name', facets.runtime.name],
    );
  }
  if (facets.serverName) tags.push(['server_name', facets.serverName]);
  if (event.release) tags.push(['release', event.release]);
  if (facets.url) tags.push(['url', facets.url]);
  if (user) tags.push(['user', `id:${user.id}`]);
  return tags.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
