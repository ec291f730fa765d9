/** Contract cases: session replays, their clicks and recording segments, replay counts. */
import { type Case, O, P } from '../openapi-contract.ts';
import { acme, data, issue } from './seed.ts';

const replay = acme.replays.find((r) => r.clicks.length > 0 && (r.wire.count_segments ?? 0) > 1);
if (!replay) throw new Error('seeded data lacks a replay with clicks and segments');
const replayProject = data.projectsById.get(replay.projectId)?.wire.slug ?? '';
const R = `/api/0/projects/acme/${replayProject}/replays/${replay.wire.id}`;

export const READS: Case[] = [
  {
    operation: `GET ${O}/replays/`,
    path: '/api/0/organizations/acme/replays/?statsPeriod=90d&per_page=50',
  },
  {
    operation: `GET ${O}/replays/{replay_id}/`,
    path: `/api/0/organizations/acme/replays/${replay.wire.id}/?statsPeriod=90d`,
  },
  { operation: `GET ${P}/replays/{replay_id}/clicks/`, path: `${R}/clicks/` },
  {
    operation: `GET ${P}/replays/{replay_id}/recording-segments/`,
    path: `${R}/recording-segments/`,
  },
  {
    operation: `GET ${P}/replays/{replay_id}/recording-segments/{segment_id}/`,
    path: `${R}/recording-segments/1/`,
  },
  {
    operation: `GET ${O}/replay-count/`,
    path: `/api/0/organizations/acme/replay-count/?query=${encodeURIComponent(`issue.id:[${replay.issueIds.join(',') || issue.wire.id}]`)}`,
  },
];

export const WRITES: Case[] = [{ operation: `DELETE ${P}/replays/{replay_id}/`, path: `${R}/` }];
