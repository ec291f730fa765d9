/**
 * Realistic error shapes per platform: exception types and messages, the code that throws
 * them, and the stack around it. The generator combines one failure with one code location
 * into an `ErrorTemplate`; issues share templates, so events cost no memory for their stacks.
 * This folder owns the templates: one file per platform, the shapes in `types.ts`.
 */
import type { SentryContextLine } from '../../../sentry/types.ts';
import { GO } from './go.ts';
import { JAVA } from './java.ts';
import { JS } from './javascript.ts';
import { NODE } from './node.ts';
import { PYTHON } from './python.ts';
import type { ErrorTemplate, FrameTemplate, Location, Platform, PlatformCatalog } from './types.ts';

export type { ErrorTemplate, FrameTemplate, Platform } from './types.ts';

const CATALOG: Record<Platform, PlatformCatalog> = {
  python: PYTHON,
  javascript: JS,
  node: NODE,
  go: GO,
  java: JAVA,
};

export const SDKS: Record<Platform, { name: string; version: string }> = {
  python: { name: 'sentry.python.django', version: '2.18.0' },
  javascript: { name: 'sentry.javascript.react', version: '8.40.0' },
  node: { name: 'sentry.javascript.node', version: '8.40.0' },
  go: { name: 'sentry.go', version: '0.29.1' },
  java: { name: 'sentry.java.android', version: '7.18.0' },
};

export const PLATFORMS: readonly Platform[] = ['python', 'javascript', 'node', 'go', 'java'];

function culpritOf(platform: Platform, location: Location): string {
  if (platform === 'python' || platform === 'java') return `${location.module} in ${location.fn}`;
  if (platform === 'go') return `${location.fn} in ${location.module}`;
  return `${location.fn}(${location.file})`;
}

function withContext(lineNo: number, lines: string[]): SentryContextLine[] {
  const first = lineNo - 3;
  return lines.map((line, i): SentryContextLine => [first + i, line]);
}

function absPathOf(platform: Platform, file: string): string {
  switch (platform) {
    case 'python':
      return `/srv/app/${file}`;
    case 'javascript':
      return `https://app.example.com/${file.replace(/\.tsx?$/, '.js')}`;
    case 'node':
      return `/app/${file}`;
    case 'go':
      return `/build/${file}`;
    case 'java':
      return file;
  }
}

/** Every failure × location of a platform, in a fixed order. */
export function buildTemplates(): ErrorTemplate[] {
  const templates: ErrorTemplate[] = [];
  for (const platform of PLATFORMS) {
    const { failures, locations, framework: frameworkFrames } = CATALOG[platform];
    for (const failure of failures) {
      for (const [li, location] of locations.entries()) {
        const lineNo = 12 + ((li * 17 + failure.statement.length) % 180);
        const crash: FrameTemplate = {
          filename: location.file,
          absPath: absPathOf(platform, location.file),
          module: location.module,
          function: location.fn,
          lineNo,
          colNo: platform === 'javascript' || platform === 'node' ? 3 + (lineNo % 40) : null,
          inApp: true,
          context: withContext(lineNo, [...location.before, failure.statement, ...location.after]),
          vars: location.vars,
        };
        const framework = frameworkFrames.map(
          (frame): FrameTemplate => ({
            ...frame,
            context: withContext(frame.lineNo, ['', '', '', `    # ${frame.function}`, '', '', '']),
            vars: [],
          }),
        );
        templates.push({
          index: templates.length,
          platform,
          type: failure.type,
          value: failure.value,
          module: failure.module ?? null,
          culprit: culpritOf(platform, location),
          transaction: location.transaction,
          level: failure.level ?? 'error',
          handled: failure.handled ?? false,
          mechanism:
            platform === 'javascript' ? 'onerror' : platform === 'python' ? 'django' : 'generic',
          frames: [...framework, crash],
          sdk: SDKS[platform],
          logger: null,
        });
      }
    }
  }
  return templates;
}
