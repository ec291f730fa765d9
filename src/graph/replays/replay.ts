/**
 * replays/: session replays (`Replay`, its segments and clicks), the lists on organizations,
 * projects and issues, `Event.replay`, and `deleteReplay`.
 */
import type { Context } from '../../context.ts';
import { eventKey, issueKey, projectKey, splitKey } from '../../loaders/keys.ts';
import { loadReplays, type ReplayKey, replayKey } from '../../loaders/replays.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryReplay } from '../../sentry/types.ts';
import { Event } from '../events/event.ts';
import { Issue } from '../issues/issue.ts';
import { Project } from '../projects/project.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import {
  ReplayClick,
  ReplayClickConnection,
  ReplayDevice,
  ReplayNameVersion,
  ReplaySegment,
  ReplaySegmentConnection,
  ReplayTag,
  ReplayUser,
  tagsOf,
} from './replay-parts.ts';

export type ReplayShape = OrgScoped<SentryReplay>;

export const Replay = builder.loadableNodeRef('Replay', {
  id: {
    resolve: (replay) => replayKey(replay.organizationSlug, replay.id),
    parse: (id) => replayKey(...splitKey(id)),
  },
  load: loadWith<ReplayKey, ReplayShape>(loadReplays),
});

export const ReplayConnection = builder.connectionObject(
  { type: Replay, name: 'ReplayConnection', description: 'A page of session replays.' },
  { name: 'ReplayEdge', description: 'A Replay and the cursor after it.' },
);

/** Lists answer later lookups of the same replays without another call. */
export function primeReplays(context: Context, replays: readonly ReplayShape[]): void {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = Replay.getDataloader(context);
  for (const replay of replays) {
    const key = replayKey(replay.organizationSlug, replay.id);
    loader.clear(key).prime(key, replay);
  }
}

/** The keys of the replay's error events (the replay's project, 32-hex ids). */
function errorKeys(replay: ReplayShape) {
  return (replay.error_ids ?? []).map((id) =>
    eventKey(replay.organizationSlug, replay.project_id, id),
  );
}

/** A page cursor of Sentry's offset paginator (`0:<offset>:0`) → the offset; 0 otherwise. */
function offsetOf(cursor: string | undefined): number {
  const match = cursor === undefined ? null : /^\d+:(\d+):[01]$/.exec(cursor);
  return match ? Number(match[1]) : 0;
}

const count = (value: number | null | undefined) => value ?? 0;

Replay.implement({
  description:
    'A session replay: a recording of what a user saw and did in a browser or app session, with the errors it ran into.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's id (32 hex digits)." }),
    projectSentryId: t.exposeString('project_id', { description: 'Numeric id of its project.' }),
    project: t.field({
      type: Project,
      nullable: true,
      description: 'The project it was recorded in (one batched project call).',
      resolve: (replay) => projectKey(replay.organizationSlug, replay.project_id),
    }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.started_at }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.finished_at }),
    duration: t.int({
      nullable: true,
      description: 'Seconds between its start and its last recorded moment.',
      resolve: (replay) => replay.duration,
    }),
    countErrors: t.int({ resolve: (replay) => count(replay.count_errors) }),
    countSegments: t.int({ resolve: (replay) => count(replay.count_segments) }),
    countUrls: t.int({ resolve: (replay) => count(replay.count_urls) }),
    countClicks: t.int({
      description: 'Clicks recorded (from the replay body).',
      resolve: (replay) => (replay.clicks ?? []).length,
    }),
    countDeadClicks: t.int({
      description: 'Clicks after which nothing happened.',
      resolve: (replay) => count(replay.count_dead_clicks),
    }),
    countRageClicks: t.int({
      description: 'Clicks in angry bursts on one element.',
      resolve: (replay) => count(replay.count_rage_clicks),
    }),
    activity: t.int({
      nullable: true,
      description: 'How much happened, 1 to 10.',
      resolve: (replay) => replay.activity,
    }),
    environment: t.exposeString('environment', { nullable: true }),
    platform: t.exposeString('platform', { nullable: true }),
    replayType: t.string({
      description: '`session` (recorded throughout) or `buffer` (kept because of an error).',
      resolve: (replay) => replay.replay_type,
    }),
    isArchived: t.boolean({ resolve: (replay) => replay.is_archived === true }),
    urls: t.stringList({
      description: 'Pages (or screens) visited, in order.',
      resolve: (replay) => replay.urls ?? [],
    }),
    releases: t.stringList({ resolve: (replay) => replay.releases ?? [] }),
    errorIds: t.stringList({
      description: 'Ids of the error events it saw.',
      resolve: (replay) => replay.error_ids ?? [],
    }),
    traceIds: t.stringList({ resolve: (replay) => replay.trace_ids ?? [] }),
    browser: t.field({ type: ReplayNameVersion, resolve: (replay) => replay.browser }),
    os: t.field({ type: ReplayNameVersion, resolve: (replay) => replay.os }),
    sdk: t.field({ type: ReplayNameVersion, resolve: (replay) => replay.sdk }),
    device: t.field({ type: ReplayDevice, resolve: (replay) => replay.device }),
    user: t.field({ type: ReplayUser, resolve: (replay) => replay.user }),
    tags: t.field({ type: [ReplayTag], resolve: tagsOf }),
    errors: t.field({
      type: [Event],
      nullable: { list: true, items: true },
      description:
        'The error events it saw. One call per event (Sentry has no bulk read of full events), deduplicated across the request.',
      resolve: (replay) => errorKeys(replay),
    }),
    issues: t.field({
      type: [Issue],
      nullable: { list: true, items: true },
      description:
        'The issues of the errors it saw: the error events (one call each, shared with `errors`), then one batched issue call.',
      resolve: async (replay, _args, context) => {
        const events = await Event.getDataloader(context).loadMany(errorKeys(replay));
        const ids = new Set<string>();
        for (const event of events) {
          if (!(event instanceof Error) && event.groupID) ids.add(String(event.groupID));
        }
        return [...ids].map((id) => issueKey(replay.organizationSlug, id));
      },
    }),
    segments: t.connection(
      {
        type: ReplaySegment,
        nullable: true,
        description:
          'Its recording segments in order, each with its rrweb events. One call: `GET /projects/{org}/{project}/replays/{id}/recording-segments/`.',
        resolve: async (replay, args, context) => {
          const request = pageRequest(args);
          const page = await context.sentry.replays.segments(
            replay.organizationSlug,
            replay.project_id,
            replay.id,
            request.params,
          );
          const offset = offsetOf(request.params.cursor);
          const items = page.items.map((events, i) => ({ segmentId: offset + i, events }));
          return pageToConnection({ ...page, items }, request);
        },
      },
      ReplaySegmentConnection,
    ),
    clicks: t.connection(
      {
        type: ReplayClick,
        nullable: true,
        description:
          'Its clicks, optionally on the elements a CSS selector names. One call: `GET /projects/{org}/{project}/replays/{id}/clicks/`.',
        args: {
          selector: t.arg.string({
            required: false,
            description: 'e.g. `button#checkout.btn-primary` (sent as `click.selector`).',
          }),
          query: t.arg.string({
            required: false,
            description: 'Other `click.*` filters, e.g. `click.tag:button click.role:link`.',
          }),
        },
        resolve: async (replay, args, context) => {
          const request = pageRequest(args);
          const terms = [
            ...(args.selector ? [`click.selector:${JSON.stringify(args.selector)}`] : []),
            ...(args.query ? [args.query] : []),
          ];
          const page = await context.sentry.replays.clicks(
            replay.organizationSlug,
            replay.project_id,
            replay.id,
            { ...request.params, ...(terms.length > 0 ? { query: terms.join(' ') } : {}) },
          );
          return pageToConnection(page, request);
        },
      },
      ReplayClickConnection,
    ),
  }),
});
