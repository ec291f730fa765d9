/** What the store keeps of a project's client key (DSN). */
import type { SentryProjectKey } from '../../../sentry/types.ts';

export interface ProjectKeyRecord {
  org: string;
  projectId: string;
  wire: SentryProjectKey;
}
