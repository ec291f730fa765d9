/**
 * A project's debug information files: `sentry.debugFiles.list(org, project)` (with `query`),
 * download by id, multipart upload, delete by id.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { type OrgScoped, platformBlob, Resource } from './http/requester.ts';

export interface DebugFileListParams extends PageParams {
  /** An id, debug id or code id, or a substring of the object name. */
  query?: string;
  debugId?: string;
  codeId?: string;
  fileFormats?: readonly string[];
}

const dsyms = (org: string, project: string) =>
  apiPath`/api/0/projects/${org}/${project}/files/dsyms/`;

export class DebugFiles extends Resource {
  readonly list = this.http.lister<SentryDebugFile, [project: string], DebugFileListParams>(
    dsyms,
    (p) => ({
      query: p.query,
      debug_id: p.debugId,
      code_id: p.codeId,
      file_formats: p.fileFormats,
    }),
  );

  /** `GET …/files/dsyms/?id=`: the file's bytes. */
  download(org: string, project: string, id: string) {
    return this.http.download(org, dsyms(org, project), { id });
  }

  /** Answers with the files created (one per entry of a zip). */
  async upload(
    org: string,
    project: string,
    file: Blob,
    name: string,
  ): Promise<OrgScoped<SentryDebugFile>[]> {
    const form = new FormData();
    form.append('file', await platformBlob(file), name);
    const files = await this.http.upload<SentryDebugFile[]>(org, dsyms(org, project), form);
    return (Array.isArray(files) ? files : []).map((f) => ({ ...f, organizationSlug: org }));
  }

  delete(org: string, project: string, id: string): Promise<void> {
    return this.http.delete(org, dsyms(org, project), { id });
  }
}

/** A debug information file (`DebugFileSerializer`). */
export interface SentryDebugFile {
  id: string;
  uuid: string;
  debugId: string;
  codeId: string | null;
  cpuName: string;
  objectName: string;
  symbolType: string;
  headers: Record<string, string>;
  size: number;
  sha1: string;
  dateCreated: string;
  data: Record<string, unknown>;
}
