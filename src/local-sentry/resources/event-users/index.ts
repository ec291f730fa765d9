/**
 * End users of the monitored applications (events' `user`): records, generation, wire bodies and
 * the project user list. This folder owns them.
 */
import { type RouteDef, route } from '../../http/context.ts';
import { paginate } from '../../http/pagination.ts';
import { PROJECT_READ } from '../../http/scopes.ts';
import { projectOf } from '../projects/request.ts';
import { projectUsers } from './wire.ts';

export const eventUserRoutes = (): RouteDef[] => [
  route('GET /api/0/projects/{org}/{project}/users/', PROJECT_READ, (context) => {
    let users = projectUsers(context.data, projectOf(context));
    const raw = context.query.get('query');
    if (raw) {
      // `email:a@b`, `username:x`, `id:1`, `ip:1.2.3.4`, or a bare term over all of them.
      const colon = raw.indexOf(':');
      const key = colon > 0 ? raw.slice(0, colon) : undefined;
      const value = (colon > 0 ? raw.slice(colon + 1) : raw).toLowerCase();
      users = users.filter((user) => {
        const fields: Record<string, string> = {
          email: user.email,
          username: user.username,
          id: user.id ?? '',
          ip: user.ipAddress,
        };
        if (key !== undefined) return fields[key]?.toLowerCase() === value;
        return Object.values(fields).some((f) => f.toLowerCase().includes(value));
      });
    }
    return paginate(users, context.page);
  }),
];
