/**
 * Release files (source maps and the files they map): `sentry.releaseFiles.list(org, version)`,
 * the project-scoped list, one, download, multipart upload, rename, delete; the files changed in
 * a release's commits, a project's release commits, and an event's `source-map-debug`.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { type OrgScoped, platformBlob, Resource } from './http/requester.ts';
import type { SentryReleaseFile } from './releases.ts';
import type { SentryCommit } from './repositories.ts';

export interface ReleaseFileListParams extends PageParams {
  /** Substring of the file name. */
  query?: string;
}

/** The multipart fields of an upload. */
export interface ReleaseFileUpload {
  file: Blob;
  /** The name (full path or `~/…` URL) the file is known by; the file's own name by default. */
  name?: string | undefined;
  dist?: string | null | undefined;
  headers?: Record<string, string> | undefined;
}

export interface ReleaseFileUpdate {
  name: string;
  /** Not in the spec's body; Sentry and the local server take it beside `name`. */
  dist?: string | null;
}

const orgFiles = (org: string, version: string) =>
  apiPath`/api/0/organizations/${org}/releases/${version}/files/`;
const orgFile = (org: string, version: string, id: string) =>
  apiPath`/api/0/organizations/${org}/releases/${version}/files/${id}/`;

export class ReleaseFiles extends Resource {
  /** `GET /organizations/{org}/releases/{version}/files/`. */
  readonly list = this.http.lister<SentryReleaseFile, [version: string], ReleaseFileListParams>(
    orgFiles,
    (p) => ({ query: p.query }),
  );

  /** `GET /projects/{org}/{project}/releases/{version}/files/`: 404 unless the release is the project's. */
  readonly listInProject = this.http.lister<
    SentryReleaseFile,
    [project: string, version: string],
    ReleaseFileListParams
  >(
    (org, project, version) =>
      apiPath`/api/0/projects/${org}/${project}/releases/${version}/files/`,
    (p) => ({ query: p.query }),
  );

  readonly get = this.http.getter<SentryReleaseFile, [version: string, fileId: string]>(orgFile);

  /** `?download=1`: the file's bytes and the headers Sentry sent them with. */
  download(org: string, version: string, fileId: string) {
    return this.http.download(org, orgFile(org, version, fileId), { download: 1 });
  }

  async upload(
    org: string,
    version: string,
    upload: ReleaseFileUpload,
  ): Promise<OrgScoped<SentryReleaseFile>> {
    const form = new FormData();
    form.append('file', await platformBlob(upload.file), upload.name?.split('/').pop() || 'file');
    if (upload.name) form.append('name', upload.name);
    if (upload.dist) form.append('dist', upload.dist);
    for (const [key, value] of Object.entries(upload.headers ?? {})) {
      form.append('header', `${key}:${value}`);
    }
    const file = await this.http.upload<SentryReleaseFile>(org, orgFiles(org, version), form);
    return { ...file, organizationSlug: org };
  }

  readonly update = this.http.writer<
    SentryReleaseFile,
    [version: string, fileId: string],
    ReleaseFileUpdate
  >('PUT', orgFile);

  readonly delete = this.http.deleter<[version: string, fileId: string]>(orgFile);

  /** `GET /organizations/{org}/releases/{version}/commitfiles/` (needs `project:releases`). */
  commitFiles(org: string, version: string) {
    return this.http.all<SentryCommitFileChange>(
      org,
      apiPath`/api/0/organizations/${org}/releases/${version}/commitfiles/`,
      'commit files',
    );
  }

  /** `GET /projects/{org}/{project}/releases/{version}/commits/`. */
  readonly projectCommits = this.http.lister<SentryCommit, [project: string, version: string]>(
    (org, project, version) =>
      apiPath`/api/0/projects/${org}/${project}/releases/${version}/commits/`,
  );

  /** `GET /projects/{org}/{project}/events/{event_id}/source-map-debug/`. */
  sourceMapDebug(
    org: string,
    project: string,
    eventId: string,
    at: { exception?: number | undefined; frame?: number | undefined } = {},
  ): Promise<OrgScoped<SentrySourceMapDebug>> {
    return this.http.one(
      org,
      apiPath`/api/0/projects/${org}/${project}/events/${eventId}/source-map-debug/`,
      { exception_idx: at.exception, frame_idx: at.frame },
    );
  }
}

/** One file a commit changed (`CommitFileChangeSerializer`). */
export interface SentryCommitFileChange {
  id: string;
  orgId: number;
  author: unknown;
  commitMessage: string | null;
  filename: string;
  /** `A`dded, `M`odified, `D`eleted. */
  type: string;
  repoName: string;
}

export type SentryLookupResult = 'found' | 'wrong-dist' | 'unsuccessful';

export interface SentrySourceMapReleaseProcess {
  abs_path: string;
  matching_source_file_names: string[];
  matching_source_map_name: string | null;
  source_map_reference: string | null;
  source_file_lookup_result: SentryLookupResult;
  source_map_lookup_result: SentryLookupResult;
}

export interface SentrySourceMapDebugFrame {
  debug_id_process: {
    debug_id: string | null;
    uploaded_source_file_with_correct_debug_id: boolean;
    uploaded_source_map_with_correct_debug_id: boolean;
  };
  release_process: SentrySourceMapReleaseProcess | null;
  scraping_process: { source_file: unknown; source_map: unknown };
}

export interface SentrySourceMapDebug {
  dist: string | null;
  release: string | null;
  exceptions: { frames: SentrySourceMapDebugFrame[] }[];
  has_debug_ids: boolean;
  min_debug_id_sdk_version: string | null;
  sdk_version: string | null;
  project_has_some_artifact_bundle: boolean;
  release_has_some_artifact: boolean;
  has_uploaded_some_artifact_with_a_debug_id: boolean;
  sdk_debug_id_support: string;
  has_scraping_data: boolean;
}
