/**
 * Installations per organization, kept beside the store (so the seeded model is as it was), and
 * the external issues they link: stored on the Sentry issue's own `sentryAppIssues` and
 * `annotations`, where the issue detail and the issue's external-issues route read them.
 */
import type { SentrySentryAppIssue } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';
import type { IssueRecord } from '../issues/record.ts';
import { generateInstallations } from './generate.ts';
import type { AppInstallation } from './record.ts';

const installationsOf = new WeakMap<OrgData, AppInstallation[]>();

export function installations(data: LocalData, org: OrgData): AppInstallation[] {
  let rows = installationsOf.get(org);
  if (!rows) {
    rows = generateInstallations(data, org);
    installationsOf.set(org, rows);
  }
  return rows;
}

export function findInstallation(data: LocalData, uuid: string): AppInstallation | undefined {
  for (const org of data.organizations.values()) {
    const found = installations(data, org).find((row) => row.uuid === uuid);
    if (found) return found;
  }
  return undefined;
}

/** The stream's annotations, as the seeded ones are made (issues/linked.ts). */
function syncAnnotations(issue: IssueRecord): void {
  issue.wire.annotations = [
    ...(issue.wire.integrationIssues ?? []).map((link) => ({
      displayName: link.key,
      url: link.url,
    })),
    ...(issue.wire.sentryAppIssues ?? []).map((link) => ({
      displayName: link.displayName,
      url: link.webUrl,
    })),
  ];
}

/** Sentry's update_or_create on (issue, service type): one link per app and issue. */
export function linkExternalIssue(
  installation: AppInstallation,
  issue: IssueRecord,
  input: { webUrl: string; project: string; identifier: string },
): SentrySentryAppIssue {
  storeChanged();
  const links = issue.wire.sentryAppIssues ?? [];
  const displayName = `${input.project}#${input.identifier}`;
  let link = links.find((row) => row.serviceType === installation.app.slug);
  if (link) {
    Object.assign(link, { displayName, webUrl: input.webUrl });
  } else {
    link = {
      id: String(installation.nextIssueId++),
      issueId: issue.wire.id,
      serviceType: installation.app.slug,
      displayName,
      webUrl: input.webUrl,
    };
    links.push(link);
  }
  issue.wire.sentryAppIssues = links;
  syncAnnotations(issue);
  return link;
}

/** Removes the installation's external issue of this id; false when there is none. */
export function unlinkExternalIssue(
  data: LocalData,
  installation: AppInstallation,
  externalIssueId: string,
): boolean {
  const org = data.organizations.get(installation.org);
  const issue = org?.issues.find((row) =>
    row.wire.sentryAppIssues?.some(
      (link) => link.id === externalIssueId && link.serviceType === installation.app.slug,
    ),
  );
  if (!issue) return false;
  storeChanged();
  issue.wire.sentryAppIssues = issue.wire.sentryAppIssues.filter(
    (row) => row.id !== externalIssueId,
  );
  syncAnnotations(issue);
  return true;
}
