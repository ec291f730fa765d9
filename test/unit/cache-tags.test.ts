/** Cache keys and tags: what an entry is about, and what a write drops. */
import { describe, expect, it } from 'vitest';
import { cacheKey, keyTokenHash, sha256 } from '../../src/sentry/cache/keys.ts';
import { ALL, entryTags, writeTags } from '../../src/sentry/cache/tags.ts';
import { apiPath } from '../../src/sentry/http/api-path.ts';

describe('cache keys', () => {
  it('hash the token and the full URL; the token itself is nowhere in the key', () => {
    const url = 'https://sentry.io/api/0/organizations/acme/issues/?query=is%3Aunresolved';
    const a = cacheKey('token-a', url);
    expect(a).toBe(`${sha256('token-a')}:${sha256(url)}`);
    expect(a).not.toContain('token-a');
    expect(keyTokenHash(a)).toBe(sha256('token-a'));
    expect(cacheKey('token-b', url)).not.toBe(a);
    expect(cacheKey('token-a', `${url}&cursor=1`)).not.toBe(a);
  });
});

describe('entry tags', () => {
  it('name the organization, the resource family and the project', () => {
    expect(entryTags('/api/0/organizations/')).toEqual(['orgs']);
    expect(entryTags('/api/0/organizations/acme/issues/42/events/latest/')).toEqual([
      'o:acme',
      'o:acme:issues',
      'o:acme:events',
    ]);
    expect(entryTags('/api/0/projects/acme/backend/issues/')).toEqual([
      'o:acme',
      'o:acme:project:backend',
      'o:acme:issues',
    ]);
    expect(entryTags('/api/0/projects/acme/backend/')).toEqual([
      'o:acme',
      'o:acme:project:backend',
      'o:acme:projects',
    ]);
    expect(entryTags('/api/0/organizations/acme/releases/1.0/deploys/')).toEqual([
      'o:acme',
      'o:acme:releases',
    ]);
    expect(entryTags('/api/0/organization/acme/monitors/m/checkins/')).toEqual([
      'o:acme',
      'o:acme:monitors',
    ]);
  });
});

describe('write tags', () => {
  it('come from the table by method and route template', () => {
    const issue = apiPath`/api/0/organizations/${'acme'}/issues/${'42'}/`;
    expect(writeTags('PUT', issue)).toEqual(['o:acme:issues', 'o:acme:events']);
    const deploy = apiPath`/api/0/organizations/${'acme'}/releases/${'1.0'}/deploys/`;
    expect(writeTags('POST', deploy)).toEqual(['o:acme:releases', 'o:acme:projects']);
    const key = apiPath`/api/0/projects/${'acme'}/${'backend'}/keys/${'k'}/`;
    expect(writeTags('DELETE', key)).toEqual(['o:acme:project:backend']);
  });

  it('drop the whole organization for a write route the table does not know', () => {
    const path = apiPath`/api/0/organizations/${'acme'}/replays/${'r'}/`;
    expect(writeTags('DELETE', path)).toEqual(['o:acme']);
    expect(writeTags('POST', apiPath`/api/0/`)).toEqual([ALL]);
  });
});
