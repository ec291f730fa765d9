/** The stored organization body, as a seeded or created organization has it. */
import type { SentryOrganization } from '../../../sentry/types.ts';
import { ACCESS_SCOPES, letterAvatar } from '../../data/wire.ts';

export function buildOrganization(input: {
  id: string;
  slug: string;
  name: string;
  dateCreated: string;
}): SentryOrganization {
  return {
    id: input.id,
    slug: input.slug,
    name: input.name,
    status: { id: 'active', name: 'active' },
    dateCreated: input.dateCreated,
    isEarlyAdopter: false,
    require2FA: false,
    avatar: letterAvatar(),
    // The local server rewrites both to its own URL (see `organizationBody` in wire.ts).
    links: {
      organizationUrl: `https://${input.slug}.sentry.io`,
      regionUrl: 'https://us.sentry.io',
    },
    hasAuthProvider: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    features: ['discover-basic', 'global-views', 'incidents', 'performance-view', 'release-health'],
    access: [...ACCESS_SCOPES],
  };
}
