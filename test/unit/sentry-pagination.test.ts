import { describe, expect, it } from 'vitest';
import {
  type Page,
  pageInfo,
  paginate,
  parseLinkHeader,
} from '../../src/sentry/http/pagination.ts';

const DOCS_EXAMPLE =
  '<https://sentry.io/api/0/issues/123456/events/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
  '<https://sentry.io/api/0/issues/123456/events/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"';

describe('parseLinkHeader', () => {
  it('reads both links of the example in Sentry docs', () => {
    expect(parseLinkHeader(DOCS_EXAMPLE)).toEqual({
      previous: {
        url: 'https://sentry.io/api/0/issues/123456/events/?&cursor=0:0:1',
        rel: 'previous',
        results: false,
        cursor: '0:0:1',
      },
      next: {
        url: 'https://sentry.io/api/0/issues/123456/events/?&cursor=0:100:0',
        rel: 'next',
        results: true,
        cursor: '0:100:0',
      },
    });
  });

  it('tolerates odd spacing, unquoted values, order and case', () => {
    const links = parseLinkHeader(
      '  <http://x/a?b=1,2&cursor=1:0:1>;rel=previous;results=false;cursor=1:0:1 ,' +
        '<http://x/a?cursor=1:7:0>  ;  CURSOR = "1:7:0" ; Results="TRUE";REL="next"  ',
    );
    expect(links['previous']).toMatchObject({
      url: 'http://x/a?b=1,2&cursor=1:0:1',
      results: false,
      cursor: '1:0:1',
    });
    expect(links['next']).toMatchObject({
      url: 'http://x/a?cursor=1:7:0',
      results: true,
      cursor: '1:7:0',
    });
  });

  it('keeps commas and semicolons inside quoted values', () => {
    const links = parseLinkHeader('<u>; rel="next"; title="a, b; c"; results="true"; cursor="c,1"');
    expect(links['next']).toMatchObject({ results: true, cursor: 'c,1' });
  });

  it('returns nothing for absent or garbage headers', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
    expect(parseLinkHeader('no links here')).toEqual({});
    expect(parseLinkHeader('<unterminated; rel="next"')).toEqual({});
  });
});

describe('pageInfo', () => {
  it('keeps a cursor only when its link has results="true"', () => {
    expect(pageInfo({ link: DOCS_EXAMPLE })).toEqual({ next: '0:100:0' });
    const last =
      '<u?cursor=0:100:1>; rel="previous"; results="true"; cursor="0:100:1", <u?cursor=0:200:0>; rel="next"; results="false"; cursor="0:200:0"';
    expect(pageInfo({ link: last })).toEqual({ previous: '0:100:1' });
  });

  it('reads X-Hits, X-Max-Hits and the direct-hit flag', () => {
    expect(
      pageInfo({ 'x-hits': '1000', 'x-max-hits': '1000', 'x-sentry-direct-hit': '1' }),
    ).toEqual({
      hits: 1000,
      maxHits: 1000,
      directHit: true,
    });
    expect(pageInfo({ 'x-hits': 'lots' })).toEqual({});
  });
});

describe('paginate', () => {
  it('walks every page in order', async () => {
    const pages: Record<string, Page<number>> = {
      start: { items: [1, 2], next: 'b' },
      b: { items: [3, 4], next: 'c' },
      c: { items: [5] },
    };
    const cursors: (string | undefined)[] = [];
    const items: number[] = [];
    for await (const item of paginate(async (cursor) => {
      cursors.push(cursor);
      return pages[cursor ?? 'start'] as Page<number>;
    })) {
      items.push(item);
    }
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(cursors).toEqual([undefined, 'b', 'c']);
  });

  it('stops at maxPages and refuses a cursor loop', async () => {
    const loop = async (): Promise<Page<number>> => ({ items: [1], next: 'same' });
    let n = 0;
    const endless = async (): Promise<Page<number>> => ({ items: [1], next: String(++n) });
    const limited: number[] = [];
    for await (const item of paginate(endless, { maxPages: 3 })) limited.push(item);
    expect(limited).toEqual([1, 1, 1]);
    const all: number[] = [];
    await expect(async () => {
      for await (const item of paginate(loop)) all.push(item);
    }).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(all.length).toBeLessThanOrEqual(2);
  });
});
