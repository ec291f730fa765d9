import { describe, expect, it } from 'vitest';
import { replayIdOf } from '../../src/graph/replays/replay-link.ts';

const id = '7e07485f12f9416b8b1426260799b51f';

describe('replayIdOf', () => {
  it('reads the replay context first, then the replayId tag, normalised', () => {
    expect(replayIdOf({ contexts: { replay: { replay_id: id } }, tags: [] })).toBe(id);
    const dashed = '7E07485F-12F9-416B-8B14-26260799B51F';
    expect(replayIdOf({ tags: [{ key: 'replayId', value: dashed }] })).toBe(id);
    expect(
      replayIdOf({
        contexts: { replay: { replay_id: id } },
        tags: [{ key: 'replayId', value: '0'.repeat(32) }],
      }),
    ).toBe(id);
  });

  it('names no replay for an event without one or with a malformed id', () => {
    expect(replayIdOf({ contexts: { os: { name: 'iOS' } }, tags: [] })).toBeUndefined();
    expect(replayIdOf({ tags: [{ key: 'replayId', value: 'nope' }] })).toBeUndefined();
    expect(replayIdOf({ contexts: { replay: 'x' }, tags: [] })).toBeUndefined();
  });
});
