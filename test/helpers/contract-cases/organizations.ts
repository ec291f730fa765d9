/** Contract cases: organizations, members, repositories, teams, projects, keys, hooks, feedback. */
import { type Case, idOf, O, P, T } from '../openapi-contract.ts';
import { acme, seeded } from './seed.ts';

const { event, member, repository, key, hook, hookProject, team } = seeded;

export const READS: Case[] = [
  { operation: 'GET /api/0/organizations/', path: '/api/0/organizations/' },
  { operation: `GET ${O}/`, path: '/api/0/organizations/acme/' },
  { operation: `GET ${O}/projects/`, path: '/api/0/organizations/acme/projects/' },
  {
    operation: `GET ${O}/projects/`,
    path: '/api/0/organizations/acme/projects/?query=slug:backend%20slug:frontend',
  },
  { operation: `GET ${O}/projects/`, path: '/api/0/organizations/acme/projects/?all_projects=1' },
  { operation: `GET ${O}/teams/`, path: '/api/0/organizations/acme/teams/' },
  { operation: `GET ${O}/teams/`, path: '/api/0/organizations/acme/teams/?detailed=0' },
  { operation: `GET ${O}/members/`, path: '/api/0/organizations/acme/members/' },
  {
    operation: `GET ${O}/members/{member_id}/`,
    path: `/api/0/organizations/acme/members/${member.wire.id}/`,
  },
  { operation: `GET ${O}/repos/`, path: '/api/0/organizations/acme/repos/' },
  {
    operation: `GET ${O}/repos/{repo_id}/commits/`,
    path: `/api/0/organizations/acme/repos/${repository.wire.id}/commits/`,
  },
  { operation: `GET ${P}/`, path: '/api/0/projects/acme/backend/' },
  { operation: `GET ${P}/users/`, path: '/api/0/projects/acme/backend/users/' },
  {
    operation: `GET ${P}/tags/{key}/values/`,
    path: '/api/0/projects/acme/frontend/tags/browser/values/',
  },
  { operation: `GET ${P}/keys/`, path: '/api/0/projects/acme/backend/keys/' },
  {
    operation: `GET ${P}/keys/{key_id}/`,
    path: `/api/0/projects/acme/backend/keys/${key.wire.id}/`,
  },
  { operation: `GET ${P}/hooks/`, path: `/api/0/projects/acme/${hookProject.wire.slug}/hooks/` },
  {
    operation: `GET ${P}/hooks/{hook_id}/`,
    path: `/api/0/projects/acme/${hookProject.wire.slug}/hooks/${hook.wire.id}/`,
  },
  {
    operation: `GET ${P}/user-feedback/`,
    path: `/api/0/projects/acme/${acme.projects.find((p) => p.feedback.length > 0)?.wire.slug ?? 'backend'}/user-feedback/`,
  },
  { operation: `GET ${P}/teams/`, path: '/api/0/projects/acme/backend/teams/' },
  { operation: `GET ${T}/`, path: `/api/0/teams/acme/${team.wire.slug}/` },
  { operation: `GET ${T}/members/`, path: `/api/0/teams/acme/${team.wire.slug}/members/` },
  { operation: `GET ${T}/projects/`, path: `/api/0/teams/acme/${team.wire.slug}/projects/` },
  { operation: `GET ${O}/environments/`, path: '/api/0/organizations/acme/environments/' },
  { operation: `GET ${P}/environments/`, path: '/api/0/projects/acme/backend/environments/' },
  { operation: `GET ${O}/project-keys/`, path: '/api/0/organizations/acme/project-keys/' },
  { operation: `GET ${O}/user-teams/`, path: '/api/0/organizations/acme/user-teams/' },
];

/** Values created by earlier mutations. */
const created: { keyId?: string; hookId?: string } = {};

export const WRITES: Case[] = [
  { operation: `PUT ${O}/`, path: '/api/0/organizations/acme/', body: { name: 'Acme Corp' } },
  {
    operation: `POST ${O}/teams/`,
    path: '/api/0/organizations/acme/teams/',
    body: { slug: 'contract-team', name: 'Contract Team' },
  },
  {
    operation: `PUT ${T}/`,
    path: '/api/0/teams/acme/contract-team/',
    body: { slug: 'contract-team', name: 'Contract' },
  },
  {
    operation: `POST ${T}/projects/`,
    path: '/api/0/teams/acme/contract-team/projects/',
    body: { name: 'Contract Project', slug: 'contract-project', platform: 'python' },
  },
  {
    operation: `PUT ${P}/`,
    path: '/api/0/projects/acme/contract-project/',
    body: { name: 'Contract Project 2' },
  },
  {
    operation: `POST ${P}/teams/{team_id_or_slug}/`,
    path: `/api/0/projects/acme/contract-project/teams/${team.wire.slug}/`,
  },
  {
    operation: `DELETE ${P}/teams/{team_id_or_slug}/`,
    path: `/api/0/projects/acme/contract-project/teams/${team.wire.slug}/`,
  },
  {
    operation: `POST ${P}/keys/`,
    path: '/api/0/projects/acme/contract-project/keys/',
    body: { name: 'Contract' },
    keep: (body) => {
      created.keyId = idOf(body);
    },
  },
  {
    operation: `PUT ${P}/keys/{key_id}/`,
    path: () => `/api/0/projects/acme/contract-project/keys/${created.keyId}/`,
    body: { name: 'Renamed' },
  },
  {
    operation: `DELETE ${P}/keys/{key_id}/`,
    path: () => `/api/0/projects/acme/contract-project/keys/${created.keyId}/`,
  },
  {
    operation: `POST ${P}/hooks/`,
    path: '/api/0/projects/acme/contract-project/hooks/',
    body: { url: 'https://example.com/sentry-hook', events: ['event.created'] },
    keep: (body) => {
      created.hookId = idOf(body);
    },
  },
  {
    operation: `PUT ${P}/hooks/{hook_id}/`,
    path: () => `/api/0/projects/acme/contract-project/hooks/${created.hookId}/`,
    body: { url: 'https://example.com/sentry-hook-2', events: ['event.alert'] },
  },
  {
    operation: `DELETE ${P}/hooks/{hook_id}/`,
    path: () => `/api/0/projects/acme/contract-project/hooks/${created.hookId}/`,
  },
  {
    operation: `POST ${P}/user-feedback/`,
    path: '/api/0/projects/acme/backend/user-feedback/',
    body: {
      event_id: event.id,
      name: 'Jane Doe',
      email: 'jane@example.com',
      comments: 'It broke.',
    },
  },
  { operation: `DELETE ${P}/`, path: '/api/0/projects/acme/contract-project/' },
  { operation: `DELETE ${T}/`, path: '/api/0/teams/acme/contract-team/' },
];
