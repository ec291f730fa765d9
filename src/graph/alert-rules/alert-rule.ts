/**
 * alert-rules/: metric alert rules (`AlertRule`, its triggers and their actions) and
 * `Organization.alertRules`.
 */
import type { Context } from '../../context.ts';
import { type AlertRuleKey, alertRuleKey, loadAlertRules } from '../../loaders/alert-rules.ts';
import { splitKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type {
  SentryAlertRule,
  SentryAlertRuleAction,
  SentryAlertRuleTrigger,
} from '../../sentry/types.ts';
import { Project, projectBySlug } from '../projects/project.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';

export type AlertRuleShape = OrgScoped<SentryAlertRule>;

export const AlertRule = builder.loadableNodeRef('AlertRule', {
  id: {
    resolve: (rule) => alertRuleKey(rule.organizationSlug, rule.id),
    parse: (id) => alertRuleKey(...splitKey(id)),
  },
  load: loadWith<AlertRuleKey, AlertRuleShape>(loadAlertRules),
});

export const AlertRuleConnection = builder.connectionObject(
  { type: AlertRule, name: 'AlertRuleConnection', description: 'A page of metric alert rules.' },
  { name: 'AlertRuleEdge', description: 'An AlertRule and the cursor after it.' },
);

/** Lists answer later lookups of the same rules (a `node(id:)` refetch) without another call. */
export function primeAlertRules(context: Context, rules: readonly AlertRuleShape[]): void {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = AlertRule.getDataloader(context);
  for (const rule of rules) {
    const key = alertRuleKey(rule.organizationSlug, rule.id);
    loader.clear(key).prime(key, rule);
  }
}

/** An enum over Sentry's lowercase strings; a value Sentry adds later reads as `null`. */
function known<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

export const AlertRuleDataset = builder.enumType('AlertRuleDataset', {
  description: 'The data a rule queries.',
  values: {
    EVENTS: { value: 'events', description: 'Error events.' },
    TRANSACTIONS: { value: 'transactions', description: 'Transaction events (indexed).' },
    SESSIONS: { value: 'sessions', description: 'Release-health sessions.' },
    METRICS: { value: 'metrics', description: 'Release-health metrics (crash rates).' },
    GENERIC_METRICS: {
      value: 'generic_metrics',
      description: 'Performance metrics extracted from transactions.',
    },
    EVENTS_ANALYTICS_PLATFORM: {
      value: 'events_analytics_platform',
      description: 'Spans (the Explore dataset).',
    },
  } as const,
});
type Dataset = (typeof AlertRuleDataset)['$inferType'];
const DATASETS: Dataset[] = [
  'events',
  'transactions',
  'sessions',
  'metrics',
  'generic_metrics',
  'events_analytics_platform',
];

export const AlertThresholdType = builder.enumType('AlertThresholdType', {
  description: 'Which side of a threshold fires.',
  values: {
    ABOVE: { value: 0, description: 'Fires when the value rises above the threshold.' },
    BELOW: { value: 1, description: 'Fires when the value falls below the threshold.' },
    ABOVE_AND_BELOW: {
      value: 2,
      description: 'Fires on either side (anomaly detection rules).',
    },
  } as const,
});
type ThresholdType = (typeof AlertThresholdType)['$inferType'];
const thresholdOf = (value: number): ThresholdType => (value === 1 ? 1 : value === 2 ? 2 : 0);

export const AlertTriggerLabel = builder.enumType('AlertTriggerLabel', {
  description: 'How serious a trigger is.',
  values: {
    CRITICAL: { value: 'critical' },
    WARNING: { value: 'warning' },
  } as const,
});

export const AlertActionType = builder.enumType('AlertActionType', {
  description: 'Where an action sends its notification.',
  values: {
    EMAIL: { value: 'email' },
    SLACK: { value: 'slack' },
    PAGERDUTY: { value: 'pagerduty' },
    MSTEAMS: { value: 'msteams' },
    OPSGENIE: { value: 'opsgenie' },
    DISCORD: { value: 'discord' },
    SENTRY_APP: { value: 'sentry_app' },
  } as const,
});
type ActionType = (typeof AlertActionType)['$inferType'];
const ACTION_TYPES: ActionType[] = [
  'email',
  'slack',
  'pagerduty',
  'msteams',
  'opsgenie',
  'discord',
  'sentry_app',
];

export const AlertActionTargetType = builder.enumType('AlertActionTargetType', {
  description: 'What `targetIdentifier` names.',
  values: {
    USER: { value: 'user', description: 'A member, by user id.' },
    TEAM: { value: 'team', description: 'A team, by team id.' },
    SPECIFIC: { value: 'specific', description: 'A channel, address or service by name.' },
    SENTRY_APP: { value: 'sentry_app', description: 'A Sentry integration app.' },
  } as const,
});
type TargetType = (typeof AlertActionTargetType)['$inferType'];
const TARGET_TYPES: TargetType[] = ['user', 'team', 'specific', 'sentry_app'];

export const AlertRuleAction = builder
  .objectRef<SentryAlertRuleAction>('AlertRuleAction')
  .implement({
    description: 'What a trigger does when it fires.',
    fields: (t) => ({
      sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
      type: t.field({
        type: AlertActionType,
        nullable: true,
        description: 'Null for a kind of action this gateway does not know yet.',
        resolve: (action) => known(ACTION_TYPES, action.type),
      }),
      targetType: t.field({
        type: AlertActionTargetType,
        nullable: true,
        resolve: (action) => known(TARGET_TYPES, action.targetType),
      }),
      targetIdentifier: t.exposeString('targetIdentifier', {
        nullable: true,
        description: 'A user or team id, a channel such as "#alerts", or a service id.',
      }),
      inputChannelId: t.exposeString('inputChannelId', {
        nullable: true,
        description: "The channel's id at the integration (Slack), when it has one.",
      }),
      integrationId: t.exposeInt('integrationId', { nullable: true }),
      sentryAppId: t.exposeInt('sentryAppId', { nullable: true }),
      priority: t.exposeString('priority', {
        nullable: true,
        description: 'PagerDuty or Opsgenie priority.',
      }),
      description: t.exposeString('desc', {
        description: 'Sentry\'s summary, e.g. "Send a notification to #alerts".',
      }),
      createdAt: t.field({ type: 'DateTime', resolve: (action) => action.dateCreated }),
    }),
  });

export const AlertRuleTrigger = builder
  .objectRef<SentryAlertRuleTrigger>('AlertRuleTrigger')
  .implement({
    description: 'A threshold of a rule (critical or warning) and its actions.',
    fields: (t) => ({
      sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
      label: t.field({
        type: AlertTriggerLabel,
        resolve: (trigger) => (trigger.label === 'warning' ? 'warning' : 'critical'),
      }),
      thresholdType: t.field({
        type: AlertThresholdType,
        resolve: (trigger) => thresholdOf(trigger.thresholdType),
      }),
      // Float: thresholds are rates (0.05) as often as counts.
      alertThreshold: t.exposeFloat('alertThreshold', {
        description: 'The value past which it fires.',
      }),
      resolveThreshold: t.exposeFloat('resolveThreshold', {
        nullable: true,
        description: 'The value past which it resolves; null: when back under `alertThreshold`.',
      }),
      actions: t.field({
        type: [AlertRuleAction],
        description: 'From the rule body: costs nothing.',
        resolve: (trigger) => trigger.actions,
      }),
    }),
  });

AlertRule.implement({
  description:
    'A metric alert rule: an aggregate over a query and a time window, with triggers that notify when it passes a threshold.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    name: t.exposeString('name'),
    aggregate: t.exposeString('aggregate', {
      description: 'What it measures, e.g. "count()" or "p95(transaction.duration)".',
    }),
    query: t.exposeString('query', { description: 'The search filter, e.g. "is:unresolved".' }),
    dataset: t.field({
      type: AlertRuleDataset,
      nullable: true,
      description: 'Null for a dataset this gateway does not know yet.',
      resolve: (rule) => known(DATASETS, rule.dataset),
    }),
    thresholdType: t.field({
      type: AlertThresholdType,
      resolve: (rule) => thresholdOf(rule.thresholdType),
    }),
    resolveThreshold: t.exposeFloat('resolveThreshold', { nullable: true }),
    timeWindow: t.exposeInt('timeWindow', {
      description: 'Minutes the aggregate is computed over.',
    }),
    thresholdPeriod: t.exposeInt('thresholdPeriod', {
      description: 'Evaluations in a row past the threshold before it fires.',
    }),
    environment: t.exposeString('environment', {
      nullable: true,
      description: 'The environment it watches; null: every environment.',
    }),
    owner: t.exposeString('owner', {
      nullable: true,
      description: 'Its owner as Sentry writes it: "team:<id>" or "user:<id>".',
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (rule) => rule.dateCreated }),
    modifiedAt: t.field({ type: 'DateTime', resolve: (rule) => rule.dateModified }),
    triggers: t.field({
      type: [AlertRuleTrigger],
      description: 'Its thresholds, critical first. From the rule body: costs nothing.',
      resolve: (rule) => rule.triggers,
    }),
    projects: t.field({
      type: [Project],
      nullable: true,
      description:
        "The projects it watches. The rule names them by slug; one batched call (`GET /organizations/{org}/projects/?query=slug:…`) answers every rule's, and none for projects this request has already loaded (a project list primes them).",
      resolve: (rule, _args, context) =>
        Promise.all(
          rule.projects.map((slug) => projectBySlug(context, rule.organizationSlug, slug)),
        ),
    }),
  }),
});
