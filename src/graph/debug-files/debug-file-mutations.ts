/** Debug files: upload one (multipart; a zip gives one file per entry), delete several. */
import { type DebugFileKey, debugFileKey, splitDebugFileKey } from '../../loaders/release-files.ts';
import { checkUploadSize, FileScalar } from '../release-files/upload.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { checkSlugValue } from '../schema-kit/mutations/input-checks.ts';
import { MUTATION_SCOPES, payload } from '../schema-kit/mutations/payloads.ts';
import {
  attempt,
  readIdOf,
  type UserErrorShape,
  UserErrors,
} from '../schema-kit/mutations/user-errors.ts';
import { DebugFile, primeDebugFiles } from './debug-file.ts';

const parseKey = (id: string): DebugFileKey => debugFileKey(...splitDebugFileKey(id));

/** Most files one `deleteDebugFiles` deletes (one call each: Sentry deletes one per request). */
const MAX_DELETES = 100;

interface UploadPayload {
  debugFiles: (typeof DebugFile.$inferType)[] | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'uploadDebugFile',
  {
    description:
      'A debug information file to add to a project, sent as a part of a multipart request.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization of the project.' }),
      projectSlug: t.string({ description: 'The project.' }),
      file: t.field({
        type: FileScalar,
        description: 'The file, or a zip of several (at most `--max-upload-bytes`).',
      }),
    }),
  },
  {
    description:
      'Uploads a debug information file. One REST call: `POST /projects/{org}/{project}/files/dsyms/` (multipart). A file over `--max-upload-bytes` is refused with UPLOAD_TOO_LARGE before any call.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<UploadPayload> => {
      checkUploadSize(context, input.file, 'input.file');
      const errors = new UserErrors();
      checkSlugValue(errors, ['input', 'organizationSlug'], input.organizationSlug, 'organization');
      checkSlugValue(errors, ['input', 'projectSlug'], input.projectSlug, 'project');
      if (errors.any) return { debugFiles: null, userErrors: errors.list };
      const stored = await attempt(
        errors,
        { target: ['input', 'projectSlug'], what: 'project' },
        () =>
          context.sentry.debugFiles.upload(
            input.organizationSlug,
            input.projectSlug,
            input.file,
            input.file.name || 'debug-file',
          ),
      );
      const files = stored?.map((file) => ({ ...file, projectSlug: input.projectSlug })) ?? null;
      if (files) primeDebugFiles(context, files);
      return { debugFiles: files, userErrors: errors.list };
    },
  },
  payload<UploadPayload>('uploadDebugFile', (t) => ({
    debugFiles: t.field({
      type: [DebugFile],
      nullable: true,
      description:
        'The files Sentry stored (one per entry of a zip); null when `userErrors` says why.',
      resolve: (result) => result.debugFiles,
    }),
  })),
);

interface DeletePayload {
  deletedDebugFileIds: string[] | null;
  userErrors: UserErrorShape[];
}

builder.relayMutationField(
  'deleteDebugFiles',
  {
    description: 'Debug files to delete.',
    inputFields: (t) => ({
      ids: t.idList({ description: `The \`DebugFile\`s to delete (at most ${MAX_DELETES}).` }),
    }),
  },
  {
    description:
      'Deletes debug files. One REST call per file: `DELETE /projects/{org}/{project}/files/dsyms/?id=` (Sentry deletes one per request).',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeletePayload> => {
      const errors = new UserErrors();
      if (input.ids.length === 0)
        errors.add('EMPTY_LIST', 'Name at least one file.', ['input', 'ids']);
      if (input.ids.length > MAX_DELETES) {
        errors.add('TOO_MANY', `At most ${MAX_DELETES} files at once.`, ['input', 'ids']);
      }
      const keys = input.ids.map((id, index) =>
        readIdOf(errors, ['input', 'ids', index], String(id), 'DebugFile', parseKey),
      );
      if (errors.any) return { deletedDebugFileIds: null, userErrors: errors.list };
      const deleted: string[] = [];
      await Promise.all(
        [...new Set(keys as DebugFileKey[])].map(async (key, index) => {
          const [org, project, id] = splitDebugFileKey(key);
          const done = await attempt(
            errors,
            { target: ['input', 'ids', String(index)], what: 'debug file' },
            async () => {
              await context.sentry.debugFiles.delete(org, project, id);
              return true;
            },
          );
          DebugFile.getDataloader(context).clear(key);
          if (done) deleted.push(encodeGlobalId('DebugFile', key));
        }),
      );
      return { deletedDebugFileIds: deleted, userErrors: errors.list };
    },
  },
  payload<DeletePayload>('deleteDebugFiles', (t) => ({
    deletedDebugFileIds: t.idList({
      nullable: true,
      description: 'Global ids of the files deleted; null when the input was refused.',
      resolve: (result) => result.deletedDebugFileIds,
    }),
  })),
);
