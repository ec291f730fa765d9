/** Seeded releases of a project, with the repository, commits, deploys and files behind them. */
import type { SentryUser } from '../../../sentry/types.ts';
import type { OrgData } from '../../data/model.ts';
import { FIRST_NAMES, LAST_NAMES } from '../../data/names.ts';
import { nextId } from '../../data/store.ts';
import { DAY, HOUR, iso } from '../../data/time.ts';
import type { Seeding } from '../../data/world.ts';
import { activeMembers } from '../members/store.ts';
import type { ProjectRecord } from '../projects/record.ts';
import { buildRelease } from './build.ts';
import { buildDeploy } from './deploys.ts';
import type { CommitRecord, ReleaseRecord } from './record.ts';
import { addRepository } from './repositories.ts';

const COMMIT_VERBS = ['fix', 'feat', 'perf', 'refactor', 'chore'];
const COMMIT_SUBJECTS = [
  'handle missing customer_id in order payload',
  'retry payment provider timeouts with backoff',
  'guard against empty cart on checkout',
  'upgrade sentry sdk',
  'add index on orders.created_at',
  'cache exchange rates for five minutes',
  'lazy-load the charts bundle',
  'validate quantity before creating invoice',
  'close db connections after celery tasks',
  'show a toast when the session expires',
  'stop double-submitting the checkout form',
  'log the upstream status on quote failures',
  'bump dependencies',
  'split the order list into pages',
  'normalize emails before uniqueness checks',
];

/** Sorts ISO dates newest first. */
const compareDesc = (a: string | null | undefined, b: string | null | undefined): number =>
  (b ?? '').localeCompare(a ?? '');

/** An organization's releases newest first, once every project has its own. */
export function sortReleases(org: OrgData): void {
  org.releases.sort((a, b) => compareDesc(a.wire.dateCreated, b.wire.dateCreated));
}

/**
 * A project's releases (a few a month over 88 days) with its repository, commits, deploys, files.
 */
export function generateReleases(
  { data, rng, spec }: Seeding,
  org: OrgData,
  project: ProjectRecord,
): void {
  const now = data.now;
  const slug = project.wire.slug;
  const repo = addRepository(data, org, `${org.slug}/${slug}`, project.wire.dateCreated);

  const members = activeMembers(org);
  const count = rng.int(...spec.releasesPerProject);
  let minor = rng.int(0, 9);
  let patch = 0;
  const major = rng.int(1, 3);
  const window = 88 * DAY;
  const releases: ReleaseRecord[] = [];
  for (let r = 0; r < count; r++) {
    if (r > 0) {
      if (rng.chance(0.7)) {
        minor++;
        patch = 0;
      } else {
        patch++;
      }
    }
    const version = `${slug}@${major}.${minor}.${patch}`;
    const released = now - 89 * DAY + Math.floor(((r + 0.2 + rng.float() * 0.6) * window) / count);
    const created = released - rng.int(10, 90) * 60_000;

    // Commits made in the days before the release.
    const commitIds: string[] = [];
    const commitCount = rng.int(...spec.commitsPerRelease);
    const authors = new Map<string, SentryUser | { name: string | null; email: string }>();
    let lastCommit: CommitRecord | null = null;
    for (let c = 0; c < commitCount; c++) {
      const sha = rng.hex(40);
      const date = created - (c + 1) * rng.int(2, 20) * HOUR;
      const mapped = rng.chance(0.75) && members.length > 0;
      let author: SentryUser | { name: string | null; email: string };
      if (mapped) {
        const member = rng.pick(members);
        author = data.users.get(member.userId ?? '') as SentryUser;
      } else {
        const first = rng.pick(FIRST_NAMES);
        const last = rng.pick(LAST_NAMES);
        author = {
          name: `${first} ${last}`,
          email: `${first}.${last}@users.noreply.github.com`.toLowerCase(),
        };
      }
      authors.set(author.email, author);
      const commit: CommitRecord = {
        org: org.slug,
        repositoryId: repo.wire.id,
        wire: {
          id: sha,
          message: `${rng.pick(COMMIT_VERBS)}: ${rng.pick(COMMIT_SUBJECTS)}`,
          dateCreated: iso(date),
          pullRequest: null,
          suspectCommitType: '',
          repository: repo.wire,
          author,
        },
        releaseVersions: [version],
      };
      repo.commits.push(commit);
      repo.commitsById.set(sha, commit);
      commitIds.push(sha);
      if (lastCommit === null) lastCommit = commit;
    }

    const release: ReleaseRecord = {
      org: org.slug,
      wire: buildRelease({
        id: Number(nextId(data, 'release')),
        version,
        ref: lastCommit?.wire.id ?? null,
        url: `https://github.com/${repo.wire.name}/releases/tag/${major}.${minor}.${patch}`,
        dateCreated: iso(created),
        dateReleased: iso(released),
        projects: [project.wire],
      }),
      projectIds: [project.wire.id],
      deploys: [],
      commitIds,
      files: [],
    };
    release.wire.commitCount = commitIds.length;
    release.wire.authors = [...authors.values()];
    // Seeded releases were created by sentry-cli in CI (no random draw: the data stays as it was).
    release.wire.userAgent = 'sentry-cli/2.39.1';
    release.wire.lastCommit = lastCommit
      ? { ...lastCommit.wire, repository: { ...repo.wire } }
      : null;

    const newest = r === count - 1;
    const deploys = [];
    if (rng.chance(0.7)) deploys.push({ env: 'staging', at: released + rng.int(10, 120) * 60_000 });
    if (rng.chance(newest ? 0.5 : 0.85)) {
      deploys.push({ env: 'production', at: released + rng.int(3, 30) * HOUR });
    }
    for (const { env, at } of deploys) {
      if (at >= now) continue;
      const id = nextId(data, 'deploy');
      release.deploys.unshift(
        buildDeploy({
          id,
          environment: env,
          name: `${version} to ${env}`,
          url: rng.chance(0.5) ? `https://ci.${org.slug}.example.com/deploys/${id}` : null,
          dateStarted: iso(at - rng.int(2, 15) * 60_000),
          dateFinished: iso(at),
        }),
      );
    }
    release.wire.deployCount = release.deploys.length;
    release.wire.lastDeploy = release.deploys[0] ?? null;

    if (project.wire.platform === 'javascript' || project.wire.platform === 'node') {
      const bundle = rng.hex(8);
      const prefix = project.wire.platform === 'javascript' ? '~/static/js' : 'app:///dist';
      const names =
        project.wire.platform === 'javascript'
          ? [`main.${bundle}.js`, `main.${bundle}.js.map`, `vendor.${rng.hex(8)}.js`]
          : ['server.js', 'server.js.map'];
      for (const name of names) {
        const map = name.endsWith('.map');
        release.files.push({
          id: nextId(data, 'file'),
          name: `${prefix}/${name}`,
          dist: null,
          headers: { 'Content-Type': map ? 'application/json' : 'application/javascript' },
          size: rng.int(map ? 200_000 : 40_000, map ? 2_000_000 : 600_000),
          sha1: rng.hex(40),
          dateCreated: iso(created + 60_000),
        });
      }
    }

    releases.push(release);
    org.releases.push(release);
    org.releasesByVersion.set(version, release);
  }
  repo.commits.sort((a, b) => compareDesc(a.wire.dateCreated, b.wire.dateCreated));

  const latest = releases[releases.length - 1];
  project.wire.latestRelease = latest ? { version: latest.wire.version } : null;
  const latestDeploys: Record<string, Record<string, string>> = {};
  for (const release of releases) {
    for (const deploy of [...release.deploys].reverse()) {
      latestDeploys[deploy.environment] = {
        version: release.wire.version,
        dateFinished: deploy.dateFinished,
      };
    }
  }
  project.wire.latestDeploys = Object.keys(latestDeploys).length > 0 ? latestDeploys : null;
}

/** Fills in what releases learn from events: first/last event and new issue counts. */
export function finishReleases(org: OrgData): void {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const event of org.events) {
    if (event.release === null) continue;
    first.set(
      event.release,
      Math.min(first.get(event.release) ?? Number.POSITIVE_INFINITY, event.timestamp),
    );
    last.set(event.release, Math.max(last.get(event.release) ?? 0, event.timestamp));
  }
  const newGroups = new Map<string, number>();
  for (const issue of org.issues) {
    if (issue.firstRelease !== null) {
      newGroups.set(issue.firstRelease, (newGroups.get(issue.firstRelease) ?? 0) + 1);
    }
  }
  for (const release of org.releases) {
    const version = release.wire.version;
    const firstAt = first.get(version);
    const lastAt = last.get(version);
    release.wire.firstEvent = firstAt === undefined ? null : iso(firstAt);
    release.wire.lastEvent = lastAt === undefined ? null : iso(lastAt);
    release.wire.newGroups = newGroups.get(version) ?? 0;
    for (const project of release.wire.projects) project.newGroups = release.wire.newGroups;
  }
}
