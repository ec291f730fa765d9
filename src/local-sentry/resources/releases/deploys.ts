/** Deploys of a release: the stored body and creation. */
import type { SentryDeploy } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import type { ReleaseRecord } from './record.ts';

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
