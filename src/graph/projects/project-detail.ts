/**
 * The project detail body (`GET /projects/{org}/{project}/`): its per-request loader and which
 * `Project` fields only it has, so that `project(slug:)` can read the detail alone when the
 * selection needs nothing the list row has that the detail lacks.
 */
import { isObjectType } from 'graphql';
import { loadProjectDetails } from '../../loaders/projects.ts';
import { requestLoader } from '../schema-kit/batching.ts';
import { pricePerItem } from '../schema-kit/query-prices.ts';
import { childFields } from '../schema-kit/selection.ts';

export const projectDetails = requestLoader(loadProjectDetails);

/** `Project` fields answered from the detail body only. */
export const DETAIL_FIELDS = new Set([
  'avatar',
  'isPublic',
  'isInternal',
  'color',
  'status',
  'subjectPrefix',
  'subjectTemplate',
  'digestsMinDelay',
  'digestsMaxDelay',
  'resolveAge',
  'allowedDomains',
  'scrapeJavaScript',
  'verifySsl',
  'securityTokenHeader',
  'defaultEnvironment',
  'highlightTags',
  'dataScrubbing',
  'grouping',
  'processingIssueCount',
]);

// Each costs the project's detail call from a list (one per project, shared): so the estimate.
pricePerItem('Project', DETAIL_FIELDS);

/** `Project` fields of the list row that Sentry's detail body leaves out (per its spec). */
const LIST_ONLY_FIELDS = new Set(['environments', 'hasUserReports', 'latestDeploys']);

/**
 * True when the selection on a project needs the detail body and nothing only the list row
 * has: then the detail call alone answers it (it is a superset of the rest of the row).
 */
export function readsDetailOnly(info: Parameters<typeof childFields>[0]): boolean {
  const type = info.schema.getType('Project');
  if (!isObjectType(type)) return false;
  const names = [...childFields(info, type).values()].map((nodes) => nodes[0]?.name.value ?? '');
  return (
    names.some((name) => DETAIL_FIELDS.has(name)) &&
    !names.some((name) => LIST_ONLY_FIELDS.has(name))
  );
}
