/**
 * Runs after the unit, integration and browser projects (vitest.config.ts `groupOrder`): every
 * route the local Sentry serves was answered by some test's server in this run.
 */
import { describe, expect, it } from 'vitest';
import { sentryRoutes } from '../../src/local-sentry/resources/index.ts';
import { coveredRoutes } from '../helpers/route-coverage.ts';

describe('route coverage', () => {
  it('exercised every route template of the local Sentry', () => {
    const covered = coveredRoutes();
    const missing = sentryRoutes()
      .map((route) => route.template)
      .filter((template) => !covered.has(template));
    expect(missing).toEqual([]);
  });
});
