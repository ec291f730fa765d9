/** What the store keeps of a project's service hook. */
import type { SentryServiceHook } from '../../../sentry/types.ts';

export interface ServiceHookRecord {
  org: string;
  projectId: string;
  wire: SentryServiceHook;
}
