import { Kind } from 'graphql';
import { builder } from './builder.ts';
import { badUserInput } from './errors.ts';

const PERIOD = /^[1-9][0-9]{0,3}[smhdw]$/;

function parsePeriod(value: unknown): string {
  if (typeof value !== 'string' || !PERIOD.test(value)) {
    throw badUserInput(
      'StatsPeriod must be a number and a unit (s, m, h, d, w), e.g. "24h" or "14d".',
    );
  }
  return value;
}

export const StatsPeriod = builder.scalarType('StatsPeriod', {
  description: 'A period counted back from now, as Sentry writes it: "24h", "14d", "90d".',
  serialize: (value) => value,
  parseValue: parsePeriod,
  parseLiteral: (node) => parsePeriod(node.kind === Kind.STRING ? node.value : undefined),
});
