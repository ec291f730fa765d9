/**
 * Wire types of the event entries beyond exception, breadcrumbs, request and message (threads,
 * debug images, security reports, templates, spans) and of a transaction's timing fields, as
 * Sentry's event serializer writes them (`sentry/interfaces/*.get_api_context`). Type-only.
 */
import type { SentryContextLine, SentryStacktrace } from './events.ts';
import type { SentryJson, SentryJsonObject } from './http/wire.ts';

/** One thread of the `threads` entry; the crashed one usually carries no stack trace. */
export interface SentryThread {
  id: number | string | null;
  name: string | null;
  crashed: boolean | null;
  current: boolean | null;
  main?: boolean | null;
  /** e.g. Java's `RUNNABLE`, `WAITING`. */
  state?: string | null;
  /** Java monitors held or waited on, by address. */
  heldLocks?: Record<string, SentryThreadLock> | null;
  stacktrace: SentryStacktrace | null;
  rawStacktrace: SentryStacktrace | null;
}

export interface SentryThreadLock {
  type: number;
  address?: string | null;
  package_name?: string | null;
  class_name?: string | null;
  thread_id?: number | null;
}

export interface SentryThreadsEntry {
  type: 'threads';
  data: { values: SentryThread[] };
}

/**
 * One image of `debugmeta`: a native module (`macho`, `elf`, `pe`, `wasm`, `symbolic`), a
 * ProGuard mapping (`proguard`, by `uuid`), a JVM source bundle (`jvm`) or a source map.
 */
export interface SentryDebugImage {
  type: string;
  debug_id?: string | null;
  debug_file?: string | null;
  code_id?: string | null;
  code_file?: string | null;
  image_addr?: string | null;
  image_size?: number | null;
  image_vmaddr?: string | null;
  arch?: string | null;
  uuid?: string | null;
  debug_status?: string | null;
  unwind_status?: string | null;
  features?: SentryJsonObject | null;
  candidates?: SentryJson[] | null;
}

export interface SentryDebugMetaEntry {
  type: 'debugmeta';
  data: {
    images: SentryDebugImage[];
    sdk_info?: SentryJsonObject | null;
    is_debug_build?: boolean | null;
  };
}

/** A Content-Security-Policy violation report. */
export interface SentryCspEntry {
  type: 'csp';
  data: {
    document_uri?: string | null;
    effective_directive?: string | null;
    violated_directive?: string | null;
    blocked_uri?: string | null;
    original_policy?: string | null;
    referrer?: string | null;
    status_code?: number | null;
    source_file?: string | null;
    line_number?: number | null;
    column_number?: number | null;
    script_sample?: string | null;
    disposition?: string | null;
  };
}

/** The certificate fields common to HPKP, Expect-CT and Expect-Staple reports. */
export interface SentryCertificateReport {
  date_time?: string | null;
  hostname?: string | null;
  port?: number | null;
  effective_expiration_date?: string | null;
  served_certificate_chain?: string[] | null;
  validated_certificate_chain?: string[] | null;
}

export interface SentryHpkpEntry {
  type: 'hpkp';
  data: SentryCertificateReport & {
    include_subdomains?: boolean | null;
    noted_hostname?: string | null;
    known_pins?: string[] | null;
  };
}

export interface SentryExpectCtEntry {
  type: 'expectct';
  data: SentryCertificateReport & {
    scts?: { version?: number; status?: string; source?: string; serialized_sct?: string }[] | null;
  };
}

export interface SentryExpectStapleEntry {
  type: 'expectstaple';
  data: SentryCertificateReport & {
    response_status?: string | null;
    cert_status?: string | null;
    ocsp_response?: string | null;
  };
}

/** A template rendering error's location (Django, Jinja). */
export interface SentryTemplateEntry {
  type: 'template';
  data: {
    filename: string | null;
    lineNo: number | null;
    context: SentryContextLine[];
  };
}

/** One span of a transaction's `spans` entry; timestamps are unix seconds. */
export interface SentrySpan {
  span_id: string | null;
  parent_span_id?: string | null;
  trace_id?: string | null;
  op?: string | null;
  description?: string | null;
  status?: string | null;
  start_timestamp: number;
  timestamp: number;
  /** Milliseconds not covered by child spans, when Relay computed it. */
  exclusive_time?: number | null;
  origin?: string | null;
  same_process_as_parent?: boolean | null;
  tags?: SentryJsonObject | null;
  /** Free-form span attributes (`db.system`, `http.method`, …). */
  data?: SentryJsonObject | null;
  hash?: string | null;
}

/** A transaction's spans. */
export interface SentrySpansEntry {
  type: 'spans';
  data: SentrySpan[];
}

/** `{value, unit}` of a transaction measurement or breakdown. */
export interface SentryMeasurement {
  value: number;
  unit: string | null;
}

/** Fields only a transaction event's body has. */
export interface SentryTransactionFields {
  /** Unix seconds. */
  startTimestamp?: number;
  /** Unix seconds. */
  endTimestamp?: number;
  measurements?: Record<string, SentryMeasurement> | null;
  breakdowns?: Record<string, Record<string, SentryMeasurement>> | null;
}

/** A suggested SDK change in `sdkUpdates`. */
export interface SentrySdkUpdate {
  type: string;
  sdkName?: string | null;
  newSdkVersion?: string | null;
  newSdkName?: string | null;
  sdkUrl?: string | null;
  integrationName?: string | null;
  integrationUrl?: string | null;
  enables?: SentryJson[] | null;
}

/** The issue-platform occurrence of a non-error event (performance, cron, feedback issues). */
export interface SentryEventOccurrence {
  id: string;
  projectId: number;
  eventId: string;
  fingerprint: string[];
  issueTitle: string;
  subtitle: string;
  resourceId: string | null;
  evidenceData: SentryJsonObject;
  evidenceDisplay: { name: string; value: string; important: boolean }[];
  type: number;
  detectionTime: number;
  level: string | null;
  culprit: string | null;
  assignee: string | null;
  priority: number | null;
}
