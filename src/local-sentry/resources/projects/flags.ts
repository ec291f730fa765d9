/**
 * The project capability flags Sentry sets on a project's first data of a kind (its
 * `first_*_received` signals), derived once the seeded world exists: `hasSessions` for projects
 * with release-health sessions (every project in a release has a synthetic session series),
 * `hasReplays` for projects with replays, `hasMonitors` for projects with cron monitors. Derived
 * from records, with no random draws. Data arriving later sets them where it is stored (ingest,
 * monitor create/update, transactions, profiles); like Sentry's, the flags never clear.
 */
import type { OrgData } from '../../data/model.ts';

export function deriveProjectFlags(org: OrgData): void {
  const withSessions = new Set(org.releases.flatMap((release) => release.projectIds));
  const withReplays = new Set(org.replays.map((replay) => replay.projectId));
  const withMonitors = new Set(org.monitors.map((monitor) => monitor.projectId));
  for (const project of org.projects) {
    const id = project.wire.id;
    if (withSessions.has(id)) project.wire.hasSessions = true;
    if (withReplays.has(id)) project.wire.hasReplays = true;
    if (withMonitors.has(id)) project.wire.hasMonitors = true;
  }
}
