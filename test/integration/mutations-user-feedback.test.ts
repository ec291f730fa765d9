/** submitUserFeedback against the local Sentry: recorded on the event, bad input refused. */
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

const SubmitUserFeedback = graphql(`
  mutation TestSubmitUserFeedback($input: SubmitUserFeedbackInput!) {
    submitUserFeedback(input: $input) {
      userFeedback {
        eventId
        name
        email
        comments
        issue {
          id
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

describe('submitUserFeedback', () => {
  it('records feedback on an event', async () => {
    await using gateway = await startTestGateway();
    const issue = acme(gateway).issues.find((i) => i.events.length > 0);
    const project = issue && gateway.sentry.data.projectsById.get(issue.projectId);
    const event = issue?.events[0];
    if (!issue || !project || !event) throw new Error('no fixtures');
    const { data, errors } = await gateway.execute(SubmitUserFeedback, {
      input: {
        projectId: projectGid(project),
        eventId: event.id,
        name: 'Grace',
        email: 'grace@example.com',
        comments: 'The checkout button did nothing.',
      },
    });
    expect(errors).toBeUndefined();
    expect(data?.submitUserFeedback).toMatchObject({
      userFeedback: {
        eventId: event.id,
        name: 'Grace',
        email: 'grace@example.com',
        comments: 'The checkout button did nothing.',
      },
      userErrors: [],
    });
    expect(writes(await gateway.upstreamStats())).toEqual({
      'POST /api/0/projects/{org}/{project}/user-feedback/': 1,
    });
    const stored = await rest<{ comments: string }[]>(
      gateway,
      `${projectPath(project.wire.slug)}user-feedback/?per_page=100`,
    );
    expect(stored.body.map((f) => f.comments)).toContain('The checkout button did nothing.');
  });

  it('refuses a bad event id and email before any upstream call', async () => {
    await using gateway = await startTestGateway();
    const project = acme(gateway).projects[0];
    if (!project) throw new Error('no project');
    const { data } = await gateway.execute(SubmitUserFeedback, {
      input: {
        projectId: projectGid(project),
        eventId: 'xyz',
        name: 'Grace',
        email: 'not-an-email',
        comments: 'Hi',
      },
    });
    expect(codes(data?.submitUserFeedback)).toEqual([
      { field: ['input', 'eventId'], code: 'INVALID_VALUE' },
      { field: ['input', 'email'], code: 'INVALID_VALUE' },
    ]);
    await expectNoUpstreamCalls(gateway);
  });
});
