import { builder } from '../schema-kit/builder.ts';

export const IssueMetadata = builder.objectRef<Record<string, unknown>>('IssueMetadata').implement({
  description: 'What Sentry extracted from the events to title the issue.',
  fields: (t) => {
    const text = (key: string) => (metadata: Record<string, unknown>) => {
      const value = metadata[key];
      return typeof value === 'string' ? value : null;
    };
    return {
      type: t.string({ nullable: true, description: 'Exception type.', resolve: text('type') }),
      value: t.string({
        nullable: true,
        description: 'Exception message.',
        resolve: text('value'),
      }),
      filename: t.string({
        nullable: true,
        description: 'File of the culprit frame.',
        resolve: text('filename'),
      }),
      function: t.string({
        nullable: true,
        description: 'Function of the culprit frame.',
        resolve: text('function'),
      }),
      title: t.string({
        nullable: true,
        description: 'Title, for issues that are not exceptions.',
        resolve: text('title'),
      }),
      raw: t.field({ type: 'JSON', description: 'The whole metadata object.', resolve: (m) => m }),
    };
  },
});
