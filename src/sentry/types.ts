/**
 * Sentry REST wire types: the JSON bodies of `/api/0/...` exactly as Sentry sends and accepts
 * them, with Sentry's own field names. Derived from the response and request schemas of
 * Sentry's OpenAPI spec (getsentry/sentry-api-schema, openapi-derefed.json); where a list row
 * and a detail body differ, the detail type extends the row type.
 *
 * Each type lives with its resource's endpoints (`issues.ts`, `releases.ts`, …); this barrel
 * re-exports them all for code that needs the wire shapes only (the local Sentry). Type-only.
 */

export type * from './alert-rules.ts';
export type * from './app-installations.ts';
export type * from './debug-files.ts';
export type * from './discover.ts';
export type * from './event-entries.ts';
export type * from './events.ts';
export type * from './http/wire.ts';
export type * from './issue.ts';
export type * from './issues.ts';
export type * from './members.ts';
export type * from './monitors.ts';
export type * from './organizations.ts';
export type * from './project-keys.ts';
export type * from './projects.ts';
export type * from './release-files.ts';
export type * from './releases.ts';
export type * from './replays.ts';
export type * from './repositories.ts';
export type * from './scim.ts';
export type * from './service-hooks.ts';
export type * from './sessions.ts';
export type * from './stats.ts';
export type * from './teams.ts';
export type * from './user-feedback.ts';
export type * from './users.ts';
