import { describe, expect, it } from 'vitest';
import { namedRoute } from '../../src/observability/route.ts';

describe('namedRoute', () => {
  it("names every placeholder of the client's templates as Sentry's reference does", () => {
    expect(namedRoute('/api/0/organizations/{}/issues/{}/')).toBe(
      '/api/0/organizations/{org}/issues/{issue_id}/',
    );
    expect(namedRoute('/api/0/projects/{}/{}/keys/')).toBe('/api/0/projects/{org}/{project}/keys/');
    expect(namedRoute('/api/0/organizations/{}/monitors/{}/')).toBe(
      '/api/0/organizations/{org}/monitors/{monitor_slug}/',
    );
    expect(namedRoute('/api/0/organization/{}/monitors/{}/checkins/{}/')).toBe(
      '/api/0/organization/{org}/monitors/{monitor_slug}/checkins/{checkin_id}/',
    );
  });

  it('never keeps a slug or id of a concrete path whose template was forgotten', () => {
    expect(namedRoute('/api/0/organizations/acme/monitors/nightly-backup/')).toBe(
      '/api/0/organizations/{org}/monitors/{monitor_slug}/',
    );
    const unknown = namedRoute('/api/0/organizations/acme/secret-thing/42/');
    for (const value of ['acme', 'secret-thing', '42']) expect(unknown).not.toContain(value);
  });
});

describe('namedRoute (alert rules and usage stats)', () => {
  it('keeps the literal segments of the alert-rule and stats routes', () => {
    expect(namedRoute('/api/0/organizations/{}/alert-rules/')).toBe(
      '/api/0/organizations/{org}/alert-rules/',
    );
    expect(namedRoute('/api/0/organizations/{}/stats_v2/')).toBe(
      '/api/0/organizations/{org}/stats_v2/',
    );
    expect(namedRoute('/api/0/projects/{}/{}/stats/')).toBe(
      '/api/0/projects/{org}/{project}/stats/',
    );
    expect(namedRoute('/api/0/teams/{}/{}/stats/')).toBe('/api/0/teams/{org}/{team}/stats/');
  });
});
