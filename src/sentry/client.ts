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
import { Discover } from './discover.ts';
import { Events } from './events.ts';
import { Requester, type RequesterOptions } from './http/requester.ts';
import type { SentryRateLimit } from './http/wire.ts';
import { Issues } from './issues.ts';
import { Members } from './members.ts';
import { Organizations } from './organizations.ts';
import { ProjectKeys } from './project-keys.ts';
import { Projects } from './projects.ts';
import { Releases } from './releases.ts';
import { Repositories } from './repositories.ts';
import { ServiceHooks } from './service-hooks.ts';
import { Sessions } from './sessions.ts';
import { Teams } from './teams.ts';
import { UserFeedback } from './user-feedback.ts';

// Until every call site imports these from their resource file.
export type { DiscoverPage, DiscoverParams } from './discover.ts';
export type { EventListParams } from './events.ts';
export type { OrgScoped, ProjectFilter } from './http/requester.ts';
export type { IssueListParams } from './issues.ts';
export type { ReleaseListParams } from './releases.ts';

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

  // The old flat names, until every call site uses the namespaces.
  get listOrganizations(): Organizations['list'] {
    return this.organizations.list.bind(this.organizations);
  }

  get getOrganization(): Organizations['get'] {
    return this.organizations.get.bind(this.organizations);
  }

  get updateOrganization(): Organizations['update'] {
    return this.organizations.update.bind(this.organizations);
  }

  get listOrganizationUsers(): Organizations['users'] {
    return this.organizations.users.bind(this.organizations);
  }

  get listProjects(): Projects['list'] {
    return this.projects.list.bind(this.projects);
  }

  get getProject(): Projects['get'] {
    return this.projects.get.bind(this.projects);
  }

  get createProject(): Projects['create'] {
    return this.projects.create.bind(this.projects);
  }

  get updateProject(): Projects['update'] {
    return this.projects.update.bind(this.projects);
  }

  get deleteProject(): Projects['delete'] {
    return this.projects.delete.bind(this.projects);
  }

  get addProjectTeam(): Projects['addTeam'] {
    return this.projects.addTeam.bind(this.projects);
  }

  get listTeamProjects(): Projects['listForTeam'] {
    return this.projects.listForTeam.bind(this.projects);
  }

  get listProjectUsers(): Projects['users'] {
    return this.projects.users.bind(this.projects);
  }

  get listProjectTagValues(): Projects['tagValues'] {
    return this.projects.tagValues.bind(this.projects);
  }

  get listTeams(): Teams['list'] {
    return this.teams.list.bind(this.teams);
  }

  get getTeam(): Teams['get'] {
    return this.teams.get.bind(this.teams);
  }

  get createTeam(): Teams['create'] {
    return this.teams.create.bind(this.teams);
  }

  get updateTeam(): Teams['update'] {
    return this.teams.update.bind(this.teams);
  }

  get deleteTeam(): Teams['delete'] {
    return this.teams.delete.bind(this.teams);
  }

  get listMembers(): Members['list'] {
    return this.members.list.bind(this.members);
  }

  get getMember(): Members['get'] {
    return this.members.get.bind(this.members);
  }

  get listTeamMembers(): Members['listForTeam'] {
    return this.members.listForTeam.bind(this.members);
  }

  get listIssues(): Issues['list'] {
    return this.issues.list.bind(this.issues);
  }

  get getIssue(): Issues['get'] {
    return this.issues.get.bind(this.issues);
  }

  get resolveShortId(): Issues['resolveShortId'] {
    return this.issues.resolveShortId.bind(this.issues);
  }

  get listProjectIssues(): Issues['listForProject'] {
    return this.issues.listForProject.bind(this.issues);
  }

  get listIssuesResolvedInRelease(): Issues['listResolvedInRelease'] {
    return this.issues.listResolvedInRelease.bind(this.issues);
  }

  get listIssueTags(): Issues['tags'] {
    return this.issues.tags.bind(this.issues);
  }

  get listIssueTagValues(): Issues['tagValues'] {
    return this.issues.tagValues.bind(this.issues);
  }

  get listIssueHashes(): Issues['hashes'] {
    return this.issues.hashes.bind(this.issues);
  }

  get updateIssue(): Issues['update'] {
    return this.issues.update.bind(this.issues);
  }

  get bulkUpdateIssues(): Issues['bulkUpdate'] {
    return this.issues.bulkUpdate.bind(this.issues);
  }

  get deleteIssue(): Issues['delete'] {
    return this.issues.delete.bind(this.issues);
  }

  get bulkDeleteIssues(): Issues['bulkDelete'] {
    return this.issues.bulkDelete.bind(this.issues);
  }

  get listProjectEvents(): Events['listForProject'] {
    return this.events.listForProject.bind(this.events);
  }

  get getProjectEvent(): Events['get'] {
    return this.events.get.bind(this.events);
  }

  get listIssueEvents(): Events['listForIssue'] {
    return this.events.listForIssue.bind(this.events);
  }

  get getIssueEvent(): Events['getForIssue'] {
    return this.events.getForIssue.bind(this.events);
  }

  get resolveEventId(): Events['resolveId'] {
    return this.events.resolveId.bind(this.events);
  }

  get listReleases(): Releases['list'] {
    return this.releases.list.bind(this.releases);
  }

  get getRelease(): Releases['get'] {
    return this.releases.get.bind(this.releases);
  }

  get createRelease(): Releases['create'] {
    return this.releases.create.bind(this.releases);
  }

  get updateRelease(): Releases['update'] {
    return this.releases.update.bind(this.releases);
  }

  get deleteRelease(): Releases['delete'] {
    return this.releases.delete.bind(this.releases);
  }

  get listReleaseDeploys(): Releases['deploys'] {
    return this.releases.deploys.bind(this.releases);
  }

  get createDeploy(): Releases['createDeploy'] {
    return this.releases.createDeploy.bind(this.releases);
  }

  get listReleaseCommits(): Releases['commits'] {
    return this.releases.commits.bind(this.releases);
  }

  get listReleaseFiles(): Releases['files'] {
    return this.releases.files.bind(this.releases);
  }

  get listRepositories(): Repositories['list'] {
    return this.repositories.list.bind(this.repositories);
  }

  get listRepositoryCommits(): Repositories['commits'] {
    return this.repositories.commits.bind(this.repositories);
  }

  get listProjectKeys(): ProjectKeys['list'] {
    return this.projectKeys.list.bind(this.projectKeys);
  }

  get createProjectKey(): ProjectKeys['create'] {
    return this.projectKeys.create.bind(this.projectKeys);
  }

  get updateProjectKey(): ProjectKeys['update'] {
    return this.projectKeys.update.bind(this.projectKeys);
  }

  get deleteProjectKey(): ProjectKeys['delete'] {
    return this.projectKeys.delete.bind(this.projectKeys);
  }

  get listServiceHooks(): ServiceHooks['list'] {
    return this.serviceHooks.list.bind(this.serviceHooks);
  }

  get getServiceHook(): ServiceHooks['get'] {
    return this.serviceHooks.get.bind(this.serviceHooks);
  }

  get createServiceHook(): ServiceHooks['create'] {
    return this.serviceHooks.create.bind(this.serviceHooks);
  }

  get updateServiceHook(): ServiceHooks['update'] {
    return this.serviceHooks.update.bind(this.serviceHooks);
  }

  get deleteServiceHook(): ServiceHooks['delete'] {
    return this.serviceHooks.delete.bind(this.serviceHooks);
  }

  get listUserFeedback(): UserFeedback['list'] {
    return this.userFeedback.list.bind(this.userFeedback);
  }

  get submitUserFeedback(): UserFeedback['submit'] {
    return this.userFeedback.submit.bind(this.userFeedback);
  }

  get discoverEvents(): Discover['query'] {
    return this.discover.query.bind(this.discover);
  }

  get getSessions(): Sessions['query'] {
    return this.sessions.query.bind(this.sessions);
  }
}
