/**
 * Relay global ids: `base64url("<Type>:<loader key>")`. Decoding is strict, so a malformed id is
 * BAD_USER_INPUT before anything is loaded.
 */
import { type GraphQLSchema, isObjectType } from 'graphql';
import { badUserInput } from './errors.ts';

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const TYPENAME = /^[A-Z][A-Za-z0-9]*$/;

export function encodeGlobalId(typename: string, id: bigint | number | string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  const invalid = () =>
    badUserInput(`Invalid global id: ${JSON.stringify(globalId.slice(0, 100))}`);
  // Standard base64 (with + / =) is accepted too, as Relay tooling sometimes re-encodes ids.
  const normalised = globalId.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
  if (normalised.length === 0 || normalised.length > 1000 || !BASE64URL.test(normalised)) {
    throw invalid();
  }
  const decoded = Buffer.from(normalised, 'base64url').toString('utf8');
  if (Buffer.from(decoded, 'utf8').toString('base64url') !== normalised) throw invalid();
  const colon = decoded.indexOf(':');
  const typename = decoded.slice(0, colon);
  const id = decoded.slice(colon + 1);
  if (colon <= 0 || id === '' || !TYPENAME.test(typename)) throw invalid();
  return { typename, id };
}

/** True when `typename` names an object type of `schema` that implements `Node`. */
export function isNodeType(schema: GraphQLSchema, typename: string): boolean {
  const type = schema.getType(typename);
  return isObjectType(type) && type.getInterfaces().some((node) => node.name === 'Node');
}
