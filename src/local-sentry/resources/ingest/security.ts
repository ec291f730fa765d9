/**
 * Browser security reports as Relay turns them into events (`relay-event-schema`'s
 * `security_report.rs`): a CSP violation (`{"csp-report": …}`, or one `csp-violation` report of
 * the Reporting API), an HPKP failure (the RFC 7469 body, recognised by `known-pins`), an
 * Expect-CT (`{"expect-ct-report": …}`) or Expect-Staple (`{"expect-staple-report": …}`) failure.
 * Each gives the event's message (its title), culprit, tags, request and the report itself as
 * the `csp`/`hpkp`/`expectct`/`expectstaple` interface, with Sentry's metadata and grouping
 * components (`sentry/eventtypes/security.py`, the `csp`/`hpkp`/… grouping strategies). By
 * hand: no npm package models Relay's normalisation.
 */
import type {
  SentryCspEntry,
  SentryEventEntry,
  SentryExpectCtEntry,
  SentryExpectStapleEntry,
  SentryHpkpEntry,
  SentryIssueType,
  SentryJsonObject,
} from '../../../sentry/types.ts';
import { isObj, type Obj, str } from './interfaces.ts';
import { type NormalizedEvent, normalizeEvent } from './normalize.ts';

export interface SecurityReport {
  type: Extract<SentryIssueType, 'csp' | 'hpkp' | 'expectct' | 'expectstaple'>;
  entry: SentryEventEntry;
  message: string;
  culprit: string;
  tags: [string, string][];
  request: { url: string | null; headers: [string, string][] };
  metadata: SentryJsonObject;
  location: string | null;
  grouping: string[];
}

/** Relay's `CspDirective` names. */
const DIRECTIVES = new Set(
  'base-uri child-src connect-src default-src fenced-frame-src font-src form-action frame-ancestors frame-src img-src manifest-src media-src object-src plugin-types prefetch-src referrer script-src script-src-attr script-src-elem style-src style-src-elem style-src-attr upgrade-insecure-requests worker-src sandbox navigate-to report-uri report-to block-all-mixed-content require-sri-for require-trusted-types-for trusted-types'.split(
    ' ',
  ),
);

/** The first of the keys present (Relay's serde aliases: snake, kebab and camel case). */
function pick(raw: Obj, ...keys: string[]): unknown {
  for (const key of keys) if (raw[key] !== undefined && raw[key] !== null) return raw[key];
  return undefined;
}
const text = (raw: Obj, ...keys: string[]) => str(pick(raw, ...keys));
/** A number sent as a number or a numeric string (`"status-code": "200"`). */
function num(raw: Obj, ...keys: string[]): number | null {
  const value = pick(raw, ...keys);
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.map(String) : null;

const isLocal = (uri: string) => uri === '' || uri === 'self' || uri === "'self'";

/** Relay's `normalize_uri`: the host (and port) of an http(s) URI, `scheme:` for bare schemes. */
export function normalizeUri(value: string): string {
  if (isLocal(value)) return "'self'";
  if (!value.includes(':')) return value === '' ? '' : `${value}:`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  const scheme = url.protocol.slice(0, -1);
  const host = url.hostname;
  const base = scheme === 'http' || scheme === 'https' ? host : `${scheme}://${host}`;
  return url.port ? `${base}:${url.port}` : base;
}

const NOUNS: Record<string, string> = {
  'child-src': 'child',
  'connect-src': 'connect',
  'font-src': 'font',
  'img-src': 'image',
  'manifest-src': 'manifest',
  'media-src': 'media',
  'object-src': 'object',
  'script-src': 'script',
  'script-src-elem': 'script',
  'style-src': 'style',
  'style-src-elem': 'style',
};

/** Relay's `CspRaw::get_message`. */
function cspMessage(directive: string, blocked: string): string {
  if (directive === 'script-src' && blocked === 'inline') return "Blocked unsafe inline 'script'";
  if (directive === 'script-src' && blocked === 'eval') return "Blocked unsafe eval() 'script'";
  if (isLocal(blocked)) {
    const special: Record<string, string> = {
      'script-src-attr': "Blocked unsafe 'script' element",
      'script-src-elem': 'Blocked inline script attribute',
      'style-src-elem': "Blocked 'style' or 'link' element",
      'style-src-attr': 'Blocked style attribute',
      'script-src': "Blocked unsafe (eval() or inline) 'script'",
    };
    return special[directive] ?? `Blocked inline '${NOUNS[directive] ?? directive}'`;
  }
  const uri = normalizeUri(blocked);
  if (directive === 'form-action') return `Blocked 'form' action to '${uri}'`;
  if (directive === 'script-src-attr') return `Blocked inline script attribute from '${uri}'`;
  if (directive === 'style-src-attr') return `Blocked style attribute from '${uri}'`;
  return `Blocked '${NOUNS[directive] ?? directive}' from '${uri}'`;
}

/** Relay's `CspRaw::get_culprit`: the violated directive, sources that are the page's as 'self'. */
function cspCulprit(violated: string, documentUri: string): string {
  const [first = '', ...rest] = violated.split(/\s+/).filter((bit) => bit !== '');
  const page = normalizeUri(documentUri);
  const bits = rest.map((bit) => {
    if (["'none'", "'self'", "'unsafe-inline'", "'unsafe-eval'"].includes(bit)) return bit;
    if (/^(data|mediastream|blob|filesystem|https?|file):/.test(bit)) {
      return normalizeUri(bit) === page ? "'self'" : bit;
    }
    return bit === page ? "'self'" : bit;
  });
  return [first, ...bits].join(' ');
}

const firstWord = (value: string | null) => value?.split(' ')[0] ?? '';

function cspReport(raw: Obj): SecurityReport | undefined {
  const effective = text(raw, 'effective_directive', 'effective-directive', 'effectiveDirective');
  const violated = text(raw, 'violated_directive', 'violated-directive', 'violatedDirective') ?? '';
  // Firefox sends no effective directive: Relay reads it off the violated one.
  const directive = [firstWord(effective), firstWord(violated)].find((d) => DIRECTIVES.has(d));
  if (directive === undefined) return undefined;
  const blocked = text(raw, 'blocked_uri', 'blocked-uri', 'blockedURL') ?? 'self';
  const documentUri = text(raw, 'document_uri', 'document-uri', 'documentURL');
  const referrer = text(raw, 'referrer');
  const data: SentryCspEntry['data'] = {
    effective_directive: directive,
    blocked_uri: blocked,
    document_uri: documentUri,
    original_policy: text(raw, 'original_policy', 'original-policy', 'originalPolicy'),
    referrer,
    status_code: num(raw, 'status_code', 'status-code', 'statusCode'),
    violated_directive: violated,
    source_file: text(raw, 'source_file', 'source-file', 'sourceFile'),
    line_number: num(raw, 'line_number', 'line-number', 'lineNumber'),
    column_number: num(raw, 'column_number', 'column-number', 'columnNumber'),
    script_sample: text(raw, 'script_sample', 'script-sample', 'scriptSample', 'sample'),
    disposition: text(raw, 'disposition'),
  };
  const tags: [string, string][] = [
    ['effective-directive', directive],
    // Relay drops Stripe's query strings (they carry secrets) from the tag.
    [
      'blocked-uri',
      blocked.startsWith('https://api.stripe.com/')
        ? (blocked.split(/[?#]/)[0] ?? blocked)
        : blocked,
    ],
  ];
  try {
    const url = new URL(blocked);
    if (url.protocol === 'http:' || url.protocol === 'https:')
      tags.push(['blocked-host', url.hostname]);
  } catch {
    // not a URL: no blocked-host tag
  }
  const message = cspMessage(directive, blocked);
  const uri = normalizeUri(blocked);
  return {
    type: 'csp',
    entry: { type: 'csp', data },
    message,
    // No violated directive: Sentry's `generate_culprit` falls back to the request URL.
    culprit: violated === '' ? (documentUri ?? '') : cspCulprit(violated, documentUri ?? ''),
    tags,
    request: { url: documentUri, headers: referrer ? [['Referer', referrer]] : [] },
    metadata: { directive, uri, message },
    location: uri,
    grouping: [`csp:${directive}`, `uri:${uri}`],
  };
}

/** The certificate fields HPKP, Expect-CT and Expect-Staple share. */
function certificateFields(raw: Obj) {
  return {
    date_time: text(raw, 'date-time', 'date_time'),
    hostname: text(raw, 'hostname'),
    port: num(raw, 'port'),
    effective_expiration_date: text(raw, 'effective-expiration-date', 'effective_expiration_date'),
    served_certificate_chain: strings(
      pick(raw, 'served-certificate-chain', 'served_certificate_chain'),
    ),
    validated_certificate_chain: strings(
      pick(raw, 'validated-certificate-chain', 'validated_certificate_chain'),
    ),
  };
}

/** What the three certificate reports share: message, culprit, tags, request, metadata. */
function certificateReport(
  type: 'hpkp' | 'expectct' | 'expectstaple',
  entry: SentryEventEntry,
  hostname: string,
  message: string,
  tags: [string, string][],
): SecurityReport {
  return {
    type,
    entry,
    message,
    // Relay gives Expect-CT and Expect-Staple events the host as culprit; HPKP gets none, and
    // Sentry's `generate_culprit` then falls back to the request URL, the same host.
    culprit: hostname,
    tags,
    request: { url: hostname, headers: [] },
    metadata: { origin: hostname, message },
    location: hostname,
    grouping: [type, `hostname:${hostname}`],
  };
}

function hpkpReport(raw: Obj): SecurityReport {
  const fields = certificateFields(raw);
  const hostname = fields.hostname ?? '';
  const data: SentryHpkpEntry['data'] = {
    ...fields,
    include_subdomains:
      typeof raw['include-subdomains'] === 'boolean' ? raw['include-subdomains'] : null,
    noted_hostname: text(raw, 'noted-hostname', 'noted_hostname'),
    known_pins: strings(pick(raw, 'known-pins', 'known_pins')) ?? [],
  };
  const tags: [string, string][] = [['hostname', hostname]];
  if (fields.port !== null) tags.push(['port', String(fields.port)]);
  if (data.include_subdomains !== null) {
    tags.push(['include-subdomains', String(data.include_subdomains)]);
  }
  const message = `Public key pinning validation failed for '${hostname}'`;
  return certificateReport('hpkp', { type: 'hpkp', data }, hostname, message, tags);
}

function expectCtReport(raw: Obj): SecurityReport {
  const fields = certificateFields(raw);
  const hostname = fields.hostname ?? '';
  const scts = Array.isArray(raw['scts'])
    ? raw['scts'].filter(isObj).map((sct) => ({
        ...(num(sct, 'version') === null ? {} : { version: num(sct, 'version') as number }),
        ...(text(sct, 'status') === null ? {} : { status: text(sct, 'status') as string }),
        ...(text(sct, 'source') === null ? {} : { source: text(sct, 'source') as string }),
        ...(text(sct, 'serialized_sct', 'serialized-sct') === null
          ? {}
          : { serialized_sct: text(sct, 'serialized_sct', 'serialized-sct') as string }),
      }))
    : null;
  const data: SentryExpectCtEntry['data'] = { ...fields, scts };
  const tags: [string, string][] = [['hostname', hostname]];
  if (fields.port !== null) tags.push(['port', String(fields.port)]);
  const message = `Expect-CT failed for '${hostname}'`;
  return certificateReport('expectct', { type: 'expectct', data }, hostname, message, tags);
}

function expectStapleReport(raw: Obj): SecurityReport {
  const fields = certificateFields(raw);
  const hostname = fields.hostname ?? '';
  const data: SentryExpectStapleEntry['data'] = {
    ...fields,
    response_status: text(raw, 'response-status', 'response_status'),
    cert_status: text(raw, 'cert-status', 'cert_status'),
    ocsp_response: text(raw, 'ocsp-response', 'ocsp_response'),
  };
  const tags: [string, string][] = [['hostname', hostname]];
  if (fields.port !== null) tags.push(['port', String(fields.port)]);
  if (data.response_status) tags.push(['response_status', data.response_status]);
  if (data.cert_status) tags.push(['cert_status', data.cert_status]);
  const message = `Expect-Staple failed for '${hostname}'`;
  return certificateReport('expectstaple', { type: 'expectstaple', data }, hostname, message, tags);
}

/**
 * One report, its kind told by its keys as Relay's `SecurityReportType::from_json` does;
 * undefined when it is none of them (or a CSP report names no known directive): Relay drops it.
 */
export function securityReportOf(raw: unknown): SecurityReport | undefined {
  if (!isObj(raw)) return undefined;
  if (isObj(raw['csp-report'])) return cspReport(raw['csp-report']);
  if (raw['type'] === 'csp-violation' && isObj(raw['body'])) return cspReport(raw['body']);
  if (raw['known-pins'] !== undefined) return hpkpReport(raw);
  if (isObj(raw['expect-staple-report'])) return expectStapleReport(raw['expect-staple-report']);
  if (isObj(raw['expect-ct-report'])) return expectCtReport(raw['expect-ct-report']);
  return undefined;
}

/**
 * The reports of a body: one object, or the Reporting API's list (`application/reports+json`),
 * whose `csp-violation` reports each become an event (other report types are dropped).
 */
export function securityReportsOf(body: unknown): SecurityReport[] {
  const reports = Array.isArray(body) ? body : [body];
  return reports.flatMap((report) => securityReportOf(report) ?? []);
}

/** The SDK-shaped event a report gives, for the ingest normaliser. */
export function securityEventPayload(
  report: SecurityReport,
  extra: { release?: string | null; environment?: string | null; userAgent?: string | null },
): Obj {
  const headers = [...report.request.headers];
  if (extra.userAgent) headers.push(['User-Agent', extra.userAgent]);
  return {
    logentry: { formatted: report.message },
    level: 'error',
    tags: report.tags,
    ...(report.request.url ? { request: { url: report.request.url, headers } } : {}),
    ...(extra.release ? { release: extra.release } : {}),
    ...(extra.environment ? { environment: extra.environment } : {}),
  };
}

/** A report as the normalised event `save.ts` stores and groups into an issue. */
export function normalizeSecurityReport(
  report: SecurityReport,
  options: {
    received: number;
    clientIp?: string;
    size: number;
    release?: string | null;
    environment?: string | null;
    userAgent?: string | null;
  },
): NormalizedEvent {
  const event = normalizeEvent(securityEventPayload(report, options), {
    received: options.received,
    ...(options.clientIp ? { clientIp: options.clientIp } : {}),
    size: options.size,
  });
  return {
    ...event,
    type: report.type,
    culprit: report.culprit,
    location: report.location,
    metadata: report.metadata,
    extraEntries: [report.entry],
    grouping: report.grouping,
  };
}
