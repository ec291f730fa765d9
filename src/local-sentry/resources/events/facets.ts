/**
 * The parts of an event not stored on its record (browser, OS, device, URL, trace), drawn from its
 * seed.
 */
import { Random } from '../../data/random.ts';
import type { ErrorTemplate } from '../../data/templates/index.ts';
import type { EventRecord } from './record.ts';

const BROWSERS = [
  { name: 'Chrome', version: '131.0.0', weight: 6 },
  { name: 'Safari', version: '18.1', weight: 2 },
  { name: 'Firefox', version: '132.0', weight: 1.5 },
  { name: 'Edge', version: '131.0.0', weight: 1 },
  { name: 'Mobile Safari', version: '18.1', weight: 1.5 },
] as const;

const CLIENT_OSES = [
  { name: 'Windows', version: '10', weight: 4 },
  { name: 'Mac OS X', version: '10.15.7', weight: 3 },
  { name: 'iOS', version: '18.1', weight: 1.5 },
  { name: 'Android', version: '14', weight: 1.5 },
  { name: 'Linux', version: '', weight: 0.5 },
] as const;

const DEVICES = [
  { brand: 'samsung', model: 'SM-S918B', family: 'Galaxy S23 Ultra' },
  { brand: 'google', model: 'Pixel 8', family: 'Pixel' },
  { brand: 'Xiaomi', model: '2201117TG', family: 'Redmi Note 11' },
  { brand: 'OnePlus', model: 'CPH2449', family: 'OnePlus 11' },
] as const;

const RUNTIMES: Record<string, { name: string; version: string }> = {
  python: { name: 'CPython', version: '3.12.7' },
  node: { name: 'node', version: 'v20.18.0' },
  go: { name: 'go', version: 'go1.23.3' },
  java: { name: 'Android', version: '14' },
};

/** The per-event facts not stored on the record, drawn from its seed in a fixed order. */
export interface EventFacets {
  browser: { name: string; version: string } | null;
  os: { name: string; version: string };
  device: { brand: string; model: string; family: string } | null;
  runtime: { name: string; version: string } | null;
  serverName: string | null;
  url: string | null;
  method: string;
  traceId: string;
  spanId: string;
  size: number;
}

const HOSTS: Record<string, string> = { acme: 'acme.com', globex: 'globex.com' };

/** What {@link eventFacets} computed for an event, and from which inputs. */
interface CachedFacets {
  seed: number;
  org: string;
  template: ErrorTemplate;
  facets: EventFacets;
}

const facetsCache = new WeakMap<EventRecord, CachedFacets>();

/** The event's facets (memoized per event while its seed, organization and template stay). */
export function eventFacets(event: EventRecord, template: ErrorTemplate): EventFacets {
  const cached = facetsCache.get(event);
  if (
    cached !== undefined &&
    cached.seed === event.seed &&
    cached.org === event.org &&
    cached.template === template
  ) {
    return cached.facets;
  }
  const facets = computeFacets(event, template);
  facetsCache.set(event, { seed: event.seed, org: event.org, template, facets });
  return facets;
}

function computeFacets(event: EventRecord, template: ErrorTemplate): EventFacets {
  const random = new Random(event.seed);
  const platform = template.platform;
  const browserPick = random.weighted(BROWSERS.map((b) => [b, b.weight] as const));
  const osPick = random.weighted(CLIENT_OSES.map((o) => [o, o.weight] as const));
  const device = random.pick(DEVICES);
  const pod = `${random.hex(9)}-${random.hex(5)}`;
  const id = random.int(1, 99_999);
  const traceId = random.hex(32);
  const spanId = random.hex(16);
  const size = random.int(3_000, 24_000);
  const host = HOSTS[event.org] ?? `${event.org}.example.com`;
  const path = template.transaction.replace(/\{[a-z_]+\}|:[a-z]+/g, String(id));
  const web = platform === 'javascript';
  const server = platform === 'python' || platform === 'node' || platform === 'go';
  return {
    browser: web ? { name: browserPick.name, version: browserPick.version } : null,
    os: web
      ? { name: osPick.name, version: osPick.version }
      : platform === 'java'
        ? { name: 'Android', version: '14' }
        : { name: 'Linux', version: '6.1.0' },
    device: platform === 'java' ? device : null,
    runtime: RUNTIMES[platform] ?? null,
    serverName: server ? `${template.platform === 'go' ? 'payments' : 'web'}-${pod}` : null,
    url: web
      ? `https://app.${host}${path}`
      : server && path.startsWith('/')
        ? `https://api.${host}${path}`
        : server && /^(GET|POST|PUT|DELETE) /.test(path)
          ? `https://api.${host}${path.slice(path.indexOf(' ') + 1)}`
          : null,
    method: /^POST |checkout|invoices|quotes|transfers/.test(template.transaction) ? 'POST' : 'GET',
    traceId,
    spanId,
    size,
  };
}
