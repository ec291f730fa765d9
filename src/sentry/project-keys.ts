/**
 * A project's client keys (DSNs): `sentry.projectKeys.list(org, project)` and the key writes,
 * with their wire types.
 */
import { apiPath } from './http/api-path.ts';
import type { Page, PageParams } from './http/pagination.ts';
import { type OrgScoped, pageQuery, Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';

export class ProjectKeys extends Resource {
  async list(
    org: string,
    project: string,
    p: PageParams & { status?: 'active' | 'inactive' } = {},
  ): Promise<Page<OrgScoped<SentryProjectKey>>> {
    return this.http.page(
      org,
      apiPath`/api/0/projects/${org}/${project}/keys/`,
      pageQuery(p, { status: p.status }),
    );
  }

  async create(
    org: string,
    project: string,
    body: SentryProjectKeyCreate,
  ): Promise<OrgScoped<SentryProjectKey>> {
    return this.http.write('POST', org, apiPath`/api/0/projects/${org}/${project}/keys/`, body);
  }

  async update(
    org: string,
    project: string,
    keyId: string,
    body: SentryProjectKeyUpdate,
  ): Promise<OrgScoped<SentryProjectKey>> {
    return this.http.write(
      'PUT',
      org,
      apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`,
      body,
    );
  }

  async delete(org: string, project: string, keyId: string): Promise<void> {
    await this.http.delete(org, apiPath`/api/0/projects/${org}/${project}/keys/${keyId}/`);
  }
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
