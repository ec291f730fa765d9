/**
 * Route matching on raw paths. A route template reads like Sentry's API reference,
 * `GET /api/0/organizations/{org}/issues/{issue_id}/`; it is also the name the route has in
 * `/_local/stats`.
 */

/** One segment of a template: a literal, or a named parameter. */
type Segment = { literal: string } | { param: string };

export interface CompiledRoute<R> {
  method: string;
  /** `METHOD /path/{param}/`, as written. */
  template: string;
  segments: Segment[];
  /** Written without the trailing `/` (SCIM's `/scim/v2/Users`): matches only such paths. */
  slashless: boolean;
  route: R;
}

export interface RouteMatch<R> {
  route: R;
  template: string;
  params: Record<string, string>;
}

/**
 * Splits a raw path into decoded segments, or returns undefined when the path cannot name a
 * route: a malformed escape, an empty segment (`//`), a `.` or `..` segment, or a segment that
 * contains `/` once decoded (`..%2F`, `%2F`). Each segment is decoded exactly once, so an encoded
 * value can never address another route.
 */
export function splitPath(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/') || !rawPath.endsWith('/')) return undefined;
  const raw = rawPath.slice(1, -1);
  if (raw === '') return [];
  const segments: string[] = [];
  for (const part of raw.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || decoded.includes('/')) {
      return undefined;
    }
    segments.push(decoded);
  }
  return segments;
}

/**
 * Templates end with `/` as Sentry's routes do, except SCIM's (`.../scim/v2/Users`), which Sentry
 * serves without one: such a template matches only paths without the trailing `/`.
 */
function compile(template: string): { method: string; segments: Segment[]; slashless: boolean } {
  const space = template.indexOf(' ');
  const method = template.slice(0, space);
  const path = template.slice(space + 1);
  const slashless = !path.endsWith('/');
  if (!path.startsWith('/') || (slashless && !path.includes('/scim/'))) {
    throw new Error(`Route template must start and end with "/": ${template}`);
  }
  const segments = (slashless ? `${path}/` : path)
    .slice(1, -1)
    .split('/')
    .map((part): Segment => {
      const param = /^\{([a-z_]+)\}$/.exec(part)?.[1];
      return param === undefined ? { literal: part } : { param };
    });
  return { method, segments, slashless };
}

/** A table of routes; the most literal match wins (`events/latest/` before `events/{event_id}/`). */
export class Router<R> {
  readonly #routes: CompiledRoute<R>[] = [];

  add(template: string, route: R): void {
    if (this.#routes.some((existing) => existing.template === template)) {
      throw new Error(`Duplicate route: ${template}`);
    }
    this.#routes.push({ template, route, ...compile(template) });
  }

  get templates(): string[] {
    return this.#routes.map((route) => route.template);
  }

  /** Matches decoded segments; `undefined` when no route has this shape and method. */
  match(method: string, segments: readonly string[], slashless = false): RouteMatch<R> | undefined {
    let best: { match: RouteMatch<R>; literals: number } | undefined;
    for (const candidate of this.#routes) {
      if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
      if (candidate.slashless !== slashless) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let matches = true;
      for (const [index, segment] of candidate.segments.entries()) {
        const value = segments[index] ?? '';
        if ('literal' in segment) {
          if (segment.literal !== value) {
            matches = false;
            break;
          }
          literals += 1;
        } else {
          params[segment.param] = value;
        }
      }
      if (matches && (best === undefined || literals > best.literals)) {
        best = {
          match: { route: candidate.route, template: candidate.template, params },
          literals,
        };
      }
    }
    return best?.match;
  }

  /** Methods that some route accepts for these segments (for 405). */
  allowedMethods(segments: readonly string[], slashless = false): string[] {
    const methods = new Set<string>();
    for (const candidate of this.#routes) {
      if (candidate.segments.length !== segments.length || candidate.slashless !== slashless) {
        continue;
      }
      const fits = candidate.segments.every(
        (segment, index) => !('literal' in segment) || segment.literal === segments[index],
      );
      if (fits) methods.add(candidate.method);
    }
    return [...methods];
  }
}
