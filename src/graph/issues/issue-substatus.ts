import { builder } from '../schema-kit/builder.ts';

export const IssueSubstatus = builder.enumType('IssueSubstatus', {
  description: 'Detail of an issue status: why it is open, or until when it is archived.',
  values: {
    NEW: { value: 'new', description: 'Open, first seen recently.' },
    ONGOING: { value: 'ongoing', description: 'Open for a while.' },
    ESCALATING: { value: 'escalating', description: 'Open, with a spike of events.' },
    REGRESSED: { value: 'regressed', description: 'Open again after being resolved.' },
    ARCHIVED_UNTIL_ESCALATING: { value: 'archived_until_escalating' },
    ARCHIVED_UNTIL_CONDITION_MET: { value: 'archived_until_condition_met' },
    ARCHIVED_FOREVER: { value: 'archived_forever' },
  } as const,
});
