/** For the mutations-issues-*.test.ts suites: the issue mutation documents, the REST read-back. */
import { graphql } from '../__generated__/gql.ts';

export const UpdateIssue = graphql(`
  mutation TestUpdateIssue($input: UpdateIssueInput!) {
    updateIssue(input: $input) {
      issue {
        id
        status
        substatus
        priority
        isBookmarked
        hasSeen
        assignedTo {
          __typename
          ... on Team {
            slug
          }
          ... on User {
            email
          }
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

export const UpdateIssues = graphql(`
  mutation TestUpdateIssues($input: UpdateIssuesInput!) {
    updateIssues(input: $input) {
      issues {
        id
        status
        substatus
        priority
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteIssues = graphql(`
  mutation TestDeleteIssues($input: DeleteIssuesInput!) {
    deleteIssues(input: $input) {
      deletedIssueIds
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteIssue = graphql(`
  mutation TestDeleteIssue($input: DeleteIssueInput!) {
    deleteIssue(input: $input) {
      deletedIssueId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const MergeIssues = graphql(`
  mutation TestMergeIssues($input: MergeIssuesInput!) {
    mergeIssues(input: $input) {
      issue {
        id
      }
      mergedIssueIds
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface RestIssue {
  status: string;
  substatus: string | null;
  priority: string;
  isBookmarked: boolean;
  statusDetails: Record<string, unknown>;
  assignedTo: { type: string; id: string; name: string } | null;
}

export const issuePath = (id: string) => `/api/0/organizations/acme/issues/${id}/`;
