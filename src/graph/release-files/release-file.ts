/**
 * release-files/: `ReleaseFile` (a release's source maps and the files they map, with a download
 * link through the gateway), the lists on releases and projects, the files a release's commits
 * changed, an event's source-map lookup, and the upload, rename and delete mutations.
 */
import type { Context } from '../../context.ts';
import {
  loadReleaseFiles,
  type ReleaseFileKey,
  type ReleaseFileShape,
  releaseFileKey,
  splitReleaseFileKey,
} from '../../loaders/release-files.ts';
import { Project } from '../projects/project.ts';
import { Release, releaseStub } from '../releases/release.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { type ConnectionArgs, pageRequest, pageToConnection } from '../schema-kit/connections.ts';
import { prefetchable } from '../schema-kit/prefetch.ts';

/** Where the gateway serves downloads; `server/downloads.ts` answers these paths. */
export const RELEASE_FILE_DOWNLOAD_PATH = '/files/release-files/';

/** The gateway's own origin, as the caller addressed it (Yoga's request is in the context). */
export function gatewayOrigin(context: Context): string {
  const { request } = context as Context & { request?: Request };
  return request ? new URL(request.url).origin : '';
}

export const ReleaseFile = builder.loadableNodeRef('ReleaseFile', {
  id: {
    resolve: (file) => releaseFileKey(file.organizationSlug, file.version, file.id),
    parse: (id) => releaseFileKey(...splitReleaseFileKey(id)),
  },
  load: loadWith<ReleaseFileKey, ReleaseFileShape>(loadReleaseFiles),
});

export const ReleaseFileConnection = builder.connectionObject(
  { type: ReleaseFile, name: 'ReleaseFileConnection', description: 'A page of release files.' },
  { name: 'ReleaseFileEdge', description: 'A ReleaseFile and the cursor after it.' },
);

export const ReleaseFileHeader = builder
  .objectRef<{ name: string; value: string }>('ReleaseFileHeader')
  .implement({
    description: 'An HTTP header stored with a release file (e.g. `Sourcemap: app.js.map`).',
    fields: (t) => ({
      name: t.exposeString('name'),
      value: t.exposeString('value'),
    }),
  });

ReleaseFile.implement({
  description:
    'A file of a release: a minified script, its source map, or any artifact Sentry resolves stack frames with.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id of the file." }),
    name: t.exposeString('name', {
      description: 'The name frames are matched on: a full URL or `~/path` (any host).',
    }),
    dist: t.exposeString('dist', {
      nullable: true,
      description: 'The distribution it belongs to, or null for every distribution.',
    }),
    size: t.exposeInt('size', { description: 'Size in bytes.' }),
    sha1: t.exposeString('sha1', { description: 'SHA-1 of the contents, hex.' }),
    headers: t.field({
      type: [ReleaseFileHeader],
      description: 'Headers stored with the file.',
      resolve: (file) =>
        Object.entries(file.headers ?? {}).map(([name, value]) => ({ name, value: String(value) })),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (file) => file.dateCreated }),
    downloadUrl: t.string({
      description:
        "The file's bytes through this gateway (`GET`, with the caller's own `Authorization` header; Sentry's download needs a write scope).",
      resolve: (file, _args, context) =>
        `${gatewayOrigin(context)}${RELEASE_FILE_DOWNLOAD_PATH}${encodeURIComponent(file.organizationSlug)}/${encodeURIComponent(file.version)}/${encodeURIComponent(file.id)}`,
    }),
    release: t.field({
      type: Release,
      description: 'The release it belongs to.',
      resolve: (file) => releaseStub(file.organizationSlug, { version: file.version }),
    }),
  }),
});

/** Lists answer later lookups of the same files without another call. */
export function primeReleaseFiles(context: Context, files: readonly ReleaseFileShape[]): void {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = ReleaseFile.getDataloader(context);
  for (const file of files) {
    const key = releaseFileKey(file.organizationSlug, file.version, file.id);
    loader.clear(key).prime(key, file);
  }
}

async function listFiles(
  context: Context,
  version: string,
  args: ConnectionArgs & { query?: string | null | undefined },
  read: (
    params: ReturnType<typeof pageRequest>['params'] & { query?: string },
  ) => ReturnType<Context['sentry']['releaseFiles']['list']>,
) {
  const request = pageRequest(args);
  const page = await read(fileListParams(args));
  const items = page.items.map((file) => ({ ...file, version }));
  primeReleaseFiles(context, items);
  return pageToConnection({ ...page, items }, request);
}

/** The list query of `files`/`releaseFiles`: the page, and `query` when given. */
function fileListParams(args: ConnectionArgs & { query?: unknown }) {
  const request = pageRequest(args);
  const query = typeof args.query === 'string' && args.query ? { query: args.query } : {};
  return { ...request.params, ...query };
}

// Both lists need only their parent's key, so they go out in the same wave as the parent.
prefetchable('Release', 'files', (context, release, { args }) =>
  context.sentry.releaseFiles.list(release.organizationSlug, release.version, fileListParams(args)),
);
prefetchable('Project', 'releaseFiles', (context, project, { args }) =>
  context.sentry.releaseFiles.listInProject(
    project.organizationSlug,
    project.slug,
    String(args['version']),
    fileListParams(args),
  ),
);

builder.objectFields(Release, (t) => ({
  files: t.connection(
    {
      type: ReleaseFile,
      nullable: true,
      description:
        'Files of the release (source maps and the like). One call: `GET /organizations/{org}/releases/{version}/files/`.',
      args: {
        query: t.arg.string({ required: false, description: 'Substring of the file name.' }),
      },
      resolve: (release, args, context) =>
        listFiles(context, release.version, args, (params) =>
          context.sentry.releaseFiles.list(release.organizationSlug, release.version, params),
        ),
    },
    ReleaseFileConnection,
  ),
}));

builder.objectFields(Project, (t) => ({
  releaseFiles: t.connection(
    {
      type: ReleaseFile,
      nullable: true,
      description:
        "Files of one of the project's releases; null with NOT_FOUND when the release is not the project's. One call: `GET /projects/{org}/{project}/releases/{version}/files/`.",
      args: {
        version: t.arg.string({ description: 'The release version.' }),
        query: t.arg.string({ required: false, description: 'Substring of the file name.' }),
      },
      resolve: (project, args, context) =>
        listFiles(context, args.version, args, (params) =>
          context.sentry.releaseFiles.listInProject(
            project.organizationSlug,
            project.slug,
            args.version,
            params,
          ),
        ),
    },
    ReleaseFileConnection,
  ),
}));
