/** What the store keeps of a cron monitor: its own fields, its environments and check-ins. */
import type { SentryCheckIn, SentryMonitor } from '../../../sentry/types.ts';

export interface MonitorRecord {
  org: string;
  projectId: string;
  /** The body without what is derived per request (`project`, `environments`). */
  wire: Omit<SentryMonitor, 'project' | 'environments'>;
  /** In creation order; Sentry creates one at a monitor's first check-in from it. */
  environments: MonitorEnvironmentRecord[];
  /** Newest first, every environment's. */
  checkIns: SentryCheckIn[];
}

export interface MonitorEnvironmentRecord {
  name: string;
  isMuted: boolean;
  dateCreated: string;
}
