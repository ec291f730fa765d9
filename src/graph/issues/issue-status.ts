import { builder } from '../schema-kit/builder.ts';

export const IssueStatus = builder.enumType('IssueStatus', {
  description: 'Where an issue is in its workflow.',
  values: {
    UNRESOLVED: { value: 'unresolved', description: 'Open.' },
    RESOLVED: { value: 'resolved', description: 'Marked fixed.' },
    IGNORED: { value: 'ignored', description: 'Archived (Sentry\'s "ignored").' },
    PENDING_DELETION: { value: 'pending_deletion', description: 'Being deleted.' },
    PENDING_MERGE: { value: 'pending_merge', description: 'Being merged into another issue.' },
    REPROCESSING: { value: 'reprocessing', description: 'Its events are being reprocessed.' },
  } as const,
});
