import { describe, expect, it } from 'vitest';
import { queryString } from '../../src/sentry/http/api-path.ts';
import { SentryBadRequestError } from '../../src/sentry/http/errors.ts';
import { isTrustedRegion } from '../../src/sentry/http/regions.ts';
import { createUpstream, tokenHash } from '../../src/sentry/http/upstream.ts';

const trusted = (base: string, candidate: string) =>
  isTrustedRegion(new URL(base), new URL(candidate));

describe('isTrustedRegion', () => {
  it('trusts the configured host, its subdomains and sibling region hosts', () => {
    expect(trusted('https://sentry.io', 'https://us.sentry.io')).toBe(true);
    expect(trusted('https://sentry.io', 'https://de.sentry.io/')).toBe(true);
    expect(trusted('https://us.sentry.io', 'https://de.sentry.io')).toBe(true);
    expect(trusted('https://sentry.example.com/sentry', 'https://sentry.example.com:8443')).toBe(
      true,
    );
    expect(trusted('http://localhost:9000', 'http://us.localhost:9001')).toBe(true);
  });

  it('refuses any other host, scheme downgrades and credentials', () => {
    expect(trusted('https://sentry.io', 'https://evil.example')).toBe(false);
    expect(trusted('https://sentry.io', 'https://sentry.io.evil.example')).toBe(false);
    expect(trusted('https://sentry.io', 'https://evilsentry.io')).toBe(false);
    expect(trusted('https://sentry.io', 'http://us.sentry.io')).toBe(false);
    expect(trusted('https://sentry.io', 'https://user:pw@us.sentry.io')).toBe(false);
    expect(trusted('https://team.paas.example', 'https://other.paas.example')).toBe(false);
    expect(trusted('https://sentry.example.com', 'https://eu.example.com')).toBe(false);
    expect(trusted('http://127.0.0.1:9000', 'http://127.0.0.2:9000')).toBe(false);
  });
});

describe('queryString', () => {
  it('repeats arrays, keeps empty strings, drops undefined', () => {
    expect(queryString({ query: '', group: ['1', 2], project: -1, cursor: undefined })).toBe(
      '?query=&group=1&group=2&project=-1',
    );
    expect(queryString({ query: 'is:unresolved a+b&c' })).toBe('?query=is%3Aunresolved+a%2Bb%26c');
    expect(queryString({})).toBe('');
  });
});

describe('createUpstream', () => {
  it('keeps a base path and drops a trailing /api/0', async () => {
    await using upstream = createUpstream({ baseUrl: 'https://example.com/sentry/' });
    expect(upstream.baseUrl).toBe('https://example.com/sentry');
    await using withApi = createUpstream({ baseUrl: 'https://example.com/api/0/' });
    expect(withApi.baseUrl).toBe('https://example.com');
  });

  it('refuses bad base URLs', () => {
    expect(() => createUpstream({ baseUrl: 'ftp://example.com' })).toThrow(SentryBadRequestError);
    expect(() => createUpstream({ baseUrl: 'not a url' })).toThrow(SentryBadRequestError);
    expect(() => createUpstream({ baseUrl: 'https://u:p@example.com' })).toThrow(
      SentryBadRequestError,
    );
  });

  it('routes an organization to a trusted region only', async () => {
    await using upstream = createUpstream({ baseUrl: 'https://sentry.io' });
    expect(upstream.rememberRegion('acme', 'https://us.sentry.io')).toBe(true);
    expect(upstream.baseUrlFor('acme')).toBe('https://us.sentry.io');
    expect(upstream.rememberRegion('evil', 'https://attacker.example')).toBe(false);
    expect(upstream.baseUrlFor('evil')).toBe('https://sentry.io');
    expect(upstream.rememberRegion('odd', 'not a url')).toBe(false);
    // The configured host on another port or path: the configured URL stays in use.
    await using selfHosted = createUpstream({ baseUrl: 'https://example.com/sentry' });
    expect(selfHosted.rememberRegion('acme', 'http://example.com:9000')).toBe(true);
    expect(selfHosted.baseUrlFor('acme')).toBe('https://example.com/sentry');
    expect(upstream.stats().refusedRegions).toBe(2);
  });

  it('hashes tokens for map keys', () => {
    expect(tokenHash('secret')).toMatch(/^[0-9a-f]{32}$/);
    expect(tokenHash('secret')).not.toContain('secret');
  });
});
