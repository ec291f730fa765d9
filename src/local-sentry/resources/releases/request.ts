/** The release a request's path names (`{version}`). */
import type { RequestContext } from '../../http/context.ts';
import { found } from '../../http/reply.ts';
import { orgOf } from '../organizations/request.ts';
import type { ReleaseRecord } from './record.ts';
import { findRelease } from './store.ts';

export function releaseOf(context: RequestContext): ReleaseRecord {
  return found(findRelease(orgOf(context), context.params['version'] ?? ''));
}
