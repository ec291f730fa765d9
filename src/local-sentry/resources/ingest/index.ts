/**
 * Ingestion: the routes Sentry's SDKs and `sentry-cli send-event` post to with a project's DSN,
 * `POST /api/{project_id}/envelope/` and the legacy `POST /api/{project_id}/store/`, as Relay
 * answers them (DSN auth, compressed bodies, CORS for browser SDKs, `{"id": …}`). Events are
 * normalised (`normalize.ts`), grouped (`grouping.ts`) and saved into issues (`save.ts`);
 * attachments go on their event, sessions to release health, check-ins to monitors. Item types
 * Sentry has no store for here (transactions, client reports, replays, profiles, …) are accepted
 * and dropped, as Relay's rate limiter would drop them. This folder owns it.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { LocalData } from '../../data/model.ts';
import { nextId, nowIso, orgOfRecord, writeTime } from '../../data/store.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { HttpError, ok, type Reply } from '../../http/reply.ts';
import type { StoredAttachment } from '../events/stored.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { finalStatus, recordAggregate, recordSession } from '../sessions/ingested.ts';
import { addUserFeedback } from '../user-feedback/store.ts';
import { authorize, parseDsn, relayError, requestPublicKey } from './auth.ts';
import { applyCheckIn } from './checkins.ts';
import { decodeBody, type EnvelopeItem, jsonPayload, parseEnvelope } from './envelope.ts';
import { parseTimestamp } from './interfaces.ts';
import { type NormalizedEvent, normalizeEvent } from './normalize.ts';
import { saveEvent } from './save.ts';

/** Relay's CORS answer: any origin, the headers SDKs send, the ones they read. */
const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST',
  'Access-Control-Allow-Headers':
    'x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, content-type, authentication, authorization, content-encoding, transfer-encoding, baggage, sentry-trace',
  'Access-Control-Expose-Headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
  'Access-Control-Max-Age': '3600',
};

const corsOf = (context: RequestContext): Record<string, string> =>
  context.headers?.origin === undefined ? {} : CORS_HEADERS;

/** Runs an ingest handler, giving its replies and errors the CORS headers. */
const withCors =
  (handle: (context: RequestContext) => Reply) =>
  (context: RequestContext): Reply => {
    try {
      const reply = handle(context);
      return { ...reply, headers: { ...reply.headers, ...corsOf(context) } };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new HttpError(error.status, error.body, { ...error.headers, ...corsOf(context) });
    }
  };

const clientIp = (context: RequestContext): string => {
  const forwarded = context.headers?.['x-forwarded-for'];
  return (
    (typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined) || '127.0.0.1'
  );
};

const ENCODING = (context: RequestContext) => {
  const value = context.headers?.['content-encoding'];
  return typeof value === 'string' ? value : undefined;
};

/** A check-in, session or event payload, parsed before anything is stored. */
type Work =
  | { kind: 'event'; event: NormalizedEvent }
  | { kind: 'attachment'; item: EnvelopeItem }
  | { kind: 'session'; payload: Record<string, unknown> }
  | { kind: 'sessions'; payload: Record<string, unknown> }
  | { kind: 'check_in'; payload: Record<string, unknown> }
  | { kind: 'feedback'; eventId: string; name: string; email: string; comments: string };

function planItems(
  context: RequestContext,
  header: Record<string, unknown>,
  items: EnvelopeItem[],
): Work[] {
  const received = writeTime(context.data);
  const fallbackId = typeof header['event_id'] === 'string' ? header['event_id'] : undefined;
  const work: Work[] = [];
  for (const item of items) {
    switch (item.type) {
      case 'event':
        work.push({
          kind: 'event',
          event: normalizeEvent(jsonPayload(item.payload, 'event'), {
            received,
            ...(fallbackId ? { fallbackId } : {}),
            clientIp: clientIp(context),
            size: item.payload.length,
          }),
        });
        break;
      case 'attachment':
        work.push({ kind: 'attachment', item });
        break;
      case 'user_report':
      case 'feedback':
        work.push(feedbackOf(item.type, jsonPayload(item.payload, item.type)));
        break;
      case 'session':
      case 'sessions':
      case 'check_in':
        work.push({ kind: item.type, payload: jsonPayload(item.payload, item.type) });
        break;
      default:
        // transaction, client_report, span, replay_event, profile, security, user_report, …
        break;
    }
  }
  return work;
}

/**
 * A `user_report` (the legacy form: `event_id`, `name`, `email`, `comments`) or a `feedback`
 * event (`contexts.feedback`: `message`, `contact_email`, `name`, `associated_event_id`), as
 * the project's user feedback on the event it names.
 */
function feedbackOf(type: string, payload: Record<string, unknown>): Work {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  if (type === 'user_report') {
    return {
      kind: 'feedback',
      eventId: text(payload['event_id']),
      name: text(payload['name']),
      email: text(payload['email']),
      comments: text(payload['comments']),
    };
  }
  const contexts = (payload['contexts'] ?? {}) as Record<string, unknown>;
  const feedback = (contexts['feedback'] ?? {}) as Record<string, unknown>;
  return {
    kind: 'feedback',
    eventId: text(feedback['associated_event_id']) || text(payload['event_id']),
    name: text(feedback['name']),
    email: text(feedback['contact_email']),
    comments: text(feedback['message']),
  };
}

function attachmentOf(data: LocalData, item: EnvelopeItem, eventId: string): StoredAttachment {
  const header = item.header;
  const type = typeof header['content_type'] === 'string' ? header['content_type'] : null;
  return {
    id: nextId(data, 'file'),
    event_id: eventId,
    type:
      typeof header['attachment_type'] === 'string'
        ? header['attachment_type']
        : 'event.attachment',
    name: typeof header['filename'] === 'string' ? header['filename'] : 'attachment',
    mimetype: type,
    dateCreated: nowIso(data),
    size: item.payload.length,
    headers: { 'Content-Type': type ?? 'application/octet-stream' },
    sha1: createHash('sha1').update(item.payload).digest('hex'),
  };
}

function applySession(data: LocalData, project: ProjectRecord, payload: Record<string, unknown>) {
  const attrs = (payload['attrs'] ?? {}) as Record<string, unknown>;
  const release = typeof attrs['release'] === 'string' ? attrs['release'] : '';
  // Relay drops sessions without a release: release health is per release.
  if (release === '') return;
  const environment =
    typeof attrs['environment'] === 'string' ? attrs['environment'] : 'production';
  const org = orgOfRecord(data, project);
  const sid = typeof payload['sid'] === 'string' ? payload['sid'] : '';
  if (sid === '') return;
  const started = parseTimestamp(payload['started']) ?? writeTime(data);
  const errors = typeof payload['errors'] === 'number' ? payload['errors'] : 0;
  recordSession(org, {
    sid,
    projectId: project.wire.id,
    release,
    environment,
    started,
    status: finalStatus(String(payload['status'] ?? 'ok'), errors),
    did: typeof payload['did'] === 'string' ? payload['did'] : null,
    duration: typeof payload['duration'] === 'number' ? payload['duration'] : null,
  });
}

function applyAggregates(
  data: LocalData,
  project: ProjectRecord,
  payload: Record<string, unknown>,
) {
  const attrs = (payload['attrs'] ?? {}) as Record<string, unknown>;
  const release = typeof attrs['release'] === 'string' ? attrs['release'] : '';
  if (release === '' || !Array.isArray(payload['aggregates'])) return;
  const environment =
    typeof attrs['environment'] === 'string' ? attrs['environment'] : 'production';
  const org = orgOfRecord(data, project);
  const n = (bucket: Record<string, unknown>, key: string) =>
    typeof bucket[key] === 'number' ? (bucket[key] as number) : 0;
  for (const bucket of payload['aggregates'] as Record<string, unknown>[]) {
    const started = parseTimestamp(bucket['started']);
    if (started === undefined) continue;
    recordAggregate(org, {
      projectId: project.wire.id,
      release,
      environment,
      started,
      did: typeof bucket['did'] === 'string' ? bucket['did'] : null,
      counts: {
        healthy: n(bucket, 'exited'),
        errored: n(bucket, 'errored'),
        abnormal: n(bucket, 'abnormal'),
        crashed: n(bucket, 'crashed'),
      },
    });
  }
}

/** Stores what the envelope's items planned; returns the id of the event it carried. */
function applyWork(
  data: LocalData,
  project: ProjectRecord,
  work: Work[],
  headerId: string | undefined,
) {
  const events = work.flatMap((w) => (w.kind === 'event' ? [w.event] : []));
  const eventId = events[0]?.id ?? headerId?.replaceAll('-', '').toLowerCase();
  const attachments = work.flatMap((w) =>
    w.kind === 'attachment' && eventId ? [attachmentOf(data, w.item, eventId)] : [],
  );
  for (const event of events) {
    // Sentry keeps the first event of an id and drops duplicates.
    if (data.eventsById.has(event.id)) continue;
    saveEvent(data, project, event, event.id === eventId ? attachments : []);
  }
  if (events.length === 0 && eventId && attachments.length > 0) {
    // Attachments sent after their event join it.
    const existing = data.eventsById.get(eventId);
    if (existing?.stored && existing.projectId === project.wire.id) {
      existing.stored.attachments.push(...attachments);
    }
  }
  for (const w of work) {
    if (w.kind === 'session') applySession(data, project, w.payload);
    else if (w.kind === 'sessions') applyAggregates(data, project, w.payload);
    else if (w.kind === 'check_in') applyCheckIn(data, project, w.payload);
    else if (w.kind === 'feedback' && w.comments !== '' && /^[0-9a-f-]{32,36}$/i.test(w.eventId)) {
      addUserFeedback(data, orgOfRecord(data, project), project, {
        event_id: w.eventId,
        name: w.name,
        email: w.email,
        comments: w.comments,
      });
    }
  }
  return eventId;
}

function envelope(context: RequestContext): Reply {
  const requestKey = requestPublicKey(context.headers ?? {}, context.query);
  const body = decodeBody(context.rawBody ?? Buffer.alloc(0), ENCODING(context));
  const parsed = parseEnvelope(body);
  const dsn = typeof parsed.header['dsn'] === 'string' ? parseDsn(parsed.header['dsn']) : undefined;
  if (typeof parsed.header['dsn'] === 'string' && !dsn && requestKey === undefined) {
    throw relayError(401, 'bad envelope authentication header');
  }
  const { project } = authorize(
    context.data,
    context.params['project_id'] ?? '',
    requestKey ?? dsn?.key,
  );
  if (parsed.items.length === 0) throw relayError(400, 'empty envelope');
  const headerId =
    typeof parsed.header['event_id'] === 'string' ? parsed.header['event_id'] : undefined;
  const work = planItems(context, parsed.header, parsed.items);
  const id = applyWork(context.data, project, work, headerId);
  return ok(id ? { id } : {});
}

/** The legacy store body: JSON, or (very old SDKs) base64 of zlib-deflated JSON. */
function storeBody(body: Buffer): Buffer {
  const text = body.toString('utf8').trimStart();
  if (text.startsWith('{')) return body;
  try {
    return inflateSync(Buffer.from(text, 'base64'), { maxOutputLength: 50 * 1024 * 1024 });
  } catch {
    return body;
  }
}

function store(context: RequestContext): Reply {
  const key = requestPublicKey(context.headers ?? {}, context.query);
  const { project } = authorize(context.data, context.params['project_id'] ?? '', key);
  const body = storeBody(decodeBody(context.rawBody ?? Buffer.alloc(0), ENCODING(context)));
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw relayError(400, 'invalid JSON data', [(error as Error).message]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw relayError(400, 'invalid JSON data', ['expected an event object']);
  }
  const event = normalizeEvent(raw as Record<string, unknown>, {
    received: writeTime(context.data),
    clientIp: clientIp(context),
    size: body.length,
  });
  const id = applyWork(context.data, project, [{ kind: 'event', event }], undefined);
  return ok({ id });
}

/** The CORS preflight of browser SDKs. */
const preflight = (context: RequestContext): Reply => ({
  status: 200,
  headers: context.headers?.origin === undefined ? {} : CORS_HEADERS,
});

export const ingestRoutes = (): RouteDef[] => [
  route('POST /api/{project_id}/envelope/', [], withCors(envelope), { ingest: true }),
  route('POST /api/{project_id}/store/', [], withCors(store), { ingest: true }),
  route('OPTIONS /api/{project_id}/envelope/', [], preflight, { ingest: true }),
  route('OPTIONS /api/{project_id}/store/', [], preflight, { ingest: true }),
];
