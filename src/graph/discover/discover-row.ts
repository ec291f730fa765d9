/**
 * discover/: `DiscoverRow`, one row of a Discover table (`GET /organizations/{org}/events/`), and
 * the columns each of its typed fields reads. Its issue, project and release are real edges.
 */
import { eventKey, issueKey } from '../../loaders/keys.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryEventUser, SentryJson } from '../../sentry/types.ts';
import { Event } from '../events/event.ts';
import { EventUser } from '../events/event-user.ts';
import { Issue } from '../issues/issue.ts';
import { Level, toLevel } from '../issues/level.ts';
import { Project, projectStub } from '../projects/project.ts';
import { Release, releaseStubOrNull } from '../releases/release.ts';
import { builder } from '../schema-kit/builder.ts';

/** A Discover row as Sentry returns it: `{ "<field>": value }`, stamped with its organization. */
export type DiscoverRowShape = OrgScoped<Record<string, SentryJson>> & {
  /** The `field=` columns the caller asked for, in their order (for `values`). */
  requested: readonly string[];
};

/** The Discover columns each typed field reads; the resolver asks Sentry for these only. */
export const ROW_COLUMNS: Record<string, readonly string[]> = {
  eventId: ['id'],
  title: ['title'],
  message: ['message'],
  timestamp: ['timestamp'],
  level: ['level'],
  environment: ['environment'],
  release: ['release'],
  platform: ['platform'],
  culprit: ['culprit'],
  transaction: ['transaction'],
  location: ['location'],
  user: ['user.id', 'user.email'],
  userDisplay: ['user.display'],
  errorTypes: ['error.type'],
  project: ['project.id', 'project'],
  issue: ['issue.id'],
  issueShortId: ['issue'],
  event: ['id', 'project.id'],
};

function text(row: DiscoverRowShape, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined || value === '' ? null : String(value);
}

function typedString(column: string, description: string) {
  return (
    t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, DiscoverRowShape>,
  ) => t.string({ nullable: true, description, resolve: (row) => text(row, column) });
}

export const DiscoverRow = builder.objectRef<DiscoverRowShape>('DiscoverRow');

DiscoverRow.implement({
  description:
    'One row of a Discover table: an error event, or a group of them when `fields` holds an aggregate such as `count()`. Each typed field adds its own column(s) to the query; `values` has the `fields` columns as Sentry returned them.',
  fields: (t) => ({
    eventId: typedString('id', '32-hex event id (column `id`).')(t),
    title: typedString('title', 'Title of the event (column `title`).')(t),
    message: typedString('message', 'Message of the event (column `message`).')(t),
    timestamp: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it happened (column `timestamp`).',
      resolve: (row) => text(row, 'timestamp'),
    }),
    level: t.field({
      type: Level,
      nullable: true,
      description: 'Severity (column `level`).',
      resolve: (row) => (text(row, 'level') === null ? null : toLevel(text(row, 'level'))),
    }),
    environment: typedString('environment', 'Environment (column `environment`).')(t),
    platform: typedString('platform', 'Platform, e.g. "python" (column `platform`).')(t),
    culprit: typedString('culprit', 'Function or module it happened in (column `culprit`).')(t),
    transaction: typedString('transaction', 'Route or transaction (column `transaction`).')(t),
    location: typedString('location', 'File it points at (column `location`).')(t),
    userDisplay: typedString(
      'user.display',
      "The application user's email, username, id or IP, whichever is set (column `user.display`).",
    )(t),
    user: t.field({
      type: EventUser,
      nullable: true,
      description:
        'The application user (columns `user.id`, `user.email`; only those two are set).',
      resolve: (row): SentryEventUser | null => {
        const id = text(row, 'user.id');
        const email = text(row, 'user.email');
        return id === null && email === null ? null : { id, email };
      },
    }),
    errorTypes: t.stringList({
      description: 'Exception types of the event (column `error.type`).',
      resolve: (row) => {
        const value = row['error.type'];
        return Array.isArray(value) ? value.map(String) : value == null ? [] : [String(value)];
      },
    }),
    issueShortId: typedString(
      'issue',
      'Short id of its issue, e.g. "BACKEND-1A" (column `issue`).',
    )(t),
    issue: t.field({
      type: Issue,
      nullable: true,
      description:
        "Its issue (column `issue.id`): the page's issues load in one bulk call (`group=…`).",
      resolve: (row) => {
        const id = text(row, 'issue.id');
        return id === null ? null : issueKey(row.organizationSlug, id);
      },
    }),
    project: t.field({
      type: Project,
      nullable: true,
      description:
        "Its project (columns `project.id`, `project`): `id` and `slug` cost no call; other fields load the page's projects in one call to the organization's project list.",
      resolve: (row) => {
        const id = text(row, 'project.id');
        const slug = text(row, 'project');
        return id === null || slug === null
          ? null
          : projectStub(row.organizationSlug, { id, slug });
      },
    }),
    release: t.field({
      type: Release,
      nullable: true,
      description: 'Its release (column `release`); `version` costs no call.',
      resolve: (row) => {
        const version = text(row, 'release');
        return releaseStubOrNull(row.organizationSlug, version ? { version } : null);
      },
    }),
    event: t.field({
      type: Event,
      nullable: true,
      description:
        'The full event (columns `id`, `project.id`): one call per row, as Sentry has no bulk read of full events.',
      resolve: (row) => {
        const id = text(row, 'id');
        const project = text(row, 'project.id');
        return id === null || project === null ? null : eventKey(row.organizationSlug, project, id);
      },
    }),
    values: t.field({
      type: 'JSON',
      description:
        'The columns named in `fields`, keyed by field as Sentry returned them (e.g. `{"count()": 3, "tags[browser]": "Chrome"}`). JSON because `fields` takes any Discover column, tag or aggregate.',
      resolve: (row) =>
        Object.fromEntries(row.requested.map((field) => [field, row[field] ?? null])),
    }),
  }),
});

export const DiscoverRowConnection = builder.connectionObject(
  { type: DiscoverRow, name: 'DiscoverRowConnection', description: 'A page of Discover rows.' },
  { name: 'DiscoverRowEdge', description: 'A DiscoverRow and the cursor after it.' },
);
