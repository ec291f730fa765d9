/**
 * Reads the entries of a zip archive (an artifact bundle as sentry-cli writes it). Written on
 * Node's zlib rather than with a zip library: sentry-cli's bundles use only the two methods
 * every zip reader must know, stored (0) and deflate (8, `inflateRawSync`), with no zip64 or
 * encryption, and reading the central directory is the whole of the format that needs.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

export class ZipError extends Error {
  override name = 'ZipError';
}

/** The files of the archive by their path in it; throws `ZipError` when it is not one. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  let end = -1;
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 65_557); at--) {
    if (archive.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError('not a zip archive');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > archive.length || archive.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      throw new ZipError('broken central directory');
    }
    const method = archive.readUInt16LE(at + 10);
    const compressed = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + skip;
    if (name.endsWith('/')) continue;
    if (archive.readUInt32LE(local) !== LOCAL_HEADER) throw new ZipError(`broken entry ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(start, start + compressed);
    if (method === 0) files.set(name, Buffer.from(raw));
    else if (method === 8) files.set(name, inflateRawSync(raw));
    else throw new ZipError(`unsupported compression method ${method} for ${name}`);
  }
  return files;
}
