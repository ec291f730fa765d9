/**
 * The interfaces of Sentry's event protocol read from an SDK's payload, as Relay normalises them:
 * timestamps, pairs (tags, headers), stack frames with their context lines, exceptions, the user,
 * the request and breadcrumbs.
 */
import type {
  SentryBreadcrumb,
  SentryContextLine,
  SentryEventUser,
  SentryExceptionValue,
  SentryIssueLevel,
  SentryJson,
  SentryJsonObject,
  SentryRequestEntry,
  SentryStackFrame,
  SentryTemplateEntry,
} from '../../../sentry/types.ts';
import { iso } from '../../data/time.ts';

export const LEVELS: Record<string, SentryIssueLevel> = {
  fatal: 'fatal',
  critical: 'fatal',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

export type Obj = Record<string, unknown>;
export const isObj = (value: unknown): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const str = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
export const json = (value: unknown): SentryJson =>
  value === undefined ? null : (value as SentryJson);

/** A timestamp as SDKs send it: unix seconds (a float) or an ISO string (UTC when no zone). */
export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.round(value * 1000);
  if (typeof value === 'string' && value !== '') {
    if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
    const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
    const ms = Date.parse(zoned);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** `values` of an interface sent as `{values: […]}`, a bare list, or one object. */
export const valuesOf = (value: unknown): unknown[] =>
  Array.isArray(value)
    ? value
    : isObj(value) && Array.isArray(value['values'])
      ? value['values']
      : isObj(value)
        ? [value]
        : [];

/** Pairs from an object or a list of pairs (tags, headers, query, cookies). */
export function pairs(value: unknown): [string, string][] {
  const out: [string, string][] = [];
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (Array.isArray(entry) && entry.length === 2) {
        const [k, v] = [str(entry[0]), str(entry[1])];
        if (k !== null && v !== null) out.push([k, v]);
      }
    }
  } else if (isObj(value)) {
    for (const [k, raw] of Object.entries(value)) {
      const v = typeof raw === 'boolean' ? String(raw) : str(raw);
      if (v !== null) out.push([k, v]);
    }
  }
  return out;
}

/** Sentry's `get_context`: numbered lines around `lineno` from pre/context/post lines. */
function contextOf(raw: Obj, lineNo: number | null): SentryContextLine[] {
  const context: SentryContextLine[] = [];
  if (lineNo !== null && typeof raw['context_line'] === 'string') {
    const pre = Array.isArray(raw['pre_context']) ? raw['pre_context'].map(String) : [];
    const post = Array.isArray(raw['post_context']) ? raw['post_context'].map(String) : [];
    for (const [i, line] of pre.entries()) context.push([lineNo - pre.length + i, line]);
    context.push([lineNo, raw['context_line']]);
    for (const [i, line] of post.entries()) context.push([lineNo + 1 + i, line]);
  }
  return context;
}

/**
 * The `template` interface (`sentry.interfaces.Template`: `filename`, `abs_path`, `lineno`,
 * `context_line`, `pre_context`, `post_context`) as Sentry serialises it (`lineNo`,
 * `filename`, `context`), with the components its grouping strategy hashes.
 */
export function templateOf(
  raw: unknown,
): { entry: SentryTemplateEntry; components: string[] } | undefined {
  if (!isObj(raw)) return undefined;
  const lineNo = typeof raw['lineno'] === 'number' ? raw['lineno'] : null;
  const filename = str(raw['filename']) ?? str(raw['abs_path']);
  if (filename === null && lineNo === null) return undefined;
  return {
    entry: { type: 'template', data: { filename, lineNo, context: contextOf(raw, lineNo) } },
    components: [`template:${filename ?? ''}`, `context-line:${str(raw['context_line']) ?? ''}`],
  };
}

export function frameOf(raw: Obj): SentryStackFrame {
  const lineNo = typeof raw['lineno'] === 'number' ? raw['lineno'] : null;
  const context = contextOf(raw, lineNo);
  return {
    filename: str(raw['filename']),
    absPath: str(raw['abs_path']),
    module: str(raw['module']),
    package: str(raw['package']),
    platform: str(raw['platform']),
    function: str(raw['function']),
    rawFunction: str(raw['raw_function']),
    lineNo,
    colNo: typeof raw['colno'] === 'number' ? raw['colno'] : null,
    inApp: raw['in_app'] === true,
    context,
    vars: isObj(raw['vars']) ? (raw['vars'] as SentryJsonObject) : null,
    instructionAddr: str(raw['instruction_addr']),
    symbol: str(raw['symbol']),
    trust: str(raw['trust']),
    errors: null,
  };
}

export function exceptionOf(raw: Obj): SentryExceptionValue {
  const frames = valuesOf(isObj(raw['stacktrace']) ? raw['stacktrace']['frames'] : []).filter(
    isObj,
  );
  const mechanism = isObj(raw['mechanism']) ? raw['mechanism'] : null;
  return {
    type: str(raw['type']),
    value: str(raw['value']),
    module: str(raw['module']),
    mechanism: mechanism
      ? {
          ...(mechanism as SentryJsonObject),
          type: str(mechanism['type']) ?? 'generic',
          handled: mechanism['handled'] !== false,
        }
      : null,
    stacktrace:
      frames.length === 0
        ? null
        : {
            frames: frames.map(frameOf),
            framesOmitted: null,
            registers: null,
            hasSystemFrames: frames.some((frame) => frame['in_app'] !== true),
          },
    rawStacktrace: null,
    threadId: typeof raw['thread_id'] === 'number' ? raw['thread_id'] : null,
  };
}

export function userOf(raw: unknown, clientIp: string | undefined): SentryEventUser | null {
  if (!isObj(raw)) return null;
  const known = new Set(['id', 'email', 'username', 'ip_address', 'name', 'geo', 'data']);
  const rest = Object.fromEntries(Object.entries(raw).filter(([key]) => !known.has(key)));
  const ip = str(raw['ip_address']);
  const user: SentryEventUser = {
    id: str(raw['id']),
    email: str(raw['email']),
    username: str(raw['username']),
    ip_address: ip === '{{auto}}' ? (clientIp ?? null) : ip,
    name: str(raw['name']),
    geo: isObj(raw['geo']) ? (raw['geo'] as Record<string, string>) : null,
    data:
      isObj(raw['data']) || Object.keys(rest).length > 0
        ? ({ ...(isObj(raw['data']) ? raw['data'] : {}), ...rest } as SentryJsonObject)
        : null,
  };
  const identified = user.id ?? user.email ?? user.username ?? user.ip_address;
  return identified ? user : null;
}

/** Sentry's `user` tag: `id:…`, else `email:…`, `username:…`, `ip:…`. */
export function userTag(user: SentryEventUser | null): string | null {
  if (!user) return null;
  if (user.id) return `id:${user.id}`;
  if (user.email) return `email:${user.email}`;
  if (user.username) return `username:${user.username}`;
  if (user.ip_address) return `ip:${user.ip_address}`;
  return null;
}

export function requestOf(raw: unknown): SentryRequestEntry['data'] | null {
  if (!isObj(raw) || typeof raw['url'] !== 'string') return null;
  const query =
    typeof raw['query_string'] === 'string'
      ? [...new URLSearchParams(raw['query_string'])]
      : pairs(raw['query_string']);
  const cookies =
    typeof raw['cookies'] === 'string'
      ? raw['cookies']
          .split(';')
          .map((part) => part.trim().split('='))
          .filter((kv): kv is [string, string] => kv.length === 2)
      : pairs(raw['cookies']);
  return {
    url: raw['url'].split('?')[0] ?? raw['url'],
    method: str(raw['method'])?.toUpperCase() ?? null,
    headers: pairs(raw['headers']),
    query,
    data: json(raw['data']),
    env: isObj(raw['env']) ? (raw['env'] as Record<string, string>) : null,
    cookies,
    fragment: str(raw['fragment']),
    inferredContentType: null,
  };
}

export function breadcrumbOf(raw: Obj, fallback: number): SentryBreadcrumb {
  return {
    timestamp: iso(parseTimestamp(raw['timestamp']) ?? fallback),
    type: str(raw['type']) ?? 'default',
    category: str(raw['category']),
    level: LEVELS[str(raw['level']) ?? ''] ?? 'info',
    message: str(raw['message']),
    data: isObj(raw['data']) ? (raw['data'] as SentryJsonObject) : null,
    event_id: str(raw['event_id']),
  };
}
