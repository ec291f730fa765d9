/** Where calls go: the configured base URL, and the region hosts Sentry names for organizations. */
import { localBadRequest } from './errors.ts';

/** An origin and the path prefix Sentry's API sits under there (`''` or e.g. `/sentry`). */
export interface Target {
  origin: string;
  basePath: string;
}

/**
 * Whether a region URL named by a response may receive the caller's token. Trusted:
 * - the configured host itself (then `rememberRegion` keeps using the configured base URL:
 *   a self-hosted Sentry behind a proxy often names its internal port or drops the path);
 * - a subdomain of it (`sentry.io` → `us.sentry.io`);
 * - a sibling region host (`us.sentry.io` → `de.sentry.io`): same parent domain of at least two
 *   labels, and both first labels look like region names (two letters and an optional digit),
 *   so that a multi-tenant parent (`team.example-paas.com`) never hands the token to a
 *   neighbour tenant.
 * The scheme must be https, or http only when the configured URL is http. No credentials in
 * the URL. Anything else (another domain, an IP, a look-alike) is refused and the organization
 * keeps using the configured URL.
 */
export function isTrustedRegion(configured: URL, candidate: URL): boolean {
  if (
    candidate.protocol !== 'https:' &&
    !(candidate.protocol === 'http:' && configured.protocol === 'http:')
  ) {
    return false;
  }
  if (candidate.username || candidate.password) return false;
  const base = configured.hostname.toLowerCase();
  const host = candidate.hostname.toLowerCase();
  if (host === base) return true;
  if (isIpAddress(base) || isIpAddress(host)) return false;
  if (host.endsWith(`.${base}`)) return true;
  const baseLabels = base.split('.');
  const hostLabels = host.split('.');
  if (baseLabels.length < 3 || hostLabels.length !== baseLabels.length) return false;
  const region = /^[a-z]{2}\d?$/;
  return (
    baseLabels.slice(1).join('.') === hostLabels.slice(1).join('.') &&
    region.test(baseLabels[0] ?? '') &&
    region.test(hostLabels[0] ?? '')
  );
}

/**
 * Where calls for an organization go when a response names `regionUrl` for it: a trusted
 * region's target, `'configured'` for the configured host itself (a self-hosted Sentry naming
 * its own, often internal, URL: another port, no proxy path prefix; the configured base URL
 * stays authoritative), or `'refused'`.
 */
export function regionTarget(
  configured: URL,
  regionUrl: string,
): Target | 'configured' | 'refused' {
  let url: URL;
  try {
    url = new URL(regionUrl);
  } catch {
    return 'refused';
  }
  if (url.hostname.toLowerCase() === configured.hostname.toLowerCase()) return 'configured';
  if (!isTrustedRegion(configured, url)) return 'refused';
  return { origin: url.origin, basePath: trimPath(url.pathname) };
}

function isIpAddress(host: string): boolean {
  return /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[') || host.includes(':');
}

export function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw localBadRequest('Sentry base URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw localBadRequest('Sentry base URL must be http or https');
  }
  if (url.username || url.password) {
    throw localBadRequest('Sentry base URL must not carry credentials');
  }
  return url;
}

/** `/sentry/` → `/sentry`, `/` → ``, `/sentry/api/0/` → `/sentry`. */
export function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/\/api\/0$/, '');
}
