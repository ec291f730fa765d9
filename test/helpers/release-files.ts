/** For the graph-release-file*.test.ts suites: a gateway, the multipart upload and its bytes. */
import { generateData } from '../../src/local-sentry/data/generate.ts';
import { startTestGateway, type TestGateway } from './gateway.ts';

export type Row = Record<string, unknown>;

export const VERSION = 'frontend@1.8.2';

export const start = (gateway: Parameters<typeof startTestGateway>[0] = {}) =>
  startTestGateway({
    localSentry: { data: generateData({ seed: 1, scale: 'small' }) },
    ...gateway,
  });

/** A GraphQL multipart request (operations, map, one file part) through `yoga.fetch`. */
export async function uploadRequest(
  gateway: TestGateway,
  query: string,
  variables: Row,
  file: Blob,
  fileName: string,
  headers: Record<string, string> = { 'x-graphql-csrf': '1' },
) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, fileName);
  const response = await gateway.gateway.fetch(
    new Request('http://gateway.test/graphql', {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.sentry.token}`, ...headers },
      body: form,
    }),
  );
  return { status: response.status, body: (await response.json()) as Row };
}

export const UPLOAD = /* GraphQL */ `
  mutation Upload($org: String!, $version: String!, $file: File!, $name: String, $dist: String) {
    uploadReleaseFile(
      input: {
        organizationSlug: $org
        version: $version
        file: $file
        name: $name
        dist: $dist
        headers: [{ name: "Sourcemap", value: "vendor.js.map" }]
      }
    ) {
      releaseFile { id sentryId name dist size sha1 headers { name value } downloadUrl release { version } }
      userErrors { field message code }
    }
  }
`;

export const BYTES = new Uint8Array([0x76, 0x61, 0x72, 0x20, 0x00, 0xff, 0xfe, 0x0a, 0xe9, 0x80]);
