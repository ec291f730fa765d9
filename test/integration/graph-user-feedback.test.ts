/** User feedback: its event (one call), issue (embedded) and project, from lists and mutations. */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const FeedbackEvents = graphql(`
  query FeedbackEvents($org: String!, $project: String!) {
    organization(slug: $org) {
      project(slug: $project) {
        name
        userFeedback(first: 10) { nodes { eventId event { eventId title } issue { shortId } } }
      }
    }
  }
`);

describe('UserFeedback', () => {
  it("loads a feedback's event with one call and its issue with none", async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();

    const { data, errors } = await gateway.execute(FeedbackEvents, {
      org: 'acme',
      project: 'backend',
    });

    expect(errors).toBeUndefined();
    const [feedback] = data?.organization?.project?.userFeedback?.nodes ?? [];
    expect(feedback?.event?.eventId).toBe(feedback?.eventId);
    expect(feedback?.event?.title).toEqual(expect.any(String));
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/projects/',
      'GET /api/0/projects/{org}/{project}/events/{event_id}/',
      'GET /api/0/projects/{org}/{project}/user-feedback/',
    ]);
  });

  it('reports a feedback event Sentry no longer has as NOT_FOUND on that event only', async () => {
    await using gateway = await startTestGateway({
      localSentry: { faults: { 'GET /api/0/projects/{org}/{project}/events/{event_id}/': 404 } },
    });

    const { data, errors } = await gateway.execute(FeedbackEvents, {
      org: 'acme',
      project: 'backend',
    });

    expect(data?.organization?.project?.name).toBe('Backend');
    const [feedback] = data?.organization?.project?.userFeedback?.nodes ?? [];
    expect(feedback).toMatchObject({ event: null, issue: { shortId: expect.any(String) } });
    expect(errors).toEqual([
      expect.objectContaining({
        path: ['organization', 'project', 'userFeedback', 'nodes', 0, 'event'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND' }),
      }),
    ]);
  });

  it('answers a submitted feedback with its project and event edges', async () => {
    await using gateway = await startTestGateway();
    const record = gateway.sentry.data.organizations.get('acme')?.projectsBySlug.get('frontend');
    const event = record?.events[0];
    if (!record || !event) throw new Error('The demo data lacks acme/frontend events');

    const { data, errors } = await gateway.execute(
      graphql(`
        mutation SubmitFeedbackEdges($input: SubmitUserFeedbackInput!) {
          submitUserFeedback(input: $input) {
            userFeedback { comments project { slug } event { eventId } }
            userErrors { code }
          }
        }
      `),
      {
        input: {
          projectId: encodeGlobalId('Project', `acme/${record.wire.id}`),
          eventId: event.id,
          name: 'Ada',
          email: 'ada@example.com',
          comments: 'It froze.',
        },
      },
    );

    expect(errors).toBeUndefined();
    expect(data?.submitUserFeedback).toEqual({
      userFeedback: {
        comments: 'It froze.',
        project: { slug: 'frontend' },
        event: { eventId: event.id },
      },
      userErrors: [],
    });
  });
});
