/**
 * Grouping, simplified from Sentry's `newstyle:2023-01-11` config: an event's hash is the MD5 of
 * its grouping components. The SDK's `fingerprint` wins when given (`{{ default }}` and the other
 * `{{ … }}` variables expand); otherwise the default components are, per exception in the
 * chain, its type and the module (or file name) and function of its in-app frames (all frames
 * when none is in-app; the value when there are none), else the message, else one fallback
 * group. Not modelled: stack-trace rules, parameterisation of messages, frame-count limits.
 */
import { createHash } from 'node:crypto';
import type { NormalizedEvent } from './normalize.ts';
import { crashFrameOf } from './normalize.ts';

/** Sentry strips what changes between builds from function names (anonymous, addresses). */
const cleanFunction = (name: string): string =>
  name.replace(/<anonymous>|\s*\[as [^\]]+\]|\?\d+$/g, '').trim();

/** The file's stable part: query strings and content hashes dropped. */
const cleanFile = (name: string): string =>
  name.replace(/\?.*$/, '').replace(/[.-][0-9a-f]{8,}(?=\.\w+$)/i, '');

export function defaultComponents(event: NormalizedEvent): string[] {
  if (event.grouping) return event.grouping;
  if (event.exceptions.length > 0) {
    const parts: string[] = [];
    for (const exception of event.exceptions) {
      parts.push(`type:${exception.type ?? 'Error'}`);
      const frames = exception.stacktrace?.frames ?? [];
      const inApp = frames.filter((frame) => frame.inApp);
      const used = inApp.length > 0 ? inApp : frames;
      for (const frame of used) {
        const where = frame.module ?? (frame.filename ? cleanFile(frame.filename) : '');
        const fn = frame.function ? cleanFunction(frame.function) : '';
        if (where || fn) parts.push(`frame:${where}:${fn}`);
      }
      if (used.length === 0 && exception.value) parts.push(`value:${exception.value}`);
    }
    return parts;
  }
  if (event.message) return [`message:${event.messageTemplate ?? event.message}`];
  return ['fallback'];
}

/** `{{ default }}`, `{{ type }}`, `{{ message }}`, … as Sentry's fingerprinting expands them. */
function expand(part: string, event: NormalizedEvent): string[] {
  const variable = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(part)?.[1];
  if (variable === undefined) return [part];
  const main = event.exceptions[event.exceptions.length - 1];
  const frame = crashFrameOf(main);
  switch (variable) {
    case 'default':
      return defaultComponents(event);
    case 'type':
    case 'error.type':
      return [main?.type ?? '<no-type>'];
    case 'value':
    case 'error.value':
      return [main?.value ?? '<no-value>'];
    case 'message':
      return [event.message ?? '<no-message>'];
    case 'transaction':
      return [event.transaction ?? '<no-transaction>'];
    case 'function':
      return [frame?.function ?? '<no-function>'];
    case 'module':
      return [frame?.module ?? '<no-module>'];
    case 'level':
      return [event.level];
    case 'logger':
      return [event.logger ?? '<no-logger>'];
    default:
      return [part];
  }
}

/** The event's grouping hash (32 hex) and the fingerprint it shows (`fingerprints`). */
export function groupingHash(event: NormalizedEvent): { hash: string; fingerprint: string[] } {
  const fingerprint =
    event.fingerprint && event.fingerprint.length > 0 ? event.fingerprint : ['{{ default }}'];
  const components = fingerprint.flatMap((part) => expand(part, event));
  const hash = createHash('md5').update(JSON.stringify(components)).digest('hex');
  return { hash, fingerprint };
}
