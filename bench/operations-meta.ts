/**
 * What the benchmark needs to know about each operation beyond what its file states: the
 * critical path (the longest chain of REST calls that must wait on each other's answers; the
 * physical limit is that times the upstream latency), whether it is list-heavy, which ones are
 * measured for throughput, and minimums that depend on the size of the data.
 *
 * A critical path counts only real data dependencies: a call that needs an identifier from
 * another call's answer waits for it; calls whose inputs are all in the variables do not,
 * even when the gateway happens to make them one after the other.
 *
 * List-heavy: a list whose items have relations or bodies that a naive gateway (`--no-batch`)
 * loads one by one (an issue row's project and assignee, an event's full body, many ids). Lists
 * whose items need nothing beyond their own row (the dashboard's per-project issue lists,
 * which Sentry cannot answer in one call anyway) are not: batching has nothing to save there.
 */

/** Sizes of the running data that some minimums depend on. */
export interface DataFacts {
  /** Projects of the organization `acme`. */
  acmeProjects: number;
}

export interface OperationMeta {
  criticalPath?: number;
  /** Why the critical path is what it is. */
  criticalPathNote?: string;
  /** The minimum on this data, when it differs from the stated (small-data) number. */
  minRestCalls?: (facts: DataFacts) => { calls: number; note: string };
  /** Lists of items with relations: batching off must cost at least 5× the calls. */
  listHeavy?: boolean;
  /** One of the operations measured for throughput and added latency. */
  throughput?: boolean;
  /** Variables that override or complete the file's `@variables`. */
  variables?: Record<string, unknown>;
  /** A mutation that may be repeated (idempotent enough); others are skipped. */
  repeatable?: boolean;
  /** Why a mutation is not repeatable, printed when it is skipped. */
  skipReason?: string;
}

/** Keyed by operation name. */
export const OPERATIONS_META: Record<string, OperationMeta> = {
  EventById: {
    criticalPath: 2,
    criticalPathNote: 'eventids lookup → the issue row by the issue id it returns',
  },
  EventPage: {
    criticalPath: 1,
    criticalPathNote:
      'the issue row and the event both need only variables (org, issue id, event id)',
  },
  IssueByShortId: {
    criticalPath: 1,
    criticalPathNote: 'one call',
  },
  IssueEvents: {
    criticalPath: 1,
    criticalPathNote: 'the issue row and its event list both need only the issue id',
    listHeavy: true,
  },
  IssuePage: {
    criticalPath: 2,
    criticalPathNote: 'short id → numeric id, then tags and latest event in parallel',
    throughput: true,
  },
  IssueStream: {
    criticalPath: 1,
    criticalPathNote: 'one list call; rows embed project and assignee',
    listHeavy: true,
    throughput: true,
  },
  NodesRefetch: {
    criticalPath: 1,
    criticalPathNote: 'issues by group= and projects by id: in parallel, both from the ids',
    // The bench refetches 20 issues and 5 projects (the file: "any number").
    listHeavy: true,
  },
  OrgSwitcher: {
    criticalPath: 1,
    criticalPathNote: 'one call',
  },
  ProjectDashboard: {
    criticalPath: 2,
    criticalPathNote:
      'organization ‖ project list → one issue list per project (needs the project ids)',
    minRestCalls: ({ acmeProjects }) => {
      const listed = Math.min(10, acmeProjects);
      return {
        calls: 2 + listed,
        note: `2 + one per project listed: 2 + ${listed} (projects(first: 10) of ${acmeProjects})`,
      };
    },
    throughput: true,
  },
  ProjectOverview: {
    criticalPath: 2,
    criticalPathNote: 'project by slug → issue, release and event lists by its id',
  },
  ReleaseCreate: {
    // Sentry answers an existing version with that release (208): every run costs the same.
    repeatable: true,
  },
  ReleaseDeploy: {
    repeatable: false,
    skipReason: 'mutation: every run records one more deploy, so the runs would not be alike',
  },
  TriageBulk: {
    // Sets the same status and bookmark on the same two issues every time.
    repeatable: true,
  },
  TriageIssue: {
    // Sets the same status, priority and assignee on the same issue every time.
    repeatable: true,
  },
  ReleasePage: {
    criticalPath: 1,
    criticalPathNote:
      'release, deploys, commits and new issues all need only the version from the variables',
  },
};
