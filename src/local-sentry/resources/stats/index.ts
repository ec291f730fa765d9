/**
 * Usage stats: `stats_v2` and the legacy event-count series of an organization, a project and a
 * team, all counted from the outcomes of the seeded events (`outcomes.ts`), so every route agrees
 * with every other over the same window. This folder owns them; it stores nothing.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { badRequest, found, ok } from '../../http/reply.ts';
import { ORG_READ, PROJECT_READ, TEAM_READ } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import { projectOf } from '../projects/request.ts';
import { findTeam } from '../teams/store.ts';
import { series, seriesWindow, statOf, windowRange } from './legacy.ts';
import { outcomesOf } from './outcomes.ts';
import { orgStatsV2 } from './v2.ts';

const ALL_STATS = ['received', 'rejected', 'blacklisted', 'generated'];

export const statsRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/stats_v2/', ORG_READ, (context) => ok(orgStatsV2(context))),

  // `group=organization` (default) sums the organization; `group=project` answers one series
  // per project (`projectID=` picks them; none picks none, as Sentry's team filter leaves it).
  route('GET /api/0/organizations/{org}/stats/', ORG_READ, (context) => {
    const org = orgOf(context);
    const count = statOf(context, ALL_STATS);
    const window = seriesWindow(context);
    const rows = outcomesOf(org, ...windowRange(window));
    const group = context.query.get('group') ?? 'organization';
    if (group === 'organization') return ok(series(rows, window, count));
    if (group !== 'project') throw badRequest(`Invalid group: ${group}`);
    const ids = new Set(context.query.getAll('projectID'));
    const body: Record<string, [number, number][]> = {};
    for (const project of org.projects) {
      if (!ids.has(project.wire.id)) continue;
      const mine = rows.filter((row) => row.projectId === project.wire.id);
      body[project.wire.id] = series(mine, window, count);
    }
    return ok(body);
  }),

  route('GET /api/0/projects/{org}/{project}/stats/', PROJECT_READ, (context) => {
    const org = orgOf(context);
    const project = projectOf(context, org);
    const count = statOf(context, ALL_STATS, { filters: true });
    const window = seriesWindow(context);
    const rows = outcomesOf(org, ...windowRange(window)).filter(
      (row) => row.projectId === project.wire.id,
    );
    return ok(series(rows, window, count));
  }),

  // The sum over the team's projects; Sentry's team series counts `received` or `rejected`.
  route('GET /api/0/teams/{org}/{team}/stats/', TEAM_READ, (context) => {
    const org = orgOf(context);
    const team = found(findTeam(org, context.params['team'] ?? ''));
    const count = statOf(context, ['received', 'rejected']);
    const window = seriesWindow(context);
    const ids = new Set(
      org.projects.filter((p) => p.teamSlugs.includes(team.wire.slug)).map((p) => p.wire.id),
    );
    const rows = outcomesOf(org, ...windowRange(window)).filter((row) => ids.has(row.projectId));
    return ok(series(rows, window, count));
  }),
];
