/** Service hooks: the stored body, lookups and mutations. */
import type { SentryServiceHook } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import { mutationRandom, nextId, nowIso } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import type { ServiceHookRecord } from './record.ts';

export function buildServiceHook(input: {
  id: string;
  url: string;
  events: string[];
  secret: string;
  dateCreated: string;
}): SentryServiceHook {
  return {
    id: input.id,
    url: input.url,
    events: [...input.events],
    secret: input.secret,
    status: 'active',
    dateCreated: input.dateCreated,
  };
}

export function findServiceHook(
  project: ProjectRecord,
  hookId: string,
): ServiceHookRecord | undefined {
  return project.hooks.find((hook) => hook.wire.id === hookId);
}

export function addServiceHook(
  data: LocalData,
  org: OrgData,
  project: ProjectRecord,
  input: { url: string; events: string[] },
): ServiceHookRecord {
  storeChanged();
  const random = mutationRandom(data, 'hook');
  const hook: ServiceHookRecord = {
    org: org.slug,
    projectId: project.wire.id,
    wire: buildServiceHook({
      id: nextId(data, 'hook'),
      url: input.url,
      events: input.events,
      secret: random.hex(64),
      dateCreated: nowIso(data),
    }),
  };
  project.hooks.push(hook);
  return hook;
}

export function updateServiceHook(
  hook: ServiceHookRecord,
  input: { url?: string; events?: string[] },
): ServiceHookRecord {
  storeChanged();
  if (input.url !== undefined) hook.wire.url = input.url;
  if (input.events !== undefined) hook.wire.events = [...input.events];
  return hook;
}

export function deleteServiceHook(project: ProjectRecord, hook: ServiceHookRecord): void {
  storeChanged();
  project.hooks = project.hooks.filter((h) => h !== hook);
}
