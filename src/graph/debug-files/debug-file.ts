/**
 * debug-files/: `DebugFile` (a project's debug information files: dSYMs, ELF, PDB, Breakpad,
 * ProGuard mappings), `Project.debugFiles`, and the upload and delete mutations.
 */
import type { Context } from '../../context.ts';
import {
  type DebugFileKey,
  type DebugFileShape,
  debugFileKey,
  loadDebugFiles,
  splitDebugFileKey,
} from '../../loaders/release-files.ts';
import { Project, projectBySlug } from '../projects/project.ts';
import { gatewayOrigin } from '../release-files/release-file.ts';
import { loadWith } from '../schema-kit/batching.ts';
import { builder } from '../schema-kit/builder.ts';
import { pageRequest, pageToConnection } from '../schema-kit/connections.ts';

export const DebugFile = builder.loadableNodeRef('DebugFile', {
  id: {
    resolve: (file) => debugFileKey(file.organizationSlug, file.projectSlug, file.id),
    parse: (id) => debugFileKey(...splitDebugFileKey(id)),
  },
  load: loadWith<DebugFileKey, DebugFileShape>(loadDebugFiles),
});

export const DebugFileConnection = builder.connectionObject(
  { type: DebugFile, name: 'DebugFileConnection', description: 'A page of debug files.' },
  { name: 'DebugFileEdge', description: 'A DebugFile and the cursor after it.' },
);

DebugFile.implement({
  description: 'A debug information file Sentry symbolicates native or obfuscated frames with.',
  fields: (t) => ({
    sentryId: t.exposeString('id', { description: "Sentry's numeric id of the file." }),
    debugId: t.exposeString('debugId', { description: 'The debug id frames refer to it by.' }),
    codeId: t.exposeString('codeId', { nullable: true }),
    objectName: t.exposeString('objectName', { description: 'e.g. "libapp.so".' }),
    cpuName: t.exposeString('cpuName', { description: 'e.g. "arm64", or "any".' }),
    symbolType: t.exposeString('symbolType', {
      description: 'e.g. "elf", "macho", "pe", "breakpad", "proguard", "sourcebundle".',
    }),
    features: t.stringList({
      description: 'What it holds: "symtab", "debug", "unwind", "sources", "mapping".',
      resolve: (file) => {
        const features = (file.data as { features?: unknown }).features;
        return Array.isArray(features) ? features.map(String) : [];
      },
    }),
    size: t.exposeInt('size', { description: 'Size in bytes.' }),
    sha1: t.exposeString('sha1'),
    createdAt: t.field({ type: 'DateTime', resolve: (file) => file.dateCreated }),
    downloadUrl: t.string({
      description:
        "The file's bytes through this gateway (`GET`, with the caller's own `Authorization` header; Sentry's download needs a write scope).",
      resolve: (file, _args, context) =>
        `${gatewayOrigin(context)}/files/debug-files/${encodeURIComponent(file.organizationSlug)}/${encodeURIComponent(file.projectSlug)}/${encodeURIComponent(file.id)}`,
    }),
    project: t.field({
      type: Project,
      nullable: true,
      resolve: (file, _args, context) =>
        projectBySlug(context, file.organizationSlug, file.projectSlug),
    }),
  }),
});

export function primeDebugFiles(context: Context, files: readonly DebugFileShape[]): void {
  if (!context.batching) return; // the naive mode (`--no-batch`) primes nothing
  const loader = DebugFile.getDataloader(context);
  for (const file of files) {
    const key = debugFileKey(file.organizationSlug, file.projectSlug, file.id);
    loader.clear(key).prime(key, file);
  }
}

builder.objectFields(Project, (t) => ({
  debugFiles: t.connection(
    {
      type: DebugFile,
      nullable: true,
      description:
        'Debug information files of the project, newest first. One call: `GET /projects/{org}/{project}/files/dsyms/`.',
      args: {
        query: t.arg.string({
          required: false,
          description: 'An id, debug id or code id, or part of the object name.',
        }),
      },
      resolve: async (project, args, context) => {
        const request = pageRequest(args);
        const page = await context.sentry.debugFiles.list(project.organizationSlug, project.slug, {
          ...request.params,
          ...(args.query ? { query: args.query } : {}),
        });
        const items = page.items.map((file) => ({ ...file, projectSlug: project.slug }));
        primeDebugFiles(context, items);
        return pageToConnection({ ...page, items }, request);
      },
    },
    DebugFileConnection,
  ),
}));
