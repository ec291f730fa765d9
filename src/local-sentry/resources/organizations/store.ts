/** Organization lookups and updates. */
import { StoreError } from '../../data/errors.ts';
import { storeChanged } from '../../data/generation.ts';
import type { LocalData, OrgData } from '../../data/model.ts';

/** By slug or numeric id (Sentry's `organization_id_or_slug`). */
export function findOrganization(data: LocalData, idOrSlug: string): OrgData | undefined {
  const bySlug = data.organizations.get(idOrSlug);
  if (bySlug) return bySlug;
  for (const org of data.organizations.values()) if (org.wire.id === idOrSlug) return org;
  return undefined;
}

export function updateOrganization(
  data: LocalData,
  org: OrgData,
  patch: { name?: string; slug?: string },
): OrgData {
  storeChanged();
  if (patch.name !== undefined) org.wire.name = patch.name;
  if (patch.slug !== undefined && patch.slug !== org.slug) {
    if (data.organizations.has(patch.slug))
      throw new StoreError('An organization with this slug already exists.', 'slug');
    const old = org.slug;
    org.slug = patch.slug;
    org.wire.slug = patch.slug;
    org.wire.links = { ...org.wire.links, organizationUrl: `https://${patch.slug}.sentry.io` };
    const entries = [...data.organizations.entries()].map(([slug, value]): [string, OrgData] =>
      slug === old ? [patch.slug as string, value] : [slug, value],
    );
    data.organizations.clear();
    for (const [slug, value] of entries) data.organizations.set(slug, value);
    const relink = (record: { org: string }) => {
      record.org = patch.slug as string;
    };
    org.projects.forEach(relink);
    org.teams.forEach(relink);
    org.members.forEach(relink);
    org.issues.forEach(relink);
    org.events.forEach(relink);
    org.releases.forEach(relink);
    org.repositories.forEach(relink);
    for (const repository of org.repositories) repository.commits.forEach(relink);
    for (const project of org.projects) {
      project.keys.forEach(relink);
      project.hooks.forEach(relink);
      project.feedback.forEach(relink);
    }
    for (const issue of org.issues)
      issue.wire.permalink = `https://${patch.slug}.sentry.io/issues/${issue.wire.id}/`;
  }
  return org;
}
