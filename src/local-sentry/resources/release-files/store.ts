/**
 * Release files' contents and writes. The file rows live on their release
 * (`ReleaseRecord.files`); the bytes live here, per store, so the seeded records stay as they
 * were generated. A seeded row has no uploaded bytes: its download is filler of its `size`.
 */
import { createHash } from 'node:crypto';
import type { SentryReleaseFile } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData } from '../../data/model.ts';
import { nextId, nowIso } from '../../data/store.ts';
import { HttpError } from '../../http/reply.ts';
import type { ReleaseRecord } from '../releases/record.ts';

const contents = new WeakMap<LocalData, Map<string, Buffer>>();

function contentsOf(data: LocalData): Map<string, Buffer> {
  let map = contents.get(data);
  if (!map) {
    map = new Map();
    contents.set(data, map);
  }
  return map;
}

export const sha1Hex = (bytes: Uint8Array): string =>
  createHash('sha1').update(bytes).digest('hex');

/** The bytes of a file: as uploaded, or (a seeded row) `size` bytes of a comment line. */
export function fileBytes(data: LocalData, file: SentryReleaseFile): Buffer {
  const uploaded = contentsOf(data).get(file.id);
  if (uploaded) return uploaded;
  const line = Buffer.from(`// ${file.name} (seeded release file ${file.id})\n`);
  const filler = Buffer.alloc(file.size);
  for (let offset = 0; offset < file.size; offset += line.length) line.copy(filler, offset);
  return filler;
}

/** Sentry's `ERR_FILE_EXISTS`, answered with 409. */
const FILE_EXISTS = 'A file matching this name already exists for the given release';

export interface NewReleaseFile {
  name: string;
  dist: string | null;
  headers: Record<string, string>;
  bytes: Buffer;
}

const sameSlot = (file: SentryReleaseFile, name: string, dist: string | null) =>
  file.name === name && (file.dist ?? null) === dist;

/** Adds a file; 409 when the release already has one of that name and dist. */
export function addReleaseFile(
  data: LocalData,
  release: ReleaseRecord,
  input: NewReleaseFile,
  { replace = false } = {},
): SentryReleaseFile {
  const existing = release.files.find((file) => sameSlot(file, input.name, input.dist));
  if (existing && !replace) throw new HttpError(409, { detail: FILE_EXISTS });
  if (existing) removeReleaseFile(data, release, existing);
  storeChanged();
  const file: SentryReleaseFile = {
    id: nextId(data, 'file'),
    name: input.name,
    dist: input.dist,
    headers: input.headers,
    size: input.bytes.length,
    sha1: sha1Hex(input.bytes),
    dateCreated: nowIso(data),
  };
  contentsOf(data).set(file.id, input.bytes);
  release.files.push(file);
  return file;
}

/** Renames a file or moves it to another dist; 409 when that slot is taken. */
export function updateReleaseFile(
  release: ReleaseRecord,
  file: SentryReleaseFile,
  change: { name: string; dist?: string | null },
): SentryReleaseFile {
  const dist = change.dist === undefined ? file.dist : change.dist;
  const clash = release.files.find((f) => f !== file && sameSlot(f, change.name, dist));
  if (clash) throw new HttpError(409, { detail: FILE_EXISTS });
  storeChanged();
  file.name = change.name;
  file.dist = dist;
  return file;
}

export function removeReleaseFile(
  data: LocalData,
  release: ReleaseRecord,
  file: SentryReleaseFile,
): void {
  storeChanged();
  release.files = release.files.filter((f) => f !== file);
  contentsOf(data).delete(file.id);
}
