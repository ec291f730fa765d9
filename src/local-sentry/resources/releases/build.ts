/** The stored release body, with Sentry's parse of the version. */
import type { SentryRelease } from '../../../sentry/types.ts';

/** `backend@1.4.0` → package `backend`, short version `1.4.0`. */
export function splitVersion(version: string): { pkg: string | null; short: string } {
  const at = version.indexOf('@');
  if (at <= 0) return { pkg: null, short: version };
  return { pkg: version.slice(0, at), short: version.slice(at + 1) };
}

function versionInfo(version: string): SentryRelease['versionInfo'] {
  const { pkg, short } = splitVersion(version);
  const semver = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(short);
  if (!semver) {
    return { package: pkg, version: { raw: short }, buildHash: null, description: short };
  }
  return {
    package: pkg,
    version: {
      raw: short,
      major: Number(semver[1]),
      minor: Number(semver[2]),
      patch: Number(semver[3]),
      pre: semver[4] ?? null,
      buildCode: semver[5] ?? null,
      components: 3,
    },
    buildHash: null,
    description: short,
  };
}

export function buildRelease(input: {
  id: number;
  version: string;
  ref: string | null;
  url: string | null;
  dateCreated: string;
  dateReleased: string | null;
  projects: { id: string; slug: string; name: string; platform: string | null }[];
}): SentryRelease {
  return {
    id: input.id,
    version: input.version,
    shortVersion: splitVersion(input.version).short,
    status: 'open',
    ref: input.ref,
    url: input.url,
    dateCreated: input.dateCreated,
    dateReleased: input.dateReleased,
    dateStarted: null,
    newGroups: 0,
    versionInfo: versionInfo(input.version),
    data: {},
    commitCount: 0,
    deployCount: 0,
    authors: [],
    projects: input.projects.map((project) => ({
      id: Number(project.id),
      slug: project.slug,
      name: project.name,
      platform: project.platform,
      platforms: project.platform ? [project.platform] : [],
      hasHealthData: false,
      newGroups: 0,
    })),
    owner: null,
    lastCommit: null,
    lastDeploy: null,
    firstEvent: null,
    lastEvent: null,
    currentProjectMeta: {},
    userAgent: null,
    adoptionStages: null,
  };
}
