/** Release files: upload (multipart), rename or move to another dist, delete. */
import {
  type ReleaseFileKey,
  releaseFileKey,
  splitReleaseFileKey,
} from '../../loaders/release-files.ts';
import { builder } from '../schema-kit/builder.ts';
import { deleteByIdMutation } from '../schema-kit/mutations/deletes.ts';
import {
  checkSlugValue,
  checkText,
  checkVersionValue,
} from '../schema-kit/mutations/input-checks.ts';
import {
  MUTATION_SCOPES,
  type StoredPayload,
  storedPayload,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, readIdOf, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { primeReleaseFiles, ReleaseFile } from './release-file.ts';
import { checkUploadSize, FileScalar } from './upload.ts';

type ReleaseFilePayload = StoredPayload<'releaseFile', typeof ReleaseFile.$inferType>;

const parseKey = (id: string): ReleaseFileKey => releaseFileKey(...splitReleaseFileKey(id));

/** Sentry's `_filename_re`: names with these characters are refused. */
const BAD_NAME = /[\n\t\r\f\v\\]/;

function checkFileName(errors: UserErrors, path: string[], name: string) {
  checkText(errors, path, name, { max: 200, required: true });
  if (BAD_NAME.test(name))
    errors.add('INVALID_VALUE', 'Must not contain special whitespace.', path);
}

const ReleaseFileHeaderInput = builder.inputType('ReleaseFileHeaderInput', {
  description: 'A header to store with a release file.',
  fields: (t) => ({
    name: t.string({ description: 'e.g. "Sourcemap".' }),
    value: t.string({ description: 'e.g. "app.js.map".' }),
  }),
});

builder.relayMutationField(
  'uploadReleaseFile',
  {
    description: 'A file to add to a release, sent as a part of a multipart request.',
    inputFields: (t) => ({
      organizationSlug: t.string({ description: 'The organization of the release.' }),
      version: t.string({ description: 'The release version.' }),
      file: t.field({
        type: FileScalar,
        description: 'The contents (at most `--max-upload-bytes`).',
      }),
      name: t.string({
        required: false,
        description:
          "The name frames are matched on (`~/static/app.js`); the part's file name by default.",
      }),
      dist: t.string({ required: false, description: 'The distribution it is for.' }),
      headers: t.field({ type: [ReleaseFileHeaderInput], required: false }),
    }),
  },
  {
    description:
      'Uploads a release file. One REST call: `POST /organizations/{org}/releases/{version}/files/` (multipart). A file over `--max-upload-bytes` is refused with UPLOAD_TOO_LARGE before any call.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ReleaseFilePayload> => {
      checkUploadSize(context, input.file, 'input.file');
      const errors = new UserErrors();
      checkSlugValue(errors, ['input', 'organizationSlug'], input.organizationSlug, 'organization');
      checkVersionValue(errors, ['input', 'version'], input.version);
      const name = input.name ?? input.file.name;
      checkFileName(errors, ['input', 'name'], name);
      for (const [index, header] of (input.headers ?? []).entries()) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header.name)) {
          errors.add('INVALID_VALUE', 'Not an HTTP header name.', [
            'input',
            'headers',
            String(index),
            'name',
          ]);
        }
      }
      if (errors.any) return { releaseFile: null, userErrors: errors.list };
      const stored = await attempt(errors, { target: ['input', 'version'], what: 'release' }, () =>
        context.sentry.releaseFiles.upload(input.organizationSlug, input.version, {
          file: input.file,
          name,
          dist: input.dist,
          headers: Object.fromEntries((input.headers ?? []).map((h) => [h.name, h.value])),
        }),
      );
      const file = stored ? { ...stored, version: input.version } : null;
      if (file) primeReleaseFiles(context, [file]);
      return { releaseFile: file, userErrors: errors.list };
    },
  },
  storedPayload('uploadReleaseFile', 'releaseFile', ReleaseFile, 'release file'),
);

builder.relayMutationField(
  'updateReleaseFile',
  {
    description: 'A new name or dist for a release file.',
    inputFields: (t) => ({
      id: t.id({ description: 'The `ReleaseFile`.' }),
      name: t.string({ required: false, description: 'A new name (at most 200 characters).' }),
      dist: t.string({ required: false, description: 'Another dist; `""` for none.' }),
    }),
  },
  {
    description:
      "Renames a release file or moves it to another dist. One REST call: `PUT /organizations/{org}/releases/{version}/files/{file_id}/` (and the file's detail first when only `dist` is given: Sentry's body needs the name).",
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<ReleaseFilePayload> => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'id'], input.id, 'ReleaseFile', parseKey);
      if (input.name != null) checkFileName(errors, ['input', 'name'], input.name);
      if (!errors.any && input.name == null && input.dist == null) {
        errors.add('NOTHING_TO_CHANGE', 'Name at least one change.');
      }
      if (errors.any || !key) return { releaseFile: null, userErrors: errors.list };
      const [org, version, fileId] = splitReleaseFileKey(key);
      const stored = await attempt(
        errors,
        { target: ['input', 'id'], what: 'release file' },
        async () => {
          const name = input.name ?? (await ReleaseFile.getDataloader(context).load(key)).name;
          return context.sentry.releaseFiles.update(org, version, fileId, {
            name,
            ...(input.dist != null ? { dist: input.dist || null } : {}),
          });
        },
      );
      const file = stored ? { ...stored, version } : null;
      if (file) primeReleaseFiles(context, [file]);
      return { releaseFile: file, userErrors: errors.list };
    },
  },
  storedPayload('updateReleaseFile', 'releaseFile', ReleaseFile, 'release file'),
);

deleteByIdMutation('deleteReleaseFile', {
  typename: 'ReleaseFile',
  parse: parseKey,
  input: 'The release file to delete.',
  id: 'The `ReleaseFile` to delete.',
  description:
    'Deletes a release file. One REST call: `DELETE /organizations/{org}/releases/{version}/files/{file_id}/`.',
  what: 'release file',
  field: 'deletedReleaseFileId',
  fieldDescription: 'The global id of the deleted file; null when `userErrors` says why.',
  remove: (context, key) => context.sentry.releaseFiles.delete(...splitReleaseFileKey(key)),
  forget: (context, key) => {
    ReleaseFile.getDataloader(context).clear(key);
  },
});
