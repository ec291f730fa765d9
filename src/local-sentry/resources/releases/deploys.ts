/** Deploys of a release: the stored body and creation. */
import type { SentryDeploy } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { bodyObject, dateField, stringField, stringListField } from '../../http/params.ts';
import { badRequest } from '../../http/reply.ts';
import { RELEASE_READ, RELEASE_WRITE } from '../../http/scopes.ts';
import { orgOf } from '../organizations/request.ts';
import type { ReleaseRecord } from './record.ts';
import { releaseOf } from './request.ts';

export function buildDeploy(input: {
  id: string;
  environment: string;
  name: string | null;
  url: string | null;
  dateStarted: string | null;
  dateFinished: string;
}): SentryDeploy {
  return {
    id: input.id,
    environment: input.environment,
    dateStarted: input.dateStarted,
    dateFinished: input.dateFinished,
    name: input.name,
    url: input.url,
  };
}

export function addDeploy(
  data: LocalData,
  org: OrgData,
  release: ReleaseRecord,
  input: {
    environment: string;
    name?: string | null;
    url?: string | null;
    dateStarted?: string | null;
    dateFinished?: string | null;
    /** Project slugs; default: all of the release's projects. */
    projects?: string[];
  },
): ReturnType<typeof buildDeploy> {
  storeChanged();
  const deploy = buildDeploy({
    id: nextId(data, 'deploy'),
    environment: input.environment,
    name: input.name ?? null,
    url: input.url ?? null,
    dateStarted: input.dateStarted ?? null,
    dateFinished: input.dateFinished ?? nowIso(data),
  });
  release.deploys.unshift(deploy);
  release.wire.deployCount = release.deploys.length;
  release.wire.lastDeploy = deploy;
  for (const projectId of release.projectIds) {
    const project = data.projectsById.get(projectId);
    if (!project) continue;
    if (input.projects && !input.projects.includes(project.wire.slug)) continue;
    project.wire.latestDeploys = {
      ...(project.wire.latestDeploys ?? {}),
      [deploy.environment]: { version: release.wire.version, dateFinished: deploy.dateFinished },
    };
  }
  if (!org.environments.includes(deploy.environment)) {
    org.environments = [...org.environments, deploy.environment].sort();
  }
  return deploy;
}

export const deployRoutes = (): RouteDef[] => [
  route('GET /api/0/organizations/{org}/releases/{version}/deploys/', RELEASE_READ, (context) =>
    paginate(releaseOf(context).deploys, context.page),
  ),

  route('POST /api/0/organizations/{org}/releases/{version}/deploys/', RELEASE_WRITE, (context) => {
    const org = orgOf(context);
    const release = releaseOf(context);
    const body = bodyObject(context);
    const environment = stringField(body, 'environment', {
      required: true,
      maxLength: 64,
    }) as string;
    if (!/^[^\s/]+$/.test(environment)) {
      throw badRequest({ environment: ['Invalid environment name'] });
    }
    const input: Parameters<typeof addDeploy>[3] = { environment };
    const name = stringField(body, 'name', { nullable: true, maxLength: 64 });
    if (name !== undefined) input.name = name;
    const url = stringField(body, 'url', { nullable: true });
    if (url !== undefined) input.url = url;
    const dateStarted = dateField(body, 'dateStarted');
    if (dateStarted !== undefined) input.dateStarted = dateStarted;
    const dateFinished = dateField(body, 'dateFinished');
    if (dateFinished !== undefined) input.dateFinished = dateFinished;
    const projects = stringListField(body, 'projects');
    if (projects !== undefined) {
      const known = new Set(
        release.projectIds.map((id) => context.data.projectsById.get(id)?.wire.slug),
      );
      const unknown = projects.find((slug) => !known.has(slug));
      if (unknown !== undefined) {
        throw badRequest({ projects: [`Invalid projects: ${unknown}`] });
      }
      input.projects = projects;
    }
    return { status: 201, body: addDeploy(context.data, org, release, input) };
  }),
];
