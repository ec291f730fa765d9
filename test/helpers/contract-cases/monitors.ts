/** Contract cases: cron monitors and their check-ins, organization- and project-scoped. */
import { type Case, O, P } from '../openapi-contract.ts';
import { monitorProject } from './seed.ts';

export const READS: Case[] = [
  { operation: `GET ${O}/monitors/`, path: '/api/0/organizations/acme/monitors/' },
  {
    operation: `GET ${O}/monitors/`,
    path: '/api/0/organizations/acme/monitors/?environment=staging&project=backend',
  },
  {
    operation: `GET ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/sync-invoices/',
  },
  {
    operation: `GET ${O}/monitors/{monitor_id_or_slug}/checkins/`,
    path: '/api/0/organizations/acme/monitors/refresh-search-index/checkins/',
  },
  {
    operation: `GET ${P}/monitors/{monitor_id_or_slug}/`,
    path: `/api/0/projects/acme/${monitorProject}/monitors/nightly-backup/`,
  },
  {
    operation: `GET ${P}/monitors/{monitor_id_or_slug}/checkins/`,
    path: `/api/0/projects/acme/${monitorProject}/monitors/nightly-backup/checkins/`,
  },
];

export const WRITES: Case[] = [
  {
    operation: `POST ${O}/monitors/`,
    path: '/api/0/organizations/acme/monitors/',
    body: {
      project: 'backend',
      name: 'Contract Job',
      config: { schedule_type: 'interval', schedule: [2, 'hour'], checkin_margin: 5 },
    },
  },
  {
    operation: `PUT ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/contract-job/',
    body: { config: { schedule_type: 'crontab', schedule: '0 * * * *', timezone: 'Europe/Paris' } },
  },
  {
    operation: `PUT ${P}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/projects/acme/backend/monitors/contract-job/',
    body: { is_muted: true },
  },
  {
    operation: `DELETE ${P}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/projects/acme/backend/monitors/contract-job/',
  },
  {
    operation: `DELETE ${O}/monitors/{monitor_id_or_slug}/`,
    path: '/api/0/organizations/acme/monitors/rotate-logs/?environment=production',
  },
];
