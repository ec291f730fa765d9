/** The application's users seen in a project's events, and the `Project.users` list. */
import type { OrgScoped } from '../sentry/client.ts';
import type { SentryProjectUser } from '../sentry/types.ts';
import { builder } from './builder.ts';
import { pageRequest, pageToConnection } from './connections.ts';
import { Project } from './project.ts';

export const ProjectUser = builder
  .objectRef<OrgScoped<SentryProjectUser>>('ProjectUser')
  .implement({
    description:
      "A user of the application, as the SDKs reported it in a project's events (not a Sentry account).",
    fields: (t) => ({
      // Not `id`: the application's id is unique per project only, and a normalised client
      // cache would merge two projects' users under it.
      userId: t.string({
        nullable: true,
        description: "The application's user id, when the SDK sent one.",
        resolve: (user) => user.id,
      }),
      identifier: t.exposeString('identifier', {
        description: 'What identifies the user: the id, else the email, username or IP address.',
      }),
      tagValue: t.exposeString('tagValue', {
        description:
          'The `user` tag value of its events, e.g. "id:42": search issues with `user:"id:42"`.',
      }),
      email: t.string({
        nullable: true,
        description: 'Email, when the SDK sent it.',
        resolve: (user) => user.email || null,
      }),
      username: t.string({
        nullable: true,
        description: 'Username, when the SDK sent it.',
        resolve: (user) => user.username || null,
      }),
      name: t.string({
        nullable: true,
        description: 'Display name, when the SDK sent it.',
        resolve: (user) => user.name || null,
      }),
      ipAddress: t.string({
        nullable: true,
        description: 'IP address, when the SDK sent it.',
        resolve: (user) => user.ipAddress || null,
      }),
      avatarUrl: t.string({
        nullable: true,
        description: 'Gravatar URL derived from the email.',
        resolve: (user) => user.avatarUrl || null,
      }),
      firstSeen: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When Sentry first saw the user in this project.',
        resolve: (user) => user.dateCreated,
      }),
    }),
  });

export const ProjectUserConnection = builder.connectionObject(
  { type: ProjectUser, name: 'ProjectUserConnection', description: 'A page of project users.' },
  { name: 'ProjectUserEdge', description: 'A ProjectUser and the cursor after it.' },
);

builder.objectFields(Project, (t) => ({
  users: t.connection(
    {
      type: ProjectUser,
      nullable: true,
      description:
        "Users of the application seen in the project's events. One call: `GET /projects/{org}/{project}/users/`.",
      args: {
        query: t.arg.string({
          required: false,
          description:
            'An exact match on one attribute: "email:ada@example.com", "id:42", "username:ada" or "ip:10.0.0.1".',
        }),
      },
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.projects.users(project.organizationSlug, project.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        return pageToConnection(page, request);
      },
    },
    ProjectUserConnection,
  ),
}));
