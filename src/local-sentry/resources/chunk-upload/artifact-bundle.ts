/**
 * Assembling an artifact bundle (`sentry-cli sourcemaps upload`): the zip the chunks make, its
 * `manifest.json` (`files: {path: {url, type, headers}}`, `release`, `dist`), and each file then
 * stored as a file of the release, so the release-file routes list and download it and
 * `source-map-debug` finds it. A release the bundle names that does not exist yet is created in
 * the bundle's projects (Sentry keeps bundles apart from releases; here they are its files).
 */
import type { LocalData, OrgData } from '../../data/model.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { addReleaseFile } from '../release-files/store.ts';
import { addRelease, attachProjects, findRelease } from '../releases/store.ts';
import { chunkStoreOf } from './store.ts';
import { unzip, ZipError } from './unzip.ts';

interface ManifestEntry {
  url?: unknown;
  type?: unknown;
  headers?: unknown;
}

interface Manifest {
  files?: Record<string, ManifestEntry>;
  release?: unknown;
  dist?: unknown;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** Stores the bundle's files; returns an error message when the archive is not a bundle. */
export function assembleArtifactBundle(
  data: LocalData,
  org: OrgData,
  projects: ProjectRecord[],
  archive: Buffer,
  options: { checksum: string; version: string | null; dist: string | null },
): string | undefined {
  let entries: Map<string, Buffer>;
  let manifest: Manifest;
  try {
    entries = unzip(archive);
    manifest = JSON.parse(entries.get('manifest.json')?.toString('utf8') ?? 'null') as Manifest;
  } catch (error) {
    if (error instanceof ZipError || error instanceof SyntaxError) {
      return `Invalid artifact bundle: ${error.message}`;
    }
    throw error;
  }
  if (typeof manifest !== 'object' || manifest === null) {
    return 'Invalid artifact bundle: no manifest.json';
  }
  const version = options.version ?? text(manifest.release);
  const dist = options.dist ?? text(manifest.dist);
  const files = Object.entries(manifest.files ?? {});
  if (version !== null) {
    let release = findRelease(org, version);
    if (!release) {
      release = addRelease(data, org, projects, {
        version,
        projects: projects.map((project) => project.wire.slug),
      });
    } else {
      attachProjects(release, projects);
    }
    for (const [path, entry] of files) {
      const bytes = entries.get(path);
      const name = text(entry.url);
      if (!bytes || name === null) continue;
      const headers: Record<string, string> = {};
      if (typeof entry.headers === 'object' && entry.headers !== null) {
        for (const [key, value] of Object.entries(entry.headers)) {
          if (typeof value === 'string') headers[key] = value;
        }
      }
      addReleaseFile(data, release, { name, dist, headers, bytes }, { replace: true });
    }
  }
  chunkStoreOf(data).bundles.push({
    org: org.slug,
    checksum: options.checksum,
    projectIds: projects.map((project) => project.wire.id),
    release: version,
    dist,
    fileCount: files.length,
  });
  return undefined;
}
