/**
 * The operations under test: every `schema/operations/*.graphql`, with what each file states
 * about itself in its header comment (`# @restCalls N`, `# @variables {...}` whose `"$NAME"`
 * values are placeholders for identifiers picked from the data, and optionally
 * `# @criticalPath N`), completed by `operations-meta.ts`.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type OperationDefinitionNode, parse } from 'graphql';
import { type DataFacts, OPERATIONS_META } from './operations-meta.ts';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/** What an operation file says, before identifiers are filled in. */
export interface OperationFile {
  /** File name, e.g. `issue-stream.graphql`. */
  file: string;
  /** The operation's name, e.g. `IssueStream`. */
  name: string;
  kind: OperationKind;
  /** The whole file: its operation and any fragments it uses. */
  document: string;
  /** `# @restCalls N`: the minimum number of REST calls, as the file states it. */
  statedRestCalls?: number;
  /** `# @criticalPath N`, when the file states it. */
  statedCriticalPath?: number;
  /** `# @variables {...}` as written (placeholders unresolved); `{}` when absent. */
  variablesTemplate: Record<string, unknown>;
  /** Variables declared `Type!` without a default: the run cannot do without them. */
  requiredVariables: string[];
  /** Why the file cannot be benchmarked (not one named operation, bad tags); undefined if fine. */
  invalid?: string;
}

/** An operation ready to run, or the reason it is skipped. */
export interface BenchOperation extends OperationFile {
  variables: Record<string, unknown>;
  /** Minimum REST calls on the data the benchmark runs against. */
  minRestCalls: number;
  /** How `minRestCalls` was derived when it differs from the stated number. */
  minRestCallsNote?: string;
  /** Longest chain of REST calls that must wait on each other's answers. */
  criticalPath: number;
  criticalPathNote: string;
  /** Lists whose items have relations: where batching pays off, checked for ≥ 5× without it. */
  listHeavy: boolean;
  /** Measured for throughput and the gateway's added latency. */
  throughput: boolean;
  /** Why it is not run; undefined when it runs. */
  skip?: string;
}

const tag = (text: string, name: string) =>
  new RegExp(`^#\\s*@${name}\\s+(.+?)\\s*$`, 'm').exec(text)?.[1];

/** Parses one operation file; throws on a file that is not exactly one named operation. */
export function parseOperationFile(file: string, text: string): OperationFile {
  const definitions = parse(text).definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition',
  );
  const [operation, ...others] = definitions;
  if (!operation || others.length > 0) {
    throw new Error(`${file}: expected exactly one operation, found ${definitions.length}`);
  }
  if (!operation.name) throw new Error(`${file}: the operation has no name`);
  const restCalls = tag(text, 'restCalls');
  const criticalPath = tag(text, 'criticalPath');
  const variables = tag(text, 'variables');
  const integer = (raw: string | undefined, what: string) => {
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${file}: ${what} must be an integer, got "${raw}"`);
    return Number(raw);
  };
  let variablesTemplate: Record<string, unknown> = {};
  if (variables !== undefined) {
    try {
      variablesTemplate = JSON.parse(variables) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file}: @variables is not JSON: ${(error as Error).message}`);
    }
  }
  const parsed: OperationFile = {
    file,
    name: operation.name.value,
    kind: operation.operation,
    document: text,
    variablesTemplate,
    requiredVariables: (operation.variableDefinitions ?? [])
      .filter((definition) => definition.type.kind === 'NonNullType' && !definition.defaultValue)
      .map((definition) => definition.variable.name.value),
  };
  const statedRestCalls = integer(restCalls, '@restCalls');
  if (statedRestCalls !== undefined) parsed.statedRestCalls = statedRestCalls;
  const statedCriticalPath = integer(criticalPath, '@criticalPath');
  if (statedCriticalPath !== undefined) parsed.statedCriticalPath = statedCriticalPath;
  return parsed;
}

/**
 * Reads every `*.graphql` of `directory`, sorted by file name. A file that does not parse as
 * one named operation with valid tags comes back `invalid` (and is skipped with the reason),
 * so one broken file never stops the run.
 */
export async function readOperationFiles(directory: string): Promise<OperationFile[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.graphql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(directory, file), 'utf8');
      try {
        return parseOperationFile(basename(file), text);
      } catch (error) {
        return {
          file,
          name: file.replace(/\.graphql$/, ''),
          kind: 'query' as const,
          document: text,
          variablesTemplate: {},
          requiredVariables: [],
          invalid: (error as Error).message,
        };
      }
    }),
  );
}

/** Identifiers picked from the running data that `"$NAME"` placeholders stand for. */
export type Fixtures = Record<string, unknown>;

/** Replaces `"$NAME"` values with `fixtures.NAME`; returns the names it could not fill. */
export function fillVariables(
  template: Record<string, unknown>,
  fixtures: Fixtures,
): { variables: Record<string, unknown>; missing: string[] } {
  const variables: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [name, value] of Object.entries(template)) {
    if (typeof value === 'string' && /^\$[A-Z_]+$/.test(value)) {
      const filled = fixtures[value.slice(1)];
      if (filled === undefined) missing.push(value);
      else variables[name] = filled;
    } else {
      variables[name] = value;
    }
  }
  return { variables, missing };
}

/**
 * Completes an operation file with its variables and its targets on this data: the minimum
 * REST calls (the stated one unless the metadata recomputes it for the data's size), the
 * critical path (stated, else from the metadata, else 1 with a note), list-heaviness, and
 * whether it is skipped (non-repeatable mutations, missing identifiers, no stated minimum).
 */
export function prepareOperation(
  file: OperationFile,
  fixtures: Fixtures,
  facts: DataFacts,
): BenchOperation {
  const meta = OPERATIONS_META[file.name];
  const { variables, missing } = fillVariables(
    { ...file.variablesTemplate, ...meta?.variables },
    fixtures,
  );
  const stated = file.statedRestCalls;
  const computed = meta?.minRestCalls?.(facts);
  const criticalPath = file.statedCriticalPath ?? meta?.criticalPath ?? 1;
  const operation: BenchOperation = {
    ...file,
    variables,
    minRestCalls: computed?.calls ?? stated ?? 0,
    criticalPath,
    criticalPathNote:
      file.statedCriticalPath !== undefined
        ? 'stated in the operation file'
        : (meta?.criticalPathNote ?? 'not stated anywhere; assumed 1'),
    listHeavy: meta?.listHeavy ?? false,
    throughput: meta?.throughput ?? false,
  };
  if (computed && computed.calls !== stated) {
    operation.minRestCallsNote = `${computed.note} (the file states ${stated ?? 'none'} for the small demo data)`;
  }
  const unfilled = file.requiredVariables.filter((name) => !(name in variables));
  if (file.invalid !== undefined) {
    operation.skip = file.invalid;
  } else if (file.kind === 'subscription') {
    operation.skip = 'subscription: not a request/response operation';
  } else if (file.kind === 'mutation' && !meta?.repeatable) {
    operation.skip =
      meta?.skipReason ??
      'mutation: not marked repeatable in bench/operations-meta.ts (it changes the store)';
  } else if (missing.length > 0) {
    operation.skip = `no identifier in the data for ${missing.join(', ')}`;
  } else if (unfilled.length > 0) {
    operation.skip = `no value for required variable(s) ${unfilled.map((n) => `$${n}`).join(', ')}`;
  } else if (stated === undefined && computed === undefined) {
    operation.skip = 'the file states no minimum (# @restCalls N)';
  }
  return operation;
}
