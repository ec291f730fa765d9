/** Full events in the graph: threads, debug images and the rest of the body, against real bodies. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentryEvent, SentryThread } from '../../src/sentry/types.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const FULL = /* GraphQL */ `
  query Full($shortId: String!) {
    organization(slug: "acme") {
      issue(shortId: $shortId) {
        sentryId
        latestEvent {
          eventId eventType platform size
          metadata { type value }
          threads {
            threadId name crashed current main state
            heldLocks { type address className packageName threadId }
            stacktrace { frames { function module filename lineNo inApp } }
          }
          debugImages {
            type uuid debugId debugFile codeId codeFile imageAddr imageVmAddr imageSize arch
            debugStatus unwindStatus hasDebugInfo hasUnwindInfo hasSymbols hasSources
          }
          processingErrors { type message data }
          groupingConfig { id enhancements }
          packages { name version }
          sdkUpdates { type }
          occurrence { sentryId }
          csp { documentUri } hpkp { hostname } expectCt { hostname } expectStaple { hostname }
          template { filename }
          startTimestamp endTimestamp measurements { name } breakdowns { name }
          userReport { sentryId comments }
        }
      }
    }
  }
`;

interface FullEvent {
  eventId: string;
  eventType: string;
  platform: string;
  size: number | null;
  metadata: { type: string | null; value: string | null };
  threads: {
    threadId: string;
    name: string;
    crashed: boolean;
    current: boolean;
    main: boolean | null;
    state: string | null;
    heldLocks: {
      type: string;
      address: string;
      className: string;
      packageName: string;
      threadId: string;
    }[];
    stacktrace: {
      frames: {
        function: string;
        module: string;
        filename: string;
        lineNo: number | null;
        inApp: boolean;
      }[];
    } | null;
  }[];
  debugImages: Record<string, unknown>[];
  processingErrors: { type: string; message: string; data: Record<string, unknown> }[];
  groupingConfig: { id: string; enhancements: string } | null;
  packages: unknown[];
  sdkUpdates: unknown[];
  occurrence: unknown;
  csp: unknown;
  hpkp: unknown;
  expectCt: unknown;
  expectStaple: unknown;
  template: unknown;
  startTimestamp: string | null;
  endTimestamp: string | null;
  measurements: unknown[];
  breakdowns: unknown[];
  userReport: unknown;
}

type FullResult = { organization: { issue: { sentryId: string; latestEvent: FullEvent } } };

function expectedThread(thread: SentryThread) {
  return {
    threadId: String(thread.id),
    name: thread.name,
    crashed: thread.crashed === true,
    current: thread.current === true,
    main: thread.main ?? null,
    state: thread.state ?? null,
    heldLocks: Object.values(thread.heldLocks ?? {}).map((lock) => ({
      type: { 1: 'LOCKED', 2: 'WAITING', 4: 'SLEEPING', 8: 'BLOCKED' }[lock.type],
      address: lock.address,
      className: lock.class_name,
      packageName: lock.package_name,
      threadId: String(lock.thread_id),
    })),
    stacktrace: thread.stacktrace
      ? {
          frames: thread.stacktrace.frames.map((frame) => ({
            function: frame.function,
            module: frame.module,
            filename: frame.filename,
            lineNo: frame.lineNo,
            inApp: frame.inApp,
          })),
        }
      : null,
  };
}

describe('Event in full', () => {
  let gateway: TestGateway;
  const rest = <T>(path: string) => gateway.rest<T>(path);
  const load = async (shortId: string) => {
    const { data, errors } = await gateway.execute<FullResult>(FULL, { shortId });
    expect(errors).toBeUndefined();
    const issue = data?.organization.issue;
    if (!issue) throw new Error(`no ${shortId}`);
    const body = await rest<SentryEvent>(
      `/api/0/organizations/acme/issues/${issue.sentryId}/events/latest/`,
    );
    return { event: issue.latestEvent, body };
  };

  beforeAll(async () => {
    gateway = await startTestGateway({ localSentry: { scale: 'small' } });
  });
  afterAll(async () => {
    await gateway?.[Symbol.asyncDispose]();
  });

  it("reads an Android event's threads and debug images from its body", async () => {
    const { event, body } = await load('ANDROID-1');
    expect(event.platform).toBe('java');
    expect(event.eventType).toBe(body.type.toUpperCase());
    const threads = body.entries.find((entry) => entry.type === 'threads');
    const debugMeta = body.entries.find((entry) => entry.type === 'debugmeta');
    if (threads?.type !== 'threads' || debugMeta?.type !== 'debugmeta') {
      throw new Error('the Android event lacks threads or debug images');
    }
    expect(event.threads).toEqual(threads.data.values.map(expectedThread));
    expect(event.threads.filter((thread) => thread.crashed)).toHaveLength(1);
    expect(event.threads.find((thread) => thread.crashed)).toMatchObject({
      name: 'main',
      main: true,
      state: 'RUNNABLE',
      stacktrace: null,
    });
    expect(event.threads.some((thread) => (thread.stacktrace?.frames.length ?? 0) > 0)).toBe(true);
    expect(event.debugImages).toEqual(
      debugMeta.data.images.map((image) => ({
        type: image.type.toUpperCase(),
        uuid: image.uuid ?? null,
        debugId: image.debug_id ?? null,
        debugFile: image.debug_file ?? null,
        codeId: image.code_id ?? null,
        codeFile: image.code_file ?? null,
        imageAddr: image.image_addr ?? null,
        imageVmAddr: image.image_vmaddr ?? null,
        imageSize: image.image_size ?? null,
        arch: image.arch ?? null,
        debugStatus: image.debug_status ?? null,
        unwindStatus: image.unwind_status ?? null,
        hasDebugInfo: image.features?.['has_debug_info'] ?? null,
        hasUnwindInfo: image.features?.['has_unwind_info'] ?? null,
        hasSymbols: image.features?.['has_symbols'] ?? null,
        hasSources: image.features?.['has_sources'] ?? null,
      })),
    );
    expect(event.debugImages[0]).toMatchObject({ type: 'PROGUARD' });
    expect(event.processingErrors).toEqual(body.errors);
    expect(event.groupingConfig).toEqual(body.groupingConfig);
    expect(event.size).toBe(body.size);
    expect(event.metadata).toEqual({ type: body.metadata['type'], value: body.metadata['value'] });
  });

  it('reports the missing ProGuard mappings of Android events as processing errors', async () => {
    const bodies = await rest<SentryEvent[]>(
      '/api/0/projects/acme/android/events/?full=true&per_page=100',
    );
    let errors = 0;
    for (const body of bodies) {
      const debugMeta = body.entries.find((entry) => entry.type === 'debugmeta');
      const mapping = debugMeta?.type === 'debugmeta' ? debugMeta.data.images[0]?.uuid : undefined;
      for (const error of body.errors) {
        expect(error).toEqual({
          type: 'proguard_missing_mapping',
          message: 'A proguard mapping file was missing.',
          data: { mapping_uuid: mapping },
        });
        errors += 1;
      }
    }
    expect(errors).toBeGreaterThan(0);
  });

  it('gives Python events threads and no debug images, and JavaScript events neither', async () => {
    const issues = await rest<{ shortId: string; platform: string }[]>(
      '/api/0/organizations/acme/issues/?project=-1&query=&limit=100',
    );
    const python = issues.find((issue) => issue.platform === 'python');
    const javascript = issues.find((issue) => issue.platform === 'javascript');
    if (!python || !javascript) throw new Error('the demo data lacks Python or JavaScript issues');
    const py = await load(python.shortId);
    expect(py.event.threads.length).toBeGreaterThan(1);
    expect(py.event.threads[0]).toMatchObject({ name: 'MainThread', crashed: true });
    expect(py.event.debugImages).toEqual([]);
    const js = await load(javascript.shortId);
    expect(js.event.threads).toEqual([]);
    expect(js.event.debugImages).toEqual([]);
    expect(js.body.entries.map((entry) => entry.type)).not.toContain('threads');
  });

  it('answers the parts error events lack as empty or null, as their bodies do', async () => {
    const { event, body } = await load('ANDROID-1');
    expect(body.occurrence).toBeNull();
    expect(body.startTimestamp).toBeUndefined();
    expect(event).toMatchObject({
      occurrence: null,
      csp: null,
      hpkp: null,
      expectCt: null,
      expectStaple: null,
      template: null,
      startTimestamp: null,
      endTimestamp: null,
      measurements: [],
      breakdowns: [],
      packages: [],
      sdkUpdates: [],
    });
  });

  it('runs full-event-page.graphql at its minimum: the short id and the latest event', async () => {
    const text = readFileSync(
      new URL('../../schema/operations/full-event-page.graphql', import.meta.url),
      'utf8',
    );
    await gateway.resetUpstreamStats();
    const { data, errors } = await gateway.execute<{
      organization: { issue: { latestEvent: { threads: unknown[]; debugImages: unknown[] } } };
    }>(text, { org: 'acme', shortId: 'ANDROID-1' });
    expect(errors).toBeUndefined();
    expect(data?.organization.issue.latestEvent.threads.length).toBeGreaterThan(1);
    expect(data?.organization.issue.latestEvent.debugImages.length).toBeGreaterThan(1);
    expect((await gateway.upstreamStats()).byRoute).toEqual({
      'GET /api/0/organizations/{org}/issues/{issue_id}/': 1,
      'GET /api/0/organizations/{org}/issues/{issue_id}/events/latest/': 1,
    });
  });
});
