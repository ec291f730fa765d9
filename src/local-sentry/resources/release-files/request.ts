/** What release-file requests name and send: the release in its project, the file, the upload. */
import type { SentryReleaseFile } from '../../../sentry/types.ts';
import type { RequestContext } from '../../http/context.ts';
import { formFiles, formOf, formText } from '../../http/form.ts';
import { badRequest, found, notFound } from '../../http/reply.ts';
import { projectOf } from '../projects/request.ts';
import type { ReleaseRecord } from '../releases/record.ts';
import { releaseOf } from '../releases/request.ts';
import type { NewReleaseFile } from './store.ts';

/** Sentry's `_filename_re`: names with these characters are refused. */
const BAD_NAME = /[\n\t\r\f\v\\]/;

/** `{version}`, and on the project routes a release of `{project}` (404 otherwise, as Sentry). */
export function fileReleaseOf(context: RequestContext): ReleaseRecord {
  const release = releaseOf(context);
  if (context.params['project'] !== undefined) {
    const project = projectOf(context);
    if (!release.projectIds.includes(project.wire.id)) throw notFound();
  }
  return release;
}

export function releaseFileOf(context: RequestContext, release: ReleaseRecord): SentryReleaseFile {
  const id = context.params['file_id'] ?? '';
  return found(release.files.find((file) => file.id === id));
}

/** `file`, `name` (the file's own name by default), `dist`, repeated `header` `key:value`. */
export async function uploadInput(context: RequestContext): Promise<NewReleaseFile> {
  const form = formOf(context);
  const [file] = await formFiles(form, 'file');
  if (!file) throw badRequest('Missing uploaded file');
  const name = formText(form, 'name') ?? file.name;
  if (!name || name === 'file') throw badRequest('File name must be specified');
  if (BAD_NAME.test(name)) {
    throw badRequest('File name must not contain special whitespace characters');
  }
  const headers: Record<string, string> = {};
  for (const header of form.getAll('header')) {
    const text = typeof header === 'string' ? header : '';
    const colon = text.indexOf(':');
    if (colon < 0) throw badRequest('header value was not formatted correctly');
    headers[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
  }
  return { name, dist: formText(form, 'dist') ?? null, headers, bytes: file.bytes };
}

/** The PUT body: `name` (required, at most 200 characters) and optionally `dist`. */
export function updateInput(body: Record<string, unknown>): { name: string; dist?: string | null } {
  const name = body['name'];
  if (typeof name !== 'string' || name === '') {
    throw badRequest({ name: ['This field is required.'] });
  }
  if (name.length > 200) {
    throw badRequest({ name: ['Ensure this field has no more than 200 characters.'] });
  }
  const dist = body['dist'];
  if (dist !== undefined && dist !== null && typeof dist !== 'string') {
    throw badRequest({ dist: ['Not a valid string.'] });
  }
  return dist === undefined ? { name } : { name, dist: dist || null };
}
