import { describe, expect, it } from 'vitest';
import {
  normaliseError,
  retryAfter,
  SentryApiError,
  SentryBadRequestError,
  SentryForbiddenError,
  SentryNotFoundError,
  SentryRateLimitedError,
  SentryUnauthenticatedError,
  SentryUpstreamError,
  sanitise,
} from '../../src/sentry/http/errors.ts';
import { parseRateLimit } from '../../src/sentry/http/rate-limit.ts';

const request = 'GET /api/0/organizations/acme/issues/';
const NOW = Date.UTC(2026, 0, 1);

describe('normaliseError', () => {
  it('maps a string detail per status', () => {
    const cases: [number, new (...args: never[]) => SentryApiError, string][] = [
      [401, SentryUnauthenticatedError, 'UNAUTHENTICATED'],
      [403, SentryForbiddenError, 'FORBIDDEN'],
      [404, SentryNotFoundError, 'NOT_FOUND'],
      [400, SentryBadRequestError, 'BAD_USER_INPUT'],
      [409, SentryBadRequestError, 'BAD_USER_INPUT'],
      [429, SentryRateLimitedError, 'RATE_LIMITED'],
      [500, SentryUpstreamError, 'UPSTREAM_ERROR'],
      [503, SentryUpstreamError, 'UPSTREAM_ERROR'],
    ];
    for (const [status, type, code] of cases) {
      const error = normaliseError(status, '{"detail":"Something"}', {}, { request });
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(SentryApiError);
      expect(error).toMatchObject({ status, code, detail: 'Something', request });
      expect(error.message).toBe(`Sentry ${request} failed (${status}): Something`);
    }
  });

  it('reads the {code,message,extra} detail of sso/2fa/sudo', () => {
    const body = JSON.stringify({
      detail: {
        code: 'sso-required',
        message: 'Must login via SSO',
        extra: { loginUrl: 'https://sentry.io/auth/login/acme/' },
      },
    });
    const error = normaliseError(401, body, {});
    expect(error).toBeInstanceOf(SentryUnauthenticatedError);
    expect(error.detailCode).toBe('sso-required');
    expect(error.detail).toEqual({
      code: 'sso-required',
      message: 'Must login via SSO',
      extra: { loginUrl: 'https://sentry.io/auth/login/acme/' },
    });
    expect(error.message).toContain('Must login via SSO');
  });

  it('turns a 400 field-error map into fieldErrors', () => {
    const error = normaliseError(400, '{"status":["Invalid status"],"name":"Too long"}', {});
    expect(error).toBeInstanceOf(SentryBadRequestError);
    expect((error as SentryBadRequestError).fieldErrors).toEqual({
      status: ['Invalid status'],
      name: ['Too long'],
    });
    expect(error.message).toContain('status: Invalid status; name: Too long');
    expect((error as SentryBadRequestError).queryTimeout).toBe(false);
  });

  it('flags Sentry query timeouts on a 400 as retryable', () => {
    const error = normaliseError(
      400,
      '{"detail":"Query timeout. Please try with a smaller date range or fewer conditions."}',
      {},
    );
    expect((error as SentryBadRequestError).queryTimeout).toBe(true);
  });

  it('reads a bare JSON string 429 body and the reset header', () => {
    const body = JSON.stringify(
      'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds',
    );
    const error = normaliseError(
      429,
      body,
      { 'x-sentry-rate-limit-reset': String(NOW / 1000 + 7) },
      { now: NOW },
    );
    expect(error).toBeInstanceOf(SentryRateLimitedError);
    expect(error.retryAfterSeconds).toBe(7);
    expect((error as SentryRateLimitedError).resetAt).toBe(NOW / 1000 + 7);
    expect(error.detail).toContain('too frequently');
  });

  it('accepts an object-detail 429 and falls back to Retry-After', () => {
    const error = normaliseError(
      429,
      '{"detail":"slow down"}',
      { 'retry-after': '3' },
      { now: NOW },
    );
    expect(error.retryAfterSeconds).toBe(3);
    expect(normaliseError(429, '', {}, { now: NOW }).retryAfterSeconds).toBeUndefined();
  });

  it('still errors on an empty 401 or 500 body', () => {
    const unauthenticated = normaliseError(401, '', {});
    expect(unauthenticated).toBeInstanceOf(SentryUnauthenticatedError);
    expect(unauthenticated.detail).toBeUndefined();
    const server = normaliseError(500, '   ', {});
    expect(server).toBeInstanceOf(SentryUpstreamError);
    expect((server as SentryUpstreamError).failure).toBe('status');
  });

  it('keeps only a short sanitised excerpt of a non-JSON body', () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(5000)}</body></html>`;
    const error = normaliseError(502, html, {});
    expect(error).toBeInstanceOf(SentryUpstreamError);
    expect(error.message).toContain('502 Bad Gateway');
    expect(error.message).not.toContain('<');
    expect(error.message.length).toBeLessThan(300);
  });

  it('never echoes the token', () => {
    const token = 'sntryu_0123456789abcdef0123456789abcdef';
    const error = normaliseError(
      401,
      JSON.stringify({ detail: `Invalid token ${token}` }),
      {},
      { secrets: [token] },
    );
    expect(error.message).not.toContain(token);
    expect(JSON.stringify(error.detail)).not.toContain(token);
    expect(sanitise('Authorization: Bearer abc.def-123 rejected')).toBe(
      'Authorization: Bearer [redacted] rejected',
    );
    expect(sanitise('token sntrys_eyJpYXQiOjE2OTQ= leaked')).toBe('token [redacted] leaked');
  });

  it('marks a missing scope on a 403', () => {
    const error = normaliseError(
      403,
      '{"detail":"You do not have permission to perform this action."}',
      {
        'www-authenticate': 'Bearer error="insufficient_scope", scope="event:read"',
      },
    );
    expect((error as SentryForbiddenError).insufficientScope).toBe(true);
  });

  it('condenses other JSON shapes', () => {
    const error = normaliseError(400, '{"error":{"params":{"query":"bad"}}}', {});
    expect(error.message).toContain('{"error":{"params":{"query":"bad"}}}');
  });
});

describe('retryAfter', () => {
  it('never goes negative and rounds up', () => {
    expect(retryAfter({ 'x-sentry-rate-limit-reset': String(NOW / 1000 - 5) }, NOW)).toBe(0);
    expect(retryAfter({ 'x-sentry-rate-limit-reset': String(NOW / 1000 + 0.2) }, NOW)).toBe(1);
    expect(retryAfter({ 'retry-after': new Date(NOW + 4000).toUTCString() }, NOW)).toBe(4);
  });
});

describe('parseRateLimit', () => {
  it('reads all five headers or none', () => {
    expect(
      parseRateLimit({
        'x-sentry-rate-limit-limit': '40',
        'x-sentry-rate-limit-remaining': '39',
        'x-sentry-rate-limit-reset': '1767225600',
        'x-sentry-rate-limit-concurrentlimit': '25',
        'x-sentry-rate-limit-concurrentremaining': '24',
      }),
    ).toEqual({
      limit: 40,
      remaining: 39,
      reset: 1767225600,
      concurrentLimit: 25,
      concurrentRemaining: 24,
    });
    expect(parseRateLimit({ 'x-sentry-rate-limit-limit': '40' })).toBeUndefined();
    expect(parseRateLimit({})).toBeUndefined();
  });
});
