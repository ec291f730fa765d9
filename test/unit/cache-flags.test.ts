/** `serve --cache-ttl` / `CACHE_TTL` and `--redis` / `REDIS_URL`: parsed, checked, flags win. */
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli.ts';

describe('cache flags', () => {
  it('reads --cache-ttl and --redis, over the environment', () => {
    expect(
      parseServeArgs(['--cache-ttl', '30', '--redis', 'redis://127.0.0.1:6379'], {}),
    ).toMatchObject({
      cacheTtlSeconds: 30,
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(
      parseServeArgs([], { CACHE_TTL: '5', REDIS_URL: 'rediss://cache:6380/1' }),
    ).toMatchObject({
      cacheTtlSeconds: 5,
      redisUrl: 'rediss://cache:6380/1',
    });
    expect(parseServeArgs(['--cache-ttl', '7'], { CACHE_TTL: '5' })).toMatchObject({
      cacheTtlSeconds: 7,
    });
    const off = parseServeArgs([], {});
    expect(off).not.toHaveProperty('cacheTtlSeconds');
    expect(off).not.toHaveProperty('redisUrl');
  });

  it('refuses a bad TTL or URL without echoing a password', () => {
    expect(() => parseServeArgs(['--cache-ttl', '0'], {})).toThrow(
      /--cache-ttl must be a number of seconds/,
    );
    expect(() => parseServeArgs(['--cache-ttl', '1.5'], {})).toThrow(/--cache-ttl/);
    expect(() => parseServeArgs([], { CACHE_TTL: '999999' })).toThrow(/CACHE_TTL/);
    let message = '';
    try {
      parseServeArgs(['--redis', 'http://user:secret@host'], {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('--redis must be a redis:// or rediss:// URL');
    expect(message).not.toContain('secret');
  });
});
