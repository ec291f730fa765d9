/** Contract cases: usage stats (stats_v2) and a project's stats series. */
import { type Case, O, P } from '../openapi-contract.ts';

export const READS: Case[] = [
  {
    operation: `GET ${O}/stats_v2/`,
    path: '/api/0/organizations/acme/stats_v2/?field=sum(quantity)&groupBy=outcome&groupBy=category&statsPeriod=7d&interval=1d',
  },
  {
    operation: `GET ${O}/stats_v2/`,
    path: '/api/0/organizations/acme/stats_v2/?field=sum(times_seen)&groupBy=project&statsPeriod=24h',
  },
  {
    operation: `GET ${P}/stats/`,
    path: '/api/0/projects/acme/backend/stats/?stat=received&resolution=1h',
  },
];

export const WRITES: Case[] = [];
