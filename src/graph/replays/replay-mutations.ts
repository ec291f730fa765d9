/** `deleteReplay`: deletes a session replay with its recording. */
import { splitKey } from '../../loaders/keys.ts';
import { type ReplayKey, replayKey } from '../../loaders/replays.ts';
import { builder } from '../schema-kit/builder.ts';
import { encodeGlobalId } from '../schema-kit/global-id.ts';
import { deleted } from '../schema-kit/mutations/deletes.ts';
import {
  type DeletedPayload,
  deletedPayload,
  MUTATION_SCOPES,
} from '../schema-kit/mutations/payloads.ts';
import { attempt, readIdOf, UserErrors } from '../schema-kit/mutations/user-errors.ts';
import { Replay } from './replay.ts';

const parseReplayKey = (id: string): ReplayKey => replayKey(...splitKey(id));

builder.relayMutationField(
  'deleteReplay',
  {
    description: 'The session replay to delete.',
    inputFields: (t) => ({ id: t.id({ description: 'The `Replay` to delete.' }) }),
  },
  {
    description:
      'Deletes a session replay and its recording. Two REST calls: the replay (`GET /organizations/{org}/replays/{id}/`, for its project; none when this request already loaded it), then `DELETE /projects/{org}/{project}/replays/{id}/`. A malformed id is a user error and sends nothing.',
    nullable: true,
    authScopes: MUTATION_SCOPES,
    resolve: async (_root, { input }, context): Promise<DeletedPayload<'deletedReplayId'>> => {
      const errors = new UserErrors();
      const key = readIdOf(errors, ['input', 'id'], String(input.id), 'Replay', parseReplayKey);
      if (key === undefined) return { deletedReplayId: null, userErrors: errors.list };
      const options = { target: ['input', 'id'], what: 'replay' } as const;
      const loader = Replay.getDataloader(context);
      const replay = await attempt(errors, options, () => loader.load(key));
      if (!replay) return { deletedReplayId: null, userErrors: errors.list };
      const [org, replayId] = splitKey(key);
      const done = await deleted(errors, options, () =>
        context.sentry.replays.delete(org, replay.project_id, replayId),
      ).finally(() => loader.clear(key));
      return {
        deletedReplayId: done ? encodeGlobalId('Replay', key) : null,
        userErrors: errors.list,
      };
    },
  },
  deletedPayload(
    'deleteReplay',
    'deletedReplayId',
    'The global id of the deleted replay; null when `userErrors` says why.',
  ),
);
