/**
 * A replay's recording segments as the SDK uploads them: rrweb events, rebuilt on demand from
 * the replay's seed. Segment 0 opens with a Meta event and a full DOM snapshot (whose node ids
 * are those the clicks name); every segment carries the navigations, clicks and mouse moves of
 * its time, and a memory performance span.
 */
import type { SentryJsonObject } from '../../../sentry/types.ts';
import { Random } from '../../data/random.ts';
import { segmentSpan } from './build.ts';
import { ELEMENTS, FIRST_ELEMENT_NODE } from './generate.ts';
import type { ReplayRecord } from './record.ts';

// rrweb's EventType and IncrementalSource numbers.
const FULL_SNAPSHOT = 2;
const INCREMENTAL = 3;
const META = 4;
const CUSTOM = 5;
const MOUSE_MOVE = 1;
const MOUSE_INTERACTION = 2;
const CLICK = 2;

function snapshotNode(): SentryJsonObject {
  const elements = ELEMENTS.map((element, index) => ({
    type: 2,
    id: FIRST_ELEMENT_NODE + index,
    tagName: element.tag,
    attributes: {
      ...(element.id ? { id: element.id } : {}),
      ...(element.classes.length > 0 ? { class: element.classes.join(' ') } : {}),
      ...(element.role ? { role: element.role } : {}),
      ...(element.label ? { 'aria-label': element.label } : {}),
      ...(element.alt ? { alt: element.alt } : {}),
      ...(element.title ? { title: element.title } : {}),
      ...(element.testid ? { 'data-testid': element.testid } : {}),
    },
    childNodes: element.text
      ? [{ type: 3, id: FIRST_ELEMENT_NODE + ELEMENTS.length + index, textContent: element.text }]
      : [],
  }));
  return {
    type: 0,
    id: 1,
    childNodes: [
      {
        type: 2,
        id: 2,
        tagName: 'html',
        attributes: { lang: 'en' },
        childNodes: [
          { type: 2, id: 3, tagName: 'head', attributes: {}, childNodes: [] },
          { type: 2, id: 4, tagName: 'body', attributes: {}, childNodes: elements },
        ],
      },
    ],
  };
}

function breadcrumb(timestamp: number, category: string, data: SentryJsonObject): SentryJsonObject {
  return {
    type: CUSTOM,
    timestamp,
    data: {
      tag: 'breadcrumb',
      payload: { timestamp: timestamp / 1000, type: 'default', category, data },
    },
  };
}

/** The rrweb events of segment `segmentId` (empty past the last one). */
export function segmentEvents(replay: ReplayRecord, segmentId: number): SentryJsonObject[] {
  const count = replay.wire.count_segments ?? 1;
  if (segmentId < 0 || segmentId >= count) return [];
  const rng = new Random(replay.seed + segmentId);
  const span = segmentSpan(replay);
  const from = replay.startedAt + segmentId * span;
  const to = Math.min(replay.finishedAt, from + span);
  const urls = replay.wire.urls ?? [];
  const events: SentryJsonObject[] = [];
  if (segmentId === 0) {
    const width = rng.pick([1280, 1440, 1920]);
    const height = rng.pick([720, 900, 1080]);
    events.push({ type: META, timestamp: from, data: { href: urls[0] ?? '', width, height } });
    events.push({
      type: FULL_SNAPSHOT,
      timestamp: from + 1,
      data: { node: snapshotNode(), initialOffset: { top: 0, left: 0 } },
    });
  }
  urls.forEach((url, index) => {
    const at =
      replay.startedAt + Math.floor(((replay.finishedAt - replay.startedAt) * index) / urls.length);
    if (at >= from && at < to && index > 0) {
      events.push(breadcrumb(at, 'navigation', { from: urls[index - 1] ?? '', to: url }));
    }
  });
  for (const click of replay.clicks) {
    if (click.timestamp < from || click.timestamp >= to) continue;
    const x = rng.int(0, 1200);
    const y = rng.int(0, 800);
    events.push({
      type: INCREMENTAL,
      timestamp: click.timestamp,
      data: { source: MOUSE_INTERACTION, type: CLICK, id: click.nodeId, x, y },
    });
    events.push(breadcrumb(click.timestamp, 'ui.click', { nodeId: click.nodeId }));
  }
  for (let m = rng.int(1, 4); m > 0; m--) {
    const at = rng.int(from, Math.max(from, to - 1));
    events.push({
      type: INCREMENTAL,
      timestamp: at,
      data: {
        source: MOUSE_MOVE,
        positions: [{ x: rng.int(0, 1200), y: rng.int(0, 800), id: 4, timeOffset: 0 }],
      },
    });
  }
  const used = rng.int(8_000_000, 40_000_000);
  events.push({
    type: CUSTOM,
    timestamp: to,
    data: {
      tag: 'performanceSpan',
      payload: {
        op: 'memory',
        description: 'memory',
        startTimestamp: to / 1000,
        endTimestamp: to / 1000,
        data: {
          memory: {
            jsHeapSizeLimit: 4294705152,
            totalJSHeapSize: used + 1_000_000,
            usedJSHeapSize: used,
          },
        },
      },
    },
  });
  return events.sort((a, b) => Number(a['timestamp']) - Number(b['timestamp']));
}
