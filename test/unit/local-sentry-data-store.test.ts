/** Mutations of the local Sentry's store: issues, releases, deploys, projects, teams. */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/local-sentry/data/errors.ts';
import { generateData } from '../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../src/local-sentry/data/model.ts';
import type { IssueRecord } from '../../src/local-sentry/resources/issues/record.ts';
import { filterIssues } from '../../src/local-sentry/resources/issues/search.ts';
import {
  applyIssueUpdate,
  deleteIssue,
  findIssue,
} from '../../src/local-sentry/resources/issues/store.ts';
import { issueDetail } from '../../src/local-sentry/resources/issues/wire.ts';
import { updateProject } from '../../src/local-sentry/resources/projects/store.ts';
import { addDeploy } from '../../src/local-sentry/resources/releases/deploys.ts';
import { searchReleases } from '../../src/local-sentry/resources/releases/search.ts';
import { addRelease } from '../../src/local-sentry/resources/releases/store.ts';
import { deleteTeam } from '../../src/local-sentry/resources/teams/store.ts';

describe('store mutations', () => {
  it('resolves, assigns and deletes issues keeping indexes consistent', () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const org = data.organizations.get('acme') as OrgData;
    const issue = org.issues.find((i) => i.wire.status === 'unresolved') as IssueRecord;
    const member = org.members.find((m) => m.userId !== null);
    const result = applyIssueUpdate(data, org, [issue], {
      status: 'resolved',
      assignedTo: `user:${member?.userId}`,
    });
    expect(result.status).toBe('resolved');
    expect(issue.wire.status).toBe('resolved');
    expect(issue.wire.substatus).toBeNull();
    expect(issue.wire.assignedTo).toMatchObject({ type: 'user', id: member?.userId });
    expect(issue.wire.derivedData.isAssigned).toBe(true);
    expect(filterIssues(data, org, { query: 'is:resolved' })).toContain(issue);
    expect(() => applyIssueUpdate(data, org, [issue], { assignedTo: 'nobody@nowhere' })).toThrow(
      StoreError,
    );
    applyIssueUpdate(data, org, [issue], { status: 'ignored' });
    expect(issue.wire.substatus).toBe('archived_until_escalating');
    expect(issueDetail(data, issue, new Set(['owners'])).owners).toBeInstanceOf(Array);

    const eventCount = org.events.length;
    deleteIssue(data, issue);
    expect(findIssue(data, org, issue.wire.id)).toBeUndefined();
    expect(findIssue(data, org, issue.wire.shortId)).toBeUndefined();
    expect(org.events.length).toBe(eventCount - issue.events.length);
    expect(data.eventsById.has(issue.events[0]?.id ?? '')).toBe(false);
  });

  it('adds releases and deploys, renames projects and deletes teams', () => {
    const data = generateData({ seed: 1, scale: 'small' });
    const org = data.organizations.get('acme') as OrgData;
    const backend = org.projectsBySlug.get('backend');
    if (!backend) throw new Error('no backend');
    const release = addRelease(data, org, [backend], {
      version: 'backend@9.9.9',
      projects: ['backend'],
      commits: [
        {
          id: 'a'.repeat(40),
          message: 'fix: it',
          author_email: org.members[0]?.wire.email ?? null,
        },
      ],
    });
    expect(org.releases[0]).toBe(release);
    expect(searchReleases(org, { query: 'release:backend@9.9.9' })).toEqual([release]);
    expect(release.wire.commitCount).toBe(1);
    expect(release.wire.authors[0]).toMatchObject({ email: org.members[0]?.wire.email });
    expect(() =>
      addRelease(data, org, [backend], { version: 'backend@9.9.9', projects: [] }),
    ).toThrow(StoreError);
    addDeploy(data, org, release, { environment: 'canary' });
    expect(release.wire.deployCount).toBe(1);
    expect(org.environments).toContain('canary');

    const issue = backend.issues[0] as IssueRecord;
    const suffix = issue.wire.shortId.slice('BACKEND-'.length);
    updateProject(org, backend, { slug: 'core' });
    expect(issue.wire.shortId).toBe(`CORE-${suffix}`);
    expect(issue.wire.project.slug).toBe('core');
    expect(findIssue(data, org, `core-${suffix}`)).toBe(issue);
    expect(org.projectsBySlug.has('backend')).toBe(false);

    const web = org.teamsBySlug.get('web');
    if (!web) throw new Error('no web team');
    deleteTeam(org, web);
    expect(org.projectsBySlug.get('frontend')?.wire.teams).toEqual([]);
    expect(
      org.issues.some(
        (i) => i.wire.assignedTo?.type === 'team' && i.wire.assignedTo.id === web.wire.id,
      ),
    ).toBe(false);
  });
});
