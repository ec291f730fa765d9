/**
 * Releases, with their deploys, commits, files and repositories: records, generation, search,
 * bodies and routes (the list with `query=release:[a,b]`, substring, `project`, `status`, `sort`;
 * create, detail, update, delete; files; a project's releases and the issues resolved in one).
 * This folder owns them; deploys.ts and repositories.ts declare their own routes.
 */
import type { SentryCommitInput, SentryReleaseUpdate } from '../../../sentry/types.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { paginate, paginateMapped } from '../../http/pagination.ts';
import {
  bodyObject,
  dateField,
  storeCall,
  stringField,
  stringListField,
} from '../../http/params.ts';
import { badRequest, found, noContent, ok, type Reply } from '../../http/reply.ts';
import { PROJECT_READ, RELEASE_ADMIN, RELEASE_READ, RELEASE_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { projectOf, selectedProjects } from '../projects/request.ts';
import { findProject } from '../projects/store.ts';
import { releaseAdoptionStages } from './adoption.ts';
import { releaseCommitBody, releaseCommits } from './commits.ts';
import { deployRoutes } from './deploys.ts';
import { releaseProjectMeta } from './project-meta.ts';
import type { ReleaseRecord } from './record.ts';
import { refsField, setReleaseRefs, validateRefs } from './refs.ts';
import { repositoryRoutes } from './repositories.ts';
import { releaseOf } from './request.ts';
import { searchReleases } from './search.ts';
import {
  addRelease,
  attachProjects,
  deleteRelease,
  findRelease,
  releaseInUse,
  updateRelease,
} from './store.ts';
import { releaseBody } from './wire.ts';

/** Characters Sentry refuses in a version (`Release.is_valid_version`). */
const BAD_VERSION = /[\r\n\f\t/\\]/;

const bodyOf = (context: RequestContext, release: ReleaseRecord) =>
  found(releaseBody(orgOf(context), release.wire.version));

function commitsField(body: Record<string, unknown>): SentryCommitInput[] | undefined {
  const commits = body['commits'];
  if (commits === undefined || commits === null) return undefined;
  if (!Array.isArray(commits)) throw badRequest({ commits: ['Expected a list of items.'] });
  return commits.map((commit, index) => {
    if (
      typeof commit !== 'object' ||
      commit === null ||
      typeof commit.id !== 'string' ||
      !commit.id
    ) {
      throw badRequest({ commits: [`Commit ${index}: "id" is required.`] });
    }
    return commit as SentryCommitInput;
  });
}

function statusField(body: Record<string, unknown>): string | undefined {
  const status = stringField(body, 'status');
  if (status !== undefined && status !== 'open' && status !== 'archived') {
    throw badRequest({ status: ['Invalid status'] });
  }
  return status;
}

function listReleases(context: RequestContext, projects: ProjectRecord[] | undefined): Reply {
  const org = orgOf(context);
  const { query } = context;
  const options: Parameters<typeof searchReleases>[1] = {
    query: query.get('query') ?? '',
    status: query.get('status') ?? 'open',
    sort: query.get('sort') ?? 'date',
    environments: query.getAll('environment'),
  };
  if (projects) options.projectIds = projects.map((project) => project.wire.id);
  const releases = searchReleases(org, options);
  const adoption = query.get('adoptionStages') === '1';
  return paginateMapped(releases, context.page, (release) => {
    const body = found(releaseBody(org, release.wire.version));
    return adoption
      ? { ...body, adoptionStages: releaseAdoptionStages(context.data, org, release) }
      : body;
  });
}

export const releaseRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/releases/', RELEASE_READ, (context) => {
    const explicit = context.query.getAll('project').some((p) => p !== '' && p !== '-1');
    return listReleases(context, explicit ? selectedProjects(context) : undefined);
  }),

  route('POST /api/0/organizations/{org}/releases/', RELEASE_WRITE, (context) => {
    const org = orgOf(context);
    const body = bodyObject(context);
    const version = stringField(body, 'version', { required: true, maxLength: 200 }) as string;
    if (BAD_VERSION.test(version) || version === '.' || version === '..' || version === 'latest') {
      throw badRequest({ version: [`Release with name ${version} is not allowed`] });
    }
    const existing = findRelease(org, version);
    const slugs = stringListField(body, 'projects', { required: true }) as string[];
    // An existing release may be re-posted with no projects (`sentry-cli releases archive`).
    if (slugs.length === 0 && !existing) {
      throw badRequest({ projects: ['This list may not be empty.'] });
    }
    const projects = slugs.map((slug) => findProject(context.data, org, slug));
    if (projects.some((project) => project === undefined)) {
      throw badRequest({ projects: ['Invalid project ids or slugs'] });
    }
    const commits = commitsField(body);
    const refs = refsField(body);
    const status = statusField(body);
    if (existing) {
      // Sentry's get_or_create: 208 Already Reported, but projects, status, commits and refs
      // of the body still apply (ref, url and dates only on create).
      attachProjects(existing, projects as ProjectRecord[]);
      const patch: SentryReleaseUpdate = {};
      if (status !== undefined) patch.status = status;
      if (commits) patch.commits = commits;
      storeCall(() => updateRelease(context.data, org, existing, patch));
      if (refs) setReleaseRefs(context.data, org, existing, refs);
      return { status: 208, body: bodyOf(context, existing) };
    }
    const input: Parameters<typeof addRelease>[3] = { version, projects: slugs };
    const ref = stringField(body, 'ref', { nullable: true });
    if (ref !== undefined) input.ref = ref;
    const url = stringField(body, 'url', { nullable: true });
    if (url !== undefined) input.url = url;
    const dateReleased = dateField(body, 'dateReleased');
    if (dateReleased !== undefined) input.dateReleased = dateReleased;
    const dateStarted = dateField(body, 'dateStarted');
    if (dateStarted !== undefined) input.dateStarted = dateStarted;
    if (commits) input.commits = commits;
    if (status !== undefined) input.status = status;
    if (refs) validateRefs(org, refs);
    const release = storeCall(() =>
      addRelease(context.data, org, projects as ProjectRecord[], input),
    );
    if (refs) setReleaseRefs(context.data, org, release, refs);
    return { status: 201, body: bodyOf(context, release) };
  }),

  route('GET /api/0/organizations/{org}/releases/{version}/', RELEASE_READ, (context) => {
    const release = releaseOf(context);
    const plain = bodyOf(context, release);
    const body =
      context.query.get('adoptionStages') === '1'
        ? { ...plain, adoptionStages: releaseAdoptionStages(context.data, orgOf(context), release) }
        : plain;
    // With exactly one `project=`, Sentry adds the release's neighbours in that project.
    const projects = context.query.getAll('project').filter((p) => p !== '' && p !== '-1');
    const only = projects.length === 1 ? projects[0] : undefined;
    if (only === undefined) return ok(body);
    return ok({ ...body, currentProjectMeta: releaseProjectMeta(orgOf(context), release, only) });
  }),

  route('PUT /api/0/organizations/{org}/releases/{version}/', RELEASE_WRITE, (context) => {
    const org = orgOf(context);
    const release = releaseOf(context);
    const body = bodyObject(context);
    const patch: SentryReleaseUpdate = {};
    const ref = stringField(body, 'ref', { nullable: true });
    if (ref !== undefined || body['ref'] === null) patch.ref = ref ?? null;
    const url = stringField(body, 'url', { nullable: true });
    if (url !== undefined || body['url'] === null) patch.url = url ?? null;
    const dateReleased = dateField(body, 'dateReleased');
    if (dateReleased !== undefined) patch.dateReleased = dateReleased;
    const commits = commitsField(body);
    if (commits) patch.commits = commits;
    const status = statusField(body);
    if (status !== undefined) patch.status = status;
    // `projects` (sentry-cli sends `[]` on archive and restore) is read-only on the detail PUT.
    stringListField(body, 'projects');
    const refs = refsField(body);
    if (refs) validateRefs(org, refs);
    storeCall(() => updateRelease(context.data, org, release, patch));
    if (refs) setReleaseRefs(context.data, org, release, refs);
    return ok(bodyOf(context, release));
  }),

  route('DELETE /api/0/organizations/{org}/releases/{version}/', RELEASE_ADMIN, (context) => {
    const org = orgOf(context);
    const release = releaseOf(context);
    if (releaseInUse(org, release)) {
      throw badRequest('This release is referenced by active issues and cannot be removed.');
    }
    deleteRelease(context.data, org, release);
    return noContent();
  }),

  route('GET /api/0/organizations/{org}/releases/{version}/commits/', RELEASE_READ, (context) => {
    const org = orgOf(context);
    const release = releaseOf(context);
    return paginateMapped(releaseCommits(org, release.wire.version), context.page, (commit) =>
      releaseCommitBody(org, commit),
    );
  }),

  // The newest earlier release (by release or creation date) with commits, in any of the
  // projects of this one (or of `project=`): where `set-commits --local` starts; `{}` if none.
  route(
    'GET /api/0/organizations/{org}/releases/{version}/previous-with-commits/',
    RELEASE_READ,
    (context) => {
      const org = orgOf(context);
      const release = releaseOf(context);
      const explicit = context.query.getAll('project').filter((p) => p !== '' && p !== '-1');
      const projectIds = explicit.length ? explicit : release.projectIds;
      const dateOf = (r: ReleaseRecord) =>
        Date.parse(r.wire.dateReleased ?? r.wire.dateCreated ?? '');
      const start = dateOf(release);
      const previous = org.releases
        .filter(
          (r) =>
            r !== release &&
            r.commitIds.length > 0 &&
            dateOf(r) <= start &&
            r.projectIds.some((id) => projectIds.includes(id)),
        )
        .sort((a, b) => dateOf(b) - dateOf(a))[0];
      return ok(previous ? bodyOf(context, previous) : {});
    },
  ),

  route('GET /api/0/organizations/{org}/releases/{version}/files/', RELEASE_READ, (context) => {
    const query = context.query.get('query')?.toLowerCase();
    const files = releaseOf(context).files.filter(
      (file) => !query || file.name.toLowerCase().includes(query),
    );
    return paginate(files, context.page);
  }),

  route(
    'GET /api/0/organizations/{org}/releases/{version}/files/{file_id}/',
    RELEASE_READ,
    (context) => {
      const id = context.params['file_id'] ?? '';
      return ok(found(releaseOf(context).files.find((file) => file.id === id)));
    },
  ),

  route('GET /api/0/projects/{org}/{project}/releases/', RELEASE_READ, (context) =>
    listReleases(context, [projectOf(context)]),
  ),

  route(
    'GET /api/0/projects/{org}/{project}/releases/{version}/resolved/',
    PROJECT_READ,
    (context) => {
      const project = projectOf(context);
      const release = releaseOf(context);
      const version = release.wire.version;
      const issues = project.issues.filter(
        (issue) =>
          issue.wire.status === 'resolved' && issue.wire.statusDetails.inRelease === version,
      );
      return ok(issues.map((issue) => issue.wire));
    },
  ),
  ...deployRoutes(),
  ...repositoryRoutes(),
];
