/** Cron monitors in the graph: lists, one monitor, check-ins, batching and the mutations. */
import { describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/graph/schema-kit/global-id.ts';
import { graphql } from '../__generated__/gql.ts';
import { startTestGateway } from '../helpers/gateway.ts';

const MonitorList = graphql(`
  query MonitorList($org: String!) {
    organization(slug: $org) {
      monitors(first: 10) {
        nodes {
          id
          slug
          status
          schedule {
            __typename
            ... on CrontabSchedule { crontab timezone }
            ... on IntervalSchedule { every unit }
          }
          environments { name status lastCheckInAt nextCheckInAt }
          project { slug features }
        }
      }
      backup: monitor(slug: "nightly-backup") { name checkInMargin maxRuntime }
    }
  }
`);

const MonitorCheckIns = graphql(`
  query MonitorCheckIns($org: String!, $slug: String!, $after: String) {
    organization(slug: $org) {
      monitor(slug: $slug) {
        id
        lastCheckIn { status duration environment }
        checkIns(first: 3, after: $after, environment: ["production"]) {
          pageInfo { hasNextPage endCursor }
          nodes { id status duration environment createdAt monitor { slug } }
        }
      }
    }
  }
`);

const ProjectMonitors = graphql(`
  query ProjectMonitors($org: String!, $project: String!) {
    organization(slug: $org) {
      project(slug: $project) { monitors(first: 10) { nodes { slug project { slug } } } }
    }
  }
`);

const MonitorById = graphql(`
  query MonitorById($id: ID!) {
    node(id: $id) { ... on Monitor { slug name } }
  }
`);

const CreateMonitor = graphql(`
  mutation CreateMonitor($input: CreateMonitorInput!) {
    createMonitor(input: $input) {
      monitor { id slug name schedule { __typename ... on IntervalSchedule { every unit } } environments { name } }
      userErrors { field code message }
    }
  }
`);

const UpdateMonitor = graphql(`
  mutation UpdateMonitor($input: UpdateMonitorInput!) {
    updateMonitor(input: $input) {
      monitor { slug name status schedule { ... on CrontabSchedule { crontab timezone } } }
      userErrors { field code message }
    }
  }
`);

const DeleteMonitor = graphql(`
  mutation DeleteMonitor($input: DeleteMonitorInput!) {
    deleteMonitor(input: $input) { deletedMonitorId userErrors { field code } }
  }
`);

const CreateCheckIn = graphql(`
  mutation CreateCheckIn($input: CreateCheckInInput!) {
    createCheckIn(input: $input) {
      checkIn { id status duration environment monitor { environments { name status } } }
      userErrors { field code message }
    }
  }
`);

const UpdateCheckIn = graphql(`
  mutation UpdateCheckIn($input: UpdateCheckInInput!) {
    updateCheckIn(input: $input) {
      checkIn { status duration }
      userErrors { field code message }
    }
  }
`);

const monitorId = (slug: string) => encodeGlobalId('Monitor', `acme/${slug}`);

describe('Monitor', () => {
  it('lists monitors with typed schedules and health, priming lookups and batching projects', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute(MonitorList, { org: 'acme' });
    expect(errors).toBeUndefined();
    const nodes = data?.organization?.monitors?.nodes ?? [];
    expect(nodes.map((m) => m.slug)).toEqual([
      'cleanup-sessions',
      'nightly-backup',
      'refresh-search-index',
      'rotate-logs',
      'sync-invoices',
      'weekly-digest',
    ]);
    const bySlug = new Map(nodes.map((m) => [m.slug, m]));
    expect(bySlug.get('sync-invoices')).toMatchObject({
      status: 'ACTIVE',
      schedule: { __typename: 'IntervalSchedule', every: 15, unit: 'MINUTE' },
      environments: [
        { name: 'production', status: 'ERROR' },
        { name: 'staging', status: 'OK' },
      ],
    });
    expect(bySlug.get('weekly-digest')).toMatchObject({
      schedule: { __typename: 'CrontabSchedule', crontab: '0 9 * * 1', timezone: 'Europe/London' },
      environments: [{ status: 'MISSED_CHECKIN', lastCheckInAt: expect.any(String) }],
    });
    expect(bySlug.get('refresh-search-index')?.environments[0]?.status).toBe('TIMEOUT');
    expect(data?.organization?.backup).toEqual({
      name: 'Nightly Backup',
      checkInMargin: 10,
      maxRuntime: 60,
    });
    // One list; the project features come from one batched project read; the lookup by
    // slug runs beside the list (it cannot wait for it), so it is one detail call.
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/monitors/',
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/',
      'GET /api/0/organizations/{org}/projects/',
    ]);
  });

  it("pages a monitor's check-ins newest first and reads its last one", async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const first = await gateway.execute(MonitorCheckIns, { org: 'acme', slug: 'cleanup-sessions' });
    expect(first.errors).toBeUndefined();
    // The check-ins' `monitor` edge is the monitor already loaded: no second detail call.
    expect(await gateway.upstreamRequests()).toEqual([
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/',
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/checkins/',
      'GET /api/0/organizations/{org}/monitors/{monitor_slug}/checkins/',
    ]);
    const monitor = first.data?.organization?.monitor;
    expect(monitor?.lastCheckIn).toMatchObject({ status: 'IN_PROGRESS', duration: null });
    const page = monitor?.checkIns;
    expect(page?.nodes).toHaveLength(3);
    expect(page?.nodes[0]).toMatchObject({
      status: 'IN_PROGRESS',
      monitor: { slug: 'cleanup-sessions' },
    });
    expect(page?.pageInfo.hasNextPage).toBe(true);
    const second = await gateway.execute(MonitorCheckIns, {
      org: 'acme',
      slug: 'cleanup-sessions',
      after: page?.pageInfo.endCursor ?? null,
    });
    const next = second.data?.organization?.monitor?.checkIns?.nodes ?? [];
    expect(next).toHaveLength(3);
    expect(next.every((c) => c.environment === 'production' && c.duration !== null)).toBe(true);
    expect(String(next[0]?.createdAt) < String(page?.nodes[2]?.createdAt)).toBe(true);
  });

  it('answers an unknown monitor with null and NOT_FOUND, and a malformed slug with no call', async () => {
    await using gateway = await startTestGateway();
    const missing = await gateway.execute(MonitorCheckIns, { org: 'acme', slug: 'no-such-job' });
    expect(missing.data?.organization?.monitor).toBeNull();
    expect(missing.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    await gateway.resetUpstreamStats();
    const malformed = await gateway.execute(MonitorCheckIns, { org: 'acme', slug: 'bad/slug' });
    expect(malformed.data?.organization?.monitor).toBeNull();
    expect(malformed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await gateway.upstreamRequests()).toEqual([]);
  });

  it("lists a project's monitors through the project filter and loads a monitor by node id", async () => {
    await using gateway = await startTestGateway();
    const { data, errors } = await gateway.execute(ProjectMonitors, {
      org: 'acme',
      project: 'backend',
    });
    expect(errors).toBeUndefined();
    const nodes = data?.organization?.project?.monitors?.nodes ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((m) => m.project?.slug === 'backend')).toBe(true);
    const byNode = await gateway.execute(MonitorById, { id: monitorId('rotate-logs') });
    expect(byNode.data?.node).toEqual({ slug: 'rotate-logs', name: 'Rotate Logs' });
  });
});

describe('monitor mutations', () => {
  it('creates, updates and deletes a monitor', async () => {
    await using gateway = await startTestGateway();
    const created = await gateway.execute(CreateMonitor, {
      input: {
        organizationSlug: 'acme',
        projectSlug: 'frontend',
        name: 'Build Sitemap',
        schedule: { every: 6, unit: 'HOUR' },
        checkInMargin: 5,
      },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createMonitor).toMatchObject({
      monitor: {
        slug: 'build-sitemap',
        schedule: { __typename: 'IntervalSchedule', every: 6, unit: 'HOUR' },
        environments: [],
      },
      userErrors: [],
    });
    const id = created.data?.createMonitor?.monitor?.id ?? '';
    const updated = await gateway.execute(UpdateMonitor, {
      input: {
        id,
        schedule: { crontab: '30 2 * * *' },
        timezone: 'Asia/Tokyo',
        status: 'DISABLED',
      },
    });
    expect(updated.data?.updateMonitor).toEqual({
      monitor: {
        slug: 'build-sitemap',
        name: 'Build Sitemap',
        status: 'DISABLED',
        schedule: { crontab: '30 2 * * *', timezone: 'Asia/Tokyo' },
      },
      userErrors: [],
    });
    const removed = await gateway.execute(DeleteMonitor, { input: { id } });
    expect(removed.data?.deleteMonitor).toEqual({ deletedMonitorId: id, userErrors: [] });
    const again = await gateway.execute(DeleteMonitor, { input: { id } });
    expect(again.data?.deleteMonitor).toEqual({
      deletedMonitorId: null,
      userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }],
    });
  });

  it('refuses bad input with user errors and writes nothing', async () => {
    await using gateway = await startTestGateway();
    await gateway.resetUpstreamStats();
    const input = { organizationSlug: 'acme', projectSlug: 'backend', name: 'Broken' };
    const badCron = await gateway.execute(CreateMonitor, {
      input: { ...input, schedule: { crontab: '99 * * * *' } },
    });
    expect(badCron.data?.createMonitor?.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'schedule', 'crontab'], code: 'INVALID_VALUE' }),
    ]);
    const both = await gateway.execute(CreateMonitor, {
      input: { ...input, schedule: { crontab: '@daily', every: 1, unit: 'DAY' } },
    });
    expect(both.data?.createMonitor?.userErrors[0]?.code).toBe('CONFLICTING_FIELDS');
    const none = await gateway.execute(CreateMonitor, { input });
    expect(none.data?.createMonitor?.userErrors[0]).toMatchObject({
      code: 'MISSING_FIELD',
      field: ['input', 'schedule'],
    });
    const zone = await gateway.execute(CreateMonitor, {
      input: { ...input, schedule: { crontab: '@daily' }, timezone: 'Mars/Olympus', maxRuntime: 0 },
    });
    expect(zone.data?.createMonitor?.userErrors.map((e) => e.field)).toEqual([
      ['input', 'timezone'],
      ['input', 'maxRuntime'],
    ]);
    const forged = await gateway.execute(UpdateMonitor, { input: { id: 'nope', name: 'x' } });
    expect(forged.data?.updateMonitor?.userErrors[0]?.code).toBe('INVALID_ID');
    const wrongType = await gateway.execute(UpdateMonitor, {
      input: { id: encodeGlobalId('Project', 'acme/1'), name: 'x' },
    });
    expect(wrongType.data?.updateMonitor?.userErrors[0]?.code).toBe('WRONG_TYPE');
    const nothing = await gateway.execute(UpdateMonitor, {
      input: { id: monitorId('rotate-logs') },
    });
    expect(nothing.data?.updateMonitor?.userErrors[0]?.code).toBe('NOTHING_TO_CHANGE');
    expect(await gateway.upstreamRequests()).toEqual([]);

    const unknown = await gateway.execute(UpdateMonitor, {
      input: { id: monitorId('no-such-job'), name: 'x' },
    });
    expect(unknown.data?.updateMonitor).toEqual({
      monitor: null,
      userErrors: [expect.objectContaining({ field: ['input', 'id'], code: 'NOT_FOUND' })],
    });
    const taken = await gateway.execute(UpdateMonitor, {
      input: { id: monitorId('rotate-logs'), slug: 'nightly-backup' },
    });
    expect(taken.data?.updateMonitor?.userErrors[0]).toMatchObject({
      field: ['input', 'slug'],
      code: 'ALREADY_EXISTS',
    });
  });

  it('moves a check-in from in progress to ok, and refuses to change it again', async () => {
    await using gateway = await startTestGateway();
    const started = await gateway.execute(CreateCheckIn, {
      input: { monitorId: monitorId('rotate-logs'), environment: 'canary' },
    });
    expect(started.errors).toBeUndefined();
    expect(started.data?.createCheckIn).toMatchObject({
      checkIn: {
        status: 'IN_PROGRESS',
        duration: null,
        environment: 'canary',
        monitor: { environments: [{ name: 'production' }, { name: 'canary', status: 'ACTIVE' }] },
      },
      userErrors: [],
    });
    const id = started.data?.createCheckIn?.checkIn?.id ?? '';
    const done = await gateway.execute(UpdateCheckIn, {
      input: { id, status: 'OK', duration: 900 },
    });
    expect(done.data?.updateCheckIn).toEqual({
      checkIn: { status: 'OK', duration: 900 },
      userErrors: [],
    });
    const again = await gateway.execute(UpdateCheckIn, { input: { id, status: 'ERROR' } });
    expect(again.data?.updateCheckIn).toEqual({
      checkIn: null,
      userErrors: [
        { field: null, code: 'REJECTED', message: 'Check-in has already been completed.' },
      ],
    });
  });

  it('reports a check-in for a missing monitor as NOT_FOUND and a malformed id with no call', async () => {
    await using gateway = await startTestGateway();
    const missing = await gateway.execute(CreateCheckIn, {
      input: { monitorId: monitorId('no-such-job'), status: 'OK' },
    });
    expect(missing.data?.createCheckIn).toEqual({
      checkIn: null,
      userErrors: [expect.objectContaining({ field: ['input', 'monitorId'], code: 'NOT_FOUND' })],
    });
    await gateway.resetUpstreamStats();
    const malformed = await gateway.execute(UpdateCheckIn, {
      input: { id: encodeGlobalId('CheckIn', 'acme/only-two'), status: 'OK' },
    });
    expect(malformed.data?.updateCheckIn?.userErrors[0]?.code).toBe('INVALID_ID');
    const negative = await gateway.execute(CreateCheckIn, {
      input: { monitorId: monitorId('rotate-logs'), duration: -1 },
    });
    expect(negative.data?.createCheckIn?.userErrors[0]?.code).toBe('INVALID_VALUE');
    expect(await gateway.upstreamRequests()).toEqual([]);
  });
});
