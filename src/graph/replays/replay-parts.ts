/**
 * The parts of a `Replay` answered from its body (browser, OS, device, SDK, user, tags) and the
 * rows of its recording segments and clicks.
 */
import type {
  SentryJsonObject,
  SentryNameVersion,
  SentryReplay,
  SentryReplayClick,
  SentryReplayUser,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

export const ReplayNameVersion = builder
  .objectRef<SentryNameVersion>('ReplayNameVersion')
  .implement({
    description: 'A browser, operating system or SDK a replay was recorded with.',
    fields: (t) => ({
      name: t.exposeString('name', { nullable: true, description: 'e.g. "Chrome", "iOS".' }),
      version: t.exposeString('version', { nullable: true }),
    }),
  });

export const ReplayDevice = builder.objectRef<SentryReplay['device']>('ReplayDevice').implement({
  description: 'The device a replay was recorded on (empty for most desktop browsers).',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    brand: t.exposeString('brand', { nullable: true, description: 'e.g. "Apple", "samsung".' }),
    model: t.exposeString('model', { nullable: true }),
    family: t.exposeString('family', { nullable: true, description: 'e.g. "iPhone", "Other".' }),
  }),
});

export const ReplayUser = builder.objectRef<SentryReplayUser>('ReplayUser').implement({
  description: 'The end user of the session, as the SDK reported them.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true, description: "The application's id of the user." }),
    username: t.exposeString('username', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    ipAddress: t.exposeString('ip', { nullable: true }),
    displayName: t.exposeString('display_name', { nullable: true }),
  }),
});

export const ReplayTag = builder
  .objectRef<{ key: string; values: string[] }>('ReplayTag')
  .implement({
    description: 'A tag of a replay and its values.',
    fields: (t) => ({
      key: t.exposeString('key'),
      values: t.exposeStringList('values'),
    }),
  });

/** Sentry sends `tags` as an object of lists (an empty list when there are none). */
export function tagsOf(replay: SentryReplay): { key: string; values: string[] }[] {
  if (Array.isArray(replay.tags) || !replay.tags) return [];
  return Object.entries(replay.tags).map(([key, values]) => ({ key, values: values.map(String) }));
}

export interface ReplaySegmentShape {
  segmentId: number;
  events: SentryJsonObject[];
}

export const ReplaySegment = builder.objectRef<ReplaySegmentShape>('ReplaySegment').implement({
  description: 'One recording segment of a replay: the rrweb events the SDK uploaded in it.',
  fields: (t) => ({
    segmentId: t.exposeInt('segmentId', { description: 'Its number, from 0.' }),
    eventCount: t.int({ resolve: (segment) => segment.events.length }),
    events: t.field({
      type: ['JSON'],
      description:
        'The rrweb events (Meta, FullSnapshot, IncrementalSnapshot, Custom), in time order.',
      resolve: (segment) => segment.events,
    }),
  }),
});

export const ReplaySegmentConnection = builder.connectionObject(
  { type: ReplaySegment, name: 'ReplaySegmentConnection', description: 'A page of segments.' },
  { name: 'ReplaySegmentEdge', description: 'A ReplaySegment and the cursor after it.' },
);

export const ReplayClick = builder.objectRef<SentryReplayClick>('ReplayClick').implement({
  description: 'A click recorded in a replay: the rrweb node clicked and when.',
  fields: (t) => ({
    nodeId: t.exposeInt('node_id', { description: 'The rrweb id of the element clicked.' }),
    timestamp: t.field({ type: 'DateTime', resolve: (click) => String(click.timestamp) }),
  }),
});

export const ReplayClickConnection = builder.connectionObject(
  { type: ReplayClick, name: 'ReplayClickConnection', description: 'A page of clicks.' },
  { name: 'ReplayClickEdge', description: 'A ReplayClick and the cursor after it.' },
);
