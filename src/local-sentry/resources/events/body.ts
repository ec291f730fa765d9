/**
 * The parts of a full event body built from its template: exception, stack frames, breadcrumbs,
 * request, contexts.
 */
import type {
  SentryBreadcrumb,
  SentryEventEntry,
  SentryJsonObject,
  SentryStackFrame,
} from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { hash32, Random } from '../../data/random.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import { iso } from '../../data/time.ts';
import type { EventFacets } from './facets.ts';
import type { EventRecord } from './record.ts';

export function crashFrame(template: ErrorTemplate) {
  return template.frames[template.frames.length - 1];
}

export function eventMetadata(template: ErrorTemplate): SentryJsonObject {
  const frame = crashFrame(template);
  return {
    type: template.type,
    value: template.value,
    filename: frame?.filename ?? null,
    function: frame?.function ?? null,
    in_app_frame_mix: 'mixed',
    display_title_with_tree_label: false,
  };
}

function varValue(name: string, random: Random): string {
  switch (name) {
    case 'request':
    case 'req':
      return `<WSGIRequest: GET '/api/orders/${random.int(1, 9999)}/'>`;
    case 'self':
    case 'this':
      return `<${name === 'this' ? 'ProfileActivity' : 'Task'} at 0x7f${random.hex(10)}>`;
    case 'order_id':
    case 'id':
    case 'accountId':
      return String(random.int(1000, 99_999));
    case 'amount':
    case 'count':
    case 'batch_size':
      return String(random.int(1, 5000));
    default:
      return random.chance(0.2) ? 'None' : `'${name}-${random.hex(6)}'`;
  }
}

function stackFrames(template: ErrorTemplate, event: EventRecord): SentryStackFrame[] {
  const random = new Random(hash32(event.seed, 'vars'));
  return template.frames.map((frame) => ({
    filename: frame.filename,
    absPath: frame.absPath,
    module: frame.module,
    package: null,
    platform: null,
    function: frame.function,
    rawFunction: null,
    lineNo: frame.lineNo,
    colNo: frame.colNo,
    inApp: frame.inApp,
    context: frame.context,
    vars:
      frame.vars.length === 0
        ? null
        : Object.fromEntries(frame.vars.map((name) => [name, varValue(name, random)])),
    instructionAddr: null,
    symbol: null,
    trust: null,
    errors: null,
  }));
}

function breadcrumbs(
  template: ErrorTemplate,
  event: EventRecord,
  facets: EventFacets,
): SentryBreadcrumb[] {
  const random = new Random(hash32(event.seed, 'crumbs'));
  const count = random.int(3, 8);
  const crumbs: SentryBreadcrumb[] = [];
  const web = template.platform === 'javascript';
  for (let i = count; i > 0; i--) {
    const at = event.timestamp - i * random.int(200, 9000);
    const kind = random.int(0, 3);
    if (web && kind === 0) {
      crumbs.push({
        timestamp: iso(at),
        type: 'navigation',
        category: 'navigation',
        level: 'info',
        message: null,
        data: { from: '/', to: template.transaction },
      });
    } else if (web && kind === 1) {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'ui.click',
        level: 'info',
        message: `button#submit.btn.btn-primary`,
        data: null,
      });
    } else if (kind === 2 && template.platform === 'python') {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'query',
        level: 'info',
        message: `SELECT "orders_order"."id", "orders_order"."total" FROM "orders_order" WHERE "orders_order"."id" = %s`,
        data: null,
      });
    } else if (kind === 3) {
      crumbs.push({
        timestamp: iso(at),
        type: 'default',
        category: 'console',
        level: random.chance(0.3) ? 'warning' : 'info',
        message: random.chance(0.5) ? 'cache miss for session' : 'retrying request (attempt 2)',
        data: { logger: 'console' },
      });
    } else {
      const status = random.chance(0.8) ? 200 : 502;
      crumbs.push({
        timestamp: iso(at),
        type: 'http',
        category: web ? 'fetch' : 'httplib',
        level: status >= 400 ? 'error' : 'info',
        message: null,
        data: {
          method: facets.method,
          url: facets.url ?? 'https://api.internal/health',
          status_code: status,
        },
      });
    }
  }
  return crumbs;
}

export function entries(
  org: OrgData,
  template: ErrorTemplate,
  event: EventRecord,
  facets: EventFacets,
): SentryEventEntry[] {
  const list: SentryEventEntry[] = [
    {
      type: 'exception',
      data: {
        values: [
          {
            type: template.type,
            value: template.value,
            module: template.module,
            mechanism: { type: template.mechanism, handled: template.handled },
            stacktrace: {
              frames: stackFrames(template, event),
              framesOmitted: null,
              registers: null,
              hasSystemFrames: true,
            },
            rawStacktrace: null,
            threadId: null,
          },
        ],
        excOmitted: null,
        hasSystemFrames: true,
      },
    },
    { type: 'breadcrumbs', data: { values: breadcrumbs(template, event, facets) } },
  ];
  if (facets.url) {
    const user = org.eventUsers[event.user];
    const url = new URL(facets.url);
    list.push({
      type: 'request',
      data: {
        url: `${url.origin}${url.pathname}`,
        method: facets.method,
        headers: [
          ['Accept', 'application/json'],
          ['Host', url.host],
          [
            'User-Agent',
            facets.browser
              ? `Mozilla/5.0 (${facets.os.name}) ${facets.browser.name}/${facets.browser.version}`
              : 'python-requests/2.32.3',
          ],
          ['X-Request-Id', facets.spanId],
        ],
        query: [['ref', 'email']],
        data:
          facets.method === 'POST'
            ? { customer: user?.id ?? null, items: [{ sku: 'SKU-1042', quantity: 2 }] }
            : null,
        env:
          template.platform === 'python'
            ? { SERVER_NAME: facets.serverName ?? 'web', SERVER_PORT: '8000' }
            : null,
        cookies: [],
        fragment: null,
        inferredContentType: facets.method === 'POST' ? 'application/json' : null,
      },
    });
  }
  return list;
}

export function contexts(template: ErrorTemplate, facets: EventFacets): SentryJsonObject {
  const result: SentryJsonObject = {
    os: { name: facets.os.name, version: facets.os.version, type: 'os' },
    trace: {
      trace_id: facets.traceId,
      span_id: facets.spanId,
      op: template.platform === 'javascript' ? 'navigation' : 'http.server',
      status: 'internal_error',
      type: 'trace',
    },
  };
  if (facets.browser)
    result['browser'] = {
      name: facets.browser.name,
      version: facets.browser.version,
      type: 'browser',
    };
  if (facets.runtime)
    result['runtime'] = {
      name: facets.runtime.name,
      version: facets.runtime.version,
      type: 'runtime',
    };
  if (facets.device) result['device'] = { ...facets.device, type: 'device', simulator: false };
  return result;
}
