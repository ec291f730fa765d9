/**
 * SCIM v2 in the local Sentry: members as SCIM Users and teams as SCIM Groups, with SCIM's list
 * envelope, filter, startIndex/count paging, PatchOp, content type, error bodies and scopes.
 */
import { describe, expect, it } from 'vitest';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import { withLocalSentry } from '../helpers/local-sentry.ts';

const USERS = '/api/0/organizations/acme/scim/v2/Users';
const GROUPS = '/api/0/organizations/acme/scim/v2/Groups';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

type Row = Record<string, unknown>;
interface ListBody {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: Row[];
}

function fresh() {
  const data = generateData({ seed: 1, scale: 'small' });
  const acme = data.organizations.get('acme') as OrgData;
  return { data, acme };
}

const approved = (acme: OrgData) =>
  acme.members
    .filter((m) => m.wire.inviteStatus === 'approved')
    .sort((a, b) => a.wire.email.localeCompare(b.wire.email));

describe('SCIM Users', () => {
  it('lists approved members in the ListResponse envelope, filtered and paged', async () => {
    const { data, acme } = fresh();
    await using sentry = await withLocalSentry({ data });
    const members = approved(acme);
    const all = await sentry.fetchJson<ListBody>(USERS);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/scim+json');
    expect(all.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: members.length,
      startIndex: 1,
      itemsPerPage: members.length,
    });
    expect(all.body.Resources.map((r) => r['userName'])).toEqual(members.map((m) => m.wire.email));
    // The seeded pending invite is not a SCIM user.
    const pending = acme.members.find((m) => m.wire.pending);
    expect(all.body.Resources.some((r) => r['userName'] === pending?.wire.email)).toBe(false);
    expect(all.body.Resources[0]).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      id: members[0]?.wire.id,
      userName: members[0]?.wire.email,
      emails: [{ primary: true, value: members[0]?.wire.email, type: 'work' }],
      name: { givenName: 'N/A', familyName: 'N/A' },
      active: true,
      meta: { resourceType: 'User' },
      sentryOrgRole: members[0]?.wire.orgRole,
    });

    const page = await sentry.fetchJson<ListBody>(`${USERS}?startIndex=2&count=2`);
    expect(page.body).toMatchObject({
      totalResults: members.length,
      startIndex: 2,
      itemsPerPage: 2,
    });
    expect(page.body.Resources.map((r) => r['id'])).toEqual(
      members.slice(1, 3).map((m) => m.wire.id),
    );
    const past = await sentry.fetchJson<ListBody>(`${USERS}?startIndex=500`);
    expect(past.body).toMatchObject({ itemsPerPage: 0, Resources: [] });

    const email = members[2]?.wire.email ?? '';
    const filter = encodeURIComponent(`userName eq "${email.toUpperCase()}"`);
    const one = await sentry.fetchJson<ListBody>(`${USERS}?filter=${filter}`);
    expect(one.body.totalResults).toBe(1);
    expect(one.body.Resources[0]?.['userName']).toBe(email);

    for (const query of ['filter=userName%20sw%20%22a%22', 'startIndex=0', 'count=x']) {
      const bad = await sentry.fetchJson<Row>(`${USERS}?${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body['schemas'], query).toEqual([ERROR]);
      expect(bad.headers.get('content-type')).toBe('application/scim+json');
    }
  });

  it('provisions, reads and deprovisions members; the member list follows', async () => {
    const { data, acme } = fresh();
    await using sentry = await withLocalSentry({ data });
    const created = await sentry.fetchJson<Row>(USERS, {
      method: 'POST',
      body: { userName: 'new.person@example.com', sentryOrgRole: 'manager' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/scim+json');
    expect(created.body).toMatchObject({ userName: 'new.person@example.com', active: true });
    expect(created.body['sentryOrgRole']).toBe('manager');
    const id = String(created.body['id']);
    const member = await sentry.fetchJson<Row>(`/api/0/organizations/acme/members/${id}/`);
    expect(member.body).toMatchObject({ email: 'new.person@example.com', role: 'manager' });
    expect((member.body['flags'] as Row)['idp:provisioned']).toBe(true);

    const again = await sentry.fetchJson<Row>(USERS, {
      method: 'POST',
      body: { userName: 'NEW.person@example.com' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      schemas: [ERROR],
      detail: 'User already exists in the database.',
    });
    for (const body of [
      {},
      { userName: 'not-an-email' },
      { userName: 'a@b.c', sentryOrgRole: 'owner' },
    ]) {
      const bad = await sentry.fetchJson<Row>(USERS, { method: 'POST', body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body['schemas']).toEqual([ERROR]);
    }

    expect((await sentry.fetchJson<Row>(`${USERS}/${id}`)).body['userName']).toBe(
      'new.person@example.com',
    );
    // PatchOp: only `active: false`, which deletes the member.
    const badPatch = await sentry.fetchJson<Row>(`${USERS}/${id}`, {
      method: 'PATCH',
      body: { Operations: [{ op: 'replace', path: 'userName', value: 'x@y.z' }] },
    });
    expect(badPatch.status).toBe(400);
    const keep = await sentry.fetchJson(`${USERS}/${id}`, {
      method: 'PATCH',
      body: { Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(keep.status).toBe(204);
    const patched = await sentry.fetchJson(`${USERS}/${id}`, {
      method: 'PATCH',
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    });
    expect(patched.status).toBe(204);
    const gone = await sentry.fetchJson<Row>(`${USERS}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ schemas: [ERROR], detail: 'User not found.' });
    const { rows } = await sentry.fetchAll<Row>('/api/0/organizations/acme/members/');
    expect(rows.some((row) => row['id'] === id)).toBe(false);

    // DELETE: a seeded member with a user account leaves the member list and its teams.
    const victim = acme.members.find((m) => m.wire.orgRole === 'member' && m.userId !== null);
    const team = victim?.teamSlugs[0] ?? '';
    const before = (await sentry.fetchJson<Row>(`/api/0/teams/acme/${team}/`)).body['memberCount'];
    expect(
      (await sentry.fetchJson(`${USERS}/${victim?.wire.id}`, { method: 'DELETE' })).status,
    ).toBe(204);
    const after = (await sentry.fetchJson<Row>(`/api/0/teams/acme/${team}/`)).body['memberCount'];
    expect(after).toBe(Number(before) - 1);
    const members = await sentry.fetchAll<Row>('/api/0/organizations/acme/members/');
    expect(members.rows.some((row) => row['id'] === victim?.wire.id)).toBe(false);

    const owner = acme.members.find((m) => m.wire.orgRole === 'owner');
    const refused = await sentry.fetchJson<Row>(`${USERS}/${owner?.wire.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(403);
    expect(refused.body['schemas']).toEqual([ERROR]);
  });

  it('accepts the scopes the spec lists and serves only the slash-less paths', async () => {
    const { data, acme } = fresh();
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'member-read', scopes: ['member:read'] },
        { token: 'member-write', scopes: ['member:write'] },
        { token: 'member-admin', scopes: ['member:admin'] },
        { token: 'org-read', scopes: ['org:read', 'team:read'] },
        { token: 'other-org', scopes: ['member:admin'], organizations: ['globex'] },
      ],
    });
    const status = async (token: string, path: string, method = 'GET', body?: unknown) =>
      (await sentry.fetchJson(path, { token, method, ...(body ? { body } : {}) })).status;
    const someone = acme.members.find((m) => m.wire.orgRole === 'member' && m.userId !== null);
    const member = `${USERS}/${someone?.wire.id}`;
    expect(await status('member-read', USERS)).toBe(200);
    expect(await status('member-read', member)).toBe(200);
    expect(await status('org-read', USERS)).toBe(403);
    expect(await status('other-org', USERS)).toBe(403);
    expect(await status('member-read', USERS, 'POST', { userName: 'a@example.com' })).toBe(403);
    expect(await status('member-write', USERS, 'POST', { userName: 'a@example.com' })).toBe(201);
    expect(await status('member-write', member, 'DELETE')).toBe(403);
    expect(await status('member-admin', member, 'DELETE')).toBe(204);
    expect(await status('member-admin', `${USERS}/`)).toBe(404);
    expect(await status('member-admin', '/api/0/organizations/nope/scim/v2/Users')).toBe(404);
  });
});

describe('SCIM Groups', () => {
  it('lists teams as groups with their members, filtered and paged', async () => {
    const { data, acme } = fresh();
    await using sentry = await withLocalSentry({ data });
    const teams = [...acme.teams].sort((a, b) => Number(a.wire.id) - Number(b.wire.id));
    const all = await sentry.fetchJson<ListBody>(GROUPS);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/scim+json');
    expect(all.body.totalResults).toBe(teams.length);
    expect(all.body.Resources.map((r) => r['displayName'])).toEqual(teams.map((t) => t.wire.slug));
    const first = teams[0];
    const members = acme.members.filter(
      (m) => m.wire.inviteStatus === 'approved' && m.teamSlugs.includes(first?.wire.slug ?? ''),
    );
    expect(all.body.Resources[0]).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: first?.wire.id,
      displayName: first?.wire.slug,
      members: members.map((m) => ({ value: m.wire.id, display: m.wire.email })),
      meta: { resourceType: 'Group' },
    });
    const bare = await sentry.fetchJson<ListBody>(`${GROUPS}?excludedAttributes=members&count=1`);
    expect(bare.body.itemsPerPage).toBe(1);
    expect(bare.body.Resources[0]).not.toHaveProperty('members');
    const filter = encodeURIComponent(`displayName eq "${teams[1]?.wire.slug}"`);
    const one = await sentry.fetchJson<ListBody>(`${GROUPS}?filter=${filter}`);
    expect(one.body.Resources.map((r) => r['id'])).toEqual([teams[1]?.wire.id]);
    const missing = await sentry.fetchJson<Row>(`${GROUPS}/99999999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ schemas: [ERROR], detail: 'Group not found.' });
  });

  it('creates, renames, fills, empties and deletes a group; the team follows', async () => {
    const { data, acme } = fresh();
    await using sentry = await withLocalSentry({
      data,
      tokens: [
        { token: 'all', scopes: ['team:admin', 'team:write', 'member:read'] },
        { token: 'team-write', scopes: ['team:write'] },
        { token: 'team-read', scopes: ['team:read'] },
      ],
    });
    const call = (path: string, method = 'GET', body?: unknown, token = 'all') =>
      sentry.fetchJson<Row>(path, { token, method, ...(body ? { body } : {}) });
    expect((await call(GROUPS, 'POST', { displayName: 'Nope' }, 'team-read')).status).toBe(403);
    const created = await call(GROUPS, 'POST', { displayName: 'Platform Ops' }, 'team-write');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: 'platform-ops', members: [] });
    const id = String(created.body['id']);
    expect((await call('/api/0/teams/acme/platform-ops/')).body['name']).toBe('Platform Ops');
    const clash = await call(GROUPS, 'POST', { displayName: 'platform ops' });
    expect(clash.status).toBe(409);
    expect(clash.body['schemas']).toEqual([ERROR]);
    expect((await call(GROUPS, 'POST', {})).status).toBe(400);

    const [a, b, c] = acme.members.filter((m) => m.userId !== null);
    const patch = (Operations: unknown[]) => call(`${GROUPS}/${id}`, 'PATCH', { Operations });
    const memberIds = async () =>
      ((await call(`${GROUPS}/${id}`)).body['members'] as Row[]).map((m) => m['value']);
    expect(
      (
        await patch([
          { op: 'add', path: 'members', value: [{ value: a?.wire.id }, { value: b?.wire.id }] },
        ])
      ).status,
    ).toBe(204);
    expect(await memberIds()).toEqual([a?.wire.id, b?.wire.id]);
    expect((await call('/api/0/teams/acme/platform-ops/')).body['memberCount']).toBe(2);
    expect(
      (await patch([{ op: 'remove', path: `members[value eq "${a?.wire.id}"]` }])).status,
    ).toBe(204);
    expect(await memberIds()).toEqual([b?.wire.id]);
    await patch([{ op: 'replace', path: 'members', value: [{ value: c?.wire.id }] }]);
    expect(await memberIds()).toEqual([c?.wire.id]);
    const rows = await sentry.fetchAll<Row>('/api/0/teams/acme/platform-ops/members/', {
      token: 'all',
    });
    expect(rows.rows.map((row) => row['id'])).toEqual([c?.wire.id]);
    expect(
      (await patch([{ op: 'replace', value: { id, displayName: 'Platform SRE' } }])).status,
    ).toBe(204);
    expect((await call(`${GROUPS}/${id}`)).body['displayName']).toBe('platform-sre');
    expect((await call('/api/0/teams/acme/platform-sre/')).status).toBe(200);
    const badMember = await patch([
      { op: 'add', path: 'members', value: [{ value: '123456789' }] },
    ]);
    expect(badMember.status).toBe(400);
    expect((await patch([{ op: 'move', path: 'members' }])).status).toBe(400);
    expect((await call(`${GROUPS}/${id}`, 'PATCH', {})).status).toBe(400);

    expect((await call(`${GROUPS}/${id}`, 'DELETE', undefined, 'team-write')).status).toBe(403);
    expect((await call(`${GROUPS}/${id}`, 'DELETE')).status).toBe(204);
    expect((await call('/api/0/teams/acme/platform-sre/')).status).toBe(404);
    expect((await call(`${GROUPS}/${id}`)).status).toBe(404);
  });
});
