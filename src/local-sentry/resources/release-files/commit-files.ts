/**
 * `GET …/releases/{version}/commitfiles/`: the files each of a release's commits changed, as
 * Sentry's `CommitFileChangeSerializer` writes them. The store keeps no patch sets, so each
 * commit's changes are derived from its SHA: the same commit always lists the same files.
 */
import type { OrgData } from '../../data/model.ts';
import { releaseCommits } from '../releases/commits.ts';
import type { ReleaseRecord } from '../releases/record.ts';

const PATHS = [
  'src/index.ts',
  'src/app.ts',
  'src/api/client.ts',
  'src/components/Header.tsx',
  'src/utils/format.ts',
  'src/services/billing.py',
  'src/handlers/checkout.go',
  'package.json',
  'README.md',
  'config/settings.yml',
];

export interface CommitFileChange {
  id: string;
  orgId: number;
  author: unknown;
  commitMessage: string | null;
  filename: string;
  type: 'A' | 'M' | 'D';
  repoName: string;
}

export function commitFileChanges(org: OrgData, release: ReleaseRecord): CommitFileChange[] {
  const changes: CommitFileChange[] = [];
  for (const commit of releaseCommits(org, release.wire.version)) {
    const sha = commit.wire.id;
    const digit = (index: number) => Number.parseInt(sha[index] ?? '0', 16) || 0;
    const count = 1 + (digit(0) % 3);
    for (let n = 0; n < count; n++) {
      const kind = digit(n + 1);
      changes.push({
        id: `${sha.slice(0, 8)}${n}`,
        orgId: Number(org.wire.id),
        author: commit.wire.author ?? {},
        commitMessage: commit.wire.message,
        filename: PATHS[(digit(n + 4) + n * 3) % PATHS.length] ?? 'README.md',
        type: kind < 3 ? 'A' : kind === 15 ? 'D' : 'M',
        repoName: org.repositoriesById.get(commit.repositoryId)?.wire.name ?? '',
      });
    }
  }
  return changes;
}
