/** The seeded records the contract cases use, one data set per test file. */
import { generateData } from '../../../src/local-sentry/data/generate.ts';
import type { OrgData } from '../../../src/local-sentry/data/model.ts';
import type { IssueRecord } from '../../../src/local-sentry/resources/issues/record.ts';

export const data = generateData({ seed: 1, scale: 'small' });
export const acme = data.organizations.get('acme') as OrgData;
const backend = acme.projectsBySlug.get('backend');
const frontend = acme.projectsBySlug.get('frontend');
if (!backend || !frontend) throw new Error('seeded data lacks acme/backend or acme/frontend');
export const issue = acme.issues.find(
  (i) => i.projectId === backend.wire.id && i.events.length >= 3,
) as IssueRecord;
const event = issue.events[1];
if (!event) throw new Error('seeded issue without events');
const [issueA, issueB, issueC, issueD] = backend.issues.filter((i) => i !== issue);
const release = acme.releases.find(
  (r) => r.projectIds.includes(backend.wire.id) && r.deploys.length > 0,
);
const jsRelease = acme.releases.find((r) => r.files.length > 0);
const member = acme.members[0];
const repository = acme.repositories[0];
const key = backend.keys[0];
const hookProject = acme.projects.find((p) => p.hooks.length > 0);
const hook = hookProject?.hooks[0];
const team = acme.teams[0];
if (
  !issueA ||
  !issueB ||
  !issueC ||
  !issueD ||
  !release ||
  !jsRelease ||
  !member ||
  !repository ||
  !key ||
  !hook ||
  !hookProject ||
  !team
) {
  throw new Error('seeded data lacks a record the contract test needs');
}
export const v = (version: string) => encodeURIComponent(version);
export const eventIds = acme.events.slice(0, 3).map((e) => e.id);
export const monitorProject = data.projectsById.get(
  acme.monitors.find((m) => m.wire.slug === 'nightly-backup')?.projectId ?? '',
)?.wire.slug;

/** The records checked above, each known to be there. */
export const seeded = {
  backend,
  frontend,
  event,
  issueA,
  issueB,
  issueC,
  issueD,
  release,
  jsRelease,
  member,
  repository,
  key,
  hook,
  hookProject,
  team,
};
