/**
 * What an issue is linked to outside Sentry, drawn from its id alone (no random draws, so the
 * seeded data stays as it was): issues in an issue tracker integration (`integrationIssues`),
 * in a Sentry App (`sentryAppIssues`), and the `annotations` the stream shows for them.
 */
import type {
  SentryIssueAnnotation,
  SentryIssueLink,
  SentrySentryAppIssue,
} from '../../../sentry/types.ts';
import { hash32 } from '../../data/random.ts';

export interface LinkedIssues {
  integrationIssues: SentryIssueLink[];
  sentryAppIssues: SentrySentryAppIssue[];
  annotations: SentryIssueAnnotation[];
}

/** About one issue in six has a Jira issue, one in ten a Linear issue through a Sentry App. */
export function linkedIssues(issueId: string, projectSlug: string): LinkedIssues {
  const integrationIssues: SentryIssueLink[] = [];
  const sentryAppIssues: SentrySentryAppIssue[] = [];
  const seed = hash32(issueId, 'linked');
  if (seed % 6 === 0) {
    const number = 100 + (seed % 900);
    const key = `${projectSlug.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${number}`;
    integrationIssues.push({
      id: String(seed % 100_000),
      key,
      url: `https://acme.atlassian.net/browse/${key}`,
      title: `Sentry issue ${issueId}`,
      description: `Linked from Sentry issue ${issueId}.`,
      displayName: `Jira ${key}`,
    });
  }
  if (seed % 10 === 3) {
    const key = `ENG-${10 + (seed % 490)}`;
    sentryAppIssues.push({
      id: String(seed % 1_000_000),
      issueId,
      serviceType: 'linear',
      displayName: `Linear#${key}`,
      webUrl: `https://linear.app/acme/issue/${key}`,
    });
  }
  const annotations = [
    ...integrationIssues.map((link) => ({ displayName: link.key, url: link.url })),
    ...sentryAppIssues.map((link) => ({ displayName: link.displayName, url: link.webUrl })),
  ];
  return { integrationIssues, sentryAppIssues, annotations };
}
