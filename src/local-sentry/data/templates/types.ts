/** The shapes error templates are made of and the templates themselves. */
import type { SentryContextLine, SentryIssueLevel } from '../../../sentry/types.ts';

export type Platform = 'python' | 'javascript' | 'node' | 'go' | 'java';

export interface FrameTemplate {
  filename: string;
  absPath: string;
  module: string | null;
  function: string;
  lineNo: number;
  colNo: number | null;
  inApp: boolean;
  context: SentryContextLine[];
  /** Local variable names shown in `vars` (values come from the event's seed). */
  vars: string[];
}

export interface ErrorTemplate {
  /** Position in the generator's template list (stable for a given seed). */
  index: number;
  platform: Platform;
  type: string;
  value: string;
  module: string | null;
  culprit: string;
  /** Transaction / route the error happens in, e.g. `/api/orders/{order_id}/`. */
  transaction: string;
  level: SentryIssueLevel;
  handled: boolean;
  mechanism: string;
  /** Oldest call first; the crashing frame is last, as Sentry orders them. */
  frames: FrameTemplate[];
  sdk: { name: string; version: string };
  logger: string | null;
}

export interface Failure {
  type: string;
  value: string;
  module?: string;
  /** The line that throws; `{v}` is replaced by a variable name of the location. */
  statement: string;
  level?: SentryIssueLevel;
  handled?: boolean;
}

export interface Location {
  file: string;
  module: string;
  fn: string;
  transaction: string;
  /** Lines before and after the throwing line. */
  before: string[];
  after: string[];
  vars: string[];
}

/** A framework frame (not in-app) under the application's frames; context is filled in. */
export type FrameworkFrame = Omit<FrameTemplate, 'context' | 'vars'>;

/** What one platform contributes: its failures, its code locations, its framework frames. */
export interface PlatformCatalog {
  failures: Failure[];
  locations: Location[];
  framework: FrameworkFrame[];
}
