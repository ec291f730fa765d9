/**
 * Seeded metric alert rules: a few per organization over its projects (error counts, users
 * affected, transaction latency and failure rate, crash-free sessions), each with a critical and
 * often a warning trigger whose actions notify a team, a member, Slack or PagerDuty. Draws from
 * its own random stream (seed, organization), so adding alert rules moved nothing else of the
 * seeded world.
 */
import type {
  SentryAlertDataset,
  SentryAlertRuleAction,
  SentryAlertRuleTrigger,
  SentryAlertThresholdType,
} from '../../../sentry/types.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import { DAY, iso } from '../../data/time.ts';

interface Template {
  name: string;
  dataset: SentryAlertDataset;
  aggregate: string;
  query: string;
  thresholdType: SentryAlertThresholdType;
  timeWindow: number;
  critical: number;
  /** Null: no warning trigger. */
  warning: number | null;
  /** Where the rule resolves. */
  resolve: number;
  /** How many projects it watches. */
  projects: number;
  eventTypes: string[];
}

const TEMPLATES: Template[] = [
  {
    name: 'High error volume',
    dataset: 'events',
    aggregate: 'count()',
    query: 'is:unresolved',
    thresholdType: 0,
    timeWindow: 60,
    critical: 500,
    warning: 200,
    resolve: 100,
    projects: 1,
    eventTypes: ['error', 'default'],
  },
  {
    name: 'Users affected by errors',
    dataset: 'events',
    aggregate: 'count_unique(user)',
    query: 'level:error',
    thresholdType: 0,
    timeWindow: 30,
    critical: 100,
    warning: null,
    resolve: 50,
    projects: 2,
    eventTypes: ['error'],
  },
  {
    name: 'Slow p95 transactions',
    dataset: 'transactions',
    aggregate: 'p95(transaction.duration)',
    query: 'transaction.op:http.server',
    thresholdType: 0,
    timeWindow: 10,
    critical: 2000,
    warning: 1200,
    resolve: 1000,
    projects: 1,
    eventTypes: ['transaction'],
  },
  {
    name: 'Transaction failure rate',
    dataset: 'transactions',
    aggregate: 'failure_rate()',
    query: '',
    thresholdType: 0,
    timeWindow: 15,
    critical: 0.05,
    warning: 0.02,
    resolve: 0.01,
    projects: 1,
    eventTypes: ['transaction'],
  },
  {
    name: 'Crash free session rate',
    dataset: 'metrics',
    aggregate: 'percentage(sessions_crashed, sessions) AS _crash_rate_alert_aggregate',
    query: '',
    thresholdType: 1,
    timeWindow: 60,
    critical: 97,
    warning: 99,
    resolve: 99.5,
    projects: 1,
    eventTypes: [],
  },
  {
    name: 'Apdex dropping',
    dataset: 'transactions',
    aggregate: 'apdex(300)',
    query: '',
    thresholdType: 1,
    timeWindow: 30,
    critical: 0.7,
    warning: 0.85,
    resolve: 0.9,
    projects: 2,
    eventTypes: ['transaction'],
  },
];

/** Sentry's `SnubaQuery.Type`: 0 error, 1 performance, 2 crash rate. */
const QUERY_TYPES: Record<SentryAlertDataset, number> = {
  events: 0,
  transactions: 1,
  generic_metrics: 1,
  events_analytics_platform: 1,
  sessions: 2,
  metrics: 2,
};

/** Numeric ids for rules, triggers and actions, counted over every organization. */
export interface AlertRuleIds {
  rule: number;
  trigger: number;
  action: number;
}

/** The first ids; one counter for the whole world, as Sentry's ids are global. */
export const newAlertRuleIds = (): AlertRuleIds => ({
  rule: 2100001,
  trigger: 3200001,
  action: 4300001,
});

function actionsOf(
  org: OrgData,
  triggerId: string,
  label: string,
  created: string,
  rng: Random,
  ids: AlertRuleIds,
): SentryAlertRuleAction[] {
  const team = rng.pick(org.teams);
  const users = org.members.filter((m) => m.userId !== null);
  const member = users.length > 0 ? rng.pick(users) : undefined;
  const choices: Omit<SentryAlertRuleAction, 'id' | 'alertRuleTriggerId' | 'dateCreated'>[] = [
    {
      type: 'email',
      targetType: 'team',
      targetIdentifier: team.wire.id,
      inputChannelId: null,
      integrationId: null,
      sentryAppId: null,
      desc: `Send a notification to #${team.wire.slug}`,
      priority: null,
    },
    ...(member
      ? [
          {
            type: 'email',
            targetType: 'user',
            targetIdentifier: member.userId,
            inputChannelId: null,
            integrationId: null,
            sentryAppId: null,
            desc: `Send a notification to ${member.wire.email}`,
            priority: null,
          },
        ]
      : []),
    {
      type: 'slack',
      targetType: 'specific',
      targetIdentifier: `#alerts-${team.wire.slug}`,
      inputChannelId: `C0${rng.hex(8).toUpperCase()}`,
      integrationId: 5100 + (hash32(org.slug, 'slack') % 100),
      sentryAppId: null,
      desc: `Send a Slack notification to #alerts-${team.wire.slug}`,
      priority: null,
    },
    {
      type: 'pagerduty',
      targetType: 'specific',
      targetIdentifier: String(6200 + (hash32(org.slug, 'pagerduty') % 100)),
      inputChannelId: null,
      integrationId: 5200 + (hash32(org.slug, 'pagerduty') % 100),
      sentryAppId: null,
      desc: 'Send a PagerDuty notification to on-call',
      priority: label === 'critical' ? 'critical' : 'warning',
    },
  ];
  const count = label === 'critical' ? rng.int(1, 2) : 1;
  return rng
    .shuffle(choices)
    .slice(0, count)
    .map((choice) => ({
      ...choice,
      id: String(ids.action++),
      alertRuleTriggerId: triggerId,
      dateCreated: created,
    }));
}

/** The organization's alert rules, newest first, one template after another over its projects. */
export function generateAlertRules(data: LocalData, org: OrgData, ids: AlertRuleIds): void {
  const rng = new Random(hash32(data.seed, 'alert-rules', org.slug));
  if (org.projects.length === 0 || org.teams.length === 0) return;
  const count = Math.min(TEMPLATES.length, org.projects.length + 3);
  for (const [t, template] of TEMPLATES.slice(0, count).entries()) {
    const projects = Array.from(
      new Set(
        Array.from(
          { length: template.projects },
          (_, k) => org.projects[(t + k) % org.projects.length],
        ),
      ),
    ).filter((p) => p !== undefined);
    const first = projects[0];
    if (!first) continue;
    const createdMs = Date.parse(first.wire.dateCreated) + rng.int(2, 60) * DAY;
    const created = iso(Math.min(createdMs, data.now - DAY));
    const modified = iso(Math.min(createdMs + rng.int(0, 30) * DAY, data.now - DAY));
    const ruleId = String(ids.rule++);
    const triggers: SentryAlertRuleTrigger[] = [];
    for (const [label, threshold] of [
      ['critical', template.critical],
      ['warning', template.warning],
    ] as const) {
      if (threshold === null) continue;
      const triggerId = String(ids.trigger++);
      triggers.push({
        id: triggerId,
        alertRuleId: ruleId,
        label,
        thresholdType: template.thresholdType,
        alertThreshold: threshold,
        resolveThreshold: null,
        dateCreated: created,
        actions: actionsOf(org, triggerId, label, created, rng, ids),
      });
    }
    const team = org.teams[t % org.teams.length];
    const creator = org.members[t % org.members.length];
    const creatorUser = creator?.userId ? data.users.get(creator.userId) : undefined;
    // Sentry sends `null` for a rule over every environment; the seed's schema has a string,
    // so every seeded rule names one.
    const environments = first.wire.environments ?? [];
    const environment =
      t % 3 === 2 && environments.includes('staging')
        ? 'staging'
        : (environments.find((e) => e === 'production') ?? environments[0] ?? 'production');
    org.alertRules.push({
      org: org.slug,
      projectIds: projects.map((p) => p.wire.id),
      wire: {
        id: ruleId,
        name: template.name,
        organizationId: org.wire.id,
        queryType: QUERY_TYPES[template.dataset],
        dataset: template.dataset,
        query: template.query,
        aggregate: template.aggregate,
        thresholdType: template.thresholdType,
        resolveThreshold: template.resolve,
        timeWindow: template.timeWindow,
        environment,
        resolution: template.timeWindow >= 60 ? 5 : 1,
        thresholdPeriod: rng.int(1, 3),
        triggers,
        includeAllProjects: false,
        owner: `team:${team?.wire.id ?? org.teams[0]?.wire.id}`,
        originalAlertRuleId: null,
        comparisonDelta: null,
        eventTypes: template.eventTypes,
        detectionType: 'static',
        dateModified: modified,
        dateCreated: created,
        createdBy: creatorUser
          ? { id: Number(creatorUser.id), name: creatorUser.name, email: creatorUser.email }
          : null,
      },
    });
  }
  org.alertRules.sort(
    (a, b) =>
      b.wire.dateCreated.localeCompare(a.wire.dateCreated) || Number(b.wire.id) - Number(a.wire.id),
  );
}
