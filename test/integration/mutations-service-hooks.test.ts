/** Service hook mutations against the local Sentry: create, update, delete, read back via REST. */
import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';
import {
  acme,
  codes,
  expectNoUpstreamCalls,
  projectGid,
  projectPath,
  rest,
  writes,
} from './mutations-support.ts';

const CreateServiceHook = graphql(`
  mutation TestCreateServiceHook($input: CreateServiceHookInput!) {
    createServiceHook(input: $input) {
      serviceHook {
        id
        url
        events
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const UpdateServiceHook = graphql(`
  mutation TestUpdateServiceHook($input: UpdateServiceHookInput!) {
    updateServiceHook(input: $input) {
      serviceHook {
        url
        events
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DeleteServiceHook = graphql(`
  mutation TestDeleteServiceHook($input: DeleteServiceHookInput!) {
    deleteServiceHook(input: $input) {
      deletedServiceHookId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

describe('service hooks', () => {
  it('creates, updates (partly: read first) and deletes a hook', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projectsBySlug.get('backend');
    if (!project) throw new Error('no project');
    const hooksPath = `${projectPath('backend')}hooks/`;

    const created = await gateway.execute(CreateServiceHook, {
      input: {
        projectId: projectGid(project),
        url: 'https://hooks.example.com/sentry',
        events: ['EVENT_CREATED'],
      },
    });
    const hook = created.data?.createServiceHook?.serviceHook;
    expect(hook).toMatchObject({
      url: 'https://hooks.example.com/sentry',
      events: ['EVENT_CREATED'],
      status: 'active',
    });
    if (!hook) throw new Error('no hook');
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/hooks/': 1,
    });
    const listed = await rest<{ id: string; url: string }[]>(gateway, hooksPath);
    expect(listed.body.map((h) => h.url)).toContain('https://hooks.example.com/sentry');
    const sentryId = listed.body.find((h) => h.url === 'https://hooks.example.com/sentry')?.id;

    await gateway.resetUpstreamStats();
    const partial = await gateway.execute(UpdateServiceHook, {
      input: { id: hook.id, events: ['EVENT_ALERT', 'EVENT_CREATED'] },
    });
    expect(partial.data?.updateServiceHook).toEqual({
      serviceHook: {
        url: 'https://hooks.example.com/sentry',
        events: ['EVENT_ALERT', 'EVENT_CREATED'],
      },
      userErrors: [],
    });
    expect(await gateway.upstreamStats()).toEqual({
      requests: 2,
      byRoute: {
        'GET /api/0/projects/{org}/{project}/hooks/{hook_id}/': 1,
        'PUT /api/0/projects/{org}/{project}/hooks/{hook_id}/': 1,
      },
    });

    await gateway.resetUpstreamStats();
    await gateway.execute(UpdateServiceHook, {
      input: { id: hook.id, url: 'https://hooks.example.com/v2', events: ['EVENT_ALERT'] },
    });
    expect((await gateway.upstreamStats()).requests).toBe(1);
    expect((await rest(gateway, `${hooksPath}${sentryId}/`)).body).toMatchObject({
      url: 'https://hooks.example.com/v2',
      events: ['event.alert'],
    });

    const deleted = await gateway.execute(DeleteServiceHook, { input: { id: hook.id } });
    expect(deleted.data?.deleteServiceHook?.userErrors).toEqual([]);
    expect((await rest(gateway, `${hooksPath}${sentryId}/`)).status).toBe(404);
  });

  it('refuses a relative url and no events before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(CreateServiceHook, {
      input: { projectId: projectGid(project), url: 'hooks/sentry', events: [] },
    });
    expect(codes(data?.createServiceHook)).toEqual([
      { field: ['input', 'url'], code: 'INVALID_VALUE' },
      { field: ['input', 'events'], code: 'EMPTY_LIST' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});
