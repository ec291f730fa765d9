/**
 * projects/: `Project`, what lives under a project (client keys, service hooks, user feedback,
 * the application's users) and their mutations.
 */
import type { Context } from '../../context.ts';
import { type ProjectKey, projectKey, projectSlugKey, splitKey } from '../../loaders/keys.ts';
import { loadProjects, loadProjectsBySlug } from '../../loaders/projects.ts';
import type { OrgScoped } from '../../sentry/client.ts';
import type { SentryProject } from '../../sentry/types.ts';
import { Organization, organizationStub } from '../organizations/organization.ts';
import { loadWith, requestLoader } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { prefetchChildren } from '../schema-kit/prefetch.ts';
import { full, isStub, type Loaded, pick, type Stub } from '../schema-kit/stub.ts';
import { projectDetails, readsDetailOnly } from './project-detail.ts';

/** What issues, events and releases embed of their project. */
export type ProjectStub = Stub<
  'Project',
  { organizationSlug: string; id: string; slug: string; name?: string; platform?: string | null }
>;
export type ProjectShape = OrgScoped<SentryProject> | ProjectStub;

export const Project = builder.loadableNodeRef('Project', {
  id: {
    resolve: (project) => projectKey(project.organizationSlug, project.id),
    parse: (id) => projectKey(...splitKey(id)),
  },
  load: loadWith<ProjectKey, ProjectShape>(loadProjects),
});

export const ProjectConnection = builder.connectionObject(
  { type: Project, name: 'ProjectConnection', description: 'A page of projects.' },
  { name: 'ProjectEdge', description: 'A Project and the cursor after it.' },
);

const projectsBySlug = requestLoader(loadProjectsBySlug);

export function projectStub(
  organizationSlug: string,
  project: { id: string | number; slug: string; name?: string; platform?: string | null },
): ProjectStub {
  return {
    stubOf: 'Project',
    organizationSlug,
    id: String(project.id),
    slug: project.slug,
    ...(project.name !== undefined ? { name: project.name } : {}),
    ...(project.platform !== undefined ? { platform: project.platform } : {}),
  };
}

/** Lists answer later lookups of the same projects, by id and by slug, without another call. */
export function primeProjects(context: Context, projects: readonly OrgScoped<SentryProject>[]) {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const byId = Project.getDataloader(context);
  const bySlug = projectsBySlug(context);
  for (const project of projects) {
    byId.prime(projectKey(project.organizationSlug, project.id), project);
    bySlug.prime(projectSlugKey(project.organizationSlug, project.slug), project);
  }
}

/** After a write: drops this request's cached copies of a project, by id and by slug. */
export function forgetProject(context: Context, org: string, id: string): void {
  Project.getDataloader(context).clear(projectKey(org, id));
  // The slug it had is not always known (a delete by id); slug lookups are rare, so drop them all.
  projectsBySlug(context).clearAll();
}

/** The project by `org/slug`, batched with other slug lookups of the same request. */
export async function projectBySlug(
  context: Context,
  org: string,
  slug: string,
): Promise<OrgScoped<SentryProject>> {
  const project = await projectsBySlug(context).load(projectSlugKey(org, slug));
  if (context.batching) Project.getDataloader(context).prime(projectKey(org, project.id), project);
  return project;
}

/** The full project: the parent itself, or one batched call for a stub. */
export function fullProject(
  project: ProjectShape,
  context: Context,
): Loaded<OrgScoped<SentryProject>> {
  if (!isStub(project)) return project;
  return Project.getDataloader(context)
    .load(projectKey(project.organizationSlug, project.id))
    .then(full);
}

Project.implement({
  description:
    'A Sentry project: one application or service sending events. Fields its parent did not embed are fetched (batched) only when asked for.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id." }),
    slug: t.exposeString('slug', { description: 'URL slug, unique in the organization.' }),
    organizationSlug: t.exposeString('organizationSlug', {
      description: 'Slug of the organization (with `sentryId` or `slug`, the federation key).',
    }),
    name: t.string({
      description: 'Display name, e.g. "Backend".',
      resolve: (project, _args, context) =>
        project.name ?? pick(fullProject(project, context), (body) => body.name),
    }),
    platform: t.string({
      nullable: true,
      description: 'Main platform, e.g. "python" or "javascript-react".',
      resolve: (project, _args, context) =>
        project.platform !== undefined
          ? project.platform
          : pick(fullProject(project, context), (body) => body.platform),
    }),
    platforms: t.stringList({
      description: 'Every platform seen in its events.',
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.platforms),
    }),
    createdAt: t.field({
      description: 'When the project was created.',
      type: 'DateTime',
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.dateCreated),
    }),
    firstEventAt: t.field({
      description: 'When its first event arrived.',
      type: 'DateTime',
      nullable: true,
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.firstEvent),
    }),
    isBookmarked: t.boolean({
      description: "Bookmarked by the token's user.",
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.isBookmarked),
    }),
    isMember: t.boolean({
      description: "The token's user is a member of one of its teams.",
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.isMember),
    }),
    hasAccess: t.boolean({
      description: 'The token can read the project.',
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.hasAccess),
    }),
    features: t.stringList({
      description: 'Feature flags enabled for the project.',
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.features),
    }),
    environments: t.stringList({
      description: 'Environments its events came from.',
      resolve: (project, _args, context) =>
        pick(fullProject(project, context), (body) => body.environments),
    }),
    organization: t.field({
      type: Organization,
      description: 'Costs no call unless fields beyond `slug` are asked for.',
      resolve: (project) => organizationStub(project.organizationSlug),
    }),
  }),
});

builder.asEntity(Project, {
  key: [
    builder.selection<{ organizationSlug: string; sentryId: string }>('organizationSlug sentryId'),
    builder.selection<{ organizationSlug: string; slug: string }>('organizationSlug slug'),
  ],
  resolveReference: (ref, context) =>
    'sentryId' in ref
      ? Project.getDataloader(context).load(projectKey(ref.organizationSlug, ref.sentryId))
      : projectBySlug(context, ref.organizationSlug, ref.slug),
});

builder.objectFields(Organization, (t) => ({
  projects: t.connection(
    {
      type: Project,
      nullable: true,
      description: 'Projects of the organization the token can access.',
      args: {
        query: t.arg.string({
          required: false,
          description: 'Sentry search: free text on name/slug, or terms like `team:backend`.',
        }),
      },
      resolve: async (org, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.projects.list(org.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        primeProjects(context, page.items);
        return pageToConnection(page, request);
      },
    },
    ProjectConnection,
  ),
  project: t.field({
    type: Project,
    nullable: true,
    description: 'A project by slug.',
    args: { slug: t.arg.string() },
    resolve: (org, { slug }, context, info) => {
      // Validates the slug before any call; its children that need only the slug start now.
      projectSlugKey(org.slug, slug);
      prefetchChildren(context, info, 'Project', { organizationSlug: org.slug, slug });
      // Settings only the detail body has: read it alone when the list row adds nothing.
      if (context.batching && readsDetailOnly(info)) {
        return projectDetails(context).load(projectSlugKey(org.slug, slug));
      }
      return projectBySlug(context, org.slug, slug);
    },
  }),
}));
