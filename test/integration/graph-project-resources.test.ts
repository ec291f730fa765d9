/**
 * A project's client keys, service hooks, user feedback and users: shapes against the seeded
 * local Sentry, one REST call per list, and a failing list that leaves the others.
 */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const ProjectResources = graphql(`
  query ProjectResources($org: String!, $project: String!) {
    organization(slug: $org) {
      project(slug: $project) {
        sentryId
        keys(first: 10) {
          nodes { id sentryId name isActive dsn cdnUrl rateLimit { count window } project { slug } }
        }
        serviceHooks(first: 10) { nodes { id sentryId url events secret status project { slug } } }
        userFeedback(first: 10) {
          nodes { sentryId eventId name comments user { id email } issue { shortId } project { slug } }
        }
        users(first: 5) { pageInfo { hasNextPage } nodes { userId identifier tagValue email firstSeen } }
      }
    }
  }
`);

const ProjectKeyPages = graphql(`
  query ProjectKeyPages($after: String, $status: ProjectKeyStatus) {
    organization(slug: "acme") {
      project(slug: "backend") {
        keys(first: 1, after: $after, status: $status) {
          pageInfo { hasNextPage endCursor }
          nodes { sentryId isActive }
        }
      }
    }
  }
`);

const PROJECT_ROUTES = [
  'GET /api/0/organizations/{org}/projects/',
  'GET /api/0/projects/{org}/{project}/hooks/',
  'GET /api/0/projects/{org}/{project}/keys/',
  'GET /api/0/projects/{org}/{project}/user-feedback/',
  'GET /api/0/projects/{org}/{project}/users/',
];

describe('Project resources', () => {
  it('lists keys, hooks, feedback and users with one call each, as the local Sentry has them', async () => {
    await using gateway = await startTestGateway();
    const record = gateway.sentry.data.organizations.get('acme')?.projectsBySlug.get('backend');
    if (!record) throw new Error('The demo data lacks acme/backend');
    await gateway.resetUpstreamStats();

    const { data, errors } = await gateway.execute(ProjectResources, {
      org: 'acme',
      project: 'backend',
    });

    expect(errors).toBeUndefined();
    const project = data?.organization?.project;
    expect(project?.keys?.nodes).toEqual(
      record.keys.map(({ wire }) => ({
        id: encodeGlobalId('ProjectKey', `acme/${record.wire.id}/${wire.id}`),
        sentryId: wire.id,
        name: wire.name,
        isActive: wire.isActive,
        // The DSNs name the embedded server the gateway called, not sentry.io.
        dsn: `http://${wire.public}@${new URL(gateway.sentry.url).host}/${record.wire.id}`,
        cdnUrl: `${gateway.sentry.url}/js-sdk-loader/${wire.public}.min.js`,
        rateLimit: wire.rateLimit,
        project: { slug: 'backend' },
      })),
    );
    expect(project?.serviceHooks?.nodes).toEqual(
      record.hooks.map(({ wire }) => ({
        id: encodeGlobalId('ServiceHook', `acme/${record.wire.id}/${wire.id}`),
        sentryId: wire.id,
        url: wire.url,
        events: wire.events.map((event) => event.replace('.', '_').toUpperCase()),
        secret: wire.secret,
        status: wire.status,
        project: { slug: 'backend' },
      })),
    );
    expect(project?.userFeedback?.nodes.length).toBe(record.feedback.length);
    expect(project?.userFeedback?.nodes[0]).toMatchObject({
      sentryId: record.feedback[0]?.wire.id,
      eventId: record.feedback[0]?.wire.eventID,
      comments: record.feedback[0]?.wire.comments,
      issue: { shortId: expect.stringMatching(/^BACKEND-/) },
      project: { slug: 'backend' },
    });
    expect(project?.users?.nodes).toHaveLength(5);
    expect(project?.users?.pageInfo.hasNextPage).toBe(true);
    expect(project?.users?.nodes[0]).toMatchObject({
      tagValue: expect.stringMatching(/^(id|email|username|ip):/),
      firstSeen: expect.any(String),
    });
    // Each list once; the `project` of every row is the parent, already loaded.
    expect(await gateway.upstreamRequests()).toEqual(PROJECT_ROUTES);
  });

  it('keeps the other lists when one of them fails upstream', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { 'GET /api/0/projects/{org}/{project}/hooks/': 503 } },
    });

    const { status, data, errors } = await gateway.execute(ProjectResources, {
      org: 'acme',
      project: 'backend',
    });

    expect(status).toBe(200);
    expect(data?.organization?.project?.serviceHooks).toBeNull();
    expect(data?.organization?.project?.keys?.nodes.length).toBeGreaterThan(0);
    expect(errors).toEqual([
      expect.objectContaining({
        path: ['organization', 'project', 'serviceHooks'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR' }),
      }),
    ]);
  });

  it('pages client keys one Sentry page at a time and filters them by status', async () => {
    await using gateway = await startTestGateway();
    const keys = gateway.sentry.data.organizations.get('acme')?.projectsBySlug.get('backend')?.keys;
    expect(keys?.length).toBeGreaterThanOrEqual(2);
    await gateway.resetUpstreamStats();

    const first = await gateway.execute(ProjectKeyPages, {});
    const page1 = first.data?.organization?.project?.keys;
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    const second = await gateway.execute(ProjectKeyPages, { after: page1?.pageInfo.endCursor });
    const page2 = second.data?.organization?.project?.keys;

    expect([...(page1?.nodes ?? []), ...(page2?.nodes ?? [])].map((key) => key.sentryId)).toEqual(
      keys?.slice(0, 2).map((key) => key.wire.id),
    );
    const stats = await gateway.upstreamStats();
    expect(stats.byRoute['GET /api/0/projects/{org}/{project}/keys/']).toBe(2);

    const disabled = keys?.[1];
    if (!disabled) throw new Error('The demo data lacks a second key');
    disabled.wire.isActive = false; // the local Sentry's live store
    const inactive = await gateway.execute(ProjectKeyPages, { status: 'INACTIVE' });
    expect(inactive.errors).toBeUndefined();
    expect(inactive.data?.organization?.project?.keys?.nodes).toEqual([
      { sentryId: disabled.wire.id, isActive: false },
    ]);
  });

  it('finds a project user by an exact attribute', async () => {
    await using gateway = await startTestGateway();
    const all = await gateway.execute(ProjectResources, { org: 'acme', project: 'backend' });
    const user = all.data?.organization?.project?.users?.nodes[2];
    if (!user?.email) throw new Error('The demo data lacks users with an email');

    const { data, errors } = await gateway.execute(
      graphql(`
        query ProjectUserByEmail($query: String!) {
          organization(slug: "acme") {
            project(slug: "backend") { users(query: $query) { nodes { userId email } } }
          }
        }
      `),
      { query: `email:${user.email}` },
    );

    expect(errors).toBeUndefined();
    expect(data?.organization?.project?.users?.nodes).toEqual([
      { userId: user.userId, email: user.email },
    ]);
  });
});
