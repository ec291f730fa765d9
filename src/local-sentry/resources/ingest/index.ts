/**
 * Ingestion: the routes Sentry's SDKs and `sentry-cli send-event` post to with a project's DSN,
 * `POST /api/{project_id}/envelope/` and the legacy `POST /api/{project_id}/store/`, as Relay
 * answers them (DSN auth, compressed bodies, CORS for browser SDKs, `{"id": …}`). Events are
 * normalised (`normalize.ts`), grouped (`grouping.ts`) and saved into issues (`save.ts`);
 * attachments go on their event, sessions to release health, check-ins to monitors,
 * transactions to the transaction store (`transaction.ts`, no issue); browser security reports
 * (`POST /api/{project_id}/security/`, or a `security` item) become issues (`security.ts`).
 * Item types Sentry has no store for here (client reports, replays, profiles, spans, …) are
 * accepted and dropped, as Relay's rate limiter would drop them (a profile still marks the
 * project `hasProfiles`). This folder owns it.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { LocalData } from '../../data/model.ts';
import { nextId, nowIso, orgOfRecord, writeTime } from '../../data/store.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { HttpError, ok, type Reply } from '../../http/reply.ts';
import type { StoredAttachment } from '../events/stored.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { addUserFeedback } from '../user-feedback/store.ts';
import { authorize, parseDsn, relayError, requestPublicKey } from './auth.ts';
import { applyCheckIn } from './checkins.ts';
import { decodeBody, type EnvelopeItem, jsonPayload, parseEnvelope } from './envelope.ts';
import { type NormalizedEvent, normalizeEvent } from './normalize.ts';
import { saveEvent } from './save.ts';
import { normalizeSecurityReport, securityReportsOf } from './security.ts';
import { applyAggregates, applySession } from './sessions.ts';
import {
  type NormalizedTransaction,
  normalizeTransaction,
  saveTransaction,
} from './transaction.ts';

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
  | { kind: 'transaction'; transaction: NormalizedTransaction }
  | { kind: 'profile' }
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
      case 'transaction': {
        const transaction = normalizeTransaction(jsonPayload(item.payload, 'transaction'), {
          received,
          ...(fallbackId ? { fallbackId } : {}),
          clientIp: clientIp(context),
          size: item.payload.length,
        });
        if (transaction) work.push({ kind: 'transaction', transaction });
        break;
      }
      case 'security':
        work.push(...securityWork(context, item.payload, item.header));
        break;
      case 'profile':
      case 'profile_chunk':
        work.push({ kind: 'profile' });
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
        // client_report, span, replay_event, replay_recording, statsd, …
        break;
    }
  }
  return work;
}

/**
 * The events of a raw security report body (a report, or the Reporting API's list), with the
 * release and environment the report URI carried (`sentry_release`, `sentry_environment`).
 * Reports Relay cannot read are dropped, as Relay drops them after answering.
 */
function securityWork(
  context: RequestContext,
  payload: Buffer,
  header: Record<string, unknown> = {},
): Work[] {
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return [];
  }
  const param = (name: string) =>
    typeof header[name] === 'string' ? (header[name] as string) : context.query.get(name);
  const agent = context.headers?.['user-agent'];
  return securityReportsOf(body).map((report) => ({
    kind: 'event',
    event: normalizeSecurityReport(report, {
      received: writeTime(context.data),
      clientIp: clientIp(context),
      size: payload.length,
      release: param('sentry_release'),
      environment: param('sentry_environment'),
      userAgent: typeof agent === 'string' ? agent : null,
    }),
  }));
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
    if (w.kind === 'transaction') saveTransaction(data, project, w.transaction);
    else if (w.kind === 'profile') project.wire.hasProfiles = true;
    else if (w.kind === 'session') applySession(data, project, w.payload);
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
  const options = {
    received: writeTime(context.data),
    clientIp: clientIp(context),
    size: body.length,
  };
  if ((raw as Record<string, unknown>)['type'] === 'transaction') {
    const transaction = normalizeTransaction(raw as Record<string, unknown>, options);
    if (!transaction) throw relayError(400, 'invalid transaction', ['missing start or end']);
    applyWork(context.data, project, [{ kind: 'transaction', transaction }], undefined);
    return ok({ id: transaction.event.id });
  }
  const event = normalizeEvent(raw as Record<string, unknown>, options);
  const id = applyWork(context.data, project, [{ kind: 'event', event }], undefined);
  return ok({ id });
}

/** Content types Relay's security endpoint takes; others are 415. */
const SECURITY_TYPES = new Set([
  'application/json',
  'application/csp-report',
  'application/expect-ct-report',
  'application/expect-ct-report+json',
  'application/expect-staple-report',
  'application/reports+json',
]);

/**
 * `POST /api/{project_id}/security/?sentry_key=…` (and its older name `csp-report/`): what
 * browsers post to a `report-uri`/`report-to` endpoint. Relay answers 200 with no body before it
 * parses the report; reports it cannot read are dropped then.
 */
function security(context: RequestContext): Reply {
  const key = requestPublicKey(context.headers ?? {}, context.query);
  const { project } = authorize(context.data, context.params['project_id'] ?? '', key);
  const type = String(context.headers?.['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (!SECURITY_TYPES.has(type ?? '')) throw relayError(415, 'unsupported media type');
  const body = decodeBody(context.rawBody ?? Buffer.alloc(0), ENCODING(context));
  if (body.length === 0) throw relayError(400, 'empty request body');
  applyWork(context.data, project, securityWork(context, body), undefined);
  return { status: 200, headers: {} };
}

/** The CORS preflight of browser SDKs. */
const preflight = (context: RequestContext): Reply => ({
  status: 200,
  headers: context.headers?.origin === undefined ? {} : CORS_HEADERS,
});

export const ingestRoutes = (): RouteDef[] => [
  route('POST /api/{project_id}/envelope/', [], withCors(envelope), { ingest: true }),
  route('POST /api/{project_id}/store/', [], withCors(store), { ingest: true }),
  route('POST /api/{project_id}/security/', [], withCors(security), { ingest: true }),
  route('POST /api/{project_id}/csp-report/', [], withCors(security), { ingest: true }),
  route('OPTIONS /api/{project_id}/envelope/', [], preflight, { ingest: true }),
  route('OPTIONS /api/{project_id}/store/', [], preflight, { ingest: true }),
];
