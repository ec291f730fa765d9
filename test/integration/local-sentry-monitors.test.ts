/** Crons in the local Sentry: which token scopes each monitor and check-in route accepts. */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

describe('monitor route scopes', () => {
  it('accepts the scopes the spec lists and answers 403 otherwise', async () => {
    await using sentry = await withLocalSentry({
      data: generateData({ seed: 1, scale: 'small' }),
      tokens: [
        { token: 'alerts-read', scopes: ['alerts:read'] },
        { token: 'org-read', scopes: ['org:read'] },
        { token: 'alerts-write', scopes: ['alerts:write'] },
      ],
    });
    const status = async (token: string, path: string, method = 'GET', body?: unknown) =>
      (await sentry.fetchJson(path, { token, method, ...(body ? { body } : {}) })).status;
    const list = '/api/0/organizations/acme/monitors/';
    const detail = '/api/0/organizations/acme/monitors/nightly-backup/';
    const checkIns = '/api/0/organization/acme/monitors/nightly-backup/checkins/';

    expect(await status('alerts-read', list)).toBe(200);
    expect(await status('org-read', list)).toBe(200);
    expect(await status('alerts-write', list)).toBe(403);
    expect(await status('alerts-read', detail)).toBe(200);
    expect(await status('org-read', detail)).toBe(403);
    expect(await status('alerts-read', checkIns)).toBe(200);
    expect(await status('alerts-read', checkIns, 'POST', { status: 'ok' })).toBe(403);
    expect(await status('alerts-write', checkIns, 'POST', { status: 'ok' })).toBe(201);
    expect(await status('alerts-read', detail, 'PUT', { name: 'x' })).toBe(403);
    expect(await status('alerts-read', detail, 'DELETE')).toBe(403);
    const created = await status('org-read', list, 'POST', {
      project: 'backend',
      name: 'Org Read Job',
      config: { schedule_type: 'interval', schedule: [1, 'day'] },
    });
    expect(created).toBe(201);
    expect(await status('alerts-read', list, 'GET', undefined)).toBe(200);
    const anonymous = await sentry.fetchJson(list, { token: null });
    expect(anonymous.status).toBe(401);
  });
});
