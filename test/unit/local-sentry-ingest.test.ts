/** Ingestion's pure parts: envelope framing, body decoding, timestamps, normalisation, grouping. */
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody, parseEnvelope } from '../../src/local-sentry/resources/ingest/envelope.ts';
import { groupingHash } from '../../src/local-sentry/resources/ingest/grouping.ts';
import { parseTimestamp } from '../../src/local-sentry/resources/ingest/interfaces.ts';
import { normalizeEvent } from '../../src/local-sentry/resources/ingest/normalize.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
const normalize = (raw: Record<string, unknown>) => normalizeEvent(raw, { received: NOW, size: 1 });

const exception = (frames: Record<string, unknown>[], type = 'ValueError', value = 'bad') => ({
  exception: { values: [{ type, value, stacktrace: { frames } }] },
});
const app = (fn: string, lineno = 1) => ({
  module: 'shop.cart',
  function: fn,
  lineno,
  in_app: true,
});
const lib = (fn: string) => ({ filename: 'site-packages/lib.py', function: fn, in_app: false });

describe('envelopes', () => {
  it('reads length-prefixed, newline-terminated and empty-payload items', () => {
    const body = Buffer.from(
      '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc"}\n' +
        '{"type":"attachment","length":10}\nhelloworld\n' +
        '{"type":"event"}\n{"message":"hi"}\n' +
        '{"type":"client_report","length":0}\n',
    );
    const envelope = parseEnvelope(body);
    expect(envelope.header).toEqual({ event_id: '9ec79c33ec9942ab8353589fcb2e04dc' });
    expect(envelope.items.map((item) => [item.type, item.payload.toString()])).toEqual([
      ['attachment', 'helloworld'],
      ['event', '{"message":"hi"}'],
      ['client_report', ''],
    ]);
  });

  it('a payload of `length` bytes may hold newlines; a short one is refused', () => {
    const ok = parseEnvelope(Buffer.from('{}\n{"type":"attachment","length":3}\na\nb'));
    expect(ok.items[0]?.payload.toString()).toBe('a\nb');
    expect(() => parseEnvelope(Buffer.from('{}\n{"type":"attachment","length":30}\nab'))).toThrow(
      /invalid event envelope/,
    );
    expect(() => parseEnvelope(Buffer.from('{}\n{"length":1}\na\n'))).toThrow();
    expect(() => parseEnvelope(Buffer.from(''))).toThrow();
  });

  it('undoes gzip and brotli; refuses an unknown coding', () => {
    const text = Buffer.from('{"a":1}');
    expect(decodeBody(gzipSync(text), 'gzip').toString()).toBe('{"a":1}');
    expect(decodeBody(brotliCompressSync(text), 'br').toString()).toBe('{"a":1}');
    expect(decodeBody(text, undefined).toString()).toBe('{"a":1}');
    expect(() => decodeBody(text, 'compress')).toThrow();
    expect(() => decodeBody(text, 'gzip')).toThrow();
    // A small body that inflates beyond the cap is refused, not expanded.
    expect(() => decodeBody(gzipSync(Buffer.alloc(60 * 1024 * 1024)), 'gzip')).toThrow(
      /failed to decompress/,
    );
  });
});

describe('normalisation', () => {
  it('timestamps: float seconds, ISO with or without a zone', () => {
    expect(parseTimestamp(1_764_590_400.5)).toBe(1_764_590_400_500);
    expect(parseTimestamp('2026-12-01T12:00:00')).toBe(NOW);
    expect(parseTimestamp('2026-12-01T13:00:00+01:00')).toBe(NOW);
    expect(parseTimestamp('yesterday')).toBeUndefined();
  });

  it('clamps future timestamps to the receive time and records why', () => {
    const event = normalize({ timestamp: NOW / 1000 + 3600, message: 'x' });
    expect(event.timestamp).toBe(NOW);
    expect(event.errors).toMatchObject([{ type: 'future_timestamp' }]);
  });

  it('title, culprit and metadata as Sentry computes them', () => {
    const error = normalize({ platform: 'python', ...exception([lib('call'), app('checkout')]) });
    expect(error).toMatchObject({
      type: 'error',
      title: 'ValueError: bad',
      culprit: 'shop.cart in checkout',
      metadata: {
        type: 'ValueError',
        value: 'bad',
        function: 'checkout',
        in_app_frame_mix: 'mixed',
      },
    });
    const message = normalize({
      logentry: { message: 'Retry %s of %s', params: [2, 5], formatted: 'Retry 2 of 5' },
    });
    expect(message).toMatchObject({ type: 'default', title: 'Retry 2 of 5', level: 'error' });
    expect(normalize({ message: 'x', level: 'WARNING' }).level).toBe('warning');
  });
});

describe('grouping', () => {
  const hash = (raw: Record<string, unknown>) => groupingHash(normalize(raw)).hash;

  it('in-app frames decide; system frames, line numbers and values do not', () => {
    const base = hash(exception([lib('call'), app('checkout', 10)]));
    expect(hash(exception([lib('other'), app('checkout', 99)], 'ValueError', 'worse'))).toBe(base);
    expect(hash(exception([lib('call'), app('pay')]))).not.toBe(base);
    expect(hash(exception([lib('call'), app('checkout')], 'KeyError'))).not.toBe(base);
  });

  it('without in-app frames all frames count; without frames the value does', () => {
    expect(hash(exception([lib('a')]))).not.toBe(hash(exception([lib('b')])));
    expect(hash(exception([], 'E', 'one'))).not.toBe(hash(exception([], 'E', 'two')));
  });

  it('messages group by their template', () => {
    const a = hash({ logentry: { message: 'Retry %s', formatted: 'Retry 1' } });
    expect(hash({ logentry: { message: 'Retry %s', formatted: 'Retry 2' } })).toBe(a);
    expect(hash({ message: 'Other' })).not.toBe(a);
  });

  it('fingerprints replace the default; {{ default }} and variables expand', () => {
    const frames = exception([app('checkout')]);
    const plain = hash(frames);
    expect(hash({ ...frames, fingerprint: ['{{ default }}'] })).toBe(plain);
    const a = hash({ ...frames, fingerprint: ['{{ default }}', 'tenant-a'] });
    expect(a).not.toBe(plain);
    expect(hash({ ...frames, fingerprint: ['{{default}}', 'tenant-a'] })).toBe(a);
    expect(hash({ ...exception([app('other')]), fingerprint: ['db-down'] })).toBe(
      hash({ message: 'x', fingerprint: ['db-down'] }),
    );
    expect(hash({ ...frames, fingerprint: ['{{ type }}'] })).toBe(
      hash({ ...exception([app('elsewhere')]), fingerprint: ['{{ type }}'] }),
    );
  });
});
