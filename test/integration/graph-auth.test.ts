/** Auth (DESIGN.md contract 4): the caller's token is forwarded; nothing is shared across tokens. */
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../helpers/gateway.ts';

const READ = [
  'org:read',
  'project:read',
  'team:read',
  'member:read',
  'event:read',
  'project:releases',
];

describe('auth', () => {
  it('gives two tokens in concurrent requests their own data and errors', async () => {
    await using gateway = await startTestGateway({
      localSentry: {
        tokens: [
          { token: 'acme-token', scopes: READ, organizations: ['acme'] },
          { token: 'globex-token', scopes: READ, organizations: ['globex'] },
        ],
      },
    });
    const query = `{ acme: organization(slug: "acme") { name } globex: organization(slug: "globex") { name } }`;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        gateway.execute(query, {}, { token: index % 2 === 0 ? 'acme-token' : 'globex-token' }),
      ),
    );
    results.forEach(({ data, errors }, index) => {
      const own = index % 2 === 0 ? 'acme' : 'globex';
      const other = own === 'acme' ? 'globex' : 'acme';
      expect(data?.[own], `request ${index}`).toEqual({
        name: own === 'acme' ? 'Acme Corp' : 'Globex',
      });
      expect(data?.[other], `request ${index}`).toBeNull();
      expect(
        errors?.map((error) => error.path?.[0]),
        `request ${index}`,
      ).toEqual([other]);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errors?.[0]?.extensions?.['code']);
    });
  });

  it('lists only the organizations of the caller', async () => {
    await using gateway = await startTestGateway({
      localSentry: { tokens: [{ token: 'globex-token', scopes: READ, organizations: ['globex'] }] },
    });
    const { data, errors } = await gateway.execute(
      `{ organizations { nodes { slug } } }`,
      {},
      { token: 'globex-token' },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({ organizations: { nodes: [{ slug: 'globex' }] } });
  });

  it('uses the server-wide token only for requests that carry none', async () => {
    await using gateway = await startTestGateway({ token: 'local-demo-token' });
    const anonymous = await gateway.execute(
      `{ organization(slug: "acme") { name } }`,
      {},
      { token: null },
    );
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data).toEqual({ organization: { name: 'Acme Corp' } });

    const wrong = await gateway.execute(
      `{ organization(slug: "acme") { name } }`,
      {},
      { token: 'wrong' },
    );
    expect(wrong.data).toEqual({ organization: null });
    expect(wrong.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    const malformed = await gateway.execute(
      `{ organization(slug: "acme") { name } }`,
      {},
      {
        token: null,
        headers: { authorization: 'Basic abc' },
      },
    );
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
