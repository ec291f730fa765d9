/** SCIM Groups: the organization's teams; a group's members are team members. */

import { StoreError } from '../../data/errors.ts';
import type { OrgData } from '../../data/model.ts';
import { slugify } from '../../data/wire.ts';
import { type RequestContext, type RouteDef, route } from '../../http/context.ts';
import { TEAM_ADMIN, TEAM_READ, TEAM_WRITE } from '../../http/scopes.ts';
import type { MemberRecord } from '../members/record.ts';
import { findMember } from '../members/store.ts';
import { setMemberTeams } from '../members/write.ts';
import { orgOf } from '../organizations/request.ts';
import type { TeamRecord } from '../teams/record.ts';
import { addTeam, deleteTeam, updateTeam } from '../teams/store.ts';
import { teamMembers } from '../teams/wire.ts';
import { filterValue, patchOperations, scimList } from './list.ts';
import { scimError, scimGroup, scimHandler, scimReply } from './wire.ts';

const GROUPS = '/api/0/organizations/{org}/scim/v2/Groups';

/** Numeric team ids only, as Sentry's SCIM routes take them. */
function teamOf(context: RequestContext, org: OrgData): TeamRecord {
  const id = context.params['team_id'] ?? '';
  const team = /^\d+$/.test(id) ? org.teamsById.get(id) : undefined;
  if (!team) throw scimError(404, 'Group not found.');
  return team;
}

const withoutMembers = (context: RequestContext): boolean =>
  (context.query.get('excludedAttributes') ?? '')
    .split(',')
    .some((name) => name.trim() === 'members');

function storeWrite<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    if (error instanceof StoreError) {
      throw scimError(error.message.includes('already') ? 409 : 400, error.message);
    }
    throw error;
  }
}

/** `[{"value": "<member id>"}, ...]` → the members, or a SCIM 400. */
function membersOf(org: OrgData, value: unknown): MemberRecord[] {
  if (!Array.isArray(value)) throw scimError(400, 'Invalid Patch Operation.');
  return value.map((item) => {
    const id = String((item as { value?: unknown } | null)?.value ?? '');
    const member = findMember(org, id);
    if (member?.wire.inviteStatus !== 'approved') {
      throw scimError(400, 'Invalid Member ID');
    }
    return member;
  });
}

function rename(org: OrgData, team: TeamRecord, displayName: unknown): void {
  if (typeof displayName !== 'string' || slugify(displayName) === '') {
    throw scimError(400, 'Invalid Patch Operation.');
  }
  storeWrite(() => updateTeam(org, team, { slug: slugify(displayName), name: displayName }));
}

/** Applies one PatchOp operation of the four Sentry supports. */
function applyOperation(
  org: OrgData,
  team: TeamRecord,
  { op, path, value }: { op: string; path?: string; value?: unknown },
): void {
  const slug = () => team.wire.slug;
  const removeMatch = path ? /^members\[value eq "(\d+)"\]$/.exec(path) : null;
  if (op === 'replace' && path === undefined) {
    rename(org, team, (value as { displayName?: unknown } | null)?.displayName);
    return;
  }
  if (op === 'replace' && path === 'displayName') {
    rename(org, team, value);
    return;
  }
  if ((op === 'add' || op === 'replace') && path === 'members') {
    const wanted = membersOf(org, value);
    if (op === 'replace') {
      for (const member of teamMembers(org, team)) {
        if (!wanted.includes(member)) {
          setMemberTeams(
            org,
            member,
            member.teamSlugs.filter((s) => s !== slug()),
          );
        }
      }
    }
    for (const member of wanted) setMemberTeams(org, member, [...member.teamSlugs, slug()]);
    return;
  }
  if (op === 'remove' && removeMatch) {
    const member = findMember(org, removeMatch[1] ?? '');
    if (member)
      setMemberTeams(
        org,
        member,
        member.teamSlugs.filter((s) => s !== slug()),
      );
    return;
  }
  throw scimError(400, 'Invalid Patch Operation.');
}

export const scimGroupRoutes = (): RouteDef[] => [
  route(
    `GET ${GROUPS}`,
    TEAM_READ,
    scimHandler((context) => {
      const org = orgOf(context);
      const raw = filterValue(context, 'displayName');
      const wanted = raw === undefined ? undefined : slugify(raw);
      const teams = org.teams
        .filter((team) => wanted === undefined || team.wire.slug === wanted)
        .sort((a, b) => Number(a.wire.id) - Number(b.wire.id));
      const members = !withoutMembers(context);
      return scimList(context, teams, (team) => scimGroup(org, team, { members }));
    }),
  ),

  route(
    `POST ${GROUPS}`,
    TEAM_WRITE,
    scimHandler((context) => {
      const org = orgOf(context);
      const displayName = (context.body as { displayName?: unknown } | undefined)?.displayName;
      if (typeof displayName !== 'string' || slugify(displayName) === '') {
        throw scimError(400, 'displayName: This field is required.');
      }
      // Sentry lower-cases and dashes the name into the slug; the group starts empty.
      const team = storeWrite(() =>
        addTeam(context.data, org, { slug: slugify(displayName), name: displayName }),
      );
      return scimReply(201, scimGroup(org, team));
    }),
  ),

  route(
    `GET ${GROUPS}/{team_id}`,
    TEAM_READ,
    scimHandler((context) => {
      const org = orgOf(context);
      const members = !withoutMembers(context);
      return scimReply(200, scimGroup(org, teamOf(context, org), { members }));
    }),
  ),

  route(
    `PATCH ${GROUPS}/{team_id}`,
    TEAM_WRITE,
    scimHandler((context) => {
      const org = orgOf(context);
      const team = teamOf(context, org);
      const operations = patchOperations(context.body);
      for (const operation of operations) applyOperation(org, team, operation);
      return scimReply(204);
    }),
  ),

  route(
    `DELETE ${GROUPS}/{team_id}`,
    TEAM_ADMIN,
    scimHandler((context) => {
      const org = orgOf(context);
      deleteTeam(org, teamOf(context, org));
      return scimReply(204);
    }),
  ),
];
