/**
 * Repositories: `sentry.repositories.list(org)`, `.commits(org, repoId)`, and the repository,
 * commit and pull-request wire types (release commits use them too).
 */
import { apiPath } from './http/api-path.ts';
import type { PageParams } from './http/pagination.ts';
import { Resource } from './http/requester.ts';
import type { SentryDateTime } from './http/wire.ts';
import type { SentryUnmappedAuthor, SentryUser } from './users.ts';

export class Repositories extends Resource {
  readonly list = this.http.lister<
    SentryRepository,
    [],
    PageParams & { query?: string; status?: string }
  >(
    (org) => apiPath`/api/0/organizations/${org}/repos/`,
    (p) => ({ query: p.query, status: p.status }),
  );

  readonly commits = this.http.lister<SentryCommit, [repoId: string]>(
    (org, repoId) => apiPath`/api/0/organizations/${org}/repos/${repoId}/commits/`,
  );
}

/** `GET /organizations/{org}/repos/` rows. */
export interface SentryRepository {
  id: string;
  name: string;
  dateCreated: SentryDateTime;
  url?: string | null;
  provider?: Record<string, string>;
  status?: string;
  integrationId?: string | null;
  externalSlug?: string | null;
  externalId?: string | null;
}

export interface SentryPullRequest {
  id: string;
  title: string | null;
  message: string | null;
  dateCreated: SentryDateTime;
  mergedAt: SentryDateTime | null;
  status: 'merged' | 'open' | 'closed' | 'draft' | 'unknown' | null;
  repository: SentryRepository;
  author: SentryUser | SentryUnmappedAuthor;
  externalUrl: string;
}

/** Release and repository commit rows. */
export interface SentryCommit {
  /** The commit SHA. */
  id: string;
  message: string | null;
  dateCreated: SentryDateTime;
  pullRequest: SentryPullRequest | null;
  suspectCommitType: string;
  repository?: SentryRepository;
  /** `{}` when Sentry has no author for the commit. */
  author?: SentryUser | SentryUnmappedAuthor | Record<string, never>;
  /** Present on release commit lists. */
  releases?: {
    version: string;
    shortVersion: string;
    ref: string | null;
    url: string | null;
    dateReleased: SentryDateTime | null;
    dateCreated: SentryDateTime;
  }[];
}
