/** Contract cases: release files, commit files, source-map-debug and debug files (uploads: local-sentry-files.test.ts). */
import { type Case, O, P } from '../openapi-contract.ts';
import { acme, data, seeded, v } from './seed.ts';

const { jsRelease } = seeded;

const jsProject = data.projectsById.get(jsRelease.projectIds[0] ?? '')?.wire.slug ?? '';
const jsFiles = `/api/0/projects/acme/${jsProject}/releases/${v(jsRelease.wire.version)}/files/`;
const [fileA, fileB] = jsRelease.files;
const jsEvent = acme.events.find((e) => e.projectId === jsRelease.projectIds[0]);
const orgFiles = `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/files/`;

export const READS: Case[] = [
  { operation: `GET ${P}/releases/{version}/files/`, path: jsFiles },
  { operation: `GET ${P}/releases/{version}/files/{file_id}/`, path: `${jsFiles}${fileA?.id}/` },
  {
    operation: `GET ${O}/releases/{version}/commitfiles/`,
    path: `/api/0/organizations/acme/releases/${v(jsRelease.wire.version)}/commitfiles/`,
  },
  {
    operation: `GET ${P}/releases/{version}/commits/`,
    path: `/api/0/projects/acme/${jsProject}/releases/${v(jsRelease.wire.version)}/commits/`,
  },
  {
    operation: `GET ${P}/events/{event_id}/source-map-debug/`,
    path: `/api/0/projects/acme/${jsProject}/events/${jsEvent?.id}/source-map-debug/?exception_idx=0&frame_idx=0`,
  },
  { operation: `GET ${P}/files/dsyms/`, path: '/api/0/projects/acme/android/files/dsyms/' },
];

export const WRITES: Case[] = [
  {
    operation: `PUT ${O}/releases/{version}/files/{file_id}/`,
    path: `${orgFiles}${fileA?.id}/`,
    body: { name: '~/static/js/renamed.js' },
  },
  {
    operation: `PUT ${P}/releases/{version}/files/{file_id}/`,
    path: `${jsFiles}${fileB?.id}/`,
    body: { name: '~/static/js/renamed.js.map', dist: 'web' },
  },
  {
    operation: `DELETE ${O}/releases/{version}/files/{file_id}/`,
    path: `${orgFiles}${fileA?.id}/`,
  },
  { operation: `DELETE ${P}/releases/{version}/files/{file_id}/`, path: `${jsFiles}${fileB?.id}/` },
];
