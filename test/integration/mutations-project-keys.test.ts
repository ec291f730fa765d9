/** Client key mutations against the local Sentry: create, update, delete, read back via REST. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  gid,
  projectGid,
  projectPath,
  rest,
  writes,
} from './mutations-support.ts';

const CreateProjectKey = graphql(`
  mutation TestCreateProjectKey($input: CreateProjectKeyInput!) {
    createProjectKey(input: $input) {
      projectKey {
        id
        sentryId
        name
        isActive
        dsn
        rateLimit {
          count
          window
        }
        project {
          slug
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateProjectKey = graphql(`
  mutation TestUpdateProjectKey($input: UpdateProjectKeyInput!) {
    updateProjectKey(input: $input) {
      projectKey {
        name
        isActive
        rateLimit {
          count
          window
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteProjectKey = graphql(`
  mutation TestDeleteProjectKey($input: DeleteProjectKeyInput!) {
    deleteProjectKey(input: $input) {
      deletedProjectKeyId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

describe('client keys', () => {
  it('creates, updates and deletes a key, one call each', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('backend');
    if (!project) throw new Error('no project');
    const keysPath = `${projectPath('backend')}keys/`;
    const before = (await rest<unknown[]>(gateway, keysPath)).body.length;
    await gateway.resetUpstreamStats();

    const created = await gateway.execute(CreateProjectKey, {
      input: { projectId: projectGid(project), name: 'CI', rateLimit: { count: 100, window: 60 } },
    });
    const key = created.data?.createProjectKey?.projectKey;
    expect(created.errors).toBeUndefined();
    expect(key).toMatchObject({
      name: 'CI',
      isActive: true,
      rateLimit: { count: 100, window: 60 },
      project: { slug: 'backend' },
    });
    expect(key?.dsn).toMatch(/^https?:\/\//);
    if (!key) throw new Error('no key');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/keys/': 1,
    });
    const keys = await rest<{ id: string; name: string }[]>(gateway, keysPath);
    expect(keys.body).toHaveLength(before + 1);
    expect(keys.body.find((k) => k.id === key.sentryId)?.name).toBe('CI');

    const updated = await gateway.execute(UpdateProjectKey, {
      input: { id: key.id, name: 'CI (old)', isActive: false, rateLimit: null },
    });
    expect(updated.data?.updateProjectKey).toEqual({
      projectKey: { name: 'CI (old)', isActive: false, rateLimit: null },
      userErrors: [],
    });
    expect((await rest(gateway, `${keysPath}${key.sentryId}/`)).body).toMatchObject({
      name: 'CI (old)',
      isActive: false,
      rateLimit: null,
    });

    const deleted = await gateway.execute(DeleteProjectKey, { input: { id: key.id } });
    expect(deleted.data?.deleteProjectKey).toEqual({ deletedProjectKeyId: key.id, userErrors: [] });
    expect((await rest(gateway, `${keysPath}${key.sentryId}/`)).status).toBe(404);
  });

  it('refuses a bad rate limit and a forged key id before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const created = await gateway.execute(CreateProjectKey, {
      input: { projectId: projectGid(project), rateLimit: { count: -1, window: 0 } },
    });
    expect(codes(created.data?.createProjectKey)).toEqual([
      { field: ['input', 'rateLimit', 'count'], code: 'INVALID_VALUE' },
      { field: ['input', 'rateLimit', 'window'], code: 'INVALID_VALUE' },
    ]);
    const forged = await gateway.execute(UpdateProjectKey, {
      input: { id: gid('ProjectKey', 'acme/backend/../../x'), name: 'x' },
    });
    expect(codes(forged.data?.updateProjectKey)).toEqual([
      { field: ['input', 'id'], code: 'INVALID_ID' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});
