/**
 * Seeded Sentry App installations: Linear (the app the seeded issues' `sentryAppIssues` name)
 * and a couple of custom integrations per organization. They are made the first time an
 * organization's installations are read, from their own random stream (seed, organization), so
 * adding them moved nothing else of the seeded world.
 */
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { uuidOf } from '../monitors/store.ts';
import type { AppInstallation } from './record.ts';

const APPS = [
  { slug: 'linear', name: 'Linear', sentryAppId: 11, domain: 'linear.app' },
  { slug: 'clickup', name: 'ClickUp', sentryAppId: 12, domain: 'app.clickup.com' },
  { slug: 'acme-tracker', name: 'Acme Tracker', sentryAppId: 13, domain: 'tracker.acme.dev' },
  { slug: 'shortcut', name: 'Shortcut', sentryAppId: 14, domain: 'app.shortcut.com' },
];

/** Seeded external issue ids stay below this (see issues/linked.ts); created ones start here. */
export const FIRST_CREATED_ISSUE_ID = 1_000_000;

export function generateInstallations(data: LocalData, org: OrgData): AppInstallation[] {
  const rng = new Random(hash32(data.seed, 'sentry-app-installations', org.slug));
  const [linear, ...others] = APPS;
  const extra = rng.shuffle(others).slice(0, rng.int(1, others.length));
  return [linear, ...extra]
    .filter((app) => app !== undefined)
    .map((app) => ({
      org: org.slug,
      uuid: uuidOf(data.seed, 'sentry-app-installation', org.slug, app.slug),
      status: 'installed',
      app: { ...app, uuid: uuidOf(data.seed, 'sentry-app', app.slug) },
      nextIssueId: FIRST_CREATED_ISSUE_ID,
    }));
}
