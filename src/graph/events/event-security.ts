/**
 * Browser security reports and template errors as event entries: `EventCsp`, `EventHpkp`,
 * `EventExpectCt`, `EventExpectStaple`, `EventTemplate`. Sentry's report fields, renamed.
 */
import type {
  SentryCspEntry,
  SentryExpectCtEntry,
  SentryExpectStapleEntry,
  SentryHpkpEntry,
  SentryTemplateEntry,
} from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';
import { ContextLine } from './stack-frame.ts';

type Fields<T> = PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, T>;

function text<T extends object>(t: Fields<T>, key: keyof T & string, description: string) {
  return t.string({
    nullable: true,
    description,
    resolve: (data) => {
      const value = data[key];
      return typeof value === 'string' ? value : null;
    },
  });
}

function int<T extends object>(t: Fields<T>, key: keyof T & string, description: string) {
  return t.int({
    nullable: true,
    description,
    resolve: (data) => {
      const value = data[key];
      return typeof value === 'number' ? value : null;
    },
  });
}

function chain<T extends object>(t: Fields<T>, key: keyof T & string, description: string) {
  return t.stringList({
    description,
    resolve: (data) => {
      const value = data[key];
      return Array.isArray(value) ? value.map(String) : [];
    },
  });
}

export const EventCsp = builder.objectRef<SentryCspEntry['data']>('EventCsp').implement({
  description: 'A Content-Security-Policy violation the browser reported.',
  fields: (t) => ({
    documentUri: text(t, 'document_uri', 'The page the violation happened on.'),
    effectiveDirective: text(
      t,
      'effective_directive',
      'The directive enforced, e.g. "script-src".',
    ),
    violatedDirective: text(t, 'violated_directive', 'The directive violated, as written.'),
    blockedUri: text(t, 'blocked_uri', 'The resource that was blocked.'),
    originalPolicy: text(t, 'original_policy', 'The whole policy.'),
    referrer: text(t, 'referrer', 'Referrer of the page.'),
    statusCode: int(t, 'status_code', 'HTTP status of the page.'),
    sourceFile: text(t, 'source_file', 'File that caused it.'),
    lineNumber: int(t, 'line_number', 'Line in that file.'),
    columnNumber: int(t, 'column_number', 'Column in that file.'),
    scriptSample: text(t, 'script_sample', 'The first characters of the blocked script.'),
    disposition: text(t, 'disposition', '"enforce" or "report".'),
  }),
});

const certificateFields = <T extends SentryHpkpEntry['data']>(t: Fields<T>) => ({
  dateTime: text(t, 'date_time', 'When the browser saw it.'),
  hostname: text(t, 'hostname', 'Host the browser connected to.'),
  port: int(t, 'port', 'Port it connected to.'),
  effectiveExpirationDate: text(t, 'effective_expiration_date', 'When the policy expires.'),
  servedCertificateChain: chain(
    t,
    'served_certificate_chain',
    'Certificates the server sent (PEM).',
  ),
  validatedCertificateChain: chain(
    t,
    'validated_certificate_chain',
    'Certificates the browser validated (PEM).',
  ),
});

export const EventHpkp = builder.objectRef<SentryHpkpEntry['data']>('EventHpkp').implement({
  description: 'An HTTP Public Key Pinning failure the browser reported.',
  fields: (t) => ({
    ...certificateFields(t),
    includeSubdomains: t.boolean({
      nullable: true,
      resolve: (data) => data.include_subdomains ?? null,
    }),
    notedHostname: text(t, 'noted_hostname', 'Host the pins were noted for.'),
    knownPins: chain(t, 'known_pins', 'The pins the browser knew.'),
  }),
});

export const EventExpectCt = builder
  .objectRef<SentryExpectCtEntry['data']>('EventExpectCt')
  .implement({
    description: 'An Expect-CT (Certificate Transparency) failure the browser reported.',
    fields: (t) => ({
      ...certificateFields(t as unknown as Fields<SentryHpkpEntry['data']>),
      scts: t.field({
        type: 'JSON',
        description: 'The signed certificate timestamps, as reported.',
        resolve: (data) => data.scts ?? [],
      }),
    }),
  });

export const EventExpectStaple = builder
  .objectRef<SentryExpectStapleEntry['data']>('EventExpectStaple')
  .implement({
    description: 'An Expect-Staple (OCSP stapling) failure the browser reported.',
    fields: (t) => ({
      ...certificateFields(t as unknown as Fields<SentryHpkpEntry['data']>),
      responseStatus: text(t, 'response_status', 'OCSP response status.'),
      certStatus: text(t, 'cert_status', 'Certificate status in the OCSP response.'),
      ocspResponse: text(t, 'ocsp_response', 'The OCSP response (base64).'),
    }),
  });

export const EventTemplate = builder
  .objectRef<SentryTemplateEntry['data']>('EventTemplate')
  .implement({
    description:
      'Where a template error happened (Django, Jinja): the file and the lines around it.',
    fields: (t) => ({
      filename: t.string({ nullable: true, resolve: (data) => data.filename ?? null }),
      lineNo: t.int({ nullable: true, resolve: (data) => data.lineNo ?? null }),
      context: t.field({
        type: [ContextLine],
        description: 'Source lines around it.',
        resolve: (data) => data.context ?? [],
      }),
    }),
  });
