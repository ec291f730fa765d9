/** Bulk issue PUT and DELETE in the local Sentry: ids, queries, merge, project scope. */
import { describe, expect, it } from 'vitest';
import { acme, must, type Row, seed, server, take } from '../helpers/local-sentry-seed.ts';

describe('mutations persist', () => {
  it('bulk issue PUT changes only the given ids and returns the change set', async () => {
    await using sentry = await server();
    const unresolved = acme().issues.filter((i) => i.wire.status === 'unresolved');
    const [a, b, c] = take(unresolved, 3);
    const put = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${a.wire.id}&id=${b.wire.id}&project=-1`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: 'resolved', statusDetails: {} });
    expect(put.body['id']).toBeUndefined();
    const after = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${a.wire.id}&group=${b.wire.id}&group=${c.wire.id}`,
    );
    const status = Object.fromEntries(after.body.map((i) => [i['id'], i['status']]));
    expect(status).toEqual({
      [a.wire.id]: 'resolved',
      [b.wire.id]: 'resolved',
      [c.wire.id]: 'unresolved',
    });
    const unresolvedNow = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    expect(Number(unresolvedNow.headers.get('x-hits'))).toBe(unresolved.length - 2);

    const byShortId = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${c.wire.shortId}`,
      {
        method: 'PUT',
        body: { assignedTo: `user:${must(acme().members[0]).userId}` },
      },
    );
    expect(byShortId.body).toMatchObject({
      assignedTo: { type: 'user', id: must(acme().members[0]).userId },
    });
  });

  it('bulk issue PUT/DELETE with ids and a query change only the ids the query also names', async () => {
    await using sentry = await server();
    const [a, b, c] = take(
      acme().issues.filter((i) => i.wire.status === 'unresolved'),
      3,
    );
    const narrowed = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${a.wire.id}&id=${b.wire.id}&project=-1&query=${encodeURIComponent(`issue.id:[${a.wire.id},${c.wire.id}]`)}`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(narrowed.status).toBe(200);
    const after = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${a.wire.id}&group=${b.wire.id}&group=${c.wire.id}`,
    );
    expect(Object.fromEntries(after.body.map((i) => [i['id'], i['status']]))).toEqual({
      [a.wire.id]: 'resolved',
      [b.wire.id]: 'unresolved',
      [c.wire.id]: 'unresolved',
    });
    // No id the query names: nothing changes (204), never a fallback to the query alone.
    const disjoint = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=${b.wire.id}&project=-1&query=${encodeURIComponent(`issue.id:[${c.wire.id}]`)}`,
      { method: 'PUT', body: { status: 'resolved' } },
    );
    expect(disjoint.status).toBe(204);
    // Short ids narrow with `issue:`.
    const byShortId = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=${b.wire.shortId}&id=${c.wire.shortId}&project=-1&query=${encodeURIComponent(`issue:[${c.wire.shortId}]`)}`,
      { method: 'DELETE' },
    );
    expect(byShortId.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${b.wire.id}/`)).status).toBe(
      200,
    );
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${c.wire.id}/`)).status).toBe(
      404,
    );
  });

  it('bulk issue PUT/DELETE without id and query is refused and changes nothing; no match is 204', async () => {
    await using sentry = await server();
    const before = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    const refused = await sentry.fetchJson<Row>('/api/0/organizations/acme/issues/', {
      method: 'PUT',
      body: { status: 'resolved' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body['detail']).toMatch(/id=/);
    const refusedDelete = await sentry.fetchJson('/api/0/organizations/acme/issues/?project=-1', {
      method: 'DELETE',
    });
    expect(refusedDelete.status).toBe(400);
    const after = await sentry.fetchJson<Row[]>(
      '/api/0/organizations/acme/issues/?query=is:unresolved',
    );
    expect(after.headers.get('x-hits')).toBe(before.headers.get('x-hits'));
    expect(after.body).toEqual(before.body);

    const globexIssue = must(must(seed.organizations.get('globex')).issues[0]);
    const none = await sentry.fetchJson(
      `/api/0/organizations/acme/issues/?id=999999999&id=${globexIssue.wire.id}`,
      {
        method: 'PUT',
        body: { status: 'resolved' },
      },
    );
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
    const stillThere = await sentry.fetchJson<Row>(
      `/api/0/organizations/globex/issues/${globexIssue.wire.id}/`,
    );
    expect(stillThere.body['status']).toBe(globexIssue.wire.status);

    // An explicit query is Sentry's query-based bulk change.
    const backend = must(acme().projectsBySlug.get('backend'));
    const byQuery = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?query=is:unresolved&project=${backend.wire.id}`,
      { method: 'PUT', body: { status: 'ignored' } },
    );
    expect(byQuery.body).toMatchObject({ status: 'ignored' });
    const left = await sentry.fetchJson<Row[]>(
      `/api/0/projects/acme/backend/issues/?query=is:unresolved`,
    );
    expect(left.body).toEqual([]);
  });

  it('bulk issue PUT with merge: the most-seen issue stays, the others move into it and redirect', async () => {
    await using sentry = await server();
    const backend = must(acme().projectsBySlug.get('backend'));
    const bySize = [...backend.issues].sort((x, y) => y.events.length - x.events.length);
    const big = must(bySize[0]);
    const [small, mid] = take(
      backend.issues.filter((i) => i !== big && i.events.length < big.events.length),
      2,
    );
    const total = big.events.length + small.events.length + mid.events.length;
    const hitsBefore = Number(
      (await sentry.fetchJson('/api/0/organizations/acme/issues/?query=')).headers.get('x-hits'),
    );

    const merged = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${small.wire.id}&id=${big.wire.id}&id=${mid.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: 1 } },
    );
    expect(merged.status).toBe(200);
    const children = [small, mid]
      .sort((x, y) => y.events.length - x.events.length || Number(y.wire.id) - Number(x.wire.id))
      .map((i) => i.wire.id);
    expect(merged.body).toEqual({ merge: { parent: big.wire.id, children } });

    // The children leave the lists; the parent carries every event.
    const rows = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/?group=${big.wire.id}&group=${small.wire.id}&group=${mid.wire.id}`,
    );
    expect(rows.body.map((i) => i['id'])).toEqual([big.wire.id]);
    expect(rows.body[0]).toMatchObject({ count: String(total) });
    const stream = await sentry.fetchJson('/api/0/organizations/acme/issues/?query=');
    expect(Number(stream.headers.get('x-hits'))).toBe(hitsBefore - 2);
    const events = await sentry.fetchJson<Row[]>(
      `/api/0/organizations/acme/issues/${big.wire.id}/events/?per_page=100`,
    );
    expect(Number(events.headers.get('x-hits') ?? events.body.length)).toBe(total);
    expect(new Set(events.body.map((e) => e['groupID']))).toEqual(new Set([big.wire.id]));

    // A child's id answers with the parent (Sentry's GroupRedirect), on both detail paths.
    for (const path of [
      `/api/0/organizations/acme/issues/${small.wire.id}/`,
      `/api/0/issues/${mid.wire.id}/`,
    ]) {
      const detail = await sentry.fetchJson<Row>(path);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ id: big.wire.id, count: String(total) });
    }
    // Merging the parent away later redirects its children's ids onward.
    const other = must(backend.issues.find((i) => ![big, small, mid].includes(i)));
    const again = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${big.wire.id}&id=${other.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    const parent = String((again.body['merge'] as Row)['parent']);
    expect(
      (await sentry.fetchJson<Row>(`/api/0/organizations/acme/issues/${small.wire.id}/`)).body,
    ).toMatchObject({ id: parent });

    // One issue: nothing to merge, the flag is echoed. Several projects: refused.
    const single = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    expect(single.body).toEqual({ merge: true });
    const frontend = must(must(acme().projectsBySlug.get('frontend')).issues[0]);
    const across = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&id=${frontend.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: true } },
    );
    expect(across.status).toBe(400);
    expect(across.body).toEqual({ detail: 'Merging across multiple projects is not supported' });
    const invalid = await sentry.fetchJson<Row>(
      `/api/0/organizations/acme/issues/?id=${parent}&id=${frontend.wire.id}&project=-1`,
      { method: 'PUT', body: { merge: 'perhaps' } },
    );
    expect(invalid.status).toBe(400);
  });

  it('bulk issue DELETE by id, project-scoped bulk PUT and DELETE', async () => {
    await using sentry = await server();
    const [a, b] = take(acme().issues, 2);
    const deleted = await sentry.fetchJson(`/api/0/organizations/acme/issues/?id=${a.wire.id}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${a.wire.id}/`)).status).toBe(
      404,
    );
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${b.wire.id}/`)).status).toBe(
      200,
    );

    const backend = must(acme().projectsBySlug.get('backend'));
    const [p1, p2] = take(backend.issues, 2);
    const put = await sentry.fetchJson<Row>(
      `/api/0/projects/acme/backend/issues/?id=${p1.wire.id}`,
      {
        method: 'PUT',
        body: { isBookmarked: true },
      },
    );
    expect(put.body).toEqual({ isBookmarked: true });
    const other = must(must(acme().projectsBySlug.get('frontend')).issues[0]);
    const outside = await sentry.fetchJson(
      `/api/0/projects/acme/backend/issues/?id=${other.wire.id}`,
      {
        method: 'PUT',
        body: { isBookmarked: true },
      },
    );
    expect(outside.status).toBe(204);
    const del = await sentry.fetchJson(`/api/0/projects/acme/backend/issues/?id=${p2.wire.id}`, {
      method: 'DELETE',
    });
    expect(del.status).toBe(204);
    expect((await sentry.fetchJson(`/api/0/organizations/acme/issues/${p2.wire.id}/`)).status).toBe(
      404,
    );
  });
});
