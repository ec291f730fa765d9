/** `Release.adoptionStages` against the embedded Sentry's release detail with `adoptionStages=1`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryRelease } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

interface Adoption {
  project: { sentryId: string; slug: string };
  stage: string;
  adoptedAt: string | null;
  unadoptedAt: string | null;
}

describe('Release.adoptionStages', () => {
  let gateway: TestGateway;
  const rest = <T>(path: string) => gateway.rest<T>(path);

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('reads each project stage from the detail asked with adoptionStages=1, one call per release', async () => {
    const rows = await rest<SentryRelease[]>(
      '/api/0/organizations/acme/releases/?project=-1&per_page=10&adoptionStages=1',
    );
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { releases: { nodes: { version: string; adoptionStages: Adoption[] }[] } };
    }>(`{ organization(slug: "acme") { releases(first: 10) { nodes {
      version adoptionStages { project { sentryId slug } stage adoptedAt unadoptedAt }
    } } } }`);
    expect(errors).toBeUndefined();
    const nodes = data?.organization.releases.nodes ?? [];
    expect(nodes.map((node) => node.version)).toEqual(rows.map((row) => row.version));
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/releases/': 1,
      'GET /api/0/organizations/{org}/releases/{version}/': nodes.length,
    });
    const stages = new Set<string>();
    for (const [index, node] of nodes.entries()) {
      const row = rows[index] as SentryRelease;
      const expected = Object.entries(row.adoptionStages ?? {}).map(([slug, stage]) => ({
        project: {
          sentryId: String(row.projects.find((project) => project.slug === slug)?.id),
          slug,
        },
        stage: stage.stage.toUpperCase(),
        adoptedAt: stage.adopted,
        unadoptedAt: stage.unadopted,
      }));
      expect(node.adoptionStages).toEqual(expected);
      expect(node.adoptionStages.length).toBe(row.projects.length);
      for (const adoption of node.adoptionStages) stages.add(adoption.stage);
    }
    expect(stages.has('ADOPTED') || stages.has('REPLACED')).toBe(true);
  });

  it('leaves adoptionStages out of the release bodies unless asked', async () => {
    const rows = await rest<SentryRelease[]>('/api/0/organizations/acme/releases/?project=-1');
    expect(rows.every((row) => row.adoptionStages == null)).toBe(true);
    const version = encodeURIComponent(rows[0]?.version ?? '');
    const detail = await rest<SentryRelease>(
      `/api/0/organizations/acme/releases/${version}/?adoptionStages=1`,
    );
    expect(Object.keys(detail.adoptionStages ?? {}).sort()).toEqual(
      detail.projects.map((project) => project.slug).sort(),
    );
  });
});
