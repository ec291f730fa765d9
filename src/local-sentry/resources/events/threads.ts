/**
 * The `threads` and `debugmeta` entries of Java (Android) and Python events, and the processing
 * errors a missing ProGuard mapping leaves. Each comes from its own random stream
 * (`hash32(seed, 'threads' | 'debugmeta', eventId)`), so adding them changed no other part of
 * any seeded event.
 */
import type {
  SentryDebugImage,
  SentryEvent,
  SentryEventEntry,
  SentryStackFrame,
  SentryThread,
} from '../../../sentry/types.ts';
import { hash32, Random } from '../../data/random.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import { ANDROID_LIBRARIES, THREADS, type ThreadFrame } from '../../data/templates/threads.ts';
import type { EventRecord } from './record.ts';

function uuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function frame(template: ThreadFrame): SentryStackFrame {
  return {
    filename: template.filename,
    absPath: template.absPath,
    module: template.module,
    package: null,
    platform: null,
    function: template.function,
    rawFunction: null,
    lineNo: template.lineNo || null,
    colNo: null,
    inApp: false,
    context: [],
    vars: null,
    instructionAddr: null,
    symbol: null,
    trust: null,
    errors: null,
  };
}

/** The threads of the process: the crashed one (its stack is the exception's) and 1–4 others. */
function threads(template: ErrorTemplate, event: EventRecord): SentryThread[] | null {
  const catalog = THREADS[template.platform];
  if (!catalog) return null;
  const random = new Random(hash32(event.seed, 'threads', event.id));
  const java = template.platform === 'java';
  const threadId = () =>
    java ? random.int(2, 400) : 139_800_000_000_000 + random.int(0, 9_999_999);
  const main: SentryThread = {
    id: java ? 1 : threadId(),
    name: catalog.main,
    crashed: true,
    current: true,
    main: true,
    state: java ? 'RUNNABLE' : null,
    heldLocks: null,
    stacktrace: null,
    rawStacktrace: null,
  };
  const count = random.int(1, catalog.others.length);
  const others = random.shuffle(catalog.others).slice(0, count);
  const ids = new Set([main.id]);
  return [
    main,
    ...others.map((other): SentryThread => {
      let id = threadId();
      while (ids.has(id)) id = threadId();
      ids.add(id);
      const address = `0x${random.hex(8)}`;
      return {
        id,
        name: other.name,
        crashed: false,
        current: false,
        main: false,
        state: other.state,
        heldLocks:
          java && other.state === 'WAITING'
            ? {
                [address]: {
                  type: 2,
                  address,
                  package_name: 'java.lang',
                  class_name: 'Object',
                  thread_id: Number(id),
                },
              }
            : null,
        stacktrace: {
          frames: other.frames.map(frame),
          framesOmitted: null,
          registers: null,
          hasSystemFrames: false,
        },
        rawStacktrace: null,
      };
    }),
  ];
}

interface DebugMeta {
  images: SentryDebugImage[];
  /** Set when the release's ProGuard mapping was not uploaded. */
  missingMapping: string | null;
}

/** An Android app's images: its ProGuard mapping (one per release) and the native libraries. */
function debugMeta(template: ErrorTemplate, event: EventRecord): DebugMeta | null {
  if (template.platform !== 'java') return null;
  const random = new Random(hash32(event.seed, 'debugmeta', event.id));
  // Ids follow the build (project and release), addresses the process (ASLR): per event.
  const build = new Random(hash32('debugmeta', event.projectId, event.release ?? ''));
  const mapping = uuid(build.hex(32));
  const images: SentryDebugImage[] = [{ type: 'proguard', uuid: mapping }];
  for (const library of ANDROID_LIBRARIES) {
    const debugId = uuid(build.hex(32));
    const missing = library.includes('/data/app/') && random.chance(0.3);
    images.push({
      type: 'elf',
      code_file: library,
      code_id: build.hex(40),
      debug_id: debugId,
      debug_file: library.split('/').pop() ?? library,
      image_addr: `0x7${random.hex(7)}000`,
      image_size: build.int(64, 4096) * 4096,
      image_vmaddr: '0x0',
      arch: 'arm64',
      debug_status: missing ? 'missing' : 'found',
      unwind_status: missing ? 'missing' : 'found',
      features: {
        has_debug_info: !missing,
        has_unwind_info: !missing,
        has_symbols: true,
        has_sources: false,
      },
      candidates: [],
    });
  }
  return { images, missingMapping: random.chance(0.25) ? mapping : null };
}

/** The entries and processing errors these platforms add to a full event body. */
export function platformEntries(
  template: ErrorTemplate,
  event: EventRecord,
): { entries: SentryEventEntry[]; errors: SentryEvent['errors'] } {
  const entries: SentryEventEntry[] = [];
  const errors: SentryEvent['errors'] = [];
  const list = threads(template, event);
  if (list) entries.push({ type: 'threads', data: { values: list } });
  const meta = debugMeta(template, event);
  if (meta) {
    entries.push({
      type: 'debugmeta',
      data: {
        images: meta.images,
        sdk_info: {
          sdk_name: 'Android',
          version_major: 14,
          version_minor: 0,
          version_patchlevel: 0,
        },
        is_debug_build: false,
      },
    });
    if (meta.missingMapping) {
      errors.push({
        type: 'proguard_missing_mapping',
        message: 'A proguard mapping file was missing.',
        data: { mapping_uuid: meta.missingMapping },
      });
    }
  }
  return { entries, errors };
}
