import { describe, expect, it } from 'vitest';
import { apiPath, encodeSegment } from '../../src/sentry/http/api-path.ts';
import { SentryBadRequestError } from '../../src/sentry/http/errors.ts';

describe('apiPath', () => {
  it('leaves literal parts alone and encodes plain values unchanged', () => {
    expect(apiPath`/api/0/projects/${'acme'}/${'backend'}/`).toBe('/api/0/projects/acme/backend/');
    expect(apiPath`/api/0/organizations/${'acme'}/issues/${42}/`).toBe(
      '/api/0/organizations/acme/issues/42/',
    );
  });

  it.each([
    ['../organizations', '..%2Forganizations'],
    ['a/b', 'a%2Fb'],
    ['a%2Fb', 'a%252Fb'],
    ['%2e%2e', '%252e%252e'],
    ['q?x=1', 'q%3Fx%3D1'],
    ['frag#ment', 'frag%23ment'],
    ['with space', 'with%20space'],
    ['backend@1.4.0+build/7', 'backend%401.4.0%2Bbuild%2F7'],
    ['ünï©ødé', '%C3%BCn%C3%AF%C2%A9%C3%B8d%C3%A9'],
    ['😀', '%F0%9F%98%80'],
    ["it's (a) *test*!", 'it%27s%20%28a%29%20%2Atest%2A%21'],
    ['back\\slash', 'back%5Cslash'],
    ['...', '...'],
    ['.hidden', '.hidden'],
    ['new\nline', 'new%0Aline'],
  ])('keeps %j inside one segment', (value, encoded) => {
    const path = apiPath`/api/0/projects/acme/${value}/`;
    expect(path).toBe(`/api/0/projects/acme/${encoded}/`);
    // Whatever a URL parser does with it, the value stays one segment under /projects/acme/.
    const url = new URL(path, 'http://sentry.test');
    expect(url.pathname.split('/')).toHaveLength(7);
    expect(url.pathname.startsWith('/api/0/projects/acme/')).toBe(true);
    expect(url.search).toBe('');
    expect(url.hash).toBe('');
    expect(decodeURIComponent(url.pathname.split('/')[5] ?? '')).toBe(value);
  });

  it.each([[''], ['.'], ['..']])('refuses %j before any request', (value) => {
    expect(() => apiPath`/api/0/projects/acme/${value}/`).toThrow(SentryBadRequestError);
    try {
      encodeSegment(value);
    } catch (error) {
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', status: 400, local: true });
    }
  });

  it('refuses lone surrogates and odd numbers', () => {
    expect(() => encodeSegment('\ud800')).toThrow(SentryBadRequestError);
    expect(() => encodeSegment(-1)).toThrow(SentryBadRequestError);
    expect(() => encodeSegment(1.5)).toThrow(SentryBadRequestError);
    expect(() => encodeSegment(Number.NaN)).toThrow(SentryBadRequestError);
  });
});
