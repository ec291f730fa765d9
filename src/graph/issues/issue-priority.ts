import { builder } from '../schema-kit/builder.ts';

export const IssuePriority = builder.enumType('IssuePriority', {
  description: 'How urgent an issue is.',
  values: {
    HIGH: { value: 'high' },
    MEDIUM: { value: 'medium' },
    LOW: { value: 'low' },
  } as const,
});
