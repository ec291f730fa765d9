/** What the store keeps of a Sentry App installation. */
export interface AppInstallation {
  org: string;
  uuid: string;
  status: 'installed' | 'pending';
  app: { uuid: string; slug: string; sentryAppId: number; name: string; domain: string };
  /** Next id for an external issue this installation creates. */
  nextIssueId: number;
}
