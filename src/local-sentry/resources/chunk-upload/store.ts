/**
 * Uploaded chunks (by SHA-1, per store) and the artifact bundles assembled from them: which
 * projects and release each bundle was for, so `source-map-debug` can say a project has some.
 */
import type { LocalData } from '../../data/model.ts';

export interface ArtifactBundleRecord {
  org: string;
  checksum: string;
  projectIds: string[];
  release: string | null;
  dist: string | null;
  fileCount: number;
}

interface ChunkStore {
  chunks: Map<string, Buffer>;
  bundles: ArtifactBundleRecord[];
}

const stores = new WeakMap<LocalData, ChunkStore>();

export function chunkStoreOf(data: LocalData): ChunkStore {
  let store = stores.get(data);
  if (!store) {
    store = { chunks: new Map(), bundles: [] };
    stores.set(data, store);
  }
  return store;
}

export const missingChunks = (data: LocalData, chunks: readonly string[]): string[] =>
  chunks.filter((sha) => !chunkStoreOf(data).chunks.has(sha));

/** The file the chunks make, in order (every chunk is there: see `missingChunks`). */
export const joinChunks = (data: LocalData, chunks: readonly string[]): Buffer =>
  Buffer.concat(chunks.map((sha) => chunkStoreOf(data).chunks.get(sha) ?? Buffer.alloc(0)));

export const projectHasArtifactBundle = (data: LocalData, projectId: string): boolean =>
  chunkStoreOf(data).bundles.some((bundle) => bundle.projectIds.includes(projectId));
