/**
 * A project's debug information files (DIFs): their rows as Sentry's `DebugFileSerializer`
 * writes them and their bytes, per store (none are seeded), and what a file is, read from its
 * first bytes the way Sentry's `symbolic` would name it.
 */

import type { SentryDebugFile } from '../../../sentry/types.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData } from '../../data/model.ts';
import { nowIso } from '../../data/store.ts';
import { sha1Hex } from '../release-files/store.ts';

export interface DebugFileRecord {
  projectId: string;
  wire: SentryDebugFile;
  bytes: Buffer;
}

interface DebugFileStore {
  files: DebugFileRecord[];
  nextId: number;
}

const stores = new WeakMap<LocalData, DebugFileStore>();

function storeOf(data: LocalData): DebugFileStore {
  let store = stores.get(data);
  if (!store) {
    store = { files: [], nextId: 1 };
    stores.set(data, store);
  }
  return store;
}

/** Newest first, as Sentry lists them. */
export const projectDebugFiles = (data: LocalData, projectId: string): DebugFileRecord[] =>
  storeOf(data).files.filter((file) => file.projectId === projectId);

/** A UUID-shaped debug id from a 32-hex run (Breakpad's `MODULE` id, or a digest). */
function debugIdOf(hex: string, age = ''): string {
  const h = hex.toLowerCase().padEnd(32, '0');
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return age && age !== '0' ? `${uuid}-${age.toLowerCase()}` : uuid;
}

/** What kind of debug file the bytes are, and its debug id and CPU where they say. */
function identify(bytes: Buffer, name: string) {
  const head = bytes.subarray(0, 512).toString('latin1');
  const module = /^MODULE (\S+) (\S+) ([0-9A-Fa-f]{32})([0-9A-Fa-f]*) (\S+)/.exec(head);
  if (module) {
    return {
      symbolType: 'breakpad',
      cpuName: module[2] ?? 'unknown',
      debugId: debugIdOf(module[3] ?? '', module[4]),
      objectName: module[5] ?? name,
      codeId: /^INFO CODE_ID ([0-9A-Fa-f]+)/m.exec(head)?.[1]?.toLowerCase() ?? null,
      features: ['symtab', 'unwind'],
    };
  }
  const digest = sha1Hex(bytes);
  const kind = head.startsWith('\x7fELF')
    ? 'elf'
    : head.startsWith('\xcf\xfa\xed\xfe') || head.startsWith('\xca\xfe\xba\xbe')
      ? 'macho'
      : head.startsWith('MZ')
        ? 'pe'
        : / -> \S+:$/m.test(head)
          ? 'proguard'
          : 'sourcebundle';
  return {
    symbolType: kind,
    cpuName: kind === 'proguard' || kind === 'sourcebundle' ? 'any' : 'unknown',
    debugId: debugIdOf(digest),
    objectName: name,
    codeId: null,
    features: kind === 'proguard' ? ['mapping'] : ['debug'],
  };
}

const CONTENT_TYPES: Record<string, string> = {
  breakpad: 'text/x-breakpad',
  elf: 'application/x-elf-binary',
  macho: 'application/x-mach-binary',
  pe: 'application/x-dosexec',
  proguard: 'text/x-proguard+plain',
  sourcebundle: 'application/x-sentry-bundle+zip',
};

export function addDebugFile(
  data: LocalData,
  projectId: string,
  name: string,
  bytes: Buffer,
  debugId?: string,
): DebugFileRecord {
  storeChanged();
  const store = storeOf(data);
  const kind = identify(bytes, name);
  const id = debugId ?? kind.debugId;
  const record: DebugFileRecord = {
    projectId,
    bytes,
    wire: {
      id: String(store.nextId++),
      uuid: id.slice(0, 36),
      debugId: id,
      codeId: kind.codeId,
      cpuName: kind.cpuName,
      objectName: kind.objectName,
      symbolType: kind.symbolType,
      headers: { 'Content-Type': CONTENT_TYPES[kind.symbolType] ?? 'application/octet-stream' },
      size: bytes.length,
      sha1: sha1Hex(bytes),
      dateCreated: nowIso(data),
      data: { features: kind.features },
    },
  };
  store.files.unshift(record);
  return record;
}

export function deleteDebugFile(data: LocalData, record: DebugFileRecord): void {
  storeChanged();
  const store = storeOf(data);
  store.files = store.files.filter((file) => file !== record);
}
