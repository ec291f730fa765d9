/** The organization a request's path names. */
import type { OrgData } from '../../data/model.ts';
import type { RequestContext } from '../../http/context.ts';
import { notFound } from '../../http/reply.ts';

/** The organization of the request (the server has checked it exists and is allowed). */
export function orgOf(context: RequestContext): OrgData {
  const org = context.data.organizations.get(context.params['org'] ?? '');
  if (!org) throw notFound();
  return org;
}
