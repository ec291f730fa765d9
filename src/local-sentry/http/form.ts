/** Multipart upload bodies as Sentry's upload endpoints read them (`request.FILES`, `request.data`). */
import type { RequestContext } from './context.ts';
import { badRequest } from './reply.ts';

/** The request's multipart form, or 400 as Sentry answers an upload without one. */
export function formOf(context: RequestContext): FormData {
  if (context.body instanceof FormData) return context.body;
  throw badRequest('Missing uploaded file');
}

/** An uploaded file part: its name as sent and its bytes. */
export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** Every file part under `field`, in order. */
export async function formFiles(form: FormData, field: string): Promise<UploadedFile[]> {
  const files: UploadedFile[] = [];
  for (const value of form.getAll(field)) {
    if (typeof value === 'string') continue;
    files.push({ name: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return files;
}

/** A text field; undefined when absent or empty. */
export function formText(form: FormData, field: string): string | undefined {
  const value = form.get(field);
  return typeof value === 'string' && value !== '' ? value : undefined;
}
