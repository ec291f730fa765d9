/** Client key lookups and mutations. */
import type { SentryProjectKeyUpdate } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { mutationRandom, nowIso } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildProjectKey } from './build.ts';
import type { ProjectKeyRecord } from './record.ts';

export function findProjectKey(
  project: ProjectRecord,
  keyId: string,
): ProjectKeyRecord | undefined {
  return project.keys.find((key) => key.wire.id === keyId);
}

export function addProjectKey(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { name?: string | null; rateLimit?: { count?: number | null; window?: number | null } },
): ProjectKeyRecord {
  storeChanged();
  const random = mutationRandom(data, 'key');
  data.sequences.key++;
  const count = input.rateLimit?.count;
  const window = input.rateLimit?.window;
  const key: ProjectKeyRecord = {
    org: org.slug,
    projectId: project.wire.id,
    wire: buildProjectKey({
      publicKey: random.hex(32),
      secretKey: random.hex(32),
      name: input.name || `Key ${project.keys.length + 1}`,
      orgId: org.wire.id,
      projectId: project.wire.id,
      dateCreated: nowIso(data),
      rateLimit: count != null && window != null ? { count, window } : null,
    }),
  };
  project.keys.push(key);
  return key;
}

export function updateProjectKey(
  key: ProjectKeyRecord,
  patch: SentryProjectKeyUpdate,
): ProjectKeyRecord {
  storeChanged();
  const wire = key.wire;
  if (patch.name !== undefined) {
    wire.name = patch.name;
    wire.label = patch.name;
  }
  if (patch.isActive !== undefined) wire.isActive = patch.isActive;
  if (patch.rateLimit !== undefined) {
    const { count, window } = patch.rateLimit;
    wire.rateLimit = count != null && window != null ? { count, window } : null;
  }
  if (patch.browserSdkVersion !== undefined) wire.browserSdkVersion = patch.browserSdkVersion;
  if (patch.dynamicSdkLoaderOptions !== undefined) {
    wire.dynamicSdkLoaderOptions = {
      ...wire.dynamicSdkLoaderOptions,
      ...patch.dynamicSdkLoaderOptions,
    };
  }
  return key;
}

export function deleteProjectKey(project: ProjectRecord, key: ProjectKeyRecord): void {
  storeChanged();
  project.keys = project.keys.filter((k) => k !== key);
}
