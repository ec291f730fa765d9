/** For the mutations-releases-*.test.ts suites: createRelease, the test version, its REST path. */
import { graphql } from '../__generated__/gql.ts';

export const CreateRelease = graphql(`
  mutation TestCreateRelease($input: CreateReleaseInput!) {
    createRelease(input: $input) {
      release {
        id
        version
        ref
        url
        releasedAt
        commitCount
        projects {
          slug
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const VERSION = 'backend@9.0.0-graphql';

export const releasePath = (version: string) =>
  `/api/0/organizations/acme/releases/${encodeURIComponent(version)}/`;
