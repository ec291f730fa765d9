/**
 * Session replays. By id many per call (the replay list with `query=id:[…]`, one call per
 * organization; a single id reads the detail); the replays of issues from one replay-count call
 * (`issue.id:[…]&returnIds=true`); the replay of error events from one list call
 * (`query=error_id:[…]`). Every read names the last 90 days (Sentry keeps replays that long;
 * its own default range is 14 days) and every project (`project=-1`).
 */

import type { OrgScoped, SentryClient } from '../sentry/client.ts';
import { localBadRequest } from '../sentry/http/errors.ts';
import type { SentryReplay } from '../sentry/types.ts';
import { checkEventId, checkSlug, groupByOrg, type IssueKey, type ScopedKey } from './keys.ts';
import { loadScopedInBulk } from './settle-each.ts';

/** How far back the loaders look: Sentry's replay retention. */
export const REPLAY_PERIOD = '90d';
const ALL_PROJECTS = [-1];
/** Terms per list call: Sentry's page size, and a URL that stays short. */
const CHUNK = 50;

/** `org/replayId` (32 hex digits, no dashes). */
export type ReplayKey = ScopedKey;

/** Normalises a replay id (a dashed UUID is accepted) or throws BAD_USER_INPUT. */
export function checkReplayId(id: string): string {
  const normalised = id.replaceAll('-', '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(normalised) || !/^[0-9a-fA-F-]+$/.test(id)) {
    throw localBadRequest(`Invalid replay id: ${JSON.stringify(id)}`);
  }
  return normalised;
}

export const replayKey = (org: string, replayId: string): ReplayKey =>
  `${checkSlug(org, 'organization slug')}/${checkReplayId(replayId)}`;

/** `org/eventId`: an error event, for the replay that saw it. */
export type ReplayErrorKey = ScopedKey;

export const replayErrorKey = (org: string, eventId: string): ReplayErrorKey =>
  `${checkSlug(org, 'organization slug')}/${checkEventId(eventId)}`;

export function loadReplays(
  sentry: SentryClient,
  keys: readonly ReplayKey[],
): Promise<(OrgScoped<SentryReplay> | Error)[]> {
  return loadScopedInBulk(keys, {
    what: 'Replay',
    chunkSize: CHUNK,
    idOf: (replay) => replay.id,
    single: (org, id) => sentry.replays.get(org, id, REPLAY_PERIOD),
    fetch: async (org, ids) =>
      (
        await sentry.replays.list(org, {
          query: `id:[${ids.join(',')}]`,
          project: ALL_PROJECTS,
          statsPeriod: REPLAY_PERIOD,
          perPage: ids.length,
        })
      ).items,
  });
}

/** The ids of the replays that saw each issue (`org/issueId`): one call per organization. */
export async function loadIssueReplayIds(
  sentry: SentryClient,
  keys: readonly IssueKey[],
): Promise<(string[] | Error)[]> {
  const found = new Map<string, string[] | Error>();
  await Promise.all(
    [...groupByOrg(keys)].map(async ([org, ids]) => {
      const unique = [...new Set(ids)];
      try {
        const byIssue = await sentry.replays.idsByKey(org, {
          query: `issue.id:[${unique.join(',')}]`,
          project: ALL_PROJECTS,
          statsPeriod: REPLAY_PERIOD,
        });
        for (const id of unique) found.set(`${org}/${id}`, byIssue[id] ?? []);
      } catch (error) {
        for (const id of unique) {
          found.set(`${org}/${id}`, error instanceof Error ? error : new Error(String(error)));
        }
      }
    }),
  );
  return keys.map((key) => found.get(key) ?? []);
}

/** The replay that saw each error event (`org/eventId`), or null: one list call per organization. */
export async function loadErrorReplays(
  sentry: SentryClient,
  keys: readonly ReplayErrorKey[],
): Promise<(OrgScoped<SentryReplay> | null | Error)[]> {
  const found = new Map<string, OrgScoped<SentryReplay> | Error>();
  const calls: Promise<void>[] = [];
  for (const [org, ids] of groupByOrg(keys)) {
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += CHUNK) {
      const chunk = unique.slice(start, start + CHUNK);
      calls.push(
        sentry.replays
          .list(org, {
            query: `error_id:[${chunk.join(',')}]`,
            project: ALL_PROJECTS,
            statsPeriod: REPLAY_PERIOD,
            perPage: 100,
          })
          .then(
            (page) => {
              for (const replay of page.items) {
                for (const id of replay.error_ids) {
                  const key = `${org}/${id.replaceAll('-', '')}`;
                  if (!found.has(key)) found.set(key, replay);
                }
              }
            },
            (error: unknown) => {
              for (const id of chunk) {
                found.set(
                  `${org}/${id}`,
                  error instanceof Error ? error : new Error(String(error)),
                );
              }
            },
          ),
      );
    }
  }
  await Promise.all(calls);
  return keys.map((key) => found.get(key) ?? null);
}
