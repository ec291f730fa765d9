/**
 * A project's client keys (DSNs): `sentry.projectKeys.list(org, project)` and the key writes,
 * with their wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export class ProjectKeys extends Resource {
  readonly list = this.http.lister<
    SentryProjectKey,
    [project: string],
    PageParams & { status?: 'active' | 'inactive' }
  >(
    (org, project) => apiPath`/api/0/projects/${org}/${project}/keys/`,
    (p) => ({ status: p.status }),
  );

  readonly create = this.http.writer<SentryProjectKey, [project: string], SentryProjectKeyCreate>(
    'POST',
    (org, project) => apiPath`/api/0/projects/${org}/${project}/keys/`,
  );

  readonly update = this.http.writer<
    SentryProjectKey,
    [project: string, keyId: string],
    SentryProjectKeyUpdate
  >('PUT', (org, project, keyId) => apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`);

  readonly delete = this.http.deleter<[project: string, keyId: string]>(
    (org, project, keyId) => apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`,
  );
}

export interface SentryProjectKeyDsn {
  secret: string;
  public: string;
  csp: string;
  security: string;
  minidump: string;
  nel: string;
  unreal: string;
  crons: string;
  cdn: string;
  playstation: string;
  integration: string;
  otlp_traces: string;
  otlp_logs: string;
}

/** `GET /projects/{org}/{project}/keys/` rows (client keys / DSNs). */
export interface SentryProjectKey {
  id: string;
  name: string;
  label: string;
  public: string | null;
  secret: string | null;
  projectId: number;
  isActive: boolean;
  rateLimit: { window: number; count: number } | null;
  dsn: SentryProjectKeyDsn;
  browserSdkVersion: string;
  browserSdk: { choices: [string, string][] };
  dateCreated: SentryDateTime | null;
  dynamicSdkLoaderOptions: {
    hasReplay: boolean;
    hasPerformance: boolean;
    hasDebug: boolean;
    hasFeedback: boolean;
    hasLogsAndMetrics: boolean;
  };
  useCase?: string;
}

export interface SentryProjectKeyCreate {
  name?: string | null;
  rateLimit?: { count?: number | null; window?: number | null };
  useCase?: 'user' | 'profiling' | 'tempest' | 'demo';
}

export interface SentryProjectKeyUpdate {
  name?: string;
  isActive?: boolean;
  rateLimit?: { count?: number | null; window?: number | null };
  browserSdkVersion?: 'latest' | '7.x';
  dynamicSdkLoaderOptions?: Partial<SentryProjectKey['dynamicSdkLoaderOptions']>;
}
