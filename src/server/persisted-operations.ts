/**
 * Persisted operations, with Yoga's plugins. Automatic persisted queries in Apollo's protocol
 * (`extensions.persistedQuery.sha256Hash`: unknown hash → PERSISTED_QUERY_NOT_FOUND, hash with
 * the document → stored, hash alone → runs) are on unless `only` is set. A manifest of trusted
 * documents (`{ "<hash>": "<document>" }`, what graphql-codegen's client preset writes with
 * `persistedDocuments: true`) answers hashes first; with `only`, nothing but its documents runs.
 */
import { readFile } from 'node:fs/promises';
import { type APQStore, createInMemoryAPQStore, useAPQ } from '@graphql-yoga/plugin-apq';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse } from 'graphql';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

export interface PersistedOperationsOptions {
  /** Trusted documents by hash. */
  manifest?: ReadonlyMap<string, string> | undefined;
  /**
   * Refuse every document not in `manifest` (and automatic persisted queries), with
   * PERSISTED_QUERY_REQUIRED; needs a manifest.
   * @default false
   */
  only?: boolean | undefined;
  /**
   * Documents automatic persisted queries keep (least recently used dropped first).
   * @default 1000
   */
  apqMaxDocuments?: number | undefined;
}

/** Thrown when a manifest file cannot be used. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/**
 * Reads a manifest file: a JSON object from hash to GraphQL document. Every document must
 * parse, so that a broken manifest fails at startup rather than on a client's first request.
 */
export async function loadManifest(file: string): Promise<Map<string, string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(
      `cannot read persisted operations ${file}: ${(error as Error).message}`,
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ManifestError(`${file} must be a JSON object from hash to GraphQL document`);
  }
  const manifest = new Map<string, string>();
  for (const [hash, document] of Object.entries(raw)) {
    if (typeof document !== 'string') {
      throw new ManifestError(`${file}: the value of "${hash}" is not a GraphQL document`);
    }
    try {
      parse(document);
    } catch (error) {
      throw new ManifestError(
        `${file}: the document of "${hash}" does not parse: ${(error as Error).message}`,
      );
    }
    manifest.set(hash, document);
  }
  return manifest;
}

const notFound = {
  message: 'PersistedQueryNotFound',
  extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
};

const required = {
  message: 'Only persisted operations run here: send a known hash, without the document.',
  extensions: { code: 'PERSISTED_QUERY_REQUIRED', http: { status: 400 } },
};

/** The plugins for `options` (APQ alone when there are none). */
export function usePersistedOperationPlugins(options: PersistedOperationsOptions = {}): Plugin[] {
  const { only = false } = options;
  const manifest = options.manifest && withBareHashes(options.manifest);
  if (only) {
    if (!manifest) throw new ManifestError('only persisted operations, but no manifest was given');
    return [
      usePersistedOperations({
        allowArbitraryOperations: false,
        extractPersistedOperationId: persistedOperationId,
        getPersistedOperation: (hash) => manifest.get(hash) ?? null,
        customErrors: { notFound, keyNotFound: required, persistedQueryOnly: required },
      }),
    ];
  }
  const stored = createInMemoryAPQStore({ max: options.apqMaxDocuments ?? 1000, ttl: 0 });
  const store: APQStore = manifest
    ? { get: (hash) => manifest.get(hash) ?? stored.get(hash), set: (h, q) => stored.set(h, q) }
    : stored;
  return [useDocumentId(), useAPQ({ store })];
}

/**
 * graphql-codegen writes keys as `sha256:<hex>`; an Apollo client sends the bare hex. Both
 * find the document.
 */
function withBareHashes(manifest: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const both = new Map(manifest);
  for (const [hash, document] of manifest) {
    if (hash.startsWith('sha256:') && !both.has(hash.slice(7))) both.set(hash.slice(7), document);
  }
  return both;
}

/** The hash of a request: `documentId` (graphql-codegen's clients) or Apollo's extension. */
function persistedOperationId(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId;
  const extension = params.extensions?.['persistedQuery'] as { sha256Hash?: unknown } | undefined;
  return typeof extension?.sha256Hash === 'string' ? extension.sha256Hash : null;
}

/** Reads `documentId` as Apollo's extension, so that APQ's store (and the manifest) answers it. */
function useDocumentId(): Plugin {
  return {
    onParams({ params, setParams }) {
      const { documentId } = params as GraphQLParams & { documentId?: unknown };
      if (typeof documentId !== 'string' || params.extensions?.['persistedQuery']) return;
      setParams({
        ...params,
        extensions: {
          ...params.extensions,
          persistedQuery: { version: 1, sha256Hash: documentId },
        },
      });
    },
  };
}
