/** Contract cases: issues, events, tags, hashes, short and event ids, Discover, attachments. */
import { type Case, O, P } from '../openapi-contract.ts';
import { eventIds, issue, seeded } from './seed.ts';

const { event, issueA, issueB, issueC, issueD } = seeded;

export const READS: Case[] = [
  { operation: `GET ${O}/issues/`, path: '/api/0/organizations/acme/issues/?query=&limit=25' },
  {
    operation: `GET ${O}/issues/`,
    path: '/api/0/organizations/acme/issues/?query=is:unresolved&sort=freq&statsPeriod=14d&groupStatsPeriod=14d',
  },
  {
    operation: `GET ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?group=${issueA.wire.id}&group=${issueB.wire.id}&project=-1`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.shortId}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/latest/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/oldest/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/recommended/`,
  },
  // The spec enumerates latest|oldest|recommended for event_id; Sentry also takes a real id.
  {
    operation: `GET ${O}/issues/{issue_id}/events/{event_id}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/events/${event.id}/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/hashes/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/hashes/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/tags/{key}/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/tags/level/`,
  },
  {
    operation: `GET ${O}/issues/{issue_id}/tags/{key}/values/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/tags/environment/values/`,
  },
  {
    operation: `GET ${O}/shortids/{issue_id}/`,
    path: `/api/0/organizations/acme/shortids/${issue.wire.shortId}/`,
  },
  {
    operation: `GET ${O}/eventids/{event_id}/`,
    path: `/api/0/organizations/acme/eventids/${event.id}/`,
  },
  {
    operation: `GET ${O}/events/`,
    path: `/api/0/organizations/acme/events/?dataset=errors&field=id&field=title&field=project.name&field=issue.id&field=timestamp&query=id:[${eventIds.join(',')}]&project=-1&statsPeriod=90d`,
  },
  {
    operation: `GET ${O}/events/`,
    path: '/api/0/organizations/acme/events/?dataset=errors&field=issue.id&field=count()&sort=-count()&project=-1&statsPeriod=14d',
  },
  { operation: `GET ${P}/events/`, path: '/api/0/projects/acme/backend/events/' },
  {
    operation: `GET ${P}/events/{event_id}/`,
    path: `/api/0/projects/acme/backend/events/${event.id}/`,
  },
  { operation: `GET ${P}/issues/`, path: '/api/0/projects/acme/backend/issues/' },
  {
    operation: `GET ${O}/issues/{issue_id}/external-issues/`,
    path: `/api/0/organizations/acme/issues/${issue.wire.id}/external-issues/`,
  },
  {
    operation: `GET ${O}/replay-count/`,
    path: `/api/0/organizations/acme/replay-count/?query=${encodeURIComponent(`issue.id:[${issue.wire.id}]`)}`,
  },
  {
    operation: `GET ${P}/events/{event_id}/attachments/`,
    path: `/api/0/projects/acme/backend/events/${event.id}/attachments/`,
  },
];

export const WRITES: Case[] = [
  {
    operation: `PUT ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issueA.wire.id}/`,
    body: { status: 'resolved' },
  },
  {
    operation: `PUT ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?id=${issueA.wire.id}&id=${issueB.wire.id}&project=-1`,
    body: { status: 'unresolved' },
  },
  {
    operation: `DELETE ${O}/issues/{issue_id}/`,
    path: `/api/0/organizations/acme/issues/${issueC.wire.id}/`,
  },
  {
    operation: `DELETE ${O}/issues/`,
    path: `/api/0/organizations/acme/issues/?id=${issueD.wire.id}&project=-1`,
  },
];
