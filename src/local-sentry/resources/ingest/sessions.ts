/**
 * `session` and `sessions` envelope items as release health keeps them: one session update
 * (`sid`, `status`, `errors`, `started`, `did`, `duration`) or a server-mode SDK's aggregate
 * buckets; each marks the project `hasSessions`, as Sentry does on a project's first session.
 */
import type { LocalData } from '../../data/model.ts';
import { orgOfRecord, writeTime } from '../../data/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { finalStatus, recordAggregate, recordSession } from '../sessions/ingested.ts';
import { parseTimestamp } from './interfaces.ts';

export function applySession(
  data: LocalData,
  project: ProjectRecord,
  payload: Record<string, unknown>,
) {
  const attrs = (payload['attrs'] ?? {}) as Record<string, unknown>;
  const release = typeof attrs['release'] === 'string' ? attrs['release'] : '';
  // Relay drops sessions without a release: release health is per release.
  if (release === '') return;
  const environment =
    typeof attrs['environment'] === 'string' ? attrs['environment'] : 'production';
  const org = orgOfRecord(data, project);
  const sid = typeof payload['sid'] === 'string' ? payload['sid'] : '';
  if (sid === '') return;
  const started = parseTimestamp(payload['started']) ?? writeTime(data);
  const errors = typeof payload['errors'] === 'number' ? payload['errors'] : 0;
  project.wire.hasSessions = true;
  recordSession(org, {
    sid,
    projectId: project.wire.id,
    release,
    environment,
    started,
    status: finalStatus(String(payload['status'] ?? 'ok'), errors),
    did: typeof payload['did'] === 'string' ? payload['did'] : null,
    duration: typeof payload['duration'] === 'number' ? payload['duration'] : null,
  });
}

export function applyAggregates(
  data: LocalData,
  project: ProjectRecord,
  payload: Record<string, unknown>,
) {
  const attrs = (payload['attrs'] ?? {}) as Record<string, unknown>;
  const release = typeof attrs['release'] === 'string' ? attrs['release'] : '';
  if (release === '' || !Array.isArray(payload['aggregates'])) return;
  const environment =
    typeof attrs['environment'] === 'string' ? attrs['environment'] : 'production';
  const org = orgOfRecord(data, project);
  const n = (bucket: Record<string, unknown>, key: string) =>
    typeof bucket[key] === 'number' ? (bucket[key] as number) : 0;
  for (const bucket of payload['aggregates'] as Record<string, unknown>[]) {
    const started = parseTimestamp(bucket['started']);
    if (started === undefined) continue;
    project.wire.hasSessions = true;
    recordAggregate(org, {
      projectId: project.wire.id,
      release,
      environment,
      started,
      did: typeof bucket['did'] === 'string' ? bucket['did'] : null,
      counts: {
        healthy: n(bucket, 'exited'),
        errored: n(bucket, 'errored'),
        abnormal: n(bucket, 'abnormal'),
        crashed: n(bucket, 'crashed'),
      },
    });
  }
}
