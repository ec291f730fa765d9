/** Contract cases: releases, deploys, commits, their files, project releases and sessions. */
import { type Case, O, P } from '../openapi-contract.ts';
import { seeded, v } from './seed.ts';

const { release, jsRelease } = seeded;

export const READS: Case[] = [
  {
    operation: `GET ${O}/sessions/`,
    path: '/api/0/organizations/acme/sessions/?project=-1&field=sum(session)&groupBy=project&statsPeriod=7d&interval=1d',
  },
  { operation: `GET ${O}/releases/`, path: '/api/0/organizations/acme/releases/' },
  {
    operation: `GET ${O}/releases/`,
    path: `/api/0/organizations/acme/releases/?query=release:[${release.wire.version},${jsRelease.wire.version}]&project=-1`,
  },
  {
    operation: `GET ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/`,
  },
  {
    operation: `GET ${O}/releases/{version}/deploys/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/deploys/`,
  },
  {
    operation: `GET ${O}/releases/{version}/commits/`,
    path: `/api/0/organizations/acme/releases/${v(release.wire.version)}/commits/`,
  },
  {
    operation: `GET ${O}/releases/{version}/files/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/`,
  },
  {
    operation: `GET ${O}/releases/{version}/files/{file_id}/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/${jsRelease.files[0]?.id}/`,
  },
  { operation: `GET ${P}/releases/`, path: '/api/0/projects/acme/backend/releases/' },
];

export const WRITES: Case[] = [
  {
    operation: `POST ${O}/releases/`,
    path: '/api/0/organizations/acme/releases/',
    body: { version: 'backend@9.0.0', projects: ['backend'], ref: 'main' },
  },
  {
    operation: `PUT ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/`,
    body: { ref: 'v9.0.0' },
  },
  {
    operation: `POST ${O}/releases/{version}/deploys/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/deploys/`,
    body: { environment: 'production', name: 'contract deploy' },
  },
  {
    operation: `DELETE ${O}/releases/{version}/`,
    path: `/api/0/organizations/acme/releases/${v('backend@9.0.0')}/`,
  },
];
