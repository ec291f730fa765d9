/** Contract cases: SCIM users and groups, Sentry App installations, member removal. */
import { installations } from '../../../src/local-sentry/resources/app-installations/store.ts';
import { type Case, idOf, O } from '../openapi-contract.ts';
import { acme, data, issue, seeded } from './seed.ts';

const { team } = seeded;

const scimMember = acme.members.find((m) => m.wire.inviteStatus === 'approved');
const scimCreated: { memberId?: string } = {};

export const READS: Case[] = [
  { operation: `GET ${O}/scim/v2/Users`, path: '/api/0/organizations/acme/scim/v2/Users' },
  {
    operation: `GET ${O}/scim/v2/Users`,
    path: `/api/0/organizations/acme/scim/v2/Users?startIndex=2&count=2&filter=${encodeURIComponent(`userName eq "${scimMember?.wire.email}"`)}`,
  },
  {
    operation: `GET ${O}/scim/v2/Users/{member_id}`,
    path: `/api/0/organizations/acme/scim/v2/Users/${scimMember?.wire.id}`,
  },
  { operation: `GET ${O}/scim/v2/Groups`, path: '/api/0/organizations/acme/scim/v2/Groups' },
  {
    operation: `GET ${O}/scim/v2/Groups/{team_id_or_slug}`,
    path: `/api/0/organizations/acme/scim/v2/Groups/${team.wire.id}`,
  },
  {
    operation: `GET ${O}/sentry-app-installations/`,
    path: '/api/0/organizations/acme/sentry-app-installations/',
  },
];

export const WRITES: Case[] = [
  {
    operation: `POST ${O}/scim/v2/Users`,
    path: '/api/0/organizations/acme/scim/v2/Users',
    body: { userName: 'contract.scim@example.com', sentryOrgRole: 'member' },
    keep: (body) => {
      scimCreated.memberId = idOf(body);
    },
  },
  {
    operation: `DELETE ${O}/members/{member_id}/`,
    path: () => `/api/0/organizations/acme/members/${scimCreated.memberId}/`,
  },
  {
    operation: `POST ${O}/scim/v2/Groups`,
    path: '/api/0/organizations/acme/scim/v2/Groups',
    body: { displayName: 'Contract SCIM Group' },
  },
  {
    operation: 'POST /api/0/sentry-app-installations/{uuid}/external-issues/',
    path: () =>
      `/api/0/sentry-app-installations/${installations(data, acme)[0]?.uuid}/external-issues/`,
    body: {
      issueId: Number(issue.wire.id),
      webUrl: 'https://linear.app/acme/issue/ENG-1',
      project: 'ENG',
      identifier: '1',
    },
  },
];
