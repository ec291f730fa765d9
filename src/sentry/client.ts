/**
 * The Sentry REST API for one caller, Octokit-style: `sentry.issues.list(org, …)`,
 * `sentry.releases.deploys(org, version)`. Each namespace is a resource file next to this one
 * with its endpoints and wire types; every path segment is encoded by `apiPath`, answers are
 * typed wire data, failures typed errors (`http/errors.ts`). All namespaces send through this
 * client's requester, so token, abort signal, call budget, request count and prefetch memo are
 * per client. Create one per GraphQL request; the `Upstream` it uses holds the connection pools
 * and is shared by the process.
 *
 * Reads are GETs (retried on transient failures); writes are sent exactly once.
 */

import { AlertRules } from './alert-rules.ts';
import { AppInstallations } from './app-installations.ts';
import { DebugFiles } from './debug-files.ts';
import { Discover } from './discover.ts';
import { Events } from './events.ts';
import { Requester, type RequesterOptions } from './http/requester.ts';
import type { SentryRateLimit } from './http/wire.ts';
import { Issues } from './issues.ts';
import { Members } from './members.ts';
import { Monitors } from './monitors.ts';
import { Organizations } from './organizations.ts';
import { ProjectKeys } from './project-keys.ts';
import { Projects } from './projects.ts';
import { ReleaseFiles } from './release-files.ts';
import { Releases } from './releases.ts';
import { Replays } from './replays.ts';
import { Repositories } from './repositories.ts';
import { Scim } from './scim.ts';
import { ServiceHooks } from './service-hooks.ts';
import { Sessions } from './sessions.ts';
import { Stats } from './stats.ts';
import { Teams } from './teams.ts';
import { UserFeedback } from './user-feedback.ts';

export type { OrgScoped, ProjectFilter } from './http/requester.ts';

export type SentryClientOptions = RequesterOptions;

export class SentryClient {
  readonly #http: Requester;
  // Namespaces are created on first use, once per client.
  #organizations: Organizations | undefined;
  #projects: Projects | undefined;
  #teams: Teams | undefined;
  #members: Members | undefined;
  #issues: Issues | undefined;
  #events: Events | undefined;
  #releases: Releases | undefined;
  #repositories: Repositories | undefined;
  #projectKeys: ProjectKeys | undefined;
  #serviceHooks: ServiceHooks | undefined;
  #userFeedback: UserFeedback | undefined;
  #discover: Discover | undefined;
  #sessions: Sessions | undefined;
  #monitors: Monitors | undefined;
  #scim: Scim | undefined;
  #appInstallations: AppInstallations | undefined;
  #replays: Replays | undefined;
  #releaseFiles: ReleaseFiles | undefined;
  #debugFiles: DebugFiles | undefined;
  #alertRules: AlertRules | undefined;
  #stats: Stats | undefined;

  constructor(options: SentryClientOptions) {
    this.#http = new Requester(options);
  }

  get hasToken(): boolean {
    return this.#http.hasToken;
  }

  /** HTTP requests this client sent (attempts, retries included). */
  get requestCount(): number {
    return this.#http.requestCount;
  }

  /** GETs answered from the response cache (`--cache-ttl`), with nothing sent. */
  get cacheHits(): number {
    return this.#http.cacheHits;
  }

  /** The last `X-Sentry-Rate-Limit-*` headers seen for this token on this upstream. */
  rateLimit(organization?: string): SentryRateLimit | undefined {
    return this.#http.rateLimit(organization);
  }

  /**
   * Starts reads now whose answers a resolver will ask for later in this request, so that they
   * run in the same wave as the call they would otherwise wait for (a child field that needs
   * only its parent's key and its own arguments, started when the parent's key is known).
   *
   * Each `read` calls GET methods of this client exactly as the later caller will; every GET it
   * sends (synchronously, before its first `await`) is kept, by method, path and query, for the
   * first identical GET of this client, which gets that answer instead of a new call, and then
   * forgotten. So a prefetch whose answer is used costs no extra call, an answer serves one
   * caller only (a second identical read calls Sentry as it would have), and the kept answers
   * live no longer than this client, i.e. one GraphQL request of one token. Failures are the
   * later caller's to see: an answer nobody takes, failed or not, is dropped silently. Any write
   * forgets every kept answer.
   */
  prefetch(...reads: ((client: SentryClient) => Promise<unknown>)[]): void {
    for (const read of reads) this.#http.keep(() => read(this));
  }

  /** `/organizations/`: list, one, update, users. */
  get organizations(): Organizations {
    this.#organizations ??= new Organizations(this.#http);
    return this.#organizations;
  }

  /** Projects of an organization or a team; a project's event users and tag values. */
  get projects(): Projects {
    this.#projects ??= new Projects(this.#http);
    return this.#projects;
  }

  get teams(): Teams {
    this.#teams ??= new Teams(this.#http);
    return this.#teams;
  }

  /** Organization members, and a team's. */
  get members(): Members {
    this.#members ??= new Members(this.#http);
    return this.#members;
  }

  /** Issues: lists, one, short ids, writes and bulk writes, tags, hashes. */
  get issues(): Issues {
    this.#issues ??= new Issues(this.#http);
    return this.#issues;
  }

  /** A project's or an issue's events, one event, event-id lookup. */
  get events(): Events {
    this.#events ??= new Events(this.#http);
    return this.#events;
  }

  /** Releases and their deploys, commits and files. */
  get releases(): Releases {
    this.#releases ??= new Releases(this.#http);
    return this.#releases;
  }

  get repositories(): Repositories {
    this.#repositories ??= new Repositories(this.#http);
    return this.#repositories;
  }

  /** A project's client keys (DSNs). */
  get projectKeys(): ProjectKeys {
    this.#projectKeys ??= new ProjectKeys(this.#http);
    return this.#projectKeys;
  }

  get serviceHooks(): ServiceHooks {
    this.#serviceHooks ??= new ServiceHooks(this.#http);
    return this.#serviceHooks;
  }

  get userFeedback(): UserFeedback {
    this.#userFeedback ??= new UserFeedback(this.#http);
    return this.#userFeedback;
  }

  /** Discover / Explore tables (`/organizations/{org}/events/`). */
  get discover(): Discover {
    this.#discover ??= new Discover(this.#http);
    return this.#discover;
  }

  /** Release-health series (`/organizations/{org}/sessions/`). */
  get sessions(): Sessions {
    this.#sessions ??= new Sessions(this.#http);
    return this.#sessions;
  }

  /** Crons: monitors and their check-ins. */
  get monitors(): Monitors {
    this.#monitors ??= new Monitors(this.#http);
    return this.#monitors;
  }

  /** SCIM v2 provisioning: members as SCIM Users, teams as SCIM Groups. */
  get scim(): Scim {
    this.#scim ??= new Scim(this.#http);
    return this.#scim;
  }

  /** Sentry App installations and the external issues they link. */
  get appInstallations(): AppInstallations {
    this.#appInstallations ??= new AppInstallations(this.#http);
    return this.#appInstallations;
  }

  /** Session replays: the list, one replay, its segments and clicks, replay tags and counts. */
  get replays(): Replays {
    this.#replays ??= new Replays(this.#http);
    return this.#replays;
  }

  /** Release files (source maps), commit files, release commits of a project, source-map-debug. */
  get releaseFiles(): ReleaseFiles {
    this.#releaseFiles ??= new ReleaseFiles(this.#http);
    return this.#releaseFiles;
  }

  /** A project's debug information files. */
  get debugFiles(): DebugFiles {
    this.#debugFiles ??= new DebugFiles(this.#http);
    return this.#debugFiles;
  }

  /** Metric alert rules. */
  get alertRules(): AlertRules {
    this.#alertRules ??= new AlertRules(this.#http);
    return this.#alertRules;
  }

  /** Usage stats: `stats_v2` and the legacy event-count series. */
  get stats(): Stats {
    this.#stats ??= new Stats(this.#http);
    return this.#stats;
  }
}
