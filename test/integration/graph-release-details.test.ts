/** A release's details (last commit, parsed version, owner, start, user agent, data) from its real bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryRelease } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

describe('release details', () => {
  let gateway: TestGateway;
  let rows: SentryRelease[];

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
    const response = await fetch(
      `${gateway.sentry.url}/api/0/organizations/acme/releases/?project=-1&per_page=10`,
      { headers: { authorization: `Bearer ${gateway.sentry.token}` } },
    );
    rows = (await response.json()) as SentryRelease[];
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it('answers them from the list rows, in one call', async () => {
    expect(rows.some((row) => row.lastCommit)).toBe(true);
    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: { releases: { nodes: Record<string, unknown>[] } };
    }>(/* GraphQL */ `
      {
        organization(slug: "acme") {
          releases(first: 10) {
            nodes {
              version
              lastCommit { sha message }
              versionInfo {
                package buildHash description
                version { raw major minor patch pre buildCode components }
              }
              owner { sentryId }
              startedAt
              userAgent
              data
            }
          }
        }
      }
    `);
    expect(errors).toBeUndefined();
    expect(extensions?.['restCalls']).toBe(1);
    const semver = (info: SentryRelease['versionInfo']) => {
      const version = (info?.version ?? {}) as Record<string, unknown>;
      return {
        raw: version['raw'] ?? '',
        major: version['major'] ?? null,
        minor: version['minor'] ?? null,
        patch: version['patch'] ?? null,
        pre: version['pre'] ?? null,
        buildCode: version['buildCode'] ?? null,
        components: version['components'] ?? null,
      };
    };
    expect(data?.organization.releases.nodes).toEqual(
      rows.map((row) => ({
        version: row.version,
        lastCommit: row.lastCommit
          ? { sha: row.lastCommit.id, message: row.lastCommit.message }
          : null,
        versionInfo: row.versionInfo
          ? {
              package: row.versionInfo.package,
              buildHash: row.versionInfo.buildHash,
              description: row.versionInfo.description ?? null,
              version: semver(row.versionInfo),
            }
          : null,
        owner: row.owner ? { sentryId: row.owner['id'] } : null,
        startedAt: row.dateStarted ?? null,
        userAgent: row.userAgent ?? null,
        data: row.data,
      })),
    );
    const first = data?.organization.releases.nodes[0] as {
      versionInfo: { version: { major: number } };
    };
    expect(typeof first.versionInfo.version.major).toBe('number');
    expect(rows.every((row) => row.userAgent === 'sentry-cli/2.39.1')).toBe(true);
  });

  it('walks to the previous and next release of its project, from one detail call', async () => {
    const single = rows.filter((row) => row.projects.length === 1);
    const middle = single[1] as SentryRelease;
    const projectId = String(middle.projects[0]?.id);
    const response = await fetch(
      `${gateway.sentry.url}/api/0/organizations/acme/releases/${encodeURIComponent(middle.version)}/?project=${projectId}`,
      { headers: { authorization: `Bearer ${gateway.sentry.token}` } },
    );
    const meta = ((await response.json()) as SentryRelease).currentProjectMeta as Record<
      string,
      string | null
    >;
    expect(meta['prevReleaseVersion'] ?? meta['nextReleaseVersion']).toBeTruthy();

    await gateway.resetUpstreamStats();
    const { data, errors, extensions } = await gateway.execute<{
      organization: {
        release: {
          previousRelease: { version: string } | null;
          nextRelease: { version: string } | null;
        };
      };
    }>(
      /* GraphQL */ `
        query ($version: String!) {
          organization(slug: "acme") {
            release(version: $version) {
              previousRelease { version }
              nextRelease { version }
            }
          }
        }
      `,
      { version: middle.version },
    );
    expect(errors).toBeUndefined();
    // The release (for its one project), then its detail in that project for both edges.
    expect(extensions?.['restCalls']).toBe(2);
    expect(data?.organization.release.previousRelease).toEqual(
      meta['prevReleaseVersion'] ? { version: meta['prevReleaseVersion'] } : null,
    );
    expect(data?.organization.release.nextRelease).toEqual(
      meta['nextReleaseVersion'] ? { version: meta['nextReleaseVersion'] } : null,
    );
  });
});
