/**
 * An SDK's event payload normalised as Relay and Sentry's `EventManager` do it, simplified: ids,
 * timestamps (float seconds or ISO), platform, level, logentry, exceptions with their frames,
 * tags as pairs (with the ones Sentry derives), user, contexts, request, breadcrumbs, sdk; and
 * the title, culprit and metadata Sentry computes from them.
 */
import { randomUUID } from 'node:crypto';
import type {
  SentryBreadcrumb,
  SentryEventEntry,
  SentryEventUser,
  SentryExceptionValue,
  SentryIssueLevel,
  SentryIssueType,
  SentryJson,
  SentryJsonObject,
  SentryRequestEntry,
  SentryStackFrame,
} from '../../../sentry/types.ts';
import {
  breadcrumbOf,
  exceptionOf,
  isObj,
  LEVELS,
  type Obj,
  pairs,
  parseTimestamp,
  requestOf,
  str,
  templateOf,
  userOf,
  userTag,
  valuesOf,
} from './interfaces.ts';

/** Relay's `VALID_PLATFORMS`; anything else becomes `other`. */
const PLATFORMS = new Set(
  'as3 c cfml cocoa csharp elixir haskell go groovy java javascript native node objc other perl php python ruby'.split(
    ' ',
  ),
);

/** Relay moves timestamps more than this far in the future to the receive time. */
const MAX_FUTURE_MS = 60_000;
/** …and older than this (Sentry's retention of new events) too. */
const MAX_PAST_MS = 30 * 24 * 3_600_000;

export interface NormalizedEvent {
  id: string;
  timestamp: number;
  received: number;
  /** `error`/`default` from the payload; security reports set theirs (`csp`, `hpkp`, …). */
  type: SentryIssueType;
  platform: string;
  level: SentryIssueLevel;
  environment: string | null;
  release: string | null;
  dist: string | null;
  transaction: string | null;
  logger: string | null;
  serverName: string | null;
  /** The formatted message (`logentry.formatted`), and its template (`logentry.message`). */
  message: string | null;
  messageTemplate: string | null;
  messageParams: SentryJson[] | null;
  exceptions: SentryExceptionValue[];
  user: SentryEventUser | null;
  /** Sorted by key, the SDK's and the derived ones. */
  tags: [string, string][];
  contexts: SentryJsonObject;
  extra: SentryJsonObject;
  sdk: { name: string | null; version: string | null } | null;
  request: SentryRequestEntry['data'] | null;
  breadcrumbs: SentryBreadcrumb[];
  fingerprint: string[] | null;
  title: string;
  culprit: string | null;
  location: string | null;
  metadata: SentryJsonObject;
  errors: { type: string; message: string; data: SentryJsonObject }[];
  size: number;
  /** Entries beyond exception, message, breadcrumbs and request: `template`, a security report. */
  extraEntries: SentryEventEntry[];
  /** Grouping components that replace the default ones (templates, security reports). */
  grouping: string[] | null;
}

/** The frame Sentry names an error by: the last in-app frame, else the last one. */
export function crashFrameOf(exception: SentryExceptionValue | undefined) {
  const frames = exception?.stacktrace?.frames ?? [];
  return [...frames].reverse().find((frame) => frame.inApp) ?? frames[frames.length - 1];
}

/** Sentry's `get_culprit` for a frame. */
function frameCulprit(frame: SentryStackFrame | undefined, platform: string): string | null {
  if (!frame) return null;
  const where = frame.module ?? frame.filename;
  if (!where) return null;
  return platform === 'javascript' || platform === 'node'
    ? `${frame.function ?? '?'}(${where})`
    : `${where} in ${frame.function ?? '?'}`;
}

const firstLine = (text: string, max = 100): string => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/**
 * Normalises one event payload. `fallbackId` is the envelope's `event_id`, `clientIp` fills
 * `{{auto}}`, `size` is the payload's byte length.
 */
export function normalizeEvent(
  raw: Obj,
  options: { received: number; fallbackId?: string; clientIp?: string; size: number },
): NormalizedEvent {
  const { received } = options;
  const errors: NormalizedEvent['errors'] = [];
  const idText = str(raw['event_id']) ?? options.fallbackId ?? '';
  const id = /^[0-9a-f]{32}$/i.test(idText.replaceAll('-', ''))
    ? idText.replaceAll('-', '').toLowerCase()
    : randomUUID().replaceAll('-', '');
  let timestamp = parseTimestamp(raw['timestamp']) ?? received;
  if (timestamp > received + MAX_FUTURE_MS) {
    errors.push({
      type: 'future_timestamp',
      message: 'Invalid timestamp',
      data: { name: 'timestamp' },
    });
    timestamp = received;
  } else if (timestamp < received - MAX_PAST_MS) {
    errors.push({
      type: 'past_timestamp',
      message: 'Invalid timestamp',
      data: { name: 'timestamp' },
    });
    timestamp = received;
  }
  const platformText = str(raw['platform']) ?? 'other';
  const platform = PLATFORMS.has(platformText) ? platformText : 'other';

  const exceptions = valuesOf(raw['exception']).filter(isObj).map(exceptionOf);
  const logentry = isObj(raw['logentry'])
    ? raw['logentry']
    : isObj(raw['sentry.interfaces.Message'])
      ? raw['sentry.interfaces.Message']
      : null;
  const messageTemplate =
    str(logentry?.['message']) ?? (typeof raw['message'] === 'string' ? raw['message'] : null);
  const messageParams = Array.isArray(logentry?.['params'])
    ? (logentry['params'] as SentryJson[])
    : null;
  const message = str(logentry?.['formatted']) ?? messageTemplate;

  const type = exceptions.length > 0 ? 'error' : 'default';
  const levelText = str(raw['level']);
  const level = (levelText && LEVELS[levelText.toLowerCase()]) || 'error';
  const environment = str(raw['environment']);
  const release = str(raw['release']);
  const dist = str(raw['dist']);
  const transaction = str(raw['transaction']);
  const serverName = str(raw['server_name']);
  const user = userOf(raw['user'], options.clientIp);
  const request = requestOf(raw['request']);
  const contexts: SentryJsonObject = {};
  if (isObj(raw['contexts'])) {
    for (const [key, value] of Object.entries(raw['contexts'])) {
      if (isObj(value))
        contexts[key] = { ...(value as SentryJsonObject), type: str(value['type']) ?? key };
    }
  }
  const sdkRaw = isObj(raw['sdk']) ? raw['sdk'] : null;
  const template = templateOf(raw['template'] ?? raw['sentry.interfaces.Template']);

  // The main exception is the last one (the chain's outermost), as Sentry shows it.
  const main = exceptions[exceptions.length - 1];
  const frame = crashFrameOf(main);
  let title: string;
  let metadata: SentryJsonObject;
  if (main) {
    const excType = main.type ?? 'Error';
    title = main.value ? `${excType}: ${firstLine(main.value, 200)}` : excType;
    metadata = {
      type: excType,
      value: main.value ?? '',
      filename: frame?.filename ?? null,
      function: frame?.function ?? null,
      in_app_frame_mix: inAppMix(main),
      display_title_with_tree_label: false,
    };
  } else {
    title = message ? firstLine(message) : '<unlabeled event>';
    metadata = { title };
  }

  const tags = new Map<string, string>();
  for (const [key, value] of pairs(raw['tags'])) {
    if (key.length <= 200 && value.length <= 200 && value !== '') tags.set(key, value);
  }
  const derived: [string, string | null | undefined][] = [
    ['level', level],
    ['environment', environment],
    ['release', release],
    ['dist', dist],
    ['transaction', transaction],
    ['server_name', serverName],
    ['logger', str(raw['logger'])],
    ['user', userTag(user)],
    ['url', request?.url],
  ];
  if (main?.mechanism) {
    derived.push(
      ['handled', main.mechanism.handled ? 'yes' : 'no'],
      ['mechanism', main.mechanism.type],
    );
  }
  const context = (name: string) => (isObj(contexts[name]) ? (contexts[name] as Obj) : undefined);
  for (const [name, tag] of [
    ['os', 'os'],
    ['browser', 'browser'],
    ['runtime', 'runtime'],
  ] as const) {
    const ctx = context(name);
    const ctxName = str(ctx?.['name']);
    if (!ctxName) continue;
    const version = str(ctx?.['version']);
    derived.push([tag, version ? `${ctxName} ${version}` : ctxName], [`${tag}.name`, ctxName]);
  }
  const device = context('device');
  if (device)
    derived.push(['device', str(device['model'])], ['device.family', str(device['family'])]);
  for (const [key, raw] of derived) {
    // Sentry refuses tag values with line breaks; SDKs send some (an OS version read from a file).
    const value = raw?.trim();
    if (value && !/[\n\r]/.test(value)) tags.set(key, value);
  }

  return {
    id,
    timestamp,
    received,
    type,
    platform,
    level,
    environment,
    release,
    dist,
    transaction,
    logger: str(raw['logger']),
    serverName,
    message,
    messageTemplate,
    messageParams,
    exceptions,
    user,
    tags: [...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    contexts,
    extra: isObj(raw['extra']) ? (raw['extra'] as SentryJsonObject) : {},
    sdk: sdkRaw ? { name: str(sdkRaw['name']), version: str(sdkRaw['version']) } : null,
    request,
    breadcrumbs: valuesOf(raw['breadcrumbs'])
      .filter(isObj)
      .map((crumb) => breadcrumbOf(crumb, timestamp)),
    fingerprint: Array.isArray(raw['fingerprint'])
      ? raw['fingerprint'].map((part) => String(part))
      : null,
    title,
    culprit: transaction ?? frameCulprit(frame, platform),
    location: main ? (frame?.filename ?? null) : null,
    metadata,
    errors,
    size: options.size,
    extraEntries: template ? [template.entry] : [],
    // Sentry's `template` grouping strategy: the file and the failing line, unless an
    // exception groups the event.
    grouping: template && exceptions.length === 0 ? template.components : null,
  };
}

function inAppMix(exception: SentryExceptionValue): string {
  const frames = exception.stacktrace?.frames ?? [];
  const inApp = frames.filter((frame) => frame.inApp).length;
  return inApp === 0 ? 'system-only' : inApp === frames.length ? 'in-app-only' : 'mixed';
}
