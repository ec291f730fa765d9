/**
 * Seeded cron monitors: a few scheduled jobs per organization, on crontab and interval
 * schedules in several time zones, each with a history of check-ins per environment that ends
 * at the data's "now". Draws from its own random stream (seed, organization), so adding
 * monitors moved nothing else of the seeded world.
 */
import type { SentryCheckIn, SentryIntervalUnit } from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { iso } from '../../data/time.ts';
import type { MonitorRecord } from './record.ts';
import { nextExpected } from './schedule.ts';
import { fullConfig, uuidOf } from './store.ts';

interface Template {
  name: string;
  schedule: string | [number, SentryIntervalUnit];
  timezone: string;
  margin: number | null;
  maxRuntime: number | null;
  /** Typical run time, ms. */
  runtime: number;
  environments: string[];
  /** How the newest check-in of the first environment ends. */
  ending: 'ok' | 'error' | 'missed' | 'timeout' | 'in_progress';
}

const TEMPLATES: Template[] = [
  {
    name: 'Nightly Backup',
    schedule: '0 3 * * *',
    timezone: 'America/New_York',
    margin: 10,
    maxRuntime: 60,
    runtime: 1_800_000,
    environments: ['production'],
    ending: 'ok',
  },
  {
    name: 'Sync Invoices',
    schedule: [15, 'minute'],
    timezone: 'UTC',
    margin: 5,
    maxRuntime: 10,
    runtime: 95_000,
    environments: ['production', 'staging'],
    ending: 'error',
  },
  {
    name: 'Cleanup Sessions',
    schedule: '*/30 * * * *',
    timezone: 'Europe/Berlin',
    margin: 5,
    maxRuntime: 15,
    runtime: 42_000,
    environments: ['production'],
    ending: 'in_progress',
  },
  {
    name: 'Weekly Digest',
    schedule: '0 9 * * 1',
    timezone: 'Europe/London',
    margin: 30,
    maxRuntime: 120,
    runtime: 600_000,
    environments: ['production'],
    ending: 'missed',
  },
  {
    name: 'Refresh Search Index',
    schedule: [1, 'hour'],
    timezone: 'Asia/Tokyo',
    margin: 15,
    maxRuntime: 30,
    runtime: 300_000,
    environments: ['production', 'staging'],
    ending: 'timeout',
  },
  {
    name: 'Rotate Logs',
    schedule: '@daily',
    timezone: 'UTC',
    margin: null,
    maxRuntime: null,
    runtime: 12_000,
    environments: ['production'],
    ending: 'ok',
  },
];

const HISTORY = 24;

function history(
  data: LocalData,
  monitor: MonitorRecord,
  template: Template,
  environment: string,
  ending: Template['ending'],
  rng: Random,
): SentryCheckIn[] {
  const { schedule } = monitor.wire.config;
  const period = nextExpected(schedule, nextExpected(schedule, 0)) - nextExpected(schedule, 0);
  let expected = nextExpected(schedule, data.now - HISTORY * period);
  const checkIns: SentryCheckIn[] = [];
  for (let i = 0; i < HISTORY && expected < data.now; i++) {
    const last = i === HISTORY - 1 || nextExpected(schedule, expected) >= data.now;
    const status = last
      ? ending
      : rng.weighted([
          ['ok', 86],
          ['error', 7],
          ['missed', 4],
          ['timeout', 3],
        ] as const);
    const margin = (template.margin ?? 1) * 60_000;
    const created = status === 'missed' ? expected + margin : expected + rng.int(0, 20_000);
    const runtime = Math.round(template.runtime * (0.6 + rng.float() * 0.8));
    const duration =
      status === 'ok' || status === 'error'
        ? runtime
        : status === 'timeout'
          ? (template.maxRuntime ?? 30) * 60_000
          : null;
    const ran = status !== 'missed';
    checkIns.push({
      id: uuidOf(data.seed, 'checkin', monitor.wire.id, environment, i),
      environment,
      status,
      duration,
      dateCreated: iso(created),
      dateAdded: iso(created),
      dateUpdated: iso(created + (duration ?? 0)),
      dateInProgress: ran ? iso(created) : null,
      dateClock: iso(created),
      expectedTime: iso(expected),
      monitorConfig: { ...monitor.wire.config },
    });
    expected = nextExpected(schedule, expected);
  }
  return checkIns.reverse();
}

/** The organization's monitors, one template after another over its projects. */
export function generateMonitors(data: LocalData, org: OrgData): void {
  const rng = new Random(hash32(data.seed, 'monitors', org.slug));
  const count = Math.min(TEMPLATES.length, org.projects.length + 2);
  for (const [t, template] of TEMPLATES.slice(0, count).entries()) {
    const project = org.projects[t % org.projects.length];
    if (!project) return;
    const slug = template.name.toLowerCase().replaceAll(' ', '-');
    const created = Date.parse(project.wire.dateCreated) + rng.int(1, 30) * 86_400_000;
    const team = org.teams[t % Math.max(1, org.teams.length)];
    const monitor: MonitorRecord = {
      org: org.slug,
      projectId: project.wire.id,
      wire: {
        id: uuidOf(data.seed, 'monitor', org.slug, slug),
        name: template.name,
        slug,
        status: 'active',
        isMuted: false,
        isUpserting: false,
        config: {
          ...fullConfig({
            schedule_type: typeof template.schedule === 'string' ? 'crontab' : 'interval',
            // Sentry stores a nickname's crontab form.
            schedule: template.schedule === '@daily' ? '0 0 * * *' : template.schedule,
            checkin_margin: template.margin,
            max_runtime: template.maxRuntime,
            timezone: template.timezone,
          }),
          failure_issue_threshold: t % 2 === 0 ? 1 : 3,
          recovery_threshold: t % 2 === 0 ? 1 : 2,
        },
        dateCreated: iso(created),
        owner: team ? { type: 'team', id: team.wire.id, name: team.wire.slug } : null,
      },
      environments: template.environments.map((name) => ({
        name,
        isMuted: false,
        dateCreated: iso(created),
      })),
      checkIns: [],
    };
    const checkIns = template.environments.flatMap((environment, e) =>
      history(data, monitor, template, environment, e === 0 ? template.ending : 'ok', rng),
    );
    monitor.checkIns = checkIns.sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    org.monitors.push(monitor);
  }
  org.monitors.sort((a, b) => a.wire.name.localeCompare(b.wire.name));
}
