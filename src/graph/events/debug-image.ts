/** `DebugImage`: a module, ProGuard mapping or source bundle of an event's `debugmeta` entry. */
import type { SentryDebugImage } from '../../sentry/types.ts';
import { builder } from '../schema-kit/builder.ts';

const IMAGE_TYPES = [
  'macho',
  'elf',
  'pe',
  'wasm',
  'symbolic',
  'apple',
  'proguard',
  'jvm',
  'sourcemap',
] as const;

export const DebugImageType = builder.enumType('DebugImageType', {
  description: 'Kind of a debug image.',
  values: {
    MACHO: { value: 'macho', description: 'A Mach-O module (Apple platforms).' },
    ELF: { value: 'elf', description: 'An ELF module (Linux, Android).' },
    PE: { value: 'pe', description: 'A PE module (Windows).' },
    WASM: { value: 'wasm', description: 'A WebAssembly module.' },
    SYMBOLIC: { value: 'symbolic', description: 'A native module of unspecified format.' },
    APPLE: { value: 'apple', description: 'A Mach-O module in the legacy format.' },
    PROGUARD: { value: 'proguard', description: 'A ProGuard / R8 mapping, by `uuid`.' },
    JVM: { value: 'jvm', description: 'A JVM source bundle, by `debugId`.' },
    SOURCEMAP: { value: 'sourcemap', description: 'A JavaScript source map, by `debugId`.' },
    OTHER: { value: 'other', description: 'A kind Sentry added later.' },
  } as const,
});

const DEBUG_STATUS =
  'Whether Sentry found its debug file: "found", "missing", "unused", "malformed", "fetching_failed", "timeout", "too_large", "other".';

export const DebugImage = builder.objectRef<SentryDebugImage>('DebugImage').implement({
  description:
    'A debug image the event references: native modules with their load address, ProGuard mappings, JVM bundles, source maps. Fields a kind does not have are null.',
  fields: (t) => {
    const text = (key: keyof SentryDebugImage, description: string) =>
      t.string({
        nullable: true,
        description,
        resolve: (image) => {
          const value = image[key];
          return typeof value === 'string' ? value : null;
        },
      });
    const feature = (key: string, description: string) =>
      t.boolean({
        nullable: true,
        description,
        resolve: (image) => {
          const value = image.features?.[key];
          return typeof value === 'boolean' ? value : null;
        },
      });
    return {
      type: t.field({
        type: DebugImageType,
        resolve: (image) =>
          (IMAGE_TYPES as readonly string[]).includes(image.type)
            ? (image.type as (typeof IMAGE_TYPES)[number])
            : 'other',
      }),
      debugId: text('debug_id', 'Id of its debug file (a UUID-like debug identifier).'),
      debugFile: text('debug_file', 'Name of its debug file.'),
      codeId: text('code_id', 'Id of the executable (build id).'),
      codeFile: text('code_file', 'Path of the executable or library.'),
      uuid: text('uuid', 'The ProGuard mapping id.'),
      imageAddr: text('image_addr', 'Load address, hex.'),
      imageVmAddr: text('image_vmaddr', 'Preferred load address, hex.'),
      imageSize: t.float({
        nullable: true,
        description: 'Size in bytes (Float: images can pass 2 GiB).',
        resolve: (image) => image.image_size ?? null,
      }),
      arch: text('arch', 'CPU architecture, e.g. "arm64".'),
      debugStatus: text('debug_status', DEBUG_STATUS),
      unwindStatus: text('unwind_status', `As \`debugStatus\`, for unwind information.`),
      hasDebugInfo: feature('has_debug_info', 'Its debug file has debug information.'),
      hasUnwindInfo: feature('has_unwind_info', 'Its debug file has unwind information.'),
      hasSymbols: feature('has_symbols', 'Its debug file has a symbol table.'),
      hasSources: feature('has_sources', 'Its debug file embeds sources.'),
    };
  },
});
