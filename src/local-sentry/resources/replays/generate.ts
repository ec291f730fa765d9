/**
 * Seeded session replays: for each browser (`javascript`) and Android (`java`) project, sessions
 * of its end users around the project's recent error events. A replay carries the ids and trace
 * ids of the errors it saw, the browser, OS, device and user of those events, the pages it
 * visited and the clicks it recorded. Draws from its own random stream (seed, organization), so
 * adding replays moved nothing else of the seeded world.
 */
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { DAY, iso } from '../../data/time.ts';
import { eventFacets } from '../events/facets.ts';
import type { EventRecord } from '../events/record.ts';
import { uuidOf } from '../monitors/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { ClickRecord, ReplayRecord } from './record.ts';

/** Replays per replaying project, by scale. */
const PER_PROJECT = { small: 12, medium: 30, large: 60 } as const;
/** How far back replays go: Sentry keeps replays 90 days; the seeded ones are recent. */
const WINDOW = 30 * DAY;
/** Sentry cuts a replay at 60 minutes. */
const MAX_DURATION = 3600;

const WEB_PAGES = ['/', '/dashboard', '/settings/profile', '/checkout', '/search', '/orders'];
const SCREENS = ['MainActivity', 'CheckoutActivity', 'SettingsActivity', 'OrdersFragment'];
const PLANS = ['free', 'team', 'business', 'enterprise'];
const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'ja-JP'];

interface Element {
  tag: string;
  id: string;
  classes: string[];
  role: string;
  label: string;
  alt: string;
  title: string;
  testid: string;
  text: string;
}

/** The elements a session clicks; the rrweb ids follow their order (see segments.ts). */
export const ELEMENTS: Element[] = [
  el(
    'button',
    'checkout',
    ['btn', 'btn-primary'],
    'button',
    'Checkout',
    '',
    '',
    'checkout-button',
    'Checkout',
  ),
  el('a', 'nav-orders', ['nav-link'], 'link', '', '', 'Your orders', 'nav-orders', 'Orders'),
  el('input', 'search', ['form-control'], 'searchbox', 'Search', '', '', 'search-input', ''),
  el(
    'button',
    'save',
    ['btn', 'btn-secondary'],
    'button',
    'Save changes',
    '',
    '',
    'save-button',
    'Save',
  ),
  el('img', 'logo', ['brand'], 'img', '', 'Company logo', '', '', ''),
  el('div', 'card-42', ['card', 'product-card'], '', '', '', 'Product', 'product-card', 'Blue Mug'),
];

/** The first rrweb node id of the clickable elements (the document, html, head, body come first). */
export const FIRST_ELEMENT_NODE = 10;

function el(
  tag: string,
  id: string,
  classes: string[],
  role: string,
  label: string,
  alt: string,
  title: string,
  testid: string,
  text: string,
): Element {
  return { tag, id, classes, role, label, alt, title, testid, text };
}

function replaying(project: ProjectRecord): boolean {
  return project.wire.platform === 'javascript' || project.wire.platform === 'java';
}

/** The anchor event and, now and then, the errors right after it in the same session. */
function sessionErrors(events: readonly EventRecord[], index: number, rng: Random): EventRecord[] {
  const anchor = events[index];
  if (!anchor) return [];
  const seen = [anchor];
  const more = rng.weighted([
    [0, 6],
    [1, 3],
    [2, 1],
  ] as const);
  // Newest first: the events after the anchor are the ones before it in the list.
  for (let k = 1; k <= more; k++) {
    const next = events[index - k];
    if (!next || next.timestamp - anchor.timestamp > (MAX_DURATION - 300) * 1000) break;
    seen.push(next);
  }
  return seen;
}

function clicksOf(rng: Random, start: number, duration: number): ClickRecord[] {
  const count = rng.int(0, 6);
  const clicks: ClickRecord[] = [];
  for (let c = 0; c < count; c++) {
    const index = rng.int(0, ELEMENTS.length - 1);
    const element = ELEMENTS[index] as Element;
    const rage = rng.chance(0.15);
    const dead = rage || rng.chance(0.15);
    const at = start + rng.int(1, Math.max(1, duration - 1)) * 1000;
    const click = { nodeId: FIRST_ELEMENT_NODE + index, timestamp: at, ...element };
    clicks.push({ ...click, isDead: dead, isRage: rage });
    if (rage) {
      for (let r = 1; r <= 2; r++) {
        clicks.push({ ...click, timestamp: at + r * 150, isDead: true, isRage: true });
      }
    }
  }
  return clicks.sort((a, b) => a.timestamp - b.timestamp);
}

function generateProjectReplays(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  rng: Random,
): void {
  const web = project.wire.platform === 'javascript';
  const recent = project.events.filter((event) => event.timestamp >= data.now - WINDOW);
  if (recent.length === 0) return;
  const host = `https://app.${org.slug}.com`;
  for (let r = 0; r < PER_PROJECT[data.scale]; r++) {
    const index = rng.int(0, recent.length - 1);
    const anchor = recent[index] as EventRecord;
    const withErrors = rng.chance(0.75);
    const errors = withErrors ? sessionErrors(recent, index, rng) : [];
    const first = errors[0]?.timestamp ?? anchor.timestamp;
    const last = errors[errors.length - 1]?.timestamp ?? anchor.timestamp;
    const lead = rng.int(5, 240);
    const started = Math.floor(first / 1000) * 1000 - lead * 1000;
    const duration = Math.min(MAX_DURATION, Math.round((last - started) / 1000) + rng.int(5, 600));
    const finished = Math.min(started + duration * 1000, data.now);
    const seconds = Math.round((finished - started) / 1000);
    const template = data.issuesById.get(anchor.issueId)?.template;
    const facets = template ? eventFacets(anchor, template) : undefined;
    const user = org.eventUsers[anchor.user];
    const pages = rng.shuffle(web ? WEB_PAGES : SCREENS).slice(0, rng.int(1, 4));
    const urls = web ? pages.map((page) => `${host}${page}`) : pages;
    for (const error of errors) {
      const errorTemplate = data.issuesById.get(error.issueId)?.template;
      const url = errorTemplate ? eventFacets(error, errorTemplate).url : null;
      if (url && !urls.includes(url)) urls.push(url);
    }
    const traceIds = errors.map((error) => {
      const errorTemplate = data.issuesById.get(error.issueId)?.template;
      return errorTemplate ? eventFacets(error, errorTemplate).traceId : rng.hex(32);
    });
    for (let t = rng.int(0, 2); t > 0; t--) traceIds.push(rng.hex(32));
    const clicks = clicksOf(rng, started, seconds);
    const warnings = rng.int(0, 3);
    const infos = rng.int(0, 5);
    const segments = Math.min(12, Math.max(1, Math.ceil(seconds / 300)));
    const activity = Math.min(
      10,
      1 + Math.floor((errors.length * 25 + urls.length * 5 + clicks.length * 2) / 10),
    );
    const id = uuidOf(data.seed, 'replay', org.slug, project.wire.id, r).replaceAll('-', '');
    const issueIds = [...new Set(errors.map((error) => error.issueId))];
    const transactions = [
      ...new Set(
        errors.map((error) => data.issuesById.get(error.issueId)?.template.transaction ?? ''),
      ),
    ].filter((transaction) => transaction !== '');
    const record: ReplayRecord = {
      org: org.slug,
      projectId: project.wire.id,
      startedAt: started,
      finishedAt: finished,
      clicks,
      issueIds,
      transactions,
      seed: hash32(data.seed, 'replay-segments', id),
      wire: {
        id,
        project_id: project.wire.id,
        trace_ids: traceIds,
        error_ids: errors.map((error) => error.id),
        environment: anchor.environment,
        tags: {
          plan: [rng.pick(PLANS)],
          locale: [rng.pick(LOCALES)],
          ...(anchor.release ? { release: [anchor.release] } : {}),
        },
        user: {
          id: user?.id ?? null,
          username: user?.username ?? null,
          email: user?.email ?? null,
          ip: user?.ipAddress ?? null,
          display_name: user?.name ?? user?.email ?? null,
          geo: { city: null, country_code: null, region: null, subdivision: null },
        },
        sdk: web
          ? { name: 'sentry.javascript.react', version: '8.42.0' }
          : { name: 'sentry.java.android', version: '7.18.0' },
        os: facets ? { ...facets.os } : { name: null, version: null },
        browser: facets?.browser ? { ...facets.browser } : { name: null, version: null },
        device: facets?.device
          ? { name: facets.device.family, ...facets.device }
          : { name: null, brand: null, model: null, family: web ? 'Other' : null },
        ota_updates: { channel: null, runtime_version: null, update_id: null },
        is_archived: false,
        urls,
        count_dead_clicks: clicks.filter((click) => click.isDead).length,
        count_rage_clicks: clicks.filter((click) => click.isRage).length,
        count_errors: errors.length,
        duration: seconds,
        finished_at: iso(finished),
        started_at: iso(started),
        activity,
        count_urls: urls.length,
        replay_type: withErrors && rng.chance(0.3) ? 'buffer' : 'session',
        count_segments: segments,
        platform: web ? 'javascript' : 'android',
        releases: anchor.release ? [anchor.release] : [],
        dist: null,
        count_warnings: warnings,
        count_infos: infos,
        has_viewed: false,
      },
    };
    org.replays.push(record);
  }
}

/** The organization's replays, newest first. */
export function generateReplays(data: LocalData, org: OrgData): void {
  const rng = new Random(hash32(data.seed, 'replays', org.slug));
  for (const project of org.projects) {
    if (replaying(project)) generateProjectReplays(data, org, project, rng);
  }
  org.replays.sort((a, b) => b.startedAt - a.startedAt || a.wire.id.localeCompare(b.wire.id));
}
