/** Organization, member, team, project, key, hook and feedback responses match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/organizations.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);
